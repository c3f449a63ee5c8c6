"""What a client cannot do to the service: buy requests with invented credentials, hold the SQLite write
lock with anonymous dry runs, read data that needs a key, or cause a 500 with any input."""

from __future__ import annotations

import base64
import json
import secrets
import sqlite3
import subprocess
import sys

import httpx
import pytest

from app.auth.keys import Scope
from tests.conftest import SAMPLES, Store
from tests.live.conftest import new_key
from tests.support.factories import interview_document

SLUG = "protected"


def test_invented_credentials_buy_no_extra_requests(live_store: Store, server, writer, http) -> None:
    """Random `Authorization: Basic …` values are anonymous reads counted by address; a valid Bearer key
    with a random `X-API-Key` beside it is counted as that one key."""
    with server(RATE_LIMIT="5/minute") as base_url:
        anonymous = http(base_url)
        statuses = [
            anonymous.get(
                "/v1/topics", headers={"Authorization": "Basic " + secrets.token_urlsafe(12)}
            ).status_code
            for _ in range(8)
        ]
        assert statuses == [200] * 5 + [429] * 3
        keyed = http(base_url)
        writes = [
            keyed.put(
                f"/v1/interviews/{SLUG}-{n}",
                json=interview_document(f"{SLUG}-{n}"),
                headers={**writer, "X-API-Key": secrets.token_urlsafe(12)},
            ).status_code
            for n in range(8)
        ]
        assert writes == [201] * 5 + [429] * 3
        invented = [
            http(base_url).get("/v1/topics", headers={"Authorization": f"Bearer {secrets.token_urlsafe(30)}"})
            for _ in range(7)
        ]
        assert [r.status_code for r in invented] == [401] * 5 + [429] * 2, "refused keys count by address"
        other = new_key(live_store, "a second key from the same address")
        assert http(base_url).get("/v1/topics", headers=other).status_code == 429, "unknown keys wait too"


def test_a_dry_run_is_a_read_that_never_waits_for_the_write_lock(sqlite_store: Store) -> None:
    """While another process holds SQLite's write lock, a dry run still answers: it only reads. (One
    that took the write lock kept keyed writers waiting, then failing with "database is locked".)"""
    from tests.support.servers import uvicorn_process

    sqlite_store.empty()
    article = (SAMPLES / "eu-reporter-vassilenko-2025.txt").read_bytes()
    holder = sqlite3.connect(sqlite_store.url.removeprefix("sqlite:///"), isolation_level=None)
    with uvicorn_process(sqlite_store.url, SQLITE_BUSY_TIMEOUT_MS="200") as base_url:
        holder.execute("BEGIN IMMEDIATE")
        with httpx.Client(base_url=base_url, timeout=60) as client:
            response = client.post(
                "/v1/imports?dry_run=true", content=article, headers={"Content-Type": "text/plain"}
            )
        holder.execute("ROLLBACK")
    holder.close()
    assert response.status_code == 200, response.text
    assert response.json()["documents"][0]["questions"]


def test_an_article_over_the_parse_limit_is_a_413_before_any_parsing(live_store: Store, server, http) -> None:
    with server(MAX_ARTICLE_BYTES="100000") as base_url:
        response = http(base_url).post(
            "/v1/imports?dry_run=true",
            content=b"Q: Why?\nA: Because.\n" * 10_000,
            headers={"Content-Type": "text/plain"},
        )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert "100000 bytes" in response.json()["detail"]


def test_when_reads_need_a_key_dry_runs_and_the_front_page_need_one_too(
    live_store: Store, server, http
) -> None:
    reader = new_key(live_store, "reader", Scope.read)
    article = (SAMPLES / "eu-reporter-vassilenko-2025.txt").read_bytes()
    with server(REQUIRE_API_KEY_FOR_READS="true") as base_url:
        client = http(base_url)
        anonymous = client.post(
            "/v1/imports?dry_run=true", content=article, headers={"Content-Type": "text/plain"}
        )
        assert anonymous.status_code == 401
        assert anonymous.headers["content-type"] == "application/problem+json"
        front = client.get("/")
        assert front.status_code == 200 and 'class="counts"' not in front.text
        keyed = client.post(
            "/v1/imports?dry_run=true", content=article, headers={"Content-Type": "text/plain", **reader}
        )
        assert keyed.status_code == 200, keyed.text
        assert 'class="counts"' in client.get("/", headers=reader).text


