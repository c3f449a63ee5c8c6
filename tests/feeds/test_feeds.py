"""Atom, RSS and JSON Feed of interviews: parsed by feedparser, validated against JSON Feed 1.1's rules."""

from __future__ import annotations

from typing import Any

import feedparser
import jsonschema
import pytest
from sqlmodel import Session

from app.config import get_settings
from app.corpus import generate_documents
from app.feeds.repository import feed_entries
from tests.api.test_query_counts import counting_statements
from tests.conftest import api_client
from tests.support.factories import interview_document

BASE = "http://testserver"
"""Where the test client sends requests: with PUBLIC_BASE_URL unset, links are built on it."""

RFC3339 = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
AUTHOR = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "url": {"type": "string"}, "avatar": {"type": "string"}},
    "anyOf": [{"required": ["name"]}, {"required": ["url"]}, {"required": ["avatar"]}],
}
JSON_FEED_1_1 = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "JSON Feed 1.1 (https://jsonfeed.org/version/1.1): what the spec requires of a feed",
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string"},
        "home_page_url": {"type": "string", "format": "uri"},
        "feed_url": {"type": "string", "format": "uri"},
        "description": {"type": "string"},
        "user_comment": {"type": "string"},
        "next_url": {"type": "string", "format": "uri"},
        "icon": {"type": "string"},
        "favicon": {"type": "string"},
        "authors": {"type": "array", "items": AUTHOR},
        "language": {"type": "string"},
        "expired": {"type": "boolean"},
        "hubs": {"type": "array"},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
                "properties": {
                    "id": {"type": "string"},
                    "url": {"type": "string", "format": "uri"},
                    "external_url": {"type": "string"},
                    "title": {"type": "string"},
                    "content_html": {"type": "string"},
                    "content_text": {"type": "string"},
                    "summary": {"type": "string"},
                    "image": {"type": "string"},
                    "banner_image": {"type": "string"},
                    "date_published": {"type": "string", "pattern": RFC3339},
                    "date_modified": {"type": "string", "pattern": RFC3339},
                    "authors": {"type": "array", "items": AUTHOR},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "language": {"type": "string"},
                    "attachments": {"type": "array"},
                },
                # Extensions start with an underscore; anything else must be a field of the spec.
                "patternProperties": {"^_": {}},
                "additionalProperties": False,
            },
        },
    },
    "patternProperties": {"^_": {}},
    "additionalProperties": False,
}


def validate_json_feed(body: dict[str, Any]) -> None:
    jsonschema.validate(body, JSON_FEED_1_1, format_checker=jsonschema.FormatChecker())


def trade_interviews() -> list[dict[str, Any]]:
    return [
        interview_document(
            "older-trade",
            title="Trade & tariffs <today>",
            published_at="2024-01-10",
            topics=["trade"],
            summary="Tariffs, quotas & <b>borders</b>.",
            questions=[("Are tariffs <rising>?", ["Yes & no.\nIt depends."])],
        ),
        interview_document(
            "newer-visas", title="Visas", published_at="2024-03-01T09:30:00Z", topics=["visas"]
        ),
        interview_document(
            "undated-energy", title="Energy", published_at=None, topics=["energy"], language="de"
        ),
    ]


def test_atom_feed_parses_cleanly_and_carries_every_entry(client, load) -> None:
    load(trade_interviews())
    response = client.get("/v1/feeds/interviews.atom")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Interviews"
    assert [entry.id for entry in feed.entries] == [
        f"{BASE}/v1/interviews/newer-visas",
        f"{BASE}/v1/interviews/older-trade",
        f"{BASE}/v1/interviews/undated-energy",
    ], "newest first, undated last"
    trade = feed.entries[1]
    assert trade.link == f"{BASE}/interviews/older-trade", "the entry's link is its page, for people"
    assert [(link.type, link.href) for link in trade.links] == [
        ("text/html", f"{BASE}/interviews/older-trade"),
        ("application/json", f"{BASE}/v1/interviews/older-trade"),
    ]
    assert trade.title == "Trade & tariffs <today>"
    assert trade.summary == "Tariffs, quotas & <b>borders</b>."
    assert [(tag.term, tag.label, tag.scheme) for tag in trade.tags] == [
        ("trade", "Trade", f"{BASE}/v1/topics/")
    ]
    assert [author.name for author in trade.authors] == ["Ivy Asker", "Oleg Answerer"]
    assert trade.published == "2024-01-10T00:00:00+00:00"
    assert trade.updated_parsed is not None
    html = trade.content[0].value
    assert trade.content[0].type == "text/html"
    assert "<p><strong>Ivy Asker:</strong> Are tariffs &lt;rising&gt;?</p>" in html
    assert "<p><strong>Oleg Answerer:</strong> Yes &amp; no.</p><p>It depends.</p>" in html
    assert "published" not in feed.entries[2], "an undated interview has no publication date"
    for entry in feed.entries:
        assert entry.link == entry.id.replace("/v1/interviews/", "/interviews/")
        assert entry.tags


