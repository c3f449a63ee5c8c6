"""Many clients at once through a real server: one connection per request, one snapshot per view,
conditional writes that lock what they check, SQLite writers that queue."""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from sqlalchemy import text

from tests.conftest import Store
from tests.live.conftest import new_key
from tests.support.factories import interview_document

SLUG = "contested"


def local_port(response: httpx.Response) -> int:
    port: int = response.extensions["network_stream"].get_extra_info("socket").getsockname()[1]
    return port


def test_keyed_reads_need_one_pooled_connection_each(live_store: Store, server, http) -> None:
    """The key is looked up on the request's own session: with 2 connections in the pool, 30 keyed reads
    at once all succeed (each used to hold two connections and wait for a third)."""
    reader = new_key(live_store, "reader")
    environment = {"POOL_SIZE": "1", "REQUIRE_API_KEY_FOR_READS": "true"}
    with server(**environment) as base_url:

        def read(number: int) -> int:
            with httpx.Client(base_url=base_url, headers=reader, timeout=30) as client:
                return client.get("/v1/topics", params={"limit": number % 5 + 1}).status_code

        with ThreadPoolExecutor(max_workers=30) as pool:
            statuses = list(pool.map(read, range(60)))
    assert Counter(statuses) == Counter({200: 60})


def test_a_pool_timeout_is_a_503_problem_and_the_connection_stays_open(postgres_store: Store, http) -> None:
    """Two writes wait on a row this test locks, holding the pool's only two connections: the next
    request waits POOL_TIMEOUT_SECONDS, gets a 503 problem, and its keep-alive connection serves on."""
    from tests.support.servers import uvicorn_process

    postgres_store.empty()
    key = new_key(postgres_store, "pool filler")
    environment = {"POOL_SIZE": "1", "POOL_TIMEOUT_SECONDS": "1", "STATEMENT_TIMEOUT_MS": "30000"}
    with uvicorn_process(postgres_store.url, **environment) as base_url:
        client = http(base_url, headers=key)
        assert client.put(f"/v1/interviews/{SLUG}", json=interview_document(SLUG)).status_code == 201
        with postgres_store.engine.connect() as holder:
            holder.execute(text("SELECT id FROM interviews WHERE slug = :slug FOR UPDATE"), {"slug": SLUG})
            blocked = [
                threading.Thread(
                    target=lambda n=n: http(base_url, headers=key).patch(
                        f"/v1/interviews/{SLUG}", json={"title": f"Waiting {n}"}
                    )
                )
                for n in range(2)
            ]
            for thread in blocked:
                thread.start()
            wait_until(lambda: waiting_on_locks(postgres_store) == 2)
            busy = client.get("/v1/topics")
            holder.rollback()
        for thread in blocked:
            thread.join()
        assert busy.status_code == 503, busy.text
        assert busy.headers["content-type"] == "application/problem+json"
        assert busy.headers["retry-after"] == "5"
        after = client.get("/v1/topics")
        assert after.status_code == 200
        assert local_port(after) == local_port(busy), "the server closed the keep-alive connection"


def waiting_on_locks(store: Store) -> int:
    with store.engine.connect() as connection:
        query = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        return int(connection.execute(text(query)).scalar() or 0)


