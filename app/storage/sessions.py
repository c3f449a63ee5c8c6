"""Engines and sessions: the one place that opens database connections.

Four kinds of session (`Access`):
- reads see one snapshot (REPEATABLE READ, READ ONLY on PostgreSQL; one read transaction on SQLite),
  on the replica when there is one and it is fit to read (app/storage/replica.py);
- single reads are reads of one statement (a stored rendering), which sees one committed state by
  itself: on PostgreSQL they run without a transaction, sparing the BEGIN and ROLLBACK round trips;
  what must read more in one of them asks for a snapshot (`one_snapshot`);
- primary reads are the same on the primary, for what must see every commit at once;
- writes run on the primary as one transaction, committed when its user is done. On SQLite, writers
  of one process queue on a lock first, then take the database's write lock (BEGIN IMMEDIATE), so
  they take turns instead of failing.
A request opens one of them (app/kit/sessions.py); services and repositories never commit.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session

import app.storage.change_log  # noqa: F401  (registers the change log on every session)
from app.config import Settings, get_settings
from app.errors import ServiceBusy
from app.storage.replica import PRIMARY_POSITION, ReplicaMonitor, monitor_for

WRITER_OPTION = "interviews_writer"
SQLITE_POOL_SIZE = 20


class Access(StrEnum):
    read = "read"
    single = "single"
    primary = "primary"
    write = "write"


PING_AFTER_IDLE_SECONDS = 1.0
"""A pooled PostgreSQL connection idle longer than this is pinged before use: the server may have
restarted meanwhile. One used a moment ago is not (a ping is a round trip); should the server have
gone in that moment, the statement fails, the pool drops every connection, and the next one works."""


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
        mmap_bytes = settings.sqlite_mmap_mb * 1024 * 1024

        @event.listens_for(engine, "connect")
        def configure_sqlite(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
            # Let SQLAlchemy's "begin" event below start transactions, so writers can say IMMEDIATE.
            dbapi_connection.isolation_level = None
            cursor: Any = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout)}")
            # Reads come straight from the OS's cache of the file, shared by every connection and
            # process, not copied into each connection's 2 MB page cache (a search reads thousands
            # of pages of the index and the documents).
            cursor.execute(f"PRAGMA mmap_size={int(mmap_bytes)}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def begin_sqlite(connection: Connection) -> None:
            """Writers take the write lock up front: a read that later turns into a write could
            otherwise fail at once with "database is locked" instead of waiting its turn. Readers
            begin too, so that all their statements read one snapshot."""
            if connection.get_execution_options().get(WRITER_OPTION, False):
                connection.exec_driver_sql("BEGIN IMMEDIATE")  # may wait, and fail as SQLAlchemy errors do
            else:
                # Takes no lock, so cannot fail: sent straight to the driver, about 50 µs less per
                # read than through SQLAlchemy's statement machinery (a stored interview takes ~200).
                driver: Any = connection.connection.driver_connection
                driver.execute("BEGIN")

        return engine
    engine = create_engine(
        url,
        echo=settings.log_sql,
        pool_size=settings.pool_size,
        max_overflow=settings.pool_size,
        pool_timeout=settings.pool_timeout_seconds,
        connect_args={
            "options": f"-c statement_timeout={settings.statement_timeout_ms}",
            # A database that is down or restarting must fail requests fast (503), not hang them.
            "connect_timeout": settings.connect_timeout_seconds,
        },
    )

    @event.listens_for(engine, "checkin")
    def note_idle_since(_dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def ping_if_idle(dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            # the pool retries the checkout with a new connection
            raise DisconnectionError(f"a pooled connection went away while idle: {error}") from error

    return engine


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


def replica_monitor() -> ReplicaMonitor | None:
    """The watch on DATABASE_READ_URL's replica, or None when reads have no replica to go to."""
    settings = get_settings()
    if not settings.database_read_url or settings.is_sqlite:
        return None
    return monitor_for(settings.database_url, settings.database_read_url, settings)


