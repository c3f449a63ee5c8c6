"""A plain `GET /v1/interviews/{ref}` is answered from the stored rendering ahead of routing
(app/interviews/stored_reads.py); everything else about one interview is the route's, and both
answer alike."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from app.http.response_cache import forget_cached_responses
from app.interviews import rendering
from app.kit.lookup import MAX_REF_LENGTH
from tests.support.factories import interview_document

COMPARED = ("content-type", "etag", "last-modified", "cache-control", "content-length", "vary")


@pytest.fixture
def route_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The refs the route itself looked up while the test runs."""
    calls: list[str] = []
    original = rendering.current_detail

    def counting(session: Any, ref: str, **options: Any) -> Any:
        calls.append(ref)
        return original(session, ref, **options)

    monkeypatch.setattr(rendering, "current_detail", counting)
    return calls


def loaded(load: Any) -> list[dict[str, Any]]:
    documents = [
        interview_document("trade-talk", title="Trade talk", topics=["trade"]),
        interview_document(
            "visa-talk", title="Visa talk", questions=[("And visas?", ["Easier soon.", "Yes."])]
        ),
    ]
    load(documents)
    return documents


def test_a_plain_read_is_answered_without_the_route_exactly_as_the_route_answers(
    client, load, route_calls
) -> None:
    for document in loaded(load):
        slug = document["slug"]
        by_route = client.get(f"/v1/interviews/{slug}", params={"via": "route"})
        assert route_calls == [slug]
        route_calls.clear()

        stored = client.get(f"/v1/interviews/{slug}")
        assert route_calls == [], "a stored interview is answered before routing"
        assert stored.status_code == by_route.status_code == 200
        assert stored.content == by_route.content
        assert stored.json()["slug"] == slug
        for name in COMPARED:
            assert stored.headers.get(name) == by_route.headers.get(name), name
        by_id = client.get(f"/v1/interviews/{stored.json()['id']}")
        assert by_id.content == stored.content and route_calls == []


UNUSUAL_TEXT = 'Астана — «Qazaqstan» says "yes" \\ no\\n, 東京, café 🌍 <b>&amp;</b>'
"""Letters beyond ASCII, quotes, backslashes and an emoji: the stored rendering is sent as its bytes."""


def test_text_beyond_ascii_quotes_and_backslashes_come_back_as_written(client, load, route_calls) -> None:
    document = interview_document(
        "unusual-text", title=UNUSUAL_TEXT, questions=[(UNUSUAL_TEXT + "?", [UNUSUAL_TEXT])]
    )
    load([document])
    by_route = client.get("/v1/interviews/unusual-text", params={"via": "route"})
    stored = client.get("/v1/interviews/unusual-text")
    assert route_calls == ["unusual-text"], "the second read is answered before routing"
    assert stored.content == by_route.content
    body = stored.json()
    assert body["title"] == UNUSUAL_TEXT
    assert body["questions"][0]["answers"][0]["text"] == UNUSUAL_TEXT
    listed = client.get("/v1/interviews")
    assert [item["title"] for item in listed.json()["items"]] == [UNUSUAL_TEXT]


def test_a_stored_read_answers_conditional_requests_like_the_route(client, load) -> None:
    loaded(load)
    first = client.get("/v1/interviews/trade-talk")
    again = client.get("/v1/interviews/trade-talk", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_what_a_stored_read_does_not_cover_reaches_the_route(client, load, store, keys, route_calls) -> None:
    loaded(load)
    wrong_key = client.get("/v1/interviews/trade-talk", headers={"Authorization": "Bearer ik_not-a-key"})
    assert wrong_key.status_code == 401
    assert wrong_key.headers["content-type"] == "application/problem+json"

    with_key = client.get("/v1/interviews/trade-talk", headers=keys["read"])
    assert with_key.status_code == 200 and route_calls == ["trade-talk"]
    assert with_key.headers["cache-control"].startswith("private")

    unknown = client.get("/v1/interviews/no-such-talk")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"
    assert "no-such-talk" in unknown.json()["detail"]

    too_long = client.get("/v1/interviews/" + "a" * (MAX_REF_LENGTH + 1))
    assert too_long.status_code == 422


def test_an_interview_without_a_current_rendering_is_rendered_by_the_route(
    client, load, store, route_calls
) -> None:
    loaded(load)
    before = client.get("/v1/interviews/visa-talk")
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM rendered_interviews"))
    forget_cached_responses()  # the change log did not see that delete, so the response cache would not
    route_calls.clear()
    after = client.get("/v1/interviews/visa-talk")
    assert route_calls == ["visa-talk"]
    assert after.status_code == 200
    assert after.content == before.content
    assert after.headers["etag"] == before.headers["etag"]


def test_when_reads_need_a_key_a_stored_interview_needs_one_too(client, load, keys, monkeypatch) -> None:
    from app.config import get_settings

    loaded(load)
    monkeypatch.setenv("REQUIRE_API_KEY_FOR_READS", "true")
    get_settings.cache_clear()
    refused = client.get("/v1/interviews/trade-talk")
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"
    assert client.get("/v1/interviews/trade-talk", headers=keys["read"]).status_code == 200


def test_a_write_is_seen_by_the_next_plain_read(client, load, keys) -> None:
    loaded(load)
    before = client.get("/v1/interviews/trade-talk")
    changed = client.patch(
        "/v1/interviews/trade-talk",
        json={"title": "Trade talk, revised"},
        headers={**keys["write"], "If-Match": before.headers["etag"]},
    )
    assert changed.status_code == 200, changed.text
    after = client.get("/v1/interviews/trade-talk")
    assert after.json()["title"] == "Trade talk, revised"
    assert after.headers["etag"] != before.headers["etag"]
    assert after.headers["etag"] == changed.headers["etag"]
