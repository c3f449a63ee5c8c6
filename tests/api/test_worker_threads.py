"""Where a read runs: a short one on SQLite runs on the event loop, since it waits on nothing and a hop
to a worker thread cost more than reading a stored interview (under load the threads also contend for
the interpreter: 456 against 959-1,288 cold interviews a second, bench/README.md). On PostgreSQL, a
round trip away, and for reads that may take long (a text query over a list, a count, hits grouped by
interview), a worker thread."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import anyio.to_thread
import pytest

from app.corpus import generate_documents


@pytest.fixture
def thread_hops(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The functions the app hands to a worker thread while the test runs."""
    hops: list[str] = []
    original = anyio.to_thread.run_sync

    async def counting(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        called = getattr(function, "func", function)  # unwrapped from the partial that binds its arguments
        hops.append(getattr(called, "__name__", repr(called)))
        return await original(function, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counting)
    return hops


SHORT_READS = [
    "/v1/interviews/{slug}?via=route",  # with a query string: the route's own read
    "/v1/interviews?limit=3&include=topics",  # more than a plain page: the route's own read
    "/v1/interviews?limit=3&topic={topic}&fields=slug,title",
    "/v1/search?q={word}",
]


@pytest.mark.parametrize("path", SHORT_READS)
def test_a_short_read_runs_in_place_on_sqlite_and_in_a_worker_thread_on_postgresql(
    client, load, store, thread_hops, path
) -> None:
    documents = list(generate_documents(6, seed=3))
    load(documents)
    word = re.findall(r"[a-z]{4,}", documents[2]["title"].lower())[0]
    url = path.format(slug=documents[2]["slug"], topic=documents[2]["topics"][0]["slug"], word=word)
    thread_hops.clear()
    response = client.get(url)
    assert response.status_code == 200
    assert response.json()
    if store.name == "sqlite":
        assert thread_hops == []
    else:
        assert thread_hops, "a PostgreSQL read must not block the event loop"


def test_a_stored_interview_is_read_without_a_worker_thread_on_every_store(
    client, load, store, thread_hops, monkeypatch
) -> None:
    """SQLite reads it in place; PostgreSQL on the asynchronous pool (app/storage/async_reads.py), so
    the event loop serves other requests while the statement is out."""
    from app.interviews import rendering

    asynchronous: list[str] = []
    original = rendering.fetch_one

    async def counting(engine: Any, statement: Any, parameters: Any) -> Any:
        asynchronous.append(parameters["ref"])
        return await original(engine, statement, parameters)

    monkeypatch.setattr(rendering, "fetch_one", counting)
    documents = list(generate_documents(3, seed=3))
    load(documents)
    thread_hops.clear()
    response = client.get(f"/v1/interviews/{documents[1]['slug']}")
    assert response.status_code == 200
    assert response.json()["slug"] == documents[1]["slug"]
    assert thread_hops == []
    assert asynchronous == ([] if store.name == "sqlite" else [documents[1]["slug"]])


@pytest.mark.parametrize(
    ("path", "read"),
    [
        ("/v1/interviews?limit=3&q={word}", "list_interviews"),
        ("/v1/interviews?limit=3&count=exact", "list_interviews"),
        ("/v1/search?q={word}&count=exact", "search"),
        ("/v1/search?q={word}&group=interview", "interview_hits"),
    ],
)
def test_a_read_that_may_take_long_runs_in_a_worker_thread_on_every_store(
    client, load, store, thread_hops, path, read
) -> None:
    documents = list(generate_documents(6, seed=3))
    load(documents)
    word = re.findall(r"[a-z]{4,}", documents[0]["title"].lower())[0]
    thread_hops.clear()
    response = client.get(path.format(word=word))
    assert response.status_code == 200
    assert read in thread_hops


@pytest.mark.parametrize("query", ["?limit=3", "?limit=3&topic={topic}", "?limit=2&sort=title"])
def test_a_plain_list_page_is_read_without_a_worker_thread_on_every_store(
    client, load, store, thread_hops, monkeypatch, query
) -> None:
    """SQLite reads it in place; PostgreSQL on the asynchronous pool, as the stored interview."""
    from app.interviews import repository

    asynchronous: list[str] = []
    original = repository.fetch_all

    async def counting(engine: Any, statement: Any, parameters: Any) -> Any:
        asynchronous.append("page")
        return await original(engine, statement, parameters)

    monkeypatch.setattr(repository, "fetch_all", counting)
    documents = list(generate_documents(6, seed=3))
    load(documents)
    thread_hops.clear()
    response = client.get("/v1/interviews" + query.format(topic=documents[2]["topics"][0]["slug"]))
    assert response.status_code == 200
    assert response.json()["items"]
    assert thread_hops == []
    assert asynchronous == ([] if store.name == "sqlite" else ["page"])
