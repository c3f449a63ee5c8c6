"""Nested views cost a fixed number of SQL statements, whatever the page size (no query per row)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, text

from app.corpus import generate_documents
from app.http.response_cache import forget_cached_responses
from app.interviews import rendering, repository
from app.storage import local_reads


@contextmanager
def counting_statements(engine) -> Iterator[list[str]]:
    """Statements sent through the engine's pool, through the asynchronous pool that reads stored
    interviews and plain list pages on PostgreSQL (app/storage/async_reads.py), and straight to the
    SQLite driver for the same reads (app/storage/local_reads.py)."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        if not statement.startswith("BEGIN"):  # transaction control, not a query
            statements.append(statement)

    async def fetch_one(engine: Any, statement: Any, parameters: Any) -> Any:
        statements.append(str(statement))
        return await original_one(engine, statement, parameters)

    async def fetch_all(engine: Any, statement: Any, parameters: Any) -> Any:
        statements.append(str(statement))
        return await original_all(engine, statement, parameters)

    def read_locally(engine: Any, sql: str, values: Any) -> Any:
        statements.append(sql)
        return original_local(engine, sql, values)

    original_one, original_all = rendering.fetch_one, repository.fetch_all
    original_local = local_reads._read
    event.listen(engine, "before_cursor_execute", record)
    rendering.fetch_one, repository.fetch_all = fetch_one, fetch_all
    local_reads._read = read_locally
    try:
        yield statements
    finally:
        rendering.fetch_one, repository.fetch_all = original_one, original_all
        local_reads._read = original_local
        event.remove(engine, "before_cursor_execute", record)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/v1/interviews", 1),  # items rendered when written (app/interviews/rendering.py)
        ("/v1/questions", 5),
        ("/v1/answers", 4),
        ("/v1/speakers", 1),
        ("/v1/topics", 1),
    ],
)
def test_list_pages_use_a_fixed_number_of_queries(client, load, store, path, expected) -> None:
    load(list(generate_documents(30, seed=11)))
    counts = []
    for limit in (1, 5, 25):
        with counting_statements(store.engine) as statements:
            response = client.get(path, params={"limit": limit})
        assert response.status_code == 200
        assert len(response.json()["items"]) == limit
        counts.append(len(statements))
    assert counts == [expected] * 3, counts


def test_single_interview_uses_a_fixed_number_of_queries(client, load, store) -> None:
    documents = list(generate_documents(5, seed=11))
    load(documents)
    sizes = {}
    for document in documents:
        with counting_statements(store.engine) as statements:
            body = client.get(f"/v1/interviews/{document['slug']}").json()
        sizes[len(body["questions"])] = len(statements)
    assert len(sizes) > 1, "the sample should have interviews of different sizes"
    assert set(sizes.values()) == {1}, sizes  # rendered when written: one row read


def test_an_interview_not_rendered_yet_is_rendered_on_the_fly_with_the_same_body(client, load, store) -> None:
    """A database migrated from a release before rendering (or rendered by another version) serves
    the same bodies and tags, in a fixed number of queries, until `interviews migrate` renders it."""
    documents = list(generate_documents(3, seed=5))
    load(documents)
    slugs = [document["slug"] for document in documents]
    rendered = {slug: client.get(f"/v1/interviews/{slug}") for slug in slugs}
    listed = client.get("/v1/interviews").json()
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM rendered_interviews"))
    forget_cached_responses()
    sizes = {}
    for slug in slugs:
        with counting_statements(store.engine) as statements:
            response = client.get(f"/v1/interviews/{slug}")
        sizes[len(response.json()["questions"])] = len(statements)
        assert response.content == rendered[slug].content
        assert response.headers["etag"] == rendered[slug].headers["etag"]
    assert len(set(sizes.values())) == 1, sizes
    assert client.get("/v1/interviews").json() == listed


@pytest.mark.parametrize(
    ("path", "params", "expected"),
    [
        ("/v1/interviews", {"include": "speakers,topics"}, 3),  # the page, then one query per kind
        ("/v1/interviews", {"fields": "slug,title", "format": "csv"}, 1),
        ("/v1/questions", {"include": "speakers,topics", "count": "exact"}, 5 + 2 + 1),
        ("/v1/answers", {"include": "speakers", "fields": "id,text"}, 4 + 1),
        ("/v1/speakers", {"count": "exact"}, 2),
    ],
)
def test_shaped_pages_use_a_fixed_number_of_queries(client, load, store, path, params, expected) -> None:
    load(list(generate_documents(30, seed=11)))
    counts = []
    for limit in (5, 10, 25):  # pages that name speakers and topics
        with counting_statements(store.engine) as statements:
            response = client.get(path, params={"limit": limit, **params})
        assert response.status_code == 200, response.text
        counts.append(len(statements))
    assert counts == [expected] * 3, counts


def test_new_speakers_and_topics_send_no_lookup_of_the_interviews_naming_them(store, load) -> None:
    """What names a speaker or topic created in a transaction was written in it. Looking up every
    interview that shows them (a union over all answers and questions) is for renamed ones only: for
    an import of 100,000 interviews it outlasted PostgreSQL's statement timeout and lost the import."""
    from tests.support.factories import interview_document

    load(list(generate_documents(10, seed=3)))
    fresh = interview_document(
        "fresh-talk",
        interviewee="brand-new-person",
        topics=["brand-new-topic"],
        questions=[("New?", ["Yes."])],
    )
    with counting_statements(store.engine) as statements:
        load([fresh])
    written = " ".join(statements)
    assert "INSERT INTO speakers" in written and "INSERT INTO topics" in written  # they were new
    assert "answers.speaker_id IN" not in written
    assert "interview_topics.topic_id IN" not in written


SEARCH_STATEMENTS = {"sqlite": 3, "postgres": 5}
"""SQLite: the data version (for the languages searched), the ranked page with its window and facets,
and one lookup of what the hits and facets show. PostgreSQL first asks the planner how many rows the
query matches, and the newest row's id, to choose how to find the window (app/search/postgres.py):
two more, and more again when it finds the window's ids on their own (not for this common word)."""


def test_a_search_page_uses_a_fixed_number_of_queries(client, load, store) -> None:
    """The same statements whatever the page size (see SEARCH_STATEMENTS)."""
    load(list(generate_documents(30, seed=11)))
    client.get("/v1/search", params={"q": "and"})  # the first search also reads the stored languages
    counts = []
    for limit in (1, 5, 25):
        with counting_statements(store.engine) as statements:
            body = client.get("/v1/search", params={"q": "the", "limit": limit}).json()
        assert len(body["items"]) == limit
        assert body["facets"]["speaker"] and body["facets"]["topic"]
        counts.append(len(statements))
    assert counts == [SEARCH_STATEMENTS[store.name]] * 3, counts


def test_a_page_of_interview_hits_uses_a_fixed_number_of_queries(client, load, store) -> None:
    """`group=interview`: the page's interviews and every one's top answers are looked up at once."""
    load(list(generate_documents(30, seed=11)))
    client.get("/v1/search", params={"q": "and"})  # the first search also reads the stored languages
    counts = []
    for limit in (1, 5, 25):
        with counting_statements(store.engine) as statements:
            body = client.get("/v1/search", params={"q": "the", "group": "interview", "limit": limit}).json()
        assert len(body["items"]) == limit
        assert all(item["top_answers"] for item in body["items"])
        counts.append(len(statements))
    assert counts == [7] * 3, counts  # was 7 + one lookup per interview on the page
