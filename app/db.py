"""Engines and sessions: the one place that opens database connections.

A request gets one session, so one pooled connection, shared by everything it reads (the API key
lookup included). What kind of session depends on the request, decided in `access_of`:
- reads see one snapshot (REPEATABLE READ, READ ONLY on PostgreSQL; one read transaction on SQLite),
  on the replica when there is one, or on the primary for the change feed and the export;
- writes run on the primary as one transaction that commits when the route returns, *before* the
  response is sent (a function-scoped dependency), so a 2xx always names a committed write and a
  failed commit is an error response. On SQLite, writers of one process queue on a lock first, then
  take the database's write lock (BEGIN IMMEDIATE), so they take turns instead of failing.
Services and repositories never commit on their own.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any

from fastapi import Depends, Request
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session

import app.changes.recorder  # noqa: F401  (registers the change log on every session)
from app.config import Settings, get_settings
from app.errors import ServiceBusy

WRITER_OPTION = "interviews_writer"
SQLITE_POOL_SIZE = 20
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
READ_FROM_PRIMARY = ("/v1/changes", "/v1/export")
"""Reads that must see every commit at once (a partner's cursor), so never a lagging replica."""
DRY_RUN_PATHS = frozenset({"/v1/imports"})
"""POSTs that only read when `dry_run` is true."""


class Access(StrEnum):
    read = "read"
    primary = "primary"
    write = "write"


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
            otherwise fail at once with "database is locked" instead of waiting its turn. Readers
            begin too, so that all their statements read one snapshot."""
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


def snapshot(engine: Engine) -> Engine:
    """The same pool, for sessions whose statements must all read one committed state."""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    return engine  # a SQLite transaction reads one snapshot from its first read on (WAL)


def get_write_engine() -> Engine:
    """The primary, marked so that its transactions begin as writers (BEGIN IMMEDIATE on SQLite)."""
    return get_engine().execution_options(**{WRITER_OPTION: True})


_sqlite_writer = threading.Lock()
"""One SQLite writer at a time in this process: the others queue here, in order, rather than
spinning on the database's busy timeout (which other processes, such as the CLI, still use)."""


def engine_of(access: Access) -> Engine:
    if access is Access.write:
        return get_write_engine()
    return snapshot(get_read_engine() if access is Access.read else get_engine())


def open_session(access: Access) -> Iterator[Session]:
    """A session of one kind: a write commits when the caller is done, anything else rolls back."""
    engine = engine_of(access)
    queued = access is Access.write and engine.dialect.name == "sqlite"
    if queued and not _sqlite_writer.acquire(timeout=get_settings().write_queue_seconds):
        raise ServiceBusy("Other writes are queued ahead of this one. Retry in a few seconds.")
    try:
        with Session(engine, expire_on_commit=False) as session:
            try:
                yield session
            except BaseException:
                session.rollback()
                raise
            if access is Access.write:
                session.commit()
            else:
                session.rollback()  # nothing to keep; ends the snapshot
    finally:
        if queued:
            _sqlite_writer.release()


def access_of(request: Request) -> Access:
    """Which session a request needs: decided here, once, from its method and path."""
    path = request.url.path
    if request.method in SAFE_METHODS:
        return Access.primary if path.startswith(READ_FROM_PRIMARY) else Access.read
    if path in DRY_RUN_PATHS and _is_true(request.query_params.get("dry_run")):
        return Access.read
    return Access.write


_BOOLEAN = TypeAdapter(bool)


def _is_true(value: str | None) -> bool:
    """A query flag read as FastAPI reads it (`true`, `1`, `yes`, `on`…); anything else is false."""
    if value is None:
        return False
    try:
        return _BOOLEAN.validate_python(value)
    except ValidationError:
        return False


def request_session(request: Request) -> Iterator[Session]:
    """The request's one session; it ends (and a write commits) before the response is sent."""
    yield from open_session(access_of(request))


SessionDep = Annotated[Session, Depends(request_session, scope="function")]
