"""Search on the real seed interview, as a frontend would call it."""

from __future__ import annotations

import re

import pytest

from app.cli import main

SEED = "interview-with-kazakhstan-deputy-minister-of-foreign-affairs-roman-vassilenko"


@pytest.fixture
def seeded(client):
    assert main(["demo"]) == 0
    return client


def search(client, q: str, **params) -> dict:
    response = client.get("/v1/search", params={"q": q, **params})
    assert response.status_code == 200, response.text
    return response.json()


def full_text(client, hit: dict) -> dict[str, str]:
    if hit["type"] == "answer":
        return {"text": client.get(f"/v1/answers/{hit['id']}").json()["text"]}
    if hit["type"] == "question":
        return {"text": client.get(f"/v1/questions/{hit['id']}").json()["text"]}
    interview = client.get(f"/v1/interviews/{hit['id']}").json()
    return {"title": interview["title"], "summary": interview["summary"] or ""}


def test_visa_facilitation_finds_the_visa_answer_first(seeded) -> None:
    body = search(seeded, "visa facilitation")
    first = body["items"][0]
    assert first["type"] == "answer"
    assert first["question"]["position"] == 6
    assert first["speaker"]["slug"] == "roman-vassilenko"
    assert first["interview"]["slug"] == SEED
    assert re.search("<mark>visa</mark> <mark>facilitation</mark>", first["snippet"], re.IGNORECASE)
    assert body["total"] == sum(f["count"] for f in body["facets"]["type"])


def test_phrase_matches_only_where_the_phrase_appears(seeded) -> None:
    body = search(seeded, '"critical raw materials"', limit=100)
    hits = body["items"]
    assert hits
    for hit in hits:
        texts = full_text(seeded, hit)
        assert any("critical raw materials" in text.lower() for text in texts.values()), hit
    all_answers = seeded.get("/v1/answers", params={"limit": 100}).json()["items"]
    containing = {a["id"] for a in all_answers if "critical raw materials" in a["text"].lower()}
    assert {h["id"] for h in hits if h["type"] == "answer"} == containing
    near_miss = search(seeded, '"raw critical materials"')
    assert near_miss["items"] == []


@pytest.mark.parametrize("q", ["export*", "exporting", "exports", "EXPORT"])
def test_inflections_and_prefixes_find_the_honey_export_answer(seeded, q) -> None:
    hits = search(seeded, q, type="answer", limit=100)["items"]
    honey = [h for h in hits if "honey" in full_text(seeded, h)["text"]]
    assert len(honey) == 1
    assert honey[0]["question"]["position"] == 2


def test_every_snippet_marks_its_matches_and_highlights_point_into_the_text(seeded) -> None:
    for q in ["visa", "Kazakhstan", "trade OR energy", "Sikela", "cooperation -Samarkand", "cooperat*"]:
        body = search(seeded, q, limit=100)
        assert body["items"], q
        for hit in body["items"]:
            assert "<mark>" in hit["snippet"], (q, hit)
            texts = full_text(seeded, hit)
            assert hit["highlights"], (q, hit)
            for highlight in hit["highlights"]:
                marked = texts[highlight["field"]][highlight["start"] : highlight["end"]]
                assert marked and re.fullmatch(r"[\w\s]+", marked), (q, marked)


def test_exclusion_removes_hits(seeded) -> None:
    with_samarkand = {h["id"] for h in search(seeded, "cooperation", limit=100)["items"]}
    without = search(seeded, "cooperation -Samarkand", limit=100)["items"]
    assert without and {h["id"] for h in without} < with_samarkand
    for hit in without:
        assert "samarkand" not in " ".join(full_text(seeded, hit).values()).lower()


def test_snippets_escape_html(client, load) -> None:
    from tests.support.factories import interview_document

    load(
        [
            interview_document(
                "html-talk", questions=[("Is <b>bold</b> safe?", ["Use <script>alert(1)</script> & visa."])]
            )
        ]
    )
    hit = search(client, "visa")["items"][0]
    assert "<script>" not in hit["snippet"]
    assert "&lt;script&gt;" in hit["snippet"] and "&amp;" in hit["snippet"]
    assert "<mark>visa</mark>" in hit["snippet"]


def test_facets_count_all_hits_not_just_the_page(seeded) -> None:
    body = search(seeded, "Kazakhstan", limit=2)
    assert len(body["items"]) == 2
    assert body["total"] > 2
    assert body["facets"]["speaker"][0]["value"] in {"roman-vassilenko", "derya-soysal"}
    assert body["facets"]["year"] == [{"value": "2025", "name": None, "count": body["total"]}]
    topic_slugs = {t["value"] for t in body["facets"]["topic"]}
    assert "central-asia" in topic_slugs


def test_filters_narrow_hits(seeded) -> None:
    assert {h["type"] for h in search(seeded, "Kazakhstan", type="question", limit=100)["items"]} == {
        "question"
    }
    assert search(seeded, "Kazakhstan", speaker="derya-soysal", limit=100)["total"] == len(
        search(seeded, "Kazakhstan", type="question", limit=100)["items"]
    )
    assert search(seeded, "visa", topic="visa-policy")["total"] >= 1
    assert search(seeded, "visa", published_to="2024-12-31")["total"] == 0
    assert search(seeded, "visa", language="de")["total"] == 0


def test_search_pages_cover_every_hit_once(seeded) -> None:
    first = search(seeded, "Kazakhstan", limit=3)
    seen = [(h["type"], h["id"]) for h in first["items"]]
    cursor = first["next_cursor"]
    while cursor:
        page = search(seeded, "Kazakhstan", limit=3, cursor=cursor)
        seen += [(h["type"], h["id"]) for h in page["items"]]
        cursor = page["next_cursor"]
    assert len(seen) == len(set(seen)) == first["total"]


def test_q_on_lists_uses_the_same_engine(seeded) -> None:
    answers = seeded.get("/v1/answers", params={"q": "visas", "limit": 100}).json()["items"]
    assert [a["question"]["position"] for a in answers] == [6]
    questions = seeded.get("/v1/questions", params={"q": '"raw materials"'}).json()["items"]
    assert [q["position"] for q in questions] == [4]
    assert seeded.get("/v1/interviews", params={"q": "honey"}).json()["items"][0]["slug"] == SEED
    assert seeded.get("/v1/interviews", params={"q": "zzzunknownzzz"}).json()["items"] == []
    assert [
        s["slug"] for s in seeded.get("/v1/speakers", params={"q": "deputy minister"}).json()["items"]
    ] == ["roman-vassilenko"]
    assert [t["slug"] for t in seeded.get("/v1/topics", params={"q": "visas"}).json()["items"]] == [
        "visa-policy"
    ]


def test_overlong_query_is_a_422_problem(client) -> None:
    response = client.get("/v1/search", params={"q": "visa " * 300})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "query.q"
