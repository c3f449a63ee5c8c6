"""Health, readiness, metrics, request ids and structured logs, as an operator sees them."""

from __future__ import annotations

import json
import logging
import logging.config

from app.http.request_ids import logging_config
from app.storage.migrations import upgrade
from tests.support.factories import interview_document


def test_health_and_readiness(client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["database"] == "ok"
    assert ready.headers["cache-control"] == "no-store"


def test_readiness_is_a_503_problem_while_migrations_lag(empty_database_url, monkeypatch) -> None:
    """On a database of its own, so that no other test sees the schema go back and forth."""
    from app.config import get_settings
    from tests.conftest import api_client

    upgrade(empty_database_url, "0003")
    monkeypatch.setenv("DATABASE_URL", empty_database_url)
    get_settings.cache_clear()
    try:
        with api_client() as client:
            response = client.get("/readyz")
            assert response.status_code == 503
            assert response.headers["content-type"] == "application/problem+json"
            assert "run `interviews migrate`" in response.json()["detail"]
            upgrade(empty_database_url)
            assert client.get("/readyz").status_code == 200
    finally:
        get_settings.cache_clear()


def test_request_ids_are_echoed_in_headers_and_problems(client) -> None:
    mine = client.get("/v1/interviews/nothing", headers={"X-Request-ID": "partner-42"})
    assert mine.headers["x-request-id"] == "partner-42"
    assert mine.json()["request_id"] == "partner-42"
    generated = client.get("/v1/interviews/nothing", headers={"X-Request-ID": "bad id\nwith newline"})
    assert generated.headers["x-request-id"] != "bad id\nwith newline"
    assert generated.json()["request_id"] == generated.headers["x-request-id"]
    limited = client.get("/v1/topics", params={"x": "y" * 5000}, headers={"X-Request-ID": "too-long-query"})
    assert limited.status_code == 414 and limited.json()["request_id"] == "too-long-query"


def test_metrics_count_requests_by_route_template_and_status(client) -> None:
    client.get("/v1/interviews/one-slug")
    client.get("/v1/interviews/another-slug")
    client.get("/v1/topics")
    metrics = client.get("/metrics").text
    assert 'http_requests_total{handler="/v1/interviews/{ref}",method="GET",status="404"} 2.0' in metrics
    assert 'http_requests_total{handler="/v1/topics",method="GET",status="200"} 1.0' in metrics
    assert "http_request_duration_seconds_bucket" in metrics
    assert "db_pool_connections_in_use" in metrics


def test_metrics_name_every_route_by_its_template_request_after_request(client, load) -> None:
    """The templates are looked up in the routes as flattened for the first request: later requests,
    of every kind (answered ahead of routing, by a route, by the docs, by none), are named alike."""
    load([interview_document("metered", questions=[("Which visa?", ["A visa for a year."])])])
    slug = "metered"
    for _ in range(2):
        assert client.get(f"/v1/interviews/{slug}").status_code == 200  # a stored read
        assert client.get("/v1/interviews", params={"limit": 1}).status_code == 200  # a plain page
        assert client.get(f"/v1/interviews/{slug}/revisions").status_code == 200
        assert client.get("/v1/search", params={"q": "visa"}).status_code == 200
        assert client.get("/docs").status_code == 200
        assert client.get("/v1/no-such-thing").status_code == 404
    metrics = client.get("/metrics").text
    for handler in (
        "/v1/interviews/{ref}",
        "/v1/interviews",
        "/v1/interviews/{ref}/revisions",
        "/v1/search",
        "/docs",
    ):
        assert f'http_requests_total{{handler="{handler}",method="GET",status="200"}} 2.0' in metrics
    assert 'http_requests_total{handler="none",method="GET",status="404"} 2.0' in metrics


def test_log_lines_are_json_with_the_request_id(capfd) -> None:
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    logging.config.dictConfig(logging_config())
    from asgi_correlation_id import correlation_id

    token = correlation_id.set("log-test-1")
    try:
        logging.getLogger("app.test").warning("something to note")
    finally:
        correlation_id.reset(token)
        root.handlers, root.level = saved
    line = capfd.readouterr().err.strip().splitlines()[-1]
    record = json.loads(line)
    assert record["message"] == "something to note"
    assert record["request_id"] == "log-test-1"
    assert record["level"] == "WARNING"
