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


def pages_read(connection, expression: str, row_id: int) -> int:
    """Pages a statement reads the row's `expression` from (its second run: the first also reads the
    index's meta page into this backend's cache)."""
    for _ in range(2):
        plan = connection.exec_driver_sql(
            f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT {expression} FROM search_documents WHERE id = %(id)s",
            {"id": row_id},
        ).scalar_one()[0]["Plan"]
    return int(plan["Shared Hit Blocks"] + plan["Shared Read Blocks"])


def test_a_long_answer_s_search_vectors_are_read_from_its_row(postgres: Store) -> None:
    """A search tests and ranks each row it reads by its `tsvector`s: an answer long enough to be moved
    out in part keeps those in its row, so reading them costs no more pages than reading its id
    (migration 0013; they used to be fetched from the TOAST table, several pages a row)."""
    document = next(iter(generate_documents(1, seed=9)))
    words = " ".join(f"{word}{n}" for n, word in enumerate(["harbour", "grain", "treaty", "ferry"] * 120))
    document["questions"][0]["answers"][0]["text"] = words  # about 4,000 characters of distinct words
    store_documents(postgres, [document])
    with postgres.engine.connect() as connection:
        row_id, size = connection.exec_driver_sql(
            "SELECT id, pg_column_size(search_documents.*) FROM search_documents "
            "WHERE kind = 'answer' ORDER BY pg_column_size(search_vector) DESC LIMIT 1"
        ).one()
        query = "to_tsquery('simple', 'harbour0')"
        by_id = pages_read(connection, "id", row_id)
        by_vectors = pages_read(
            connection, f"ts_rank_cd(search_vector, {query}) + ts_rank_cd(context_vector, {query})", row_id
        )
    assert size > 2_000  # beyond the size at which PostgreSQL moves values out of the row
    assert by_vectors == by_id, (by_vectors, by_id)