def wait_until(condition: Any, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never came true"
        time.sleep(0.02)


def test_twenty_patches_with_one_etag_change_the_interview_once(
    live_store: Store, server, writer, http
) -> None:
    with server() as base_url:
        client = http(base_url, headers=writer)
        assert client.put(f"/v1/interviews/{SLUG}", json=interview_document(SLUG)).status_code == 201
        etag = client.get(f"/v1/interviews/{SLUG}").headers["etag"]

        def patch(number: int) -> int:
            with httpx.Client(base_url=base_url, headers=writer, timeout=30) as own:
                response = own.patch(
                    f"/v1/interviews/{SLUG}", json={"title": f"Edit {number}"}, headers={"If-Match": etag}
                )
                return response.status_code

        with ThreadPoolExecutor(max_workers=20) as pool:
            statuses = Counter(pool.map(patch, range(20)))
    assert statuses == Counter({200: 1, 412: 19})


def test_a_patch_racing_a_delete_is_never_a_500(live_store: Store, server, writer, http) -> None:
    outcomes: Counter[tuple[int, int]] = Counter()
    with server() as base_url:
        client = http(base_url, headers=writer)
        for round_ in range(15):
            slug = f"{SLUG}-{round_}"
            assert client.put(f"/v1/interviews/{slug}", json=interview_document(slug)).status_code == 201
            etag = client.get(f"/v1/interviews/{slug}").headers["etag"]
            with ThreadPoolExecutor(max_workers=2) as pool:
                patched = pool.submit(
                    lambda s=slug, tag=etag: http(base_url, headers=writer).patch(
                        f"/v1/interviews/{s}", json={"title": "Patched"}, headers={"If-Match": tag}
                    )
                )
                deleted = pool.submit(
                    lambda s=slug, tag=etag: http(base_url, headers=writer).delete(
                        f"/v1/interviews/{s}", headers={"If-Match": tag}
                    )
                )
                outcomes[(patched.result().status_code, deleted.result().status_code)] += 1
    assert set(outcomes) <= {(200, 412), (412, 204), (404, 204)}, outcomes


def version(letter: str) -> dict[str, Any]:
    word = {"A": "alpha", "B": "bravo"}[letter]
    return interview_document(
        SLUG,
        title=f"Version {word}",
        questions=[(f"Question {n} about {word}?", [f"Answer {n} on {word} matters."]) for n in range(6)],
    )


def test_every_view_reads_one_version_while_a_writer_alternates_two(
    live_store: Store, server, writer, http
) -> None:
    """Each detail view and search page comes from one snapshot: never version A's title with version
    B's questions, never a 500 from a hit whose interview changed between two statements."""
    torn, failed, views = [], [], 0
    stop = threading.Event()
    with server(RESPONSE_CACHE_MB="0") as base_url:
        assert (
            http(base_url, headers=writer).put(f"/v1/interviews/{SLUG}", json=version("A")).status_code == 201
        )

        def write() -> None:
            with httpx.Client(base_url=base_url, headers=writer, timeout=30) as client:
                for round_ in range(60):
                    response = client.put(f"/v1/interviews/{SLUG}", json=version("AB"[round_ % 2]))
                    assert response.status_code == 200, response.text
            stop.set()

        def read() -> None:
            nonlocal views
            with httpx.Client(base_url=base_url, timeout=30) as client:
                while not stop.is_set():
                    detail = client.get(f"/v1/interviews/{SLUG}")
                    search = client.get("/v1/search", params={"q": "matters", "limit": 20})
                    if detail.status_code != 200 or search.status_code != 200:
                        failed.append((detail.status_code, search.status_code))
                        continue
                    body = detail.json()
                    word = body["title"].split()[-1]
                    texts = [q["text"] for q in body["questions"]]
                    texts += [a["text"] for q in body["questions"] for a in q["answers"]]
                    if not all(word in t for t in texts) or len(body["questions"]) != 6:
                        torn.append(body["title"])
                    hit_words = {hit["snippet"].split()[-2] for hit in search.json()["items"]}
                    if len(hit_words) > 1:
                        torn.append(f"search {hit_words}")
                    views += 1

        threads = [threading.Thread(target=write)] + [threading.Thread(target=read) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    print(f"\n{live_store.name}: {views} views, {len(torn)} torn, {len(failed)} failed")
    assert views > 20
    assert torn == [] and failed == []


def test_sqlite_writers_of_one_process_take_turns_without_failing(sqlite_store: Store) -> None:
    """Forty clients (as many as the server has request threads) writing long interviews at once: they
    queue in the process, so none is refused, even with a busy timeout far shorter than the queue."""
    from tests.support.servers import uvicorn_process

    sqlite_store.empty()
    key = new_key(sqlite_store, "many writers")
    questions = [(f"Question {n}?", [f"Answer {n} " + "with many words " * 200]) for n in range(60)]
    with uvicorn_process(sqlite_store.url, SQLITE_BUSY_TIMEOUT_MS="200") as base_url:

        def write(number: int) -> list[int]:
            statuses = []
            with httpx.Client(base_url=base_url, headers=key, timeout=120) as client:
                for round_ in range(5):
                    slug = f"writer-{number}-{round_}"
                    document = interview_document(slug, questions=questions)
                    statuses.append(client.put(f"/v1/interviews/{slug}", json=document).status_code)
                    statuses.append(
                        client.patch(f"/v1/interviews/{slug}", json={"title": "Again"}).status_code
                    )
            return statuses

        with ThreadPoolExecutor(max_workers=40) as pool:
            statuses = Counter(status for result in pool.map(write, range(40)) for status in result)
    assert statuses == Counter({201: 200, 200: 200})
