"""A plain page of `GET /v1/interviews` is answered ahead of routing from the stored list items
(app/interviews/stored_reads.py); everything else about the list is the route's, and both answer
alike, on both stores."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from app.http.response_cache import forget_cached_responses
from app.interviews import repository, stored_reads
from tests.support.factories import interview_document

COMPARED = ("content-type", "content-length", "cache-control", "vary", "link", "etag")

PLAIN_PAGES = [
    "",
    "?limit=2",
    "?limit=2&sort=title",
    "?limit=3&sort=-id&unknown=ignored",
    "?topic=trade",
    "?topic=trade&topic=visas&sort=-title",
    "?speaker=oleg-answerer&limit=1",
    "?language=de",
    "?published_from=2024-03-01&published_to=2024-06-30",
    "?has_media=false",
    "?updated_since=2020-01-01T00:00:00Z",
    "?limit=5&limit=2",
    "?topic=",
    "?topic=no-such-topic",
]


@pytest.fixture
def route_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The list pages the route itself read while the test runs."""
    calls: list[str] = []
    original = repository.list_interviews

    def counting(*args: Any, **options: Any) -> Any:
        calls.append("list")
        return original(*args, **options)

    monkeypatch.setattr(repository, "list_interviews", counting)
    return calls


def route_answer(client: Any, url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The route's answer to `url`, with the plain path turned off for the one request."""
    with monkeypatch.context() as patch:
        patch.setattr(stored_reads, "plain_list_read", lambda scope: None)
        return uncached(client, url)


def uncached(client: Any, url: str, **options: Any) -> Any:
    """The answer made for this request, not one the response cache kept from an earlier one."""
    forget_cached_responses()
    return client.get(url, **options)


@pytest.fixture
def five(load: Any) -> None:
    load(
        [
            interview_document("trade-one", title="Trade one", topics=["trade"], published_at="2024-01-05"),
            interview_document("visa-two", title="Visa two", topics=["visas"], published_at="2024-04-10"),
            interview_document(
                "both-three", title="Both three", topics=["trade", "visas"], published_at="2024-05-20"
            ),
            interview_document("german-four", title="German four", language="de", published_at="2023-11-02"),
            interview_document("undated-five", title="Undated five", published_at=None),
        ]
    )


def test_a_plain_page_answers_exactly_as_the_route(client, five, route_calls, monkeypatch) -> None:
    for query in PLAIN_PAGES:
        url = "/v1/interviews" + query
        by_route = route_answer(client, url, monkeypatch)
        assert route_calls == ["list"], url
        route_calls.clear()

        plain = uncached(client, url)
        assert plain.status_code == by_route.status_code == 200, (url, plain.text)
        assert plain.content == by_route.content, url
        for name in COMPARED:
            assert plain.headers.get(name) == by_route.headers.get(name), (url, name)
        assert route_calls == [], url


def test_a_filter_asked_with_more_or_fewer_values_gets_the_answer_for_those_values(client, five) -> None:
    """The SQL of a filter's `IN` list is made once per number of values (app/storage/compiled.py):
    each request still reads with its own values, whatever was asked before it."""
    trade, visas = {"trade-one", "both-three"}, {"visa-two", "both-three"}
    asked = [
        (["trade"], trade),
        (["trade", "visas"], trade | visas),
        (["visas"], visas),
        (["visas", "no-such-topic"], visas),
        (["no-such-topic", "trade"], trade),
        (["trade", "visas", "no-such-topic"], trade | visas),
        (["trade"], trade),
    ]
    for topics, expected in asked:
        url = "/v1/interviews?" + "&".join(f"topic={topic}" for topic in topics)
        answer = uncached(client, url)
        assert answer.status_code == 200, answer.text
        assert {item["slug"] for item in answer.json()["items"]} == expected, url


def test_following_next_cursor_gives_the_same_pages_either_way(client, five, monkeypatch) -> None:
    for sort in ("-published_at", "title", "id", "-updated_at"):
        url: str | None = f"/v1/interviews?limit=2&sort={sort}"
        seen: list[str] = []
        while url is not None:
            plain = uncached(client, url)
            by_route = route_answer(client, url, monkeypatch)
            assert plain.content == by_route.content
            assert plain.headers.get("link") == by_route.headers.get("link")
            page = plain.json()
            seen += [item["slug"] for item in page["items"]]
            url = (
                f"/v1/interviews?limit=2&sort={sort}&cursor={page['next_cursor']}"
                if page["next_cursor"]
                else None
            )
        assert len(seen) == len(set(seen)) == 5, sort


@pytest.mark.parametrize(
    ("query", "headers"),
    [
        ("?q=trade", {}),
        ("?count=exact", {}),
        ("?format=csv", {}),
        ("", {"Accept": "text/csv"}),
        ("?fields=slug,title", {}),
        ("?include=topics", {}),
    ],
)
def test_what_asks_for_more_than_a_plain_page_reaches_the_route(
    client, five, route_calls, query, headers
) -> None:
    answer = uncached(client, "/v1/interviews" + query, headers=headers)
    assert answer.status_code == 200, answer.text
    assert route_calls == ["list"]


@pytest.mark.parametrize(
    ("query", "mentions"),
    [
        ("?limit=0", "limit"),
        ("?limit=many", "limit"),
        ("?sort=popularity", "sort"),
        ("?published_from=yesterday", "published_from"),
        ("?updated_since=1", "updated_since"),
        ("?cursor=not-a-cursor", "cursor"),
    ],
)
def test_a_bad_parameter_gets_the_routes_problem(client, five, query, mentions, monkeypatch) -> None:
    plain = uncached(client, "/v1/interviews" + query)
    by_route = route_answer(client, "/v1/interviews" + query, monkeypatch)
    assert plain.status_code == by_route.status_code == 422
    assert plain.headers["content-type"] == "application/problem+json"
    assert mentions in plain.text
    assert {k: v for k, v in plain.json().items() if k != "request_id"} == {
        k: v for k, v in by_route.json().items() if k != "request_id"
    }


def test_a_key_or_a_cookie_reaches_the_route(client, five, keys, route_calls) -> None:
    assert uncached(client, "/v1/interviews", headers=keys["read"]).status_code == 200
    assert route_calls == ["list"]
    refused = client.get("/v1/interviews", headers={"Authorization": "Bearer ik_not-a-key"})
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"


def test_when_reads_need_a_key_a_plain_page_needs_one_too(client, five, keys, monkeypatch) -> None:
    from app.config import get_settings

    monkeypatch.setenv("REQUIRE_API_KEY_FOR_READS", "true")
    get_settings.cache_clear()
    refused = client.get("/v1/interviews")
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"
    assert len(client.get("/v1/interviews", headers=keys["read"]).json()["items"]) == 5


def test_a_write_is_seen_by_the_next_plain_page(client, five, keys) -> None:
    before = client.get("/v1/interviews?topic=trade").json()["items"]
    assert {item["slug"] for item in before} == {"trade-one", "both-three"}
    deleted = client.delete("/v1/interviews/trade-one", headers=keys["write"])
    assert deleted.status_code == 204, deleted.text
    after = client.get("/v1/interviews?topic=trade").json()["items"]
    assert [item["slug"] for item in after] == ["both-three"]


def test_a_page_with_an_item_not_rendered_yet_is_rendered_by_the_route(
    client, five, store, route_calls
) -> None:
    before = uncached(client, "/v1/interviews?topic=trade")
    with store.engine.begin() as connection:
        connection.execute(
            text(
                "DELETE FROM rendered_interviews WHERE interview_id IN (SELECT id FROM interviews WHERE slug = 'both-three')"
            )
        )
    route_calls.clear()
    after = uncached(client, "/v1/interviews?topic=trade")
    assert route_calls == ["list"]
    assert after.status_code == 200
    assert after.content == before.content
