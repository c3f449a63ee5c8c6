"""Engines and sessions: the one place that opens database connections.

A request gets one session; it commits when the route returns and rolls back when it raises,
so services and repositories never commit on their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session

from app.config import Settings, get_settings


def make_engine(url: str, settings: Settings | None = None) -> Engine:
    """An engine tuned per store: SQLite gets WAL, enforced foreign keys and a busy timeout."""
    settings = settings or get_settings()
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            echo=settings.log_sql,
            connect_args={"check_same_thread": False, "timeout": settings.sqlite_busy_timeout_ms / 1000},
        )
        busy_timeout = settings.sqlite_busy_timeout_ms

        @event.listens_for(engine, "connect")
        def configure_sqlite(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
            cursor: Any = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout)}")
            cursor.close()

        return engine
    return create_engine(
        url,
        echo=settings.log_sql,
        pool_size=settings.pool_size,
        max_overflow=settings.pool_size,
        pool_pre_ping=True,
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


def get_session() -> Iterator[Session]:
    """One session per request: commit on success, roll back on any error."""
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


SessionDep = Annotated[Session, Depends(get_session)]
