"""What a read costs the database on PostgreSQL: a single read holds no transaction (no BEGIN, no
ROLLBACK round trips), a snapshot is opened only where several statements must agree, and a pooled
connection is pinged only when it has been idle."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.config import get_settings
from app.storage import sessions
from app.storage.sessions import Access, engine_for, one_snapshot, open_session
from tests.conftest import Store

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres(postgres_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("DATABASE_URL", postgres_store.url)
    get_settings.cache_clear()
    yield postgres_store
    get_settings.cache_clear()


def transaction_status(session: Session) -> psycopg.pq.TransactionStatus:
    dbapi = session.connection().connection.dbapi_connection
    assert isinstance(dbapi, psycopg.Connection)
    return dbapi.info.transaction_status


def test_a_single_read_holds_no_transaction_and_a_snapshot_read_does(postgres: Store) -> None:
    with contextmanager(open_session)(Access.single) as session:
        assert session.execute(text("SELECT 1")).scalar_one() == 1
        assert transaction_status(session) is psycopg.pq.TransactionStatus.IDLE
    with contextmanager(open_session)(Access.read) as session:
        session.execute(text("SELECT 1"))
        assert transaction_status(session) is psycopg.pq.TransactionStatus.INTRANS
        level = session.execute(text("SHOW transaction_isolation")).scalar_one()
        assert level == "repeatable read"


def test_one_snapshot_inside_a_single_read_reads_one_state_and_ends(postgres: Store) -> None:
    with contextmanager(open_session)(Access.single) as session:
        with one_snapshot(session):
            assert transaction_status(session) is psycopg.pq.TransactionStatus.INTRANS
            assert session.execute(text("SHOW transaction_isolation")).scalar_one() == "repeatable read"
            assert session.execute(text("SHOW transaction_read_only")).scalar_one() == "on"
        assert transaction_status(session) is psycopg.pq.TransactionStatus.IDLE


def test_an_idle_connection_that_died_is_replaced_and_a_busy_one_is_not_pinged(
    postgres: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = engine_for(postgres.url)
    with engine.connect() as connection:
        victim = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
    with psycopg.connect(postgres.url.replace("+psycopg", ""), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (victim,))
    monkeypatch.setattr(sessions, "PING_AFTER_IDLE_SECONDS", 0.0)  # the connection counts as idle
    with engine.connect() as connection:  # pinged, found dead, replaced: the statement works
        assert connection.execute(text("SELECT pg_backend_pid()")).scalar_one() != victim

    pings: list[object] = []

    def counted_ping(dbapi: object) -> bool:
        pings.append(dbapi)
        return True

    monkeypatch.setattr(sessions, "PING_AFTER_IDLE_SECONDS", 3600.0)  # just used: not idle
    monkeypatch.setattr(engine.dialect, "do_ping", counted_ping)
    for _ in range(3):
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    assert pings == []
