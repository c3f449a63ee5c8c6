"""Rate limits shared by API processes through Redis, and what the API does when Redis goes away.

Two uvicorn processes over one database: with counters in each process, a client gets the limit
twice; with RATE_LIMIT_STORAGE_URL pointing at Redis, once. A Redis of the test's own (a
`redis-server` process) is then stopped under the API: requests are served without limits (the
limit fails open), and counting resumes when Redis is back.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import httpx
import pytest
import redis

from tests.conftest import Store
from tests.support.servers import free_port, uvicorn_process

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
LIMIT = 10


@pytest.fixture
def redis_url() -> str:
    """TEST_REDIS_URL's database, emptied (CI sets it; else the local default); fails in CI without it."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).flushdb()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_URL} does not answer: {error}")
        pytest.skip(f"Redis at {REDIS_URL} does not answer: {error}")
    return REDIS_URL


@pytest.fixture
def store(sqlite_store: Store) -> Store:
    sqlite_store.empty()
    return sqlite_store


def burst(base_urls: list[str], count: int) -> Counter[int]:
    """`count` requests from one client, spread over the processes in turn; statuses counted."""
    statuses: Counter[int] = Counter()
    for number in range(count):
        response = httpx.get(f"{base_urls[number % len(base_urls)]}/v1/topics", timeout=10)
        statuses[response.status_code] += 1
    return statuses


def test_two_processes_apply_the_limit_once_with_redis_and_twice_without(
    store: Store, redis_url: str
) -> None:
    rate = f"{LIMIT}/minute"
    with ExitStack() as stack:
        shared = [
            stack.enter_context(uvicorn_process(store.url, RATE_LIMIT=rate, RATE_LIMIT_STORAGE_URL=redis_url))
            for _ in range(2)
        ]
        assert burst(shared, 3 * LIMIT) == {200: LIMIT, 429: 2 * LIMIT}
    with ExitStack() as stack:
        separate = [
            stack.enter_context(
                uvicorn_process(store.url, RATE_LIMIT=rate, RATE_LIMIT_STORAGE_URL="memory://")
            )
            for _ in range(2)
        ]
        # The failure shared counters exist to prevent: each process grants the whole limit.
        assert burst(separate, 3 * LIMIT) == {200: 2 * LIMIT, 429: LIMIT}


@contextmanager
def redis_server(port: int) -> Iterator[subprocess.Popen[bytes]]:
    binary = shutil.which("redis-server")
    assert binary is not None, "redis-server is not installed (.ci/run installs it)"
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port, socket_timeout=1)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    try:
        yield process
    finally:
        process.kill()
        process.wait()


def test_the_api_keeps_serving_when_redis_goes_away_and_limits_again_when_it_is_back(
    store: Store,
) -> None:
    port = free_port()
    redis_url = f"redis://127.0.0.1:{port}/0"
    with ExitStack() as stack:
        with redis_server(port):
            base_url = stack.enter_context(
                uvicorn_process(store.url, RATE_LIMIT="5/minute", RATE_LIMIT_STORAGE_URL=redis_url)
            )
            assert burst([base_url], 6) == {200: 5, 429: 1}

        # Redis is gone: served, without limit headers; never a 500.
        away = [httpx.get(f"{base_url}/v1/topics", timeout=10) for _ in range(20)]
        assert Counter(response.status_code for response in away) == {200: 20}
        assert all("RateLimit-Limit" not in response.headers for response in away)

        with redis_server(port):
            time.sleep(5.5)  # the limiter tries its store again after STORAGE_RETRY_SECONDS
            assert burst([base_url], 6) == {200: 5, 429: 1}
