"""Rate limits, size limits, CORS and security headers, as a client on the internet meets them."""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session

from app.auth.keys import Scope, create_key
from app.config import get_settings
from tests.conftest import api_client


@pytest.fixture
def limited_client(store, monkeypatch):
    monkeypatch.setenv("RATE_LIMIT", "100/minute")
    get_settings.cache_clear()
    with api_client() as client:
        yield client
    get_settings.cache_clear()


def new_key(store, name: str) -> dict[str, str]:
    with Session(store.engine) as session:
        _, key = create_key(session, name, Scope.read)
        session.commit()
    return {"Authorization": f"Bearer {key}"}


def test_a_burst_from_one_key_is_limited_and_another_key_is_not(limited_client, store) -> None:
    first, second = new_key(store, "first"), new_key(store, "second")
    statuses = [limited_client.get("/v1/topics", headers=first).status_code for _ in range(200)]
    assert statuses[:100] == [200] * 100
    assert set(statuses[100:]) == {429}
    refused = limited_client.get("/v1/topics", headers=first)
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["retry-after"]) >= 1
    assert refused.headers["ratelimit-remaining"] == "0"
    assert "Too many requests" in refused.json()["detail"]
    other = limited_client.get("/v1/topics", headers=second)
    assert other.status_code == 200
    assert other.headers["ratelimit-limit"] == "100"
    assert other.headers["ratelimit-remaining"] == "99"
    assert limited_client.get("/healthz", headers=first).status_code == 200


def test_clients_without_a_key_are_limited_by_address(limited_client) -> None:
    statuses = [limited_client.get("/v1/speakers").status_code for _ in range(105)]
    assert statuses.count(429) == 5


def test_oversized_bodies_are_413_announced_or_streamed(client) -> None:
    limit = get_settings().max_body_bytes
    announced = client.post("/v1/imports", params={"dry_run": "true"}, content=b"x" * (limit + 1))
    assert announced.status_code == 413
    assert announced.headers["content-type"] == "application/problem+json"

    def chunks():
        for _ in range(limit // 65536 + 2):
            yield b"y" * 65536

    streamed = client.post("/v1/imports", params={"dry_run": "true"}, content=chunks())
    assert streamed.status_code == 413


def test_overlong_query_strings_are_414(client) -> None:
    response = client.get("/v1/interviews", params={"topic": ["t" * 100] * 50})
    assert response.status_code == 414
    assert response.headers["content-type"] == "application/problem+json"


def test_cors_lets_any_origin_read_without_credentials(client) -> None:
    response = client.get("/v1/topics", headers={"Origin": "https://news.example"})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
    preflight = client.options(
        "/v1/interviews/x",
        headers={
            "Origin": "https://news.example",
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "Authorization, If-Match",
        },
    )
    assert preflight.status_code == 200
    assert "PUT" in preflight.headers["access-control-allow-methods"]
    assert "etag" in response.headers["access-control-expose-headers"].lower()


def test_security_headers_and_a_strict_policy_on_the_docs(client) -> None:
    api = client.get("/v1/topics")
    assert api.headers["x-content-type-options"] == "nosniff"
    assert "server" not in api.headers
    assert api.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    docs = client.get("/docs")
    policy = docs.headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]+)", policy)
    assert script_src and script_src.group(1) == "'self'"
    assert "<script>" not in docs.text  # every script is a file, allowed by 'self'
    assert "<script>" not in client.get("/redoc").text