def test_rss_feed_parses_cleanly(client, load) -> None:
    load(trade_interviews())
    response = client.get("/v1/feeds/interviews.rss", params={"topic": "trade"})
    assert response.headers["content-type"] == "application/rss+xml"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    [entry] = feed.entries
    assert entry.link == f"{BASE}/interviews/older-trade"
    assert entry.id == f"{BASE}/v1/interviews/older-trade"
    assert [tag.term for tag in entry.tags] == ["Trade"]
    assert "Are tariffs &lt;rising&gt;?" in entry.content[0].value
    assert feed.feed.link == f"{BASE}/v1/interviews", "the channel links to the home, not to a page"


def test_rss_channel_link_stays_the_home_when_there_is_a_next_page(client, load) -> None:
    load(trade_interviews())
    feed = feedparser.parse(client.get("/v1/feeds/interviews.rss", params={"limit": 1}).content)
    assert not feed.bozo
    assert feed.feed.link == f"{BASE}/v1/interviews"


def test_links_follow_public_base_url_when_it_is_set(store, load, monkeypatch) -> None:
    load(trade_interviews())
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://interviews.example.org/")
    get_settings.cache_clear()
    with api_client() as client:
        body = client.get("/v1/feeds/interviews.json", params={"topic": "trade"}).json()
    assert body["feed_url"] == "https://interviews.example.org/v1/feeds/interviews.json?topic=trade"
    assert [item["id"] for item in body["items"]] == [
        "https://interviews.example.org/v1/interviews/older-trade"
    ]


def test_json_feed_follows_the_spec(client, load) -> None:
    load(trade_interviews())
    response = client.get("/v1/feeds/interviews.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/feed+json"
    body = response.json()
    validate_json_feed(body)
    assert body["feed_url"] == f"{BASE}/v1/feeds/interviews.json"
    assert "next_url" not in body
    trade = body["items"][1]
    assert trade == {
        "id": f"{BASE}/v1/interviews/older-trade",
        "url": f"{BASE}/interviews/older-trade",
        "external_url": "https://outlet.example/older-trade",
        "title": "Trade & tariffs <today>",
        "summary": "Tariffs, quotas & <b>borders</b>.",
        "content_html": "<h3>Question 1</h3>\n"
        "<p><strong>Ivy Asker:</strong> Are tariffs &lt;rising&gt;?</p>\n"
        "<p><strong>Oleg Answerer:</strong> Yes &amp; no.</p><p>It depends.</p>",
        "content_text": "1. Ivy Asker: Are tariffs <rising>?\n\nOleg Answerer: Yes & no.\nIt depends.",
        "date_published": "2024-01-10T00:00:00Z",
        "date_modified": trade["date_modified"],
        "authors": [
            {"name": "Ivy Asker", "url": f"{BASE}/v1/speakers/ivy-asker"},
            {"name": "Oleg Answerer", "url": f"{BASE}/v1/speakers/oleg-answerer"},
        ],
        "tags": ["Trade"],
        "language": "en",
    }
    assert body["items"][0]["date_published"] == "2024-03-01T09:30:00Z"
    assert "date_published" not in body["items"][2]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"topic": "visas"}, ["newer-visas"]),
        ({"topic": ["visas", "energy"]}, ["newer-visas", "undated-energy"]),
        ({"language": "de"}, ["undated-energy"]),
        ({"speaker": "oleg-answerer", "language": "en"}, ["newer-visas", "older-trade"]),
        ({"speaker": "nobody"}, []),
    ],
)
def test_filters_narrow_every_format(client, load, params, expected) -> None:
    load(trade_interviews())
    urls = [f"{BASE}/v1/interviews/{slug}" for slug in expected]
    body = client.get("/v1/feeds/interviews.json", params=params).json()
    validate_json_feed(body)
    assert [item["id"] for item in body["items"]] == urls
    for path in ("/v1/feeds/interviews.atom", "/v1/feeds/interviews.rss"):
        feed = feedparser.parse(client.get(path, params=params).content)
        assert not feed.bozo
        assert [entry.id for entry in feed.entries] == urls
        assert [entry.link for entry in feed.entries] == [url.replace("/v1/", "/") for url in urls]


def test_search_feeds_list_interviews_with_a_hit(client, load) -> None:
    load(trade_interviews())
    body = client.get("/v1/feeds/search.json", params={"q": "tariffs"}).json()
    validate_json_feed(body)
    assert body["title"] == "Interviews matching “tariffs”"
    assert [item["id"] for item in body["items"]] == [f"{BASE}/v1/interviews/older-trade"]
    feed = feedparser.parse(client.get("/v1/feeds/search.atom", params={"q": "tariffs"}).content)
    assert not feed.bozo
    assert [entry.link for entry in feed.entries] == [f"{BASE}/interviews/older-trade"]
    assert client.get("/v1/feeds/search.json", params={"q": "nothingmatchesthis"}).json()["items"] == []
    assert client.get("/v1/feeds/search.json").status_code == 422


