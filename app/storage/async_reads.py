"""Single-statement reads on PostgreSQL from the event loop, on psycopg's asynchronous pool.

A stored interview is one indexed row. Read through SQLAlchemy's pool in a worker thread, the hop and
the machinery took more of the process's time than the read; on an asynchronous connection the event
loop sends the statement and serves other requests until the answer comes back (cold interviews at 16
connections: 0.27-0.33 of the framework floor through a thread, 0.52-0.72 this way; bench/README.md,
issue 15).

Each event loop has its own pools, one per database (the primary, the replica), opened on first use
and closed with the app (`close_pools`). Connections are in autocommit (one statement reads one
committed state by itself) and carry the same statement timeout as the main pool's. When a read fails
(the database is away, restarting, or every connection is busy for CONNECT_TIMEOUT_SECONDS), the
database's pool rests for RETRY_SECONDS and callers take their usual path meanwhile, which has its own
way of failing fast and of saying so.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg.rows import namedtuple_row, tuple_row
from psycopg_pool import AsyncConnectionPool
from sqlalchemy import Engine
from sqlalchemy.sql import ClauseElement

from app.config import get_settings
from app.storage.compiled import compiled_once, expanded
from app.storage.replica import conninfo_of

RETRY_SECONDS = 5.0


class ReadUnavailableError(Exception):
    """The read could not be made here: take the usual path."""


@dataclass
class _LoopPools:
    pools: dict[str, AsyncConnectionPool] = field(default_factory=dict)
    resting_until: dict[str, float] = field(default_factory=dict)


_loops: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopPools] = weakref.WeakKeyDictionary()


def reads_from_loop(engine: Engine) -> bool:
    """Whether `fetch_one` serves this engine's database (PostgreSQL; SQLite is read in place)."""
    return engine.dialect.name == "postgresql"


async def fetch_one(
    engine: Engine, statement: ClauseElement, parameters: Mapping[str, Any]
) -> tuple[Any, ...] | None:
    """The first row of a statement on the database of `engine` (whose own pool is not used), or None
    when it has none. Raises ReadUnavailableError when the database cannot answer here and now."""
    rows = await _read(engine, str(compiled_once(statement, engine.dialect)), parameters, all_rows=False)
    return rows[0] if rows else None


async def fetch_all(engine: Engine, statement: ClauseElement, parameters: Mapping[str, Any]) -> list[Any]:
    """Every row of a statement, as named tuples (`row.id`), like `fetch_one`. The statement may have
    expanding parameters (an `IN` of a list), rendered for these values (app/storage/compiled.py)."""
    rendered = expanded(compiled_once(statement, engine.dialect), parameters)
    return await _read(engine, rendered.statement, rendered.parameters, all_rows=True)


async def _read(engine: Engine, sql: str, parameters: Mapping[str, Any], *, all_rows: bool) -> list[Any]:
    loop_pools = _loops.setdefault(asyncio.get_running_loop(), _LoopPools())
    conninfo = conninfo_of(engine.url)
    if time.monotonic() < loop_pools.resting_until.get(conninfo, 0.0):
        raise ReadUnavailableError("resting after a failed read")
    try:
        pool = loop_pools.pools.get(conninfo)
        if pool is None:
            pool = loop_pools.pools[conninfo] = await _open_pool(conninfo)
        # Taken and given back by hand: the pool's `connection()` also ends a transaction, which a
        # connection in autocommit never has open.
        connection = await pool.getconn()
        try:
            cursor = connection.cursor(row_factory=namedtuple_row if all_rows else tuple_row)
            # Binary results: a `bytea` (app/storage/text_bytes.py) comes as its bytes, not as hex.
            await cursor.execute(sql, parameters, binary=True)
            if all_rows:
                return await cursor.fetchall()
            row = await cursor.fetchone()
            return [] if row is None else [row]
        finally:
            await pool.putconn(connection)
    except (psycopg.Error, OSError) as error:  # the pool's own timeout is a psycopg.OperationalError
        loop_pools.resting_until[conninfo] = time.monotonic() + RETRY_SECONDS
        raise ReadUnavailableError(str(error)) from error


async def _open_pool(conninfo: str) -> AsyncConnectionPool:
    settings = get_settings()
    pool = AsyncConnectionPool(
        conninfo,
        min_size=1,
        max_size=settings.pool_size,
        kwargs={
            "autocommit": True,
            "connect_timeout": settings.connect_timeout_seconds,
            "options": f"-c statement_timeout={settings.statement_timeout_ms}",
        },
        timeout=settings.connect_timeout_seconds,
        open=False,
        name="single-reads",
    )
    await pool.open(wait=False)
    return pool


async def close_pools() -> None:
    """Close this event loop's pools (when the app stops)."""
    loop_pools = _loops.pop(asyncio.get_running_loop(), None)
    if loop_pools is not None:
        for pool in loop_pools.pools.values():
            await pool.close()
