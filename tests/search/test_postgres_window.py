"""PostgreSQL finds a full search window's ids through the GIN index first (app/search/postgres.py);
its answers are exactly those of the ranked statement finding the window by itself."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.corpus import generate_documents
from app.search import postgres
from app.search.repository import SearchFilters, search
from tests.conftest import Store, api_client, store_documents

WINDOW = 20


def every_page(client, params: dict[str, Any]) -> list[dict[str, Any]]:
    pages = [client.get("/v1/search", params=params).json()]
    while pages[-1]["next_cursor"]:
        pages.append(client.get("/v1/search", params={**params, "cursor": pages[-1]["next_cursor"]}).json())
    return pages


@pytest.fixture
def window_corpus(postgres_store: Store) -> list[dict[str, Any]]:
    """300 generated interviews, loaded and analysed (the estimates the choice is made by)."""
    documents = list(generate_documents(300, seed=21))
    postgres_store.empty()
    store_documents(postgres_store, documents)
    with postgres_store.engine.connect() as connection:
        connection.execute(text("ANALYZE search_documents"))
        connection.commit()
    return documents


def answer_words(documents: list[dict[str, Any]]) -> list[list[str]]:
    return [
        re.findall(r"[a-z]{4,}", answer["text"].lower())
        for document in documents
        for question in document["questions"]
        for answer in question["answers"]
    ]


@pytest.fixture
def window_words(window_corpus: list[dict[str, Any]]) -> list[str]:
    """Words in a few windows' worth of answers up to a few percent of them: neither rare nor common,
    the queries whose window is found by its ids."""
    answers = Counter(word for words in answer_words(window_corpus) for word in set(words) if len(word) >= 5)
    candidates = sorted(word for word, count in answers.items() if 6 * WINDOW <= count <= 12 * WINDOW)[:40]
    assert len(candidates) >= 10, len(candidates)
    return candidates


def compare_both_ways(store: Store, queries: list[str], monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every page of each query, with the window's ids found first and without: they must be the same.
    Returns what each search's widening found (None where it gave up)."""
    from app.config import get_settings

    monkeypatch.setenv("DATABASE_URL", store.url)
    monkeypatch.setenv("SEARCH_WINDOW", str(WINDOW))
    get_settings.cache_clear()
    found_by_ids = []
    widening = postgres._widening

    def counted(*args: Any, **options: Any) -> Any:
        found = widening(*args, **options)
        found_by_ids.append(found)
        return found

    try:
        with api_client() as client:
            for query in queries:
                for params in ({"q": query, "limit": 7}, {"q": query, "limit": 7, "type": "answer"}):
                    monkeypatch.setattr(postgres, "_widening", counted)
                    by_ids = every_page(client, params)
                    monkeypatch.setattr(postgres, "window_ids", lambda *_args, **_options: None)
                    by_statement = every_page(client, params)
                    monkeypatch.undo()
                    monkeypatch.setenv("DATABASE_URL", store.url)
                    monkeypatch.setenv("SEARCH_WINDOW", str(WINDOW))
                    assert by_ids == by_statement, params
                    assert by_ids[0]["total"] <= WINDOW and not by_ids[0]["exact"], params
    finally:
        get_settings.cache_clear()
    return found_by_ids


def filled(found_by_ids: list[Any]) -> int:
    return sum(1 for found in found_by_ids if found and len(found) == WINDOW + 1)


def test_a_window_found_by_its_ids_answers_as_the_statement_would(
    postgres_store: Store, window_words: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    found_by_ids = compare_both_ways(postgres_store, window_words, monkeypatch)
    assert filled(found_by_ids) >= 10, found_by_ids


def test_phrases_and_pairs_whose_words_go_together_take_the_ids_way_with_the_same_answers(
    postgres_store: Store, window_corpus: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The planner takes the words of a phrase or a pair as independent, and expects few rows of
    words that go together: their window is found by its ids too (app/search/lexeme_stats.py)."""
    bigrams = Counter(bigram for words in answer_words(window_corpus) for bigram in set(pairwise(words)))
    together = sorted(pair for pair, count in bigrams.items() if count >= 4 * WINDOW)[:8]
    assert len(together) >= 4, bigrams.most_common(10)
    queries = [f'"{first} {second}"' for first, second in together] + [f"{a} {b}" for a, b in together]
    found_by_ids = compare_both_ways(postgres_store, queries, monkeypatch)
    assert filled(found_by_ids) >= len(queries), found_by_ids


def test_the_planner_settings_a_window_changes_are_put_back_as_they_were(
    postgres_store: Store, window_words: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain index scans are off, and plans custom, only while the window's ids are found: the rest
    of the search's transaction keeps the settings it had, whatever the server, database or role
    set, not PostgreSQL's defaults."""
    from app.config import get_settings

    monkeypatch.setenv("DATABASE_URL", postgres_store.url)
    monkeypatch.setenv("SEARCH_WINDOW", str(WINDOW))
    get_settings.cache_clear()
    found_by_ids: list[Any] = []
    widening = postgres._widening

    def counted(*args: Any) -> Any:
        found_by_ids.append(widening(*args))
        return found_by_ids[-1]

    monkeypatch.setattr(postgres, "_widening", counted)
    try:
        for indexscan, cache_mode in (("off", "force_generic_plan"), ("on", "auto")):
            for word in window_words[:3]:
                with Session(postgres_store.engine) as session:
                    session.execute(text(f"SET LOCAL enable_indexscan = {indexscan}"))
                    session.execute(text(f"SET LOCAL plan_cache_mode = {cache_mode}"))
                    page = search(session, word, SearchFilters(), sort="relevance", cursor=None, limit=5)
                    assert page.items, word
                    settings = session.execute(
                        text("SELECT current_setting('enable_indexscan'), current_setting('plan_cache_mode')")
                    ).one()
                    assert tuple(settings) == (indexscan, cache_mode), word
    finally:
        get_settings.cache_clear()
    assert len(found_by_ids) == 6 and all(found_by_ids), found_by_ids  # every search took the ids' way
