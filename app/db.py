"""Engines and sessions: the one place that opens database connections.

A request gets one session; it commits when the route returns and rolls back when it raises,
so services and repositories never commit on their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session

import app.changes.recorder  # noqa: F401  (registers the change log on every session)
from app.config import Settings, get_settings

WRITER_OPTION = "interviews_writer"
SQLITE_POOL_SIZE = 20


def make_engine(url: str, settings: Settings | None = None) -> Engine:
    """An engine tuned per store: SQLite gets WAL, enforced foreign keys and a busy timeout."""
    settings = settings or get_settings()
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            echo=settings.log_sql,
            # As many connections as request threads, kept open: each new SQLite connection starts
            # with a cold page cache.
            pool_size=SQLITE_POOL_SIZE,
            max_overflow=SQLITE_POOL_SIZE,
            pool_timeout=settings.pool_timeout_seconds,
            connect_args={"check_same_thread": False, "timeout": settings.sqlite_busy_timeout_ms / 1000},
        )
        busy_timeout = settings.sqlite_busy_timeout_ms

        @event.listens_for(engine, "connect")
        def configure_sqlite(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
            # Let SQLAlchemy's "begin" event below start transactions, so writers can say IMMEDIATE.
            dbapi_connection.isolation_level = None
            cursor: Any = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout)}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def begin_sqlite(connection: Connection) -> None:
            """Writers take the write lock up front: a read that later turns into a write could
            otherwise fail at once with "database is locked" instead of waiting its turn."""
            immediate = connection.get_execution_options().get(WRITER_OPTION, False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return create_engine(
        url,
        echo=settings.log_sql,
        pool_size=settings.pool_size,
        max_overflow=settings.pool_size,
        pool_pre_ping=True,
        pool_timeout=settings.pool_timeout_seconds,
        connect_args={
            "options": f"-c statement_timeout={settings.statement_timeout_ms}",
            # A database that is down or restarting must fail requests fast (503), not hang them.
            "connect_timeout": settings.connect_timeout_seconds,
        },
    )


@lru_cache
def engine_for(url: str) -> Engine:
    """One engine (and connection pool) per database URL for the life of the process."""
    settings = get_settings()
    path = settings.sqlite_path() if url == settings.database_url else None
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    return make_engine(url, settings)


def get_engine() -> Engine:
    return engine_for(get_settings().database_url)


def get_read_engine() -> Engine:
    """The replica when DATABASE_READ_URL is set, else the primary."""
    settings = get_settings()
    return engine_for(settings.database_read_url) if settings.database_read_url else get_engine()


def get_write_engine() -> Engine:
    """The same engine, marked so that its transactions begin as writers (BEGIN IMMEDIATE on SQLite)."""
    return get_engine().execution_options(**{WRITER_OPTION: True})


def get_session() -> Iterator[Session]:
    """One session per reading request (on the replica when there is one): roll back on any error."""
    yield from _session_on(get_read_engine())


def get_primary_session() -> Iterator[Session]:
    """Reads that must see every commit at once (the change feed's cursor), so never a lagging replica."""
    yield from _session_on(get_engine())


def _session_on(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def get_write_session() -> Iterator[Session]:
    """The session of a request that writes: one transaction on the primary, begun as a writer."""
    yield from _session_on(get_write_engine())


SessionDep = Annotated[Session, Depends(get_session)]
WriteSessionDep = Annotated[Session, Depends(get_write_session)]
PrimarySessionDep = Annotated[Session, Depends(get_primary_session)]
