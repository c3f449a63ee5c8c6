"""Many rows into one table, handed to the database driver as they are.

SQLAlchemy's executemany makes a dict of bound parameters of every row and passes every value
through its type's processor; in a large import that took about as long as the database took to
store the rows. Here SQLAlchemy still compiles the INSERT (so each store gets its own SQL) and
its type processors still convert the values, but once per distinct value (the timestamps of a
batch are all one value), and the rows go to the driver's executemany as tuples.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session


def insert_rows(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: list[tuple[Any, ...]],
    *,
    rows_per_statement: int = 1,
) -> None:
    """Insert rows of values for `columns`, in order; with `rows_per_statement` above one (for
    drivers with `?` or `%s` parameters), as multi-row INSERT statements."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns), for_executemany=True)
    if set(compiled.binds) != set(columns):  # a column default SQLAlchemy would have filled in
        raise ValueError(f"rows for {table.name} must give exactly {sorted(compiled.binds)}")
    names = list(compiled.positiontup or columns)
    processors = [_processor(table, dialect, name) for name in names]
    if names != list(columns) or any(processors):
        order = [list(columns).index(name) for name in names]
        by_column = list(zip(*rows, strict=True))
        values = [_processed(processor, by_column[i]) for processor, i in zip(processors, order, strict=True)]
        rows = list(zip(*values, strict=True))
    if not compiled.positional:
        connection.exec_driver_sql(str(compiled), [dict(zip(names, row, strict=True)) for row in rows])
        return
    if rows_per_statement <= 1 or dialect.paramstyle not in ("qmark", "format"):
        connection.exec_driver_sql(str(compiled), rows)
        return
    per_statement = max(1, min(rows_per_statement, dialect.insertmanyvalues_max_parameters // len(names)))
    head, separator, group = str(compiled).partition(" VALUES ")
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        connection.exec_driver_sql(
            head + separator + ", ".join([group] * len(chunk)), tuple(value for row in chunk for value in row)
        )


def _processor(table: Table, dialect: Any, name: str) -> Callable[[Any], Any] | None:
    processor: Callable[[Any], Any] | None = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
    return processor


def _processed(processor: Callable[[Any], Any] | None, column_values: Sequence[Any]) -> Sequence[Any]:
    if processor is None:
        return column_values
    done: dict[int, Any] = {}  # by identity: equal date-times in other time zones would print differently
    result = []
    for value in column_values:
        key = id(value)
        if key not in done:
            done[key] = processor(value)
        result.append(done[key])
    return result


def insert_missing(session: Session, table: Table, column: str, values: set[str], chunk: int = 5_000) -> None:
    """Insert the values that `column` (the table's primary key) does not hold yet; the others are left
    as they are (`INSERT … ON CONFLICT DO NOTHING`, which both stores speak)."""
    if not values:
        return
    dialect = session.connection().dialect.name
    build: Any = sqlite_insert if dialect == "sqlite" else postgresql_insert
    ordered = sorted(values)  # the same order in every writer, so concurrent writers cannot deadlock
    for start in range(0, len(ordered), chunk):
        rows = [{column: value} for value in ordered[start : start + chunk]]
        session.execute(build(table).on_conflict_do_nothing(index_elements=[column]), rows)
