"""PostgreSQL finds a full search window's ids through the GIN index first (app/search/postgres.py);
its answers are exactly those of the ranked statement finding the window by itself."""

from __future__ import annotations

import re
from collections import Counter
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
def window_words(postgres_store: Store) -> list[str]:
    """300 generated interviews loaded, and words in a few windows' worth of answers up to a few
    percent of them: neither rare nor common, the queries whose window is found by its ids."""
    documents = list(generate_documents(300, seed=21))
    postgres_store.empty()
    store_documents(postgres_store, documents)
    with postgres_store.engine.connect() as connection:  # the estimates the choice is made by
        connection.execute(text("ANALYZE search_documents"))
        connection.commit()
    answers = Counter(
        word
        for document in documents
        for question in document["questions"]
        for answer in question["answers"]
        for word in set(re.findall(r"[a-z]{5,}", answer["text"].lower()))
    )
    candidates = sorted(word for word, count in answers.items() if 6 * WINDOW <= count <= 12 * WINDOW)[:40]
    assert len(candidates) >= 10, len(candidates)
    return candidates


def test_a_window_found_by_its_ids_answers_as_the_statement_would(
    postgres_store: Store, window_words: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.config import get_settings

    candidates = window_words
    monkeypatch.setenv("DATABASE_URL", postgres_store.url)
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
            for word in candidates:
                for params in ({"q": word, "limit": 7}, {"q": word, "limit": 7, "type": "answer"}):
                    monkeypatch.setattr(postgres, "_widening", counted)
                    by_ids = every_page(client, params)
                    monkeypatch.setattr(postgres, "window_ids", lambda *_args, **_options: None)
                    by_statement = every_page(client, params)
                    monkeypatch.undo()
                    monkeypatch.setenv("DATABASE_URL", postgres_store.url)
                    monkeypatch.setenv("SEARCH_WINDOW", str(WINDOW))
                    assert by_ids == by_statement, params
                    assert by_ids[0]["total"] <= WINDOW and not by_ids[0]["exact"], params
    finally:
        get_settings.cache_clear()
    assert sum(1 for found in found_by_ids if found and len(found) == WINDOW + 1) >= 10, found_by_ids


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
