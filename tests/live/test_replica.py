"""Reads over a real streaming replica (tests/support/replica.py), from real API processes.

With replay paused on the replica (`pg_wal_replay_pause()`), the replica really lags: a reader
without a token sees the old data, while a writer, through any process, reads its own writes. Beyond
REPLICA_MAX_LAG_SECONDS, and with the replica down, every read goes to the primary; `/readyz` says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine
from sqlmodel import Session

from app.auth.keys import Scope, create_key
from app.storage.migrations import upgrade
from bench.replica import StreamingReplica, streaming_replica
from tests.conftest import POSTGRES_URL, fresh_postgres_database, postgres_or_skip
from tests.support.factories import interview_document
from tests.support.servers import uvicorn_process

SLUG = "replicated"


@pytest.fixture(scope="module")
def replica() -> Iterator[StreamingReplica]:
    postgres_or_skip()
    assert POSTGRES_URL is not None
    with streaming_replica(POSTGRES_URL) as running:
        yield running


@pytest.fixture
def database(replica: StreamingReplica) -> Iterator[tuple[str, str, dict[str, str]]]:
    """A migrated database on the primary, its URL on the replica, and a write key's headers."""
    url, drop = fresh_postgres_database("replica_test")
    upgrade(url)
    engine = create_engine(url)
    with Session(engine) as session:
        _, key = create_key(session, "replica writer", Scope.write)
        session.commit()
    engine.dispose()
    replica.resume_replay()
    replica.catch_up()
    yield url, replica.url_for(url), {"Authorization": f"Bearer {key}"}
    replica.resume_replay()
    drop()


def wait_for_replica(base_url: str, status: str, timeout: float = 20) -> dict[str, Any]:
    """`/readyz`'s replica report once it shows `status`."""
    deadline = time.monotonic() + timeout
    while True:
        report = httpx.get(f"{base_url}/readyz", timeout=10).json()["replica"]
        if report["status"] == status:
            return report
        if time.monotonic() > deadline:
            raise AssertionError(f"the replica stayed {report}, never {status}")
        time.sleep(0.05)


def servers(
    stack: ExitStack, database: tuple[str, str, dict[str, str]], count: int, **environment: str
) -> list[str]:
    primary_url, replica_url, _ = database
    settings = {"REPLICA_CHECK_SECONDS": "0.1", "REPLICA_MAX_LAG_SECONDS": "120", **environment}
    return [
        stack.enter_context(uvicorn_process(primary_url, DATABASE_READ_URL=replica_url, **settings))
        for _ in range(count)
    ]


def title_of(client: httpx.Client, **headers: str) -> str:
    response = client.get(f"/v1/interviews/{SLUG}", headers=headers)
    assert response.status_code == 200, response.text
    title: str = response.json()["title"]
    return title


def test_a_writer_reads_its_writes_through_any_process_while_the_replica_lags(
    replica: StreamingReplica, database, http: Callable[..., httpx.Client]
) -> None:
    *_, key = database
    with ExitStack() as stack:
        first, second = servers(stack, database, 2)
        writer = http(first, headers=key)
        assert writer.put(f"/v1/interviews/{SLUG}", json=interview_document(SLUG)).status_code == 201
        replica.catch_up()
        for base_url in (first, second):
            assert wait_for_replica(base_url, "streaming")["reads_to"] == "replica"
        replica.pause_replay()
        for base_url in (first, second):
            assert wait_for_replica(base_url, "paused")["reads_to"] == "replica"

        readers = {url: http(url) for url in (first, second)}
        cookie_readers = {url: http(url) for url in (first, second)}
        rounds, stale_with_token, stale_with_cookie, old_for_anonymous = 30, [], [], 0
        for round_ in range(rounds):
            title = f"Edited while the replica lags, round {round_}"
            written = writer.patch(f"/v1/interviews/{SLUG}", json={"title": title})
            assert written.status_code == 200, written.text
            token = written.headers["Consistency-Token"]
            other = second if round_ % 2 == 0 else first
            if title_of(readers[other], **{"Consistency-Token": token}) != title:
                stale_with_token.append(round_)
            # A client that keeps cookies and echoes nothing: the write's cookie does the same job.
            cookie_readers[other].cookies.set("interviews_consistency", token)
            if title_of(cookie_readers[other]) != title:
                stale_with_cookie.append(round_)
            cookie_readers[other].cookies.clear()
            if title_of(readers[other]) != title:
                old_for_anonymous += 1
        assert stale_with_token == []
        assert stale_with_cookie == []
        # Proof that the replica served, and lagged: a reader who wrote nothing saw the old title.
        assert old_for_anonymous == rounds

        replica.resume_replay()
        replica.catch_up()
        for base_url in (first, second):
            wait_for_replica(base_url, "streaming")
            assert title_of(readers[base_url]) == f"Edited while the replica lags, round {rounds - 1}"


