"""The caching middleware: ETag and Cache-Control on every GET, 304s, HEAD, and new tags after writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from app.http.conditional import cache_control
from tests.conftest import store_documents
from tests.support.factories import interview_document

VIEWS = [
    ("/v1/interviews", "public, max-age=30"),
    ("/v1/interviews?topic=trade&sort=title", "public, max-age=30"),
    ("/v1/interviews/cached-talk", "public, max-age=300"),
    ("/v1/questions", "public, max-age=30"),
    ("/v1/questions/1", "public, max-age=300"),
    ("/v1/answers/1", "public, max-age=300"),
    ("/v1/speakers/ivy-asker", "public, max-age=300"),
    ("/v1/topics", "public, max-age=30"),
    ("/v1/search?q=tariffs", "public, max-age=30"),
    ("/v1/feeds/interviews.atom", "public, max-age=30"),
    ("/v1/feeds/interviews.rss", "public, max-age=30"),
    ("/v1/feeds/interviews.json?topic=trade", "public, max-age=30"),
    ("/v1/feeds/search.atom?q=tariffs", "public, max-age=30"),
    ("/v1/feeds/search.json?q=tariffs", "public, max-age=30"),
    ("/v1/changes", "public, max-age=5"),
    ("/v1/export/interviews.ndjson", "no-cache"),
    ("/healthz", "no-store"),
    ("/readyz", "no-store"),
    ("/openapi.json", "public, max-age=30"),
]


def cached_talk(answer: str = "Tariffs are falling.") -> dict:
    return interview_document(
        "cached-talk",
        topics=["trade"],
        questions=[("What about tariffs?", [answer])],
        summary="About tariffs.",
    )


@pytest.mark.parametrize(("path", "cache_control"), VIEWS)
def test_every_get_has_an_etag_and_a_matching_if_none_match_gives_304(
    client, load, path, cache_control
) -> None:
    load([cached_talk()])
    response = client.get(path)
    assert response.status_code == 200, response.text
    etag = response.headers["etag"]
    assert response.headers["cache-control"] == cache_control
    not_modified = client.get(path, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified.headers["etag"] == etag
    assert not_modified.headers["cache-control"] == cache_control
    assert "content-type" not in not_modified.headers
    assert client.get(path, headers={"If-None-Match": f'"other", {etag}'}).status_code == 304
    assert client.get(path, headers={"If-None-Match": "*"}).status_code == 304
    weak = etag if etag.startswith("W/") else f"W/{etag}"
    assert client.get(path, headers={"If-None-Match": weak}).status_code == 304, "weak comparison"
    assert client.get(path, headers={"If-None-Match": '"stale"'}).status_code == 200


@pytest.mark.parametrize(("path", "_cache_control"), VIEWS)
def test_head_answers_like_get_without_a_body(client, load, path, _cache_control) -> None:
    load([cached_talk()])
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers.get("content-encoding") == get.headers.get("content-encoding")
    if "content-encoding" not in get.headers:
        assert head.headers.get("content-length") == get.headers.get("content-length")
    else:  # gzip: the length is only known once the body is compressed
        assert "content-length" not in head.headers
    assert client.head(path, headers={"If-None-Match": get.headers["etag"]}).status_code == 304
    plain = {"Accept-Encoding": "identity"}
    assert client.head(path, headers=plain).headers.get("content-length") == client.get(
        path, headers=plain
    ).headers.get("content-length")


def test_head_of_a_missing_resource_is_a_bodiless_404(client) -> None:
    response = client.head("/v1/interviews/no-such-talk")
    assert response.status_code == 404
    assert response.content == b""
    assert "etag" not in response.headers


def test_a_write_changes_the_tag_of_every_view_it_affects(client, store) -> None:
    store_documents(store, [cached_talk(), interview_document("other-talk", published_at="2020-01-01")])
    views = [
        "/v1/interviews",
        "/v1/interviews/cached-talk",
        "/v1/feeds/interviews.atom",
        "/v1/feeds/interviews.json",
        "/v1/feeds/search.json?q=tariffs",
        "/v1/search?q=tariffs",
        "/v1/changes",
        "/v1/export/interviews.ndjson",
    ]
    before = {path: client.get(path).headers["etag"] for path in views}
    untouched = client.get("/v1/interviews/other-talk").headers["etag"]
    store_documents(store, [cached_talk()])  # unchanged: no view changes
    assert {path: client.get(path).headers["etag"] for path in views} == before
    store_documents(store, [cached_talk("Tariffs are rising.")])
    for path, etag in before.items():
        response = client.get(path, headers={"If-None-Match": etag})
        assert response.status_code == 200, path
        assert response.headers["etag"] != etag, path
    assert client.get("/v1/interviews/other-talk", headers={"If-None-Match": untouched}).status_code == 304


def test_a_single_resource_has_last_modified_and_honours_if_modified_since(client, load) -> None:
    load([cached_talk()])
    response = client.get("/v1/interviews/cached-talk")
    updated_at = datetime.fromisoformat(response.json()["updated_at"].replace("Z", "+00:00"))
    assert response.headers["last-modified"] == format_datetime(
        updated_at.replace(microsecond=0), usegmt=True
    )
    since = response.headers["last-modified"]
    assert client.get("/v1/interviews/cached-talk", headers={"If-Modified-Since": since}).status_code == 304
    earlier = format_datetime(updated_at - timedelta(seconds=5), usegmt=True)
    assert client.get("/v1/interviews/cached-talk", headers={"If-Modified-Since": earlier}).status_code == 200
    assert (
        client.get(
            "/v1/interviews/cached-talk", headers={"If-Modified-Since": since, "If-None-Match": '"stale"'}
        ).status_code
        == 200
    ), "If-None-Match wins over If-Modified-Since"
    assert (
        client.get("/v1/interviews/cached-talk", headers={"If-Modified-Since": "garbage"}).status_code == 200
    )
    future = format_datetime(datetime.now(UTC) + timedelta(days=1), usegmt=True)
    assert client.get("/v1/interviews", headers={"If-Modified-Since": future}).status_code == 200, (
        "lists have no Last-Modified"
    )


def test_errors_and_other_methods_are_left_alone(client) -> None:
    missing = client.get("/v1/interviews/no-such-talk")
    assert missing.status_code == 404
    assert "etag" not in missing.headers and "cache-control" not in missing.headers
    posted = client.post("/v1/changes")
    assert posted.status_code == 405
    assert "etag" not in posted.headers


def test_credentials_make_the_cache_private(client) -> None:
    response = client.get("/v1/interviews", headers={"Cookie": "session=abc"})
    assert response.headers["cache-control"] == "private, max-age=30"
    assert cache_control("/v1/interviews/x", credentials=True) == "private, max-age=300"


def test_head_works_on_every_get_route(client) -> None:
    documented = client.app.openapi()["paths"]
    paths = sorted(path for path, operations in documented.items() if "get" in operations and "{" not in path)
    paths += ["/docs", "/redoc", "/openapi.json"]
    assert "/v1/feeds/interviews.atom" in paths and "/v1/changes" in paths
    for path in paths:
        get = client.get(path)
        head = client.head(path)
        assert head.status_code == get.status_code != 405, path
        assert head.content == b"", path