def test_older_entries_are_one_next_link_away(client, load) -> None:
    documents = [
        interview_document(f"day-{day:02d}", published_at=f"2024-02-{day:02d}") for day in range(1, 8)
    ] + [interview_document(f"same-day-{n}", published_at="2024-02-04") for n in range(3)]
    load(documents)
    seen: list[str] = []
    url: str | None = "/v1/feeds/interviews.json?limit=3"
    while url is not None:
        body = client.get(url.removeprefix(BASE)).json()
        validate_json_feed(body)
        seen += [item["id"].rsplit("/", 1)[1] for item in body["items"]]
        url = body.get("next_url")
    assert len(seen) == len(set(seen)) == 10
    assert seen[:3] == ["day-07", "day-06", "day-05"]
    assert seen[-3:] == ["day-03", "day-02", "day-01"]

    atom_seen: list[str] = []
    atom_url: str | None = "/v1/feeds/interviews.atom?limit=4"
    while atom_url is not None:
        feed = feedparser.parse(client.get(atom_url.removeprefix(BASE)).content)
        assert not feed.bozo
        atom_seen += [entry.link.rsplit("/", 1)[1] for entry in feed.entries]
        atom_url = next((link.href for link in feed.feed.links if link.rel == "next"), None)
    assert atom_seen == seen


def test_limits_and_cursors_are_checked(client, load) -> None:
    load([interview_document("only-one")])
    assert client.get("/v1/feeds/interviews.atom", params={"limit": 0}).status_code == 422
    assert client.get("/v1/feeds/interviews.json", params={"limit": 101}).status_code == 422
    response = client.get("/v1/feeds/interviews.atom", params={"before": "not-a-cursor"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_an_empty_feed_is_still_valid(client) -> None:
    body = client.get("/v1/feeds/interviews.json").json()
    validate_json_feed(body)
    assert body["items"] == []
    feed = feedparser.parse(client.get("/v1/feeds/interviews.atom").content)
    assert not feed.bozo and feed.entries == []


def test_a_feed_page_uses_a_fixed_number_of_queries(client, load, store) -> None:
    load(list(generate_documents(30, seed=5)))
    counts = []
    for limit in (1, 10, 30):
        with counting_statements(store.engine) as statements:
            response = client.get("/v1/feeds/interviews.atom", params={"limit": limit})
        assert len(feedparser.parse(response.content).entries) == limit
        counts.append(len(statements))
    assert len(set(counts)) == 1, counts


def test_characters_xml_cannot_carry_are_dropped_from_xml_feeds(client, load) -> None:
    load(
        [
            interview_document(
                "control-talk",
                title="Bell\x07 and\x0b tab",
                topics=["trade"],
                questions=[("Why\x1f?", ["Because of form feeds\x0c."])],
            )
        ]
    )
    for path, params in [
        ("/v1/feeds/interviews.atom", {"language": "\x1f"}),
        ("/v1/feeds/interviews.rss", {}),
        ("/v1/feeds/search.atom", {"q": "form \x1f"}),
        ("/v1/feeds/search.rss", {"q": "\x1f"}),
        ("/v1/feeds/interviews.atom", {}),
    ]:
        response = client.get(path, params=params)
        assert response.status_code == 200, (path, response.text)
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (path, feed.get("bozo_exception"))
    entry = feedparser.parse(client.get("/v1/feeds/interviews.atom").content).entries[0]
    assert entry.title == "Bell and tab"
    body = client.get("/v1/feeds/interviews.json").json()
    validate_json_feed(body)
    assert body["items"][0]["title"] == "Bell\x07 and\x0b tab", "JSON escapes what XML cannot carry"


def nothing_or_refused(response) -> bool:
    """A NUL byte names nothing stored: an empty answer, or a 422 if the request is refused up front."""
    if response.status_code == 422:
        return response.headers["content-type"] == "application/problem+json"
    return response.status_code == 200 and (response.text == "" or response.json()["items"] == [])


@pytest.mark.parametrize("name", ["speaker", "topic", "language"])
def test_a_filter_value_with_a_nul_byte_matches_nothing(client, load, store, name) -> None:
    load(trade_interviews())
    for path, query in (("/v1/feeds/interviews.json", {}), ("/v1/feeds/search.json", {"q": "tariffs"})):
        assert nothing_or_refused(client.get(path, params={name: "trade\x00"} | query))
    export_filter = name if name != "language" else "interview"
    assert nothing_or_refused(client.get("/v1/export/interviews.ndjson", params={export_filter: "x\x00"}))
    with Session(store.engine) as session:  # below HTTP, whatever the request checks do
        page = feed_entries(session, limit=10, **{name: ["trade\x00"]})
        assert page.entries == []
