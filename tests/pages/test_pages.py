"""The public HTML pages over HTTP, on both stores: what they show, what they say about themselves
(JSON-LD, OpenGraph, alternate links that resolve), escaping, 404s and bad input, caching, and the
feeds and search hits that link to them."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import feedparser
import lxml.html
import pytest

from app.config import get_settings
from app.corpus import generate_documents
from app.http.security_headers import PAGES_POLICY
from tests.api.test_query_counts import counting_statements
from tests.search.hostile import hostile_queries
from tests.support.factories import interview_document

BASE = "http://testserver"
TALK = "border-talk"
HOSTILE_TEXT = "<script>alert('answer')</script> & <b>bold</b> visas"


def border_talk() -> dict[str, Any]:
    return interview_document(
        TALK,
        title="Borders & <visas>",
        summary="Who crosses, and how.",
        published_at="2024-06-02",
        location="Almaty",
        topics=["visas", "trade"],
        questions=[
            ("Are visas getting easier?", ["Yes, for students.", HOSTILE_TEXT]),
            ("What about trade?", ["Tariffs fell.\nQuotas stayed."]),
        ],
    )


def tree(response: Any) -> Any:
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return lxml.html.fromstring(response.text)


def structured_data(page: Any) -> dict[str, Any]:
    [block] = page.xpath('//script[@type="application/ld+json"]')
    data: dict[str, Any] = json.loads(block.text)
    return data


def meta(page: Any) -> dict[str, list[str]]:
    """`property` or `name` of each meta tag, with its contents in order."""
    found: dict[str, list[str]] = {}
    for tag in page.xpath("//head/meta[@content]"):
        found.setdefault(tag.get("property") or tag.get("name"), []).append(tag.get("content"))
    return found


def local(url: str) -> str:
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == BASE, url
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_an_interview_page_shows_every_question_and_answer_with_an_anchor_to_cite(client, load) -> None:
    load([border_talk()])
    interview = client.get(f"/v1/interviews/{TALK}").json()
    response = client.get(f"/interviews/{TALK}")
    assert response.status_code == 200
    page = tree(response)
    assert page.xpath("string(//h1)") == "Borders & <visas>"
    assert page.get("lang") == "en"
    assert page.xpath('//meta[@name="viewport"]/@content') == ["width=device-width, initial-scale=1"]
    answers = [answer for question in interview["questions"] for answer in question["answers"]]
    assert len(answers) == 3
    for question in interview["questions"]:
        [element] = page.xpath(f'//*[@id="question-{question["id"]}"]')
        assert element.xpath(f'.//a[@href="#question-{question["id"]}"]'), "a visible permalink"
        assert question["text"] in element.text_content()
    for answer in answers:
        [element] = page.xpath(f'//*[@id="answer-{answer["id"]}"]')
        assert element.xpath(f'.//a[@href="#answer-{answer["id"]}"]/text()') == ["link"]
        assert element.xpath("string(.//a[@class='who'])") == "Oleg Answerer"
    trade = page.xpath(f'//*[@id="answer-{answers[2]["id"]}"]//p/text()')
    assert trade[-2:] == ["Tariffs fell.", "Quotas stayed."], "each line a paragraph"
    assert page.xpath('//a[@href="/speakers/oleg-answerer"]')
    assert [a.text for a in page.xpath('//ul[@class="topics"]//a')] == ["Visas", "Trade"]
    assert page.xpath('//ul[@class="topics"]//a/@href') == ["/topics/visas", "/topics/trade"]


def test_structured_data_is_a_schema_org_article_of_questions_and_answers(client, load) -> None:
    load([border_talk()])
    interview = client.get(f"/v1/interviews/{TALK}").json()
    data = structured_data(tree(client.get(f"/interviews/{TALK}")))
    url = f"{BASE}/interviews/{TALK}"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["@id"] == data["url"] == url
    assert data["headline"] == "Borders & <visas>"
    assert data["datePublished"] == "2024-06-02"
    assert data["inLanguage"] == "en"
    interviewee = {"@type": "Person", "name": "Oleg Answerer", "url": f"{BASE}/speakers/oleg-answerer"}
    assert data["contributor"] == [interviewee]
    assert interviewee in data["about"]
    assert data["author"] == [{"@type": "Person", "name": "Ivy Asker", "url": f"{BASE}/speakers/ivy-asker"}]
    assert {"@type": "Thing", "name": "Visas", "url": f"{BASE}/topics/visas"} in data["about"]
    assert data["locationCreated"] == {"@type": "Place", "name": "Almaty"}
    assert data["isBasedOn"] == f"https://outlet.example/{TALK}"
    first = interview["questions"][0]
    part = data["hasPart"][0]
    assert part["@type"] == "Question"
    assert part["url"] == f"{url}#question-{first['id']}"
    assert part["text"] == first["text"]
    assert part["answerCount"] == 2
    assert [(a["@type"], a["url"], a["text"]) for a in part["acceptedAnswer"]] == [
        ("Answer", f"{url}#answer-{a['id']}", a["text"]) for a in first["answers"]
    ]
    assert part["acceptedAnswer"][1]["text"] == HOSTILE_TEXT, "JSON-LD carries text as it is, escaped as JSON"


def test_open_graph_and_twitter_cards(client, load) -> None:
    load([border_talk()])
    page = tree(client.get(f"/interviews/{TALK}"))
    tags = meta(page)
    assert tags["og:type"] == ["article"]
    assert tags["og:title"] == tags["twitter:title"] == ["Borders & <visas>"]
    assert (
        tags["og:description"]
        == tags["twitter:description"]
        == tags["description"]
        == ["Who crosses, and how."]
    )
    assert tags["og:url"] == [f"{BASE}/interviews/{TALK}"]
    assert tags["og:site_name"] == ["Interviews"]
    assert tags["twitter:card"] == ["summary"]
    assert tags["article:published_time"] == ["2024-06-02"]
    assert tags["article:tag"] == ["Visas", "Trade"]
    assert page.xpath('//link[@rel="canonical"]/@href') == [f"{BASE}/interviews/{TALK}"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            f"/interviews/{TALK}",
            {f"/v1/interviews/{TALK}", "/v1/feeds/interviews.atom", "/v1/feeds/interviews.json"},
        ),
        (
            "/speakers/oleg-answerer",
            {
                "/v1/speakers/oleg-answerer",
                "/v1/feeds/interviews.atom?speaker=oleg-answerer",
                "/v1/feeds/interviews.json?speaker=oleg-answerer",
            },
        ),
        (
            "/topics/visas",
            {
                "/v1/topics/visas",
                "/v1/feeds/interviews.atom?topic=visas",
                "/v1/feeds/interviews.json?topic=visas",
            },
        ),
        (
            "/search?q=visas",
            {"/v1/search?q=visas", "/v1/feeds/search.atom?q=visas", "/v1/feeds/search.json?q=visas"},
        ),
    ],
)
def test_alternate_links_lead_to_the_json_and_the_feeds(client, load, path, expected) -> None:
    load([border_talk()])
    page = tree(client.get(path))
    alternates = {
        local(link.get("href")): link.get("type") for link in page.xpath('//link[@rel="alternate"]')
    }
    assert set(alternates) == expected
    for href, media_type in alternates.items():
        response = client.get(href)
        assert response.status_code == 200, href
        assert response.headers["content-type"].startswith(media_type), href
    assert structured_data(page)["@context"] == "https://schema.org"


def test_text_is_shown_as_text_never_as_markup(client, load) -> None:
    load([border_talk()])
    response = client.get(f"/interviews/{TALK}")
    page = tree(response)
    assert "<script>alert" not in response.text, "escaped everywhere, the JSON-LD block included"
    assert [s.get("type") for s in page.xpath("//script")] == ["application/ld+json"]
    assert not page.xpath("//main//b"), "no markup from the data"
    assert HOSTILE_TEXT in page.xpath("string(//main)")
    assert "<title>Borders &amp; &lt;visas&gt; · Interviews</title>" in response.text


def test_the_speaker_page_lists_their_interviews_and_answers(client, load) -> None:
    load([border_talk(), interview_document("later-talk", published_at="2024-09-01")])
    interview = client.get(f"/v1/interviews/{TALK}").json()
    page = tree(client.get("/speakers/oleg-answerer"))
    assert page.xpath("string(//h1)") == "Oleg Answerer"
    assert page.xpath("//ul[@class='cards']//h3/a/@href") == ["/interviews/later-talk", f"/interviews/{TALK}"]
    cited = page.xpath("//ul[@class='said']//p[@class='cite']/a/@href")
    answer_ids = [a["id"] for q in interview["questions"] for a in q["answers"]]
    for answer_id in answer_ids:
        assert f"/interviews/{TALK}#answer-{answer_id}" in cited
    data = structured_data(page)
    assert data["@type"] == "ProfilePage"
    assert data["mainEntity"]["name"] == "Oleg Answerer"
    assert [h.text for h in page.xpath("//main//h2")] == ["Interviews", "Answers"]
    asker = tree(client.get("/speakers/ivy-asker"))
    assert [h.text for h in asker.xpath("//main//h2")] == ["Interviews", "Questions asked"]


def test_the_topic_page_lists_its_interviews_a_page_at_a_time(client, load) -> None:
    load(
        [
            interview_document(f"talk-{n:02d}", published_at=f"2024-01-{n:02d}", topics=["visas"])
            for n in range(1, 26)
        ]
    )
    first = tree(client.get("/topics/visas"))
    assert first.xpath("string(//h1)") == "Visas"
    listed = first.xpath("//ul[@class='cards']//h3/a/@href")
    assert listed == [f"/interviews/talk-{n:02d}" for n in range(25, 5, -1)], "newest first, 20 a page"
    [more] = first.xpath("//a[@rel='next']/@href")
    rest = tree(client.get(f"/topics/visas{more}")).xpath("//ul[@class='cards']//h3/a/@href")
    assert rest == [f"/interviews/talk-{n:02d}" for n in range(5, 0, -1)]
    assert structured_data(first)["mainEntity"]["itemListElement"][0]["url"] == f"{BASE}/interviews/talk-25"


def test_the_search_page_shows_highlighted_snippets_safely(client, load) -> None:
    load([border_talk()])
    response = client.get("/search", params={"q": "visas"})
    assert response.status_code == 200
    page = tree(response)
    hits = page.xpath("//ol[@class='hits']/li")
    api = client.get("/v1/search", params={"q": "visas"}).json()
    assert len(hits) == len(api["items"]) >= 3
    for hit, item in zip(hits, api["items"], strict=True):
        assert hit.xpath(".//p[@class='cite']/a/@href") == [item["page_url"]]
        assert hit.xpath(".//p[@class='snippet']/mark"), "matches are marked"
        assert not hit.xpath(".//p[@class='snippet']/*[not(self::mark)]"), "and nothing else is markup"
    hostile = next(hit for hit in hits if "alert" in hit.text_content())
    assert "<script>alert('answer')</script> & <b>bold</b>" in hostile.xpath("string(.//p[@class='snippet'])")
    assert [s.get("type") for s in page.xpath("//script")] == ["application/ld+json"]
    assert page.xpath("//input[@name='q']/@value") == ["visas"]


def test_the_search_page_without_a_query_is_a_form(client) -> None:
    page = tree(client.get("/search"))
    assert page.xpath("string(//h1)") == "Search"
    assert not page.xpath("//ol[@class='hits']")
    assert page.xpath("//form[@action='/search']/input[@name='q']")


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/interviews/no-such-talk", "No such interview"),
        ("/interviews/99999999999999999999", "No such interview"),
        ("/speakers/nobody", "No such speaker"),
        ("/topics/nothing", "No such topic"),
        ("/topics/%3Cscript%3E", "No such topic"),
    ],
)
def test_an_unknown_slug_is_a_friendly_404_page(client, path, heading) -> None:
    response = client.get(path)
    assert response.status_code == 404
    page = tree(response)
    assert page.xpath("string(//h1)") == heading
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert page.xpath("//form[@action='/search']")
    assert "<script>" not in response.text.split("</head>", 1)[1]


def test_bad_input_is_a_page_that_says_so_never_a_500(client, load) -> None:
    load([border_talk()])
    for path, params in [
        ("/topics/visas", {"cursor": "not-a-cursor"}),
        ("/speakers/oleg-answerer", {"answers": "eyJzIjoiaWQiLCJrIjpbMSwyXX0"}),
        ("/search", {"q": "visas", "cursor": "%%%"}),
        ("/search", {"q": "-visas"}),
        ("/search", {"q": "visas " * 200}),
    ]:
        response = client.get(path, params=params)
        assert response.status_code == 400, (path, params)
        assert tree(response).xpath("//*[@class='problem' or @class='message']"), (path, params)
    for q in hostile_queries(60):
        if "\x00" in q:
            continue  # refused before any route, as a 422 problem (app/http/request_limits.py)
        response = client.get("/search", params={"q": q})
        assert response.status_code in (200, 400), repr(q)
        assert response.headers["content-type"] == "text/html; charset=utf-8"


def test_pages_are_cached_and_validated_like_the_json(client, load) -> None:
    load([border_talk()])
    for path, max_age in [
        (f"/interviews/{TALK}", 300),
        ("/speakers/ivy-asker", 300),
        ("/search?q=visas", 30),
    ]:
        response = client.get(path)
        assert response.headers["cache-control"] == f"public, max-age={max_age}"
        assert response.headers["content-security-policy"] == PAGES_POLICY
        etag = response.headers["etag"]
        assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
        head = client.head(path)
        assert head.status_code == 200 and head.content == b""
    stylesheet = client.get("/static/pages/pages.css")
    assert stylesheet.status_code == 200
    assert stylesheet.headers["content-type"] == "text/css; charset=utf-8"
    paths = client.get("/openapi.json").json()["paths"]
    pages = ("/interviews/", "/speakers/", "/topics/", "/search", "/static/")
    assert not [path for path in paths if path.startswith(pages)], "the pages are not API operations"


def test_a_write_shows_on_the_page_at_once(client, load, keys) -> None:
    load([border_talk()])
    before = client.get(f"/interviews/{TALK}")
    changed = client.patch(f"/v1/interviews/{TALK}", json={"title": "Borders, again"}, headers=keys["write"])
    assert changed.status_code == 200
    after = client.get(f"/interviews/{TALK}", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200
    assert tree(after).xpath("string(//h1)") == "Borders, again"


def test_pages_need_a_key_where_reads_do(client, load, keys, monkeypatch) -> None:
    load([border_talk()])
    monkeypatch.setenv("REQUIRE_API_KEY_FOR_READS", "true")
    get_settings.cache_clear()
    locked = client.get(f"/interviews/{TALK}")
    assert locked.status_code == 401
    assert "Borders" not in locked.text
    assert client.get(f"/interviews/{TALK}", headers=keys["read"]).status_code == 200


def test_feed_entries_link_to_the_interview_page(client, load) -> None:
    load([border_talk()])
    page = f"{BASE}/interviews/{TALK}"
    atom = feedparser.parse(client.get("/v1/feeds/interviews.atom").content)
    [entry] = atom.entries
    assert entry.id == f"{BASE}/v1/interviews/{TALK}", "the permanent id stays the resource's URL"
    assert entry.link == page
    assert {(link.type, link.href) for link in entry.links if link.rel == "alternate"} == {
        ("text/html", page),
        ("application/json", f"{BASE}/v1/interviews/{TALK}"),
    }
    [rss] = feedparser.parse(client.get("/v1/feeds/interviews.rss").content).entries
    assert rss.link == page
    [item] = client.get("/v1/feeds/search.json", params={"q": "visas"}).json()["items"]
    assert item["url"] == page
    assert client.get(local(page)).status_code == 200


def test_every_kind_of_search_hit_links_to_its_place_on_a_page(client, load) -> None:
    load([border_talk()])
    interview = client.get(f"/v1/interviews/{TALK}").json()
    hits = client.get("/v1/search", params={"q": "visas"}).json()["items"]
    question = interview["questions"][0]
    expected = {
        ("interview", interview["id"]): f"/interviews/{TALK}",
        ("question", question["id"]): f"/interviews/{TALK}#question-{question['id']}",
        **{
            ("answer", answer["id"]): f"/interviews/{TALK}#answer-{answer['id']}"
            for answer in question["answers"]
        },
    }
    found = {(hit["type"], hit["id"]): hit["page_url"] for hit in hits}
    assert found.items() <= expected.items()
    assert ("answer", question["answers"][1]["id"]) in found
    grouped = client.get("/v1/search", params={"q": "visas", "group": "interview"}).json()["items"]
    assert [hit["page_url"] for hit in grouped] == [f"/interviews/{TALK}"]
    assert all(
        answer["page_url"].startswith(f"/interviews/{TALK}#answer-") for answer in grouped[0]["top_answers"]
    )
    for url in found.values():
        path, _, anchor = url.partition("#")
        page = tree(client.get(path))
        assert not anchor or page.xpath(f'//*[@id="{anchor}"]')


def test_pages_read_a_fixed_number_of_queries(client, load, store) -> None:
    documents = list(generate_documents(30, seed=11))
    load(documents)
    counts: dict[str, set[int]] = {"interview": set(), "speaker": set(), "topic": set()}
    speakers = {p["speaker"]["slug"] for d in documents for p in d["participants"]}
    topics = {t["slug"] for d in documents for t in d["topics"]}
    for kind, slugs in (
        ("interview", [d["slug"] for d in documents[:5]]),
        ("speaker", speakers),
        ("topic", topics),
    ):
        for slug in sorted(slugs)[:8]:
            with counting_statements(store.engine) as statements:
                assert client.get(f"/{kind}s/{slug}").status_code == 200
            counts[kind].add(len(statements))
    assert counts["interview"] == {1}, "the stored rendering, as the JSON reads it"
    # Whatever the speaker's number of interviews, answers and questions (an empty list skips a lookup):
    assert counts["speaker"] <= {8, 9}, counts
    assert counts["topic"] == {2}, counts
