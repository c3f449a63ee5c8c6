"""PostgreSQL plans a search by how many rows hold its words: the planner must know rare words are
rare, or it walks the whole table backwards for the newest matches of a word it takes for common
(seen at 100,000 interviews: 7-22 s for one rare word, and a 503)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.config import get_settings
from app.corpus import generate_documents
from tests.conftest import Store, store_documents

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres(postgres_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    postgres_store.empty()
    monkeypatch.setenv("DATABASE_URL", postgres_store.url)
    get_settings.cache_clear()
    yield postgres_store
    get_settings.cache_clear()


def test_the_planner_knows_a_word_held_by_one_row_is_rare(postgres: Store) -> None:
    store_documents(postgres, list(generate_documents(300, seed=5)))
    with postgres.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE search_documents")  # as autovacuum does after a big import
        rows = connection.exec_driver_sql("SELECT count(*) FROM search_documents").scalar_one()
        words = (
            connection.exec_driver_sql(
                "SELECT word FROM ts_stat('SELECT search_vector FROM search_documents') "
                "WHERE ndoc = 1 AND word ~ '^[a-z]+$' ORDER BY word LIMIT 20"
            )
            .scalars()
            .all()
        )
        estimates = []
        for word in words:
            plan = connection.exec_driver_sql(
                "EXPLAIN (FORMAT JSON) SELECT id FROM search_documents "
                "WHERE search_vector @@ to_tsquery('simple', %(word)s)",
                {"word": f"'{word}'"},
            ).scalar_one()
            estimates.append(plan[0]["Plan"]["Plan Rows"])
    assert rows > 4_000 and len(words) == 20
    assert max(estimates) <= 5, f"rows estimated for words each held by 1 of {rows}: {estimates}"
