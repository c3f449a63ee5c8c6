"""The schema comes only from Alembic: it goes up, down and up again, and matches the models, on both stores."""

from __future__ import annotations

import threading
import time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.config import get_settings
from app.models import metadata
from app.storage.migrations import current_revision, downgrade, head_revision, include_in_comparison, upgrade
from app.storage.sessions import engine_for
from tests.conftest import fresh_postgres_database, postgres_or_skip


def table_names(url: str) -> set[str]:
    """Tables the models describe; the FTS5 virtual table and its shadow tables are checked elsewhere."""
    names = set(inspect(engine_for(url)).get_table_names()) - {"alembic_version"}
    return {name for name in names if not name.startswith("search_index")}


def test_upgrade_downgrade_upgrade(empty_database_url: str) -> None:
    url = empty_database_url
    expected_tables = set(metadata.tables)
    upgrade(url)
    assert table_names(url) == expected_tables
    assert current_revision(engine_for(url)) == head_revision()
    downgrade(url, "base")
    assert table_names(url) == set()
    assert current_revision(engine_for(url)) is None
    upgrade(url)
    assert table_names(url) == expected_tables


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_migrations_match_the_models(empty_database_url: str) -> None:
    """Autogenerate finds nothing to do: the models and the migrations describe the same schema."""
    upgrade(empty_database_url)
    with engine_for(empty_database_url).connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include_in_comparison})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_foreign_keys_are_enforced(empty_database_url: str) -> None:
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    from app.models import Answer

    upgrade(empty_database_url)
    with engine_for(empty_database_url).connect() as connection, pytest.raises(IntegrityError):
        connection.execute(
            insert(Answer).values(
                question_id=999, interview_id=999, position=1, speaker_id=999, text="orphan"
            )
        )


@pytest.mark.postgres
def test_a_migration_is_not_held_to_the_request_statement_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration on a large database runs for minutes (0012 analyses 1.6 million search rows in
    45 s); `STATEMENT_TIMEOUT_MS` bounds requests, not `interviews migrate`. Here the migration
    waits for a lock held longer than that timeout, and still completes."""
    postgres_or_skip()
    url, drop = fresh_postgres_database("interviews_migrations")
    upgrade(url, "0011")
    monkeypatch.setenv("STATEMENT_TIMEOUT_MS", "200")
    get_settings.cache_clear()
    holder = engine_for(url).connect()
    transaction = holder.begin()
    holder.exec_driver_sql("LOCK TABLE search_documents IN ACCESS EXCLUSIVE MODE")
    release = threading.Timer(1.0, transaction.commit)
    release.start()
    started = time.perf_counter()
    try:
        upgrade(url, "0012")
        waited = time.perf_counter() - started
        assert current_revision(engine_for(url)) == "0012"
    finally:
        release.join()
        holder.close()
        get_settings.cache_clear()
        drop()
    assert waited >= 0.9
