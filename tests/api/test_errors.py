"""Every error is an RFC 9457 problem, including routing errors and unexpected failures."""

from __future__ import annotations

import pytest
from fastapi import APIRouter

from app.main import create_app


def test_unknown_path_is_a_404_problem(client) -> None:
    response = client.get("/v2/everything")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert {k: v for k, v in response.json().items() if k != "request_id"} == {
        "type": "not-found",
        "title": "Not Found",
        "status": 404,
        "detail": "There is nothing at /v2/everything. The API lives under /v1; see /docs.",
    }


def test_wrong_method_is_a_405_problem_naming_the_allowed_one(client) -> None:
    response = client.delete("/v1/topics")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "DELETE is not allowed on /v1/topics; use GET, HEAD."
    assert response.headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/v1/speakers/roman-vassilenko", "GET, HEAD, PATCH, DELETE"),
        ("/v1/topics/visa-policy", "GET, HEAD, PATCH, DELETE"),
        ("/v1/interviews/some-interview", "GET, HEAD, PUT, PATCH, DELETE"),
        ("/v1/imports", "POST"),
    ],
)
def test_a_405_names_every_method_the_path_has_not_only_the_first_routes(client, path, allowed) -> None:
    response = client.request("OPTIONS" if path == "/v1/imports" else "POST", path)
    if path == "/v1/imports":
        response = client.get(path)
    assert response.status_code == 405
    assert response.headers["allow"] == allowed
    assert response.json()["detail"].endswith(f"use {allowed}.")


def test_unexpected_failure_is_a_500_problem_that_hides_internals(store) -> None:
    from tests.conftest import TestClient

    app = create_app()
    broken = APIRouter()

    @broken.get("/v1/broken")
    def explode() -> None:
        raise RuntimeError("secret connection string postgresql://user:pw@db")

    app.include_router(broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/v1/broken")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "internal-error"
    assert "secret" not in response.text
    assert body["detail"] == "The server could not handle this request. The error has been logged."


def test_ids_out_of_range_are_422_not_500(client) -> None:
    for path in ["/v1/answers/99999999999999999999", "/v1/questions/-1"]:
        response = client.get(path)
        assert response.status_code == 422, path
        assert response.headers["content-type"] == "application/problem+json"
    assert client.get("/v1/interviews/99999999999999999999").status_code == 404


def test_an_exhausted_connection_pool_is_a_503_not_a_500(store) -> None:
    from sqlalchemy.exc import TimeoutError as PoolTimeoutError

    from tests.conftest import TestClient

    app = create_app()
    busy = APIRouter()

    @busy.get("/v1/busy")
    def wait_for_a_connection() -> None:
        raise PoolTimeoutError("QueuePool limit of size 5 overflow 5 reached")

    app.include_router(busy)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/v1/busy")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.json()["type"] == "database-unavailable"
