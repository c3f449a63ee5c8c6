"""Stored read responses: served again only while the data is unchanged, never to a request with a key."""

from __future__ import annotations

from sqlmodel import Session

from app.auth.keys import keys_named, revoke_key
from app.config import get_settings
from app.contract.document import InterviewDocument
from app.storage.loader import store_document
from tests.conftest import api_client
from tests.support.factories import interview_document

SLUG = "trade-talk"


def store_elsewhere(store, slug: str) -> None:
    """Write as another API process or `interviews import` would: its own session, no HTTP."""
    with Session(store.engine) as session:
        store_document(session, InterviewDocument.model_validate(interview_document(slug)))
        session.commit()


def test_a_repeated_read_is_served_from_the_store_with_the_same_body_and_tag(client, load) -> None:
    load([interview_document(SLUG)])
    first = client.get(f"/v1/interviews/{SLUG}")
    second = client.get(f"/v1/interviews/{SLUG}")
    assert first.status_code == second.status_code == 200
    assert "x-cache" not in first.headers
    assert second.headers["x-cache"] == "hit"
    assert second.content == first.content
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["last-modified"] == first.headers["last-modified"]
    assert second.headers["cache-control"] == first.headers["cache-control"]
    assert second.headers["x-request-id"] != first.headers["x-request-id"]
    assert "ratelimit-remaining" in second.headers
    conditional = client.get(f"/v1/interviews/{SLUG}", headers={"If-None-Match": first.headers["etag"]})
    assert conditional.status_code == 304
    assert conditional.content == b""


def test_a_write_through_the_api_is_visible_to_the_next_read(client, load, keys) -> None:
    load([interview_document(SLUG)])
    client.get(f"/v1/interviews/{SLUG}")
    assert client.get("/v1/search", params={"q": "New"}).json()["items"] == []
    assert client.get(f"/v1/interviews/{SLUG}").headers["x-cache"] == "hit"
    patched = client.patch(f"/v1/interviews/{SLUG}", json={"title": "New title"}, headers=keys["write"])
    assert patched.status_code == 200
    after = client.get(f"/v1/interviews/{SLUG}")
    assert "x-cache" not in after.headers
    assert after.json()["title"] == "New title"
    assert client.get("/v1/search", params={"q": "New"}).json()["items"] != []


def test_a_write_by_another_process_is_visible_to_the_next_read(client, load, store) -> None:
    """Another API process or `interviews import` writes straight to the database: no message reaches
    this process, the change log's number moves and retires the stored copy."""
    load([interview_document(SLUG)])
    listed = client.get("/v1/interviews").json()
    assert client.get("/v1/interviews").headers["x-cache"] == "hit"
    store_elsewhere(store, "second-talk")
    relisted = client.get("/v1/interviews")
    assert "x-cache" not in relisted.headers
    assert len(relisted.json()["items"]) == len(listed["items"]) + 1


def test_requests_with_a_key_never_use_the_store(client, load, keys, store) -> None:
    load([interview_document(SLUG)])
    client.get(f"/v1/interviews/{SLUG}")
    assert client.get(f"/v1/interviews/{SLUG}").headers["x-cache"] == "hit"
    keyed = client.get(f"/v1/interviews/{SLUG}", headers=keys["read"])
    assert keyed.status_code == 200
    assert "x-cache" not in keyed.headers
    assert keyed.headers["cache-control"].startswith("private")
    prefix = keys["read"]["Authorization"].removeprefix("Bearer ")[:10]
    with Session(store.engine) as session:
        (record,) = keys_named(session, prefix)
        revoke_key(session, record)
        session.commit()
    assert client.get(f"/v1/interviews/{SLUG}", headers=keys["read"]).status_code == 401


def test_errors_are_never_stored(client, load) -> None:
    load([interview_document(SLUG)])
    for _ in range(2):
        missing = client.get("/v1/interviews/no-such-interview")
        assert missing.status_code == 404
        assert "x-cache" not in missing.headers


def test_the_change_feed_is_served_again_until_the_next_change(client, load, store) -> None:
    load([interview_document(SLUG)])
    first = client.get("/v1/changes")
    assert client.get("/v1/changes").headers["x-cache"] == "hit"
    store_elsewhere(store, "second-talk")
    after = client.get("/v1/changes")
    assert "x-cache" not in after.headers
    assert [item["slug"] for item in after.json()["items"]][-1] == "second-talk"
    assert len(after.json()["items"]) > len(first.json()["items"])


def test_reads_that_need_a_key_are_never_stored(store, load, keys, monkeypatch) -> None:
    load([interview_document(SLUG)])
    monkeypatch.setenv("REQUIRE_API_KEY_FOR_READS", "true")
    get_settings.cache_clear()
    with api_client() as client:
        for _ in range(2):
            assert client.get(f"/v1/interviews/{SLUG}").status_code == 401
            response = client.get(f"/v1/interviews/{SLUG}", headers=keys["read"])
            assert response.status_code == 200
            assert "x-cache" not in response.headers


def test_a_size_of_zero_turns_the_store_off(store, load, monkeypatch) -> None:
    load([interview_document(SLUG)])
    monkeypatch.setenv("RESPONSE_CACHE_MB", "0")
    get_settings.cache_clear()
    with api_client() as client:
        responses = [client.get(f"/v1/interviews/{SLUG}") for _ in range(3)]
    assert {response.status_code for response in responses} == {200}
    assert not any("x-cache" in response.headers for response in responses)
