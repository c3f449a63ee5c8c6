"""Single-statement reads of a local SQLite file, handed straight to the driver on the event loop.

The plain reads answered ahead of routing (app/interviews/stored_reads.py) are one statement each,
which reads one committed state by itself: a WAL reader takes no lock and waits for none. Through
SQLAlchemy's `Connection` each also paid a pool check-out and check-in, a BEGIN, a ROLLBACK and the
execution context: about 130 of the 250 µs a cold list page spent on its database (bench/README.md,
issue 15). Here each thread keeps one driver connection per database, taken from the engine's pool
once (so opened with its pragmas, in autocommit), and runs statements compiled once
(app/storage/compiled.py) with SQLAlchemy's own processing of each parameter and column by its type
(a `DateTime` is written and read back as it is everywhere else). PostgreSQL's counterpart, on an
asynchronous pool, is app/storage/async_reads.py.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import namedtuple
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any, NamedTuple, cast
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, Select
from sqlalchemy.engine import Dialect
from sqlalchemy.pool import Pool

from app.storage.async_reads import ReadUnavailableError
from app.storage.compiled import compiled_once, expanded


class _Connections(threading.local):
    def __init__(self) -> None:
        self.by_pool: WeakKeyDictionary[Pool, sqlite3.Connection] = WeakKeyDictionary()


_connections = _Connections()


def reads_locally(engine: Engine) -> bool:
    """Whether this engine's database is a local SQLite file, read here in place."""
    return engine.dialect.name == "sqlite"


def fetch_one(engine: Engine, statement: Select[Any], parameters: Mapping[str, Any]) -> Any | None:
    """The first row of a SELECT as a named tuple (`row.id`), or None when it has none. Raises
    ReadUnavailableError when the file cannot be read now (the caller takes its usual path)."""
    rows = fetch_all(engine, statement, parameters)
    return rows[0] if rows else None


def fetch_all(engine: Engine, statement: Select[Any], parameters: Mapping[str, Any]) -> list[Any]:
    """Every row of a SELECT as named tuples, like `fetch_one`. The statement may have expanding
    parameters (an `IN` of a list), rendered for these values (app/storage/compiled.py)."""
    rendered = expanded(compiled_once(statement, engine.dialect), parameters)
    processors = rendered.processors
    values = []
    for name in rendered.positiontup or ():
        value = rendered.parameters[name]
        processor = processors.get(name)
        values.append(value if processor is None or value is None else processor(value))
    make_row = _row_maker(statement, engine.dialect)
    return [make_row(row) for row in _read(engine, rendered.statement, values)]


def _read(engine: Engine, sql: str, values: list[Any]) -> list[tuple[Any, ...]]:
    pool = engine.pool  # shared by an engine and its copies with other execution options
    connection = _connections.by_pool.get(pool)
    if connection is None:
        pooled = engine.raw_connection()
        connection = cast(sqlite3.Connection, pooled.driver_connection)
        pooled.detach()  # this thread's own from now on; the pool opens another in its place
        _connections.by_pool[pool] = connection
    try:
        return connection.execute(sql, values).fetchall()
    except sqlite3.Error as error:
        del _connections.by_pool[pool]  # a fresh connection next time
        connection.close()
        raise ReadUnavailableError(str(error)) from error


@lru_cache(maxsize=256)
def _row_maker(statement: Select[Any], dialect: Dialect) -> Callable[[tuple[Any, ...]], Any]:
    """Driver rows to named tuples, each column converted by its type as a SQLAlchemy result would."""
    columns = list(statement.selected_columns)
    row_type: type[NamedTuple] = namedtuple("Row", [column.key for column in columns], rename=True)  # type: ignore[misc]
    processors = [column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns]
    if not any(processors):
        return row_type._make

    def make(row: tuple[Any, ...]) -> Any:
        return row_type._make(
            [value if step is None else step(value) for step, value in zip(processors, row, strict=True)]
        )

    return make
