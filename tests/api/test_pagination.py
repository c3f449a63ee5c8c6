"""Keyset pagination over a generated corpus: every row exactly once, on every list and both stores."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from app.config import get_settings
from app.corpus import generate_documents
from tests.conftest import STORES, Store, api_client, store_documents

CORPUS_SIZE = 1000


@pytest.fixture(scope="module", params=STORES)
def corpus_store(request: pytest.FixtureRequest) -> tuple[Store, list[dict]]:
    """1,000 generated interviews, loaded once per store for the read-only tests of this module."""
    store: Store = request.getfixturevalue(f"{request.param}_store")
    store.empty()
    documents = list(generate_documents(CORPUS_SIZE, seed=7))
    store_documents(store, documents)
    return store, documents


@pytest.fixture
def corpus(corpus_store) -> list[dict]:
    return corpus_store[1]


@pytest.fixture
def reader(corpus_store, monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """A client over the shared corpus; tests using it must not write."""
    monkeypatch.setenv("DATABASE_URL", corpus_store[0].url)
    get_settings.cache_clear()
    with api_client() as test_client:
        yield test_client
    get_settings.cache_clear()


def walk(client, path: str, **params) -> tuple[list[dict], int]:
    """Follow `next_cursor` (and check the Link header agrees) until the last page."""
    items: list[dict] = []
    pages = 0
    response = client.get(path, params={"limit": 100, **params})
    while True:
        assert response.status_code == 200, response.text
        body = response.json()
        items.extend(body["items"])
        pages += 1
        if body["next_cursor"] is None:
            assert "link" not in response.headers
            return items, pages
        link = response.headers["link"]
        assert link.endswith('>; rel="next"') and f"cursor={body['next_cursor']}" in link
        response = client.get(link[1 : link.index(">")])


def test_every_list_pages_through_the_corpus_without_gaps_or_repeats(reader, corpus) -> None:
    speakers = {p["speaker"]["slug"] for d in corpus for p in d["participants"]}
    topics = {t["slug"] for d in corpus for t in d["topics"]}
    question_count = sum(len(d["questions"]) for d in corpus)
    answer_count = sum(len(q["answers"]) for d in corpus for q in d["questions"])
    expected = {
        "/v1/interviews": CORPUS_SIZE,
        "/v1/questions": question_count,
        "/v1/answers": answer_count,
        "/v1/speakers": len(speakers),
        "/v1/topics": len(topics),
    }
    for path, count in expected.items():
        items, pages = walk(reader, path)
        ids = [item["id"] for item in items]
        assert len(ids) == count, path
        assert len(set(ids)) == count, f"{path} repeated a row"
        assert pages == -(-count // 100), path


@pytest.mark.parametrize("sort", ["-published_at", "published_at", "title", "-updated_at", "id"])
def test_interview_sorts_are_total_orders(reader, corpus, sort) -> None:
    items, _ = walk(reader, "/v1/interviews", sort=sort)
    assert len({item["slug"] for item in items}) == CORPUS_SIZE
    field = sort.lstrip("-")
    keys = [("" if item[field] is None else item[field], item["id"]) for item in items]
    ordered = sorted(keys, reverse=sort.startswith("-"))
    assert [k for k, _ in keys] == [k for k, _ in ordered]


def test_cursor_is_stable_while_rows_are_added(client, load) -> None:
    corpus = list(generate_documents(120, seed=3))
    load(corpus)
    first = client.get("/v1/interviews", params={"limit": 50, "sort": "id"}).json()
    load([dict(corpus[0], slug="added-while-paging")])
    second = client.get(
        "/v1/interviews", params={"limit": 50, "sort": "id", "cursor": first["next_cursor"]}
    ).json()
    assert [i["id"] for i in second["items"]] == list(range(51, 101))


def test_a_cursor_only_works_with_its_own_sort(reader) -> None:
    cursor = reader.get("/v1/interviews", params={"sort": "title"}).json()["next_cursor"]
    response = reader.get("/v1/interviews", params={"sort": "-title", "cursor": cursor})
    assert response.status_code == 422
    assert "Keep the same sort" in response.json()["detail"]


@pytest.mark.parametrize("cursor", ["abc", "", "eyJzIjoiaWQiLCJrIjpbMSwieCJdfQ", "%%%", "e30"])
def test_damaged_cursors_are_422(client, cursor) -> None:
    response = client.get("/v1/answers", params={"cursor": cursor})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_filtered_pages_stay_within_the_filter(reader, corpus) -> None:
    topic = corpus[0]["topics"][0]["slug"]
    expected = sorted(d["slug"] for d in corpus if topic in {t["slug"] for t in d["topics"]})
    items, _ = walk(reader, "/v1/interviews", topic=topic)
    assert sorted(item["slug"] for item in items) == expected
    answers, _ = walk(reader, "/v1/answers", topic=topic)
    expected_answers = sum(
        len(q["answers"])
        for d in corpus
        for q in d["questions"]
        if topic in {t["slug"] for t in d["topics"] + q.get("topics", [])}
    )
    assert len(answers) == expected_answers


@pytest.mark.parametrize("path", ["/v1/interviews", "/v1/answers"])
def test_the_next_link_keeps_every_other_parameter_as_sent(reader, corpus, path) -> None:
    """The `Link` header names the same request with only `cursor` changed: repeated filters, values
    that need escaping and parameters the list ignores come back as the client sent them."""
    topics = sorted({t["slug"] for d in corpus for t in d["topics"]})[:2]
    params = [("topic", topics[0]), ("limit", "2"), ("topic", topics[1]), ("note", "a&b c/é")]
    first = reader.get(f"{path}?{urlencode(params)}")  # in this order (httpx groups repeated names)
    assert first.status_code == 200, first.text
    second = reader.get(f"{path}?{urlencode([('cursor', first.json()['next_cursor']), *params])}")
    body = second.json()
    link = second.headers["link"]
    target = urlsplit(link[1 : link.index(">")])
    assert target.path == path
    assert parse_qsl(target.query) == [*params, ("cursor", body["next_cursor"])]
    followed = reader.get(f"{target.path}?{target.query}")
    by_hand = reader.get(f"{path}?{urlencode([*params, ('cursor', body['next_cursor'])])}")
    assert followed.json() == by_hand.json()
    assert followed.json()["items"] and followed.json()["items"] != body["items"]