def test_an_import_without_a_key_is_a_401_whatever_its_body(live_store: Store, server, http) -> None:
    with server() as base_url:
        client = http(base_url)
        for body, media_type in ((b"\xff\xfe not text", "text/plain"), (b"[" * 100, "application/json")):
            response = client.post("/v1/imports", content=body, headers={"Content-Type": media_type})
            assert response.status_code == 401, response.text


def b64(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


HOSTILE_GETS = [
    ("/v1/questions", {"cursor": b64({"s": "id", "k": ["abc", 1]})}),
    ("/v1/questions", {"cursor": b64({"s": "id", "k": [10**30, 1]})}),
    ("/v1/interviews", {"cursor": b64({"s": "-published_at", "k": ["2024\u0000", 1]})}),
    ("/v1/interviews", {"cursor": b64({"s": "-published_at", "k": [True, 1]})}),
    ("/v1/interviews", {"sort": "title", "cursor": b64({"s": "title", "k": ["a", 10**20]})}),
    ("/v1/interviews", {"sort": "created_at", "cursor": b64({"s": "created_at", "k": [{"dt": "x"}, 1]})}),
    ("/v1/search", {"q": "visa", "cursor": b64({"s": "relevance", "k": ["high", 1]})}),
    ("/v1/feeds/interviews.atom", {"before": b64({"feed": ["", "2020-01-01", True]})}),
    ("/v1/feeds/interviews.json", {"before": b64({"feed": ["\u0000", "2020-01-01", 1]})}),
    ("/v1/changes", {"since": base64.urlsafe_b64encode(b"seq:1180591620717411303424").decode()}),
    ("/v1/interviews", {"published_to": "9999-12-31"}),
    ("/v1/answers", {"published_from": "0001-01-01"}),
    ("/v1/export/interviews.ndjson", {"updated_since": "1"}),
    ("/v1/export/interviews.ndjson", {"updated_since": "9999-12-31T23:59:59"}),
]


@pytest.mark.parametrize(("path", "params"), HOSTILE_GETS)
def test_hostile_parameters_are_422_problems_on_an_open_connection(
    live_store: Store, server, http, path, params
) -> None:
    with server() as base_url:
        client = http(base_url)
        response = client.get(path, params=params)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000, b"1" * 5_000, b'{"slug": ' + b"9" * 5_000 + b"}", b"[" * 100_000 + b"]" * 100_000],
)
def test_unreadable_json_is_a_422_problem_never_a_500(live_store: Store, server, writer, http, body) -> None:
    with server() as base_url:
        client = http(base_url)
        dry = client.post(
            "/v1/imports?dry_run=true", content=body, headers={"Content-Type": "application/json"}
        )
        put = client.put(
            f"/v1/interviews/{SLUG}", content=body, headers={**writer, "Content-Type": "application/json"}
        )
        ndjson = client.post(
            "/v1/imports?dry_run=true", content=body, headers={"Content-Type": "application/x-ndjson"}
        )
    for response in (dry, put, ndjson):
        assert response.status_code in (400, 422), response.text
        assert response.headers["content-type"] == "application/problem+json"


def test_keys_are_revoked_by_id_prefix_or_name_and_the_command_says_so(live_store: Store) -> None:
    import os

    from sqlmodel import Session, select

    from app.models import ApiKey

    environment = {**os.environ, "DATABASE_URL": live_store.url}
    for name in ("by-id", "by-prefix", "by-name"):
        new_key(live_store, name)
    with Session(live_store.engine) as session:
        keys = {k.name: k for k in session.exec(select(ApiKey)).all()}
    for name, ref in (
        ("by-id", str(keys["by-id"].id)),
        ("by-prefix", keys["by-prefix"].prefix),
        ("by-name", "by-name"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "app.cli", "keys", "revoke", ref],
            env=environment, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        assert f"named '{name}'" in done.stderr
    with Session(live_store.engine) as session:
        assert all(k.revoked_at is not None for k in session.exec(select(ApiKey)).all())
    missing = subprocess.run(
        [sys.executable, "-m", "app.cli", "keys", "revoke", "no-such-key"],
        env=environment, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert missing.returncode == 1 and "no key" in missing.stderr