def test_a_replica_beyond_the_lag_bound_sends_every_read_to_the_primary(
    replica: StreamingReplica, database, http: Callable[..., httpx.Client]
) -> None:
    *_, key = database
    with ExitStack() as stack:
        (base_url,) = servers(stack, database, 1, REPLICA_MAX_LAG_SECONDS="1")
        writer, reader = http(base_url, headers=key), http(base_url)
        assert writer.put(f"/v1/interviews/{SLUG}", json=interview_document(SLUG)).status_code == 201
        replica.catch_up()
        wait_for_replica(base_url, "streaming")
        replica.pause_replay()
        assert writer.patch(f"/v1/interviews/{SLUG}", json={"title": "After the pause"}).status_code == 200
        assert title_of(reader) != "After the pause"  # within the bound, the lagging replica serves

        report = wait_for_replica(base_url, "lagging", timeout=10)
        assert report["reads_to"] == "primary"
        assert report["lag_seconds"] > 1 and report["lag_bytes"] > 0
        assert title_of(reader) == "After the pause"
        assert reader.get("/v1/interviews").json()["items"][0]["title"] == "After the pause"

        replica.resume_replay()
        assert wait_for_replica(base_url, "streaming")["reads_to"] == "replica"
        assert title_of(reader) == "After the pause"


def test_a_replica_that_is_down_sends_reads_to_the_primary_and_the_service_stays_ready(
    replica: StreamingReplica, database, http: Callable[..., httpx.Client]
) -> None:
    *_, key = database
    with ExitStack() as stack:
        (base_url,) = servers(stack, database, 1)
        writer, reader = http(base_url, headers=key), http(base_url)
        assert writer.put(f"/v1/interviews/{SLUG}", json=interview_document(SLUG)).status_code == 201
        wait_for_replica(base_url, "streaming")
        replica.stop()
        try:
            report = wait_for_replica(base_url, "down")
            assert report["reads_to"] == "primary" and report["error"]
            ready = reader.get("/readyz")
            assert ready.status_code == 200 and ready.json()["status"] == "ready"
            assert writer.patch(f"/v1/interviews/{SLUG}", json={"title": "Replica away"}).status_code == 200
            for path in (f"/v1/interviews/{SLUG}", "/v1/interviews", "/v1/search?q=replica"):
                assert reader.get(path).status_code == 200, path
            assert title_of(reader) == "Replica away"
        finally:
            replica.start()
        replica.catch_up()
        assert wait_for_replica(base_url, "streaming")["reads_to"] == "replica"
        assert title_of(reader) == "Replica away"


def test_without_a_replica_writes_carry_no_token(
    live_store, server, writer, http: Callable[..., httpx.Client]
) -> None:
    with server() as base_url:
        written = http(base_url, headers=writer).put(f"/v1/interviews/{SLUG}", json=interview_document(SLUG))
        assert written.status_code == 201
        assert "Consistency-Token" not in written.headers and "set-cookie" not in written.headers
        assert httpx.get(f"{base_url}/readyz").json().get("replica") is None