def get_read_engine() -> Engine:
    """The replica while it is up and within REPLICA_MAX_LAG_SECONDS (app/storage/replica.py), else
    the primary."""
    monitor = replica_monitor()
    if monitor is None or not monitor.reads_may_use_replica(None):
        return get_engine()
    return engine_for(get_settings().database_read_url or "")


@lru_cache(maxsize=64)
def with_options(engine: Engine, **options: Any) -> Engine:
    """The same pool with execution options, made once per engine and options: making one took
    about a tenth of a cold PostgreSQL interview read."""
    return engine.execution_options(**options)


def snapshot(engine: Engine) -> Engine:
    """The same pool, for sessions whose statements must all read one committed state."""
    if engine.dialect.name == "postgresql":
        return with_options(engine, isolation_level="REPEATABLE READ", postgresql_readonly=True)
    return engine  # a SQLite transaction reads one snapshot from its first read on (WAL)


def get_write_engine() -> Engine:
    """The primary, marked so that its transactions begin as writers (BEGIN IMMEDIATE on SQLite)."""
    return with_options(get_engine(), **{WRITER_OPTION: True})


_sqlite_writer = threading.Lock()
"""One SQLite writer at a time in this process: the others queue here, in order, rather than
spinning on the database's busy timeout (which other processes, such as the CLI, still use)."""


def engine_of(access: Access) -> Engine:
    if access is Access.write:
        return get_write_engine()
    if access is Access.single:
        return single_statement_engine(access)
    return snapshot(get_read_engine() if access is Access.read else get_engine())


def single_statement_engine(access: Access) -> Engine:
    """Where a read of this kind goes, for one statement, which reads one committed state by itself:
    on PostgreSQL in autocommit, without a transaction's two extra round trips."""
    engine = get_engine() if access is Access.primary else get_read_engine()
    if engine.dialect.name == "postgresql":
        return with_options(engine, isolation_level="AUTOCOMMIT", postgresql_readonly=True)
    return engine


def reads_in_place(session: Session) -> bool:
    """Whether a short read of this session may run on the event loop: SQLite reads a local file, and
    a WAL reader waits for no lock (a stored interview takes ~0.1 ms); PostgreSQL is a round trip away."""
    return session.get_bind().dialect.name == "sqlite"


def blocks_on_open_or_close(access: Access) -> bool:
    """Whether opening and ending a session of this kind may wait: a write queues for the writer
    lock and commits; a PostgreSQL read ends with a rollback round trip. A SQLite read does neither
    (nothing is opened until the first statement, and ending it is local), nor does a single read
    on PostgreSQL (no transaction to end), so they may be opened and ended on the event loop."""
    if access is Access.single:
        return False
    return access is Access.write or engine_of(access).dialect.name != "sqlite"


@contextmanager
def one_snapshot(session: Session) -> Iterator[None]:
    """Statements that must read one committed state, in any session: a single read on PostgreSQL
    holds no transaction, so one is opened (REPEATABLE READ, READ ONLY) for them and ended after."""
    connection = session.connection()
    autocommit = connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT"
    if not autocommit or connection.dialect.name != "postgresql":
        yield
        return
    connection.exec_driver_sql("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    try:
        yield
    finally:
        connection.exec_driver_sql("ROLLBACK")


@dataclass
class CommitReceipt:
    """Filled in by a write session that committed on PostgreSQL: the primary's WAL position just
    after the commit, which a replica must have replayed to show the write."""

    position: str | None = None


def open_session(access: Access, receipt: CommitReceipt | None = None) -> Iterator[Session]:
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
                if receipt is not None and engine.dialect.name == "postgresql":
                    receipt.position = session.execute(text(PRIMARY_POSITION)).scalar_one()
            else:
                session.rollback()  # nothing to keep; ends the snapshot
    finally:
        if queued:
            _sqlite_writer.release()
