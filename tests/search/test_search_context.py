"""Matching the way people ask, on both stores: a speaker's name or the interview's subject narrows the
words of an answer (context), operators in capitals, a query that only excludes is refused, and
`/v1/search/explain` shows how a query is read."""

from __future__ import annotations

import pytest

from app.cli import main
from tests.support.factories import interview_document

SEED = "interview-with-kazakhstan-deputy-minister-of-foreign-affairs-roman-vassilenko"


@pytest.fixture
def seeded(client):
    assert main(["demo"]) == 0
    return client


def answers(client, q: str) -> list[dict]:
    response = client.get("/v1/search", params={"q": q, "type": "answer", "limit": 100})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def text_of(client, hit: dict) -> str:
    return client.get(f"/v1/answers/{hit['id']}").json()["text"]


def test_a_name_and_a_subject_find_that_persons_answers_on_it(seeded) -> None:
    """`Vassilenko visa`: no answer says his name, each of his answers is found by it (its context)."""
    hits = answers(seeded, "Vassilenko visa")
    assert hits, "a speaker's name plus a subject finds nothing"
    assert hits[0]["question"]["position"] == 6
    for hit in hits:
        assert hit["speaker"]["slug"] == "roman-vassilenko"
        assert "visa" in text_of(seeded, hit).lower() and "<mark>" in hit["snippet"]
    assert not any("vassilenko" in text_of(seeded, hit).lower() for hit in hits)


def test_the_interviews_subject_narrows_an_answer(seeded) -> None:
    hits = answers(seeded, "Kazakhstan honey exports")
    assert [hit["question"]["position"] for hit in hits][:1] == [2]
    assert "honey" in text_of(seeded, hits[0])


def test_one_word_is_looked_for_in_the_text_itself(seeded) -> None:
    """Context only narrows: a single word matches where it is said, not every answer of an interview
    whose topic or title holds it."""
    hits = answers(seeded, "visa")
    assert hits and all("visa" in text_of(seeded, hit).lower() for hit in hits)
    every = seeded.get(f"/v1/interviews/{SEED}").json()
    assert len(hits) < sum(len(q["answers"]) for q in every["questions"])


def test_a_renamed_speaker_is_found_by_the_new_name(client, load, keys) -> None:
    load([interview_document("trade-talk", questions=[("How is trade?", ["Growing steadily in spring."])])])
    assert answers(client, "Oleg growing")
    response = client.patch(
        "/v1/speakers/oleg-answerer", json={"name": "Olaf Renamed"}, headers=keys["write"]
    )
    assert response.status_code == 200, response.text
    assert answers(client, "Renamed growing")
    before = client.get("/v1/search", params={"q": "Oleg growing", "type": "answer"}).json()
    assert before["relaxed"], "the old name still finds the answer"


def test_and_not_and_or_are_operators_in_capitals(seeded) -> None:
    both = answers(seeded, "visa AND facilitation")
    assert both and [h["id"] for h in both] == [h["id"] for h in answers(seeded, "visa facilitation")]
    lower = answers(seeded, "visa and facilitation")  # `and` is then a word that must occur too
    assert {h["id"] for h in lower} <= {h["id"] for h in both}
    without = answers(seeded, "cooperation NOT Samarkand")
    assert without and [h["id"] for h in without] == [
        h["id"] for h in answers(seeded, "cooperation -Samarkand")
    ]
    assert all("samarkand" not in text_of(seeded, hit).lower() for hit in without)


def test_a_query_that_only_excludes_is_a_problem_saying_what_to_add(seeded) -> None:
    for q in ("-visa", "NOT visa", '-"raw materials" -oil'):
        for path in ("/v1/search", "/v1/answers", "/v1/interviews"):
            response = seeded.get(path, params={"q": q})
            assert response.status_code == 422, (path, q)
            assert response.headers["content-type"] == "application/problem+json"
            assert "add a word to look for" in response.json()["detail"]


def test_explain_shows_the_tree_the_lookups_and_the_store_expression(seeded, store) -> None:
    response = seeded.get(
        "/v1/search/explain", params={"q": 'visas AND "raw materials" OR oil NOT gas and tr*'}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert [[term["text"] for term in group["any_of"]] for group in body["all_of"]] == [
        ["visas"],
        ["raw materials", "oil"],
        ["and"],
        ["tr"],
    ]
    assert body["all_of"][0]["any_of"][0]["looked_up"] == ["visa"]
    assert body["all_of"][1]["any_of"][0] == {
        "kind": "phrase",
        "text": "raw materials",
        "looked_up": ["raw materi"],
    }
    assert [term["text"] for term in body["none_of"]] == ["gas"]
    assert body["languages"] == ["en"]
    assert body["store"] == ("sqlite" if store.name == "sqlite" else "postgresql")
    assert "visa" in body["expression"] and "gas" in body["expression"]
    assert any("'and' is a word" in note for note in body["notes"])
    assert any("'tr*'" in note for note in body["notes"])
    only = seeded.get("/v1/search/explain", params={"q": "-visa"}).json()
    assert only["all_of"] == [] and "422" in only["notes"][0]
    assert seeded.get("/v1/search/explain", params={"q": ""}).status_code == 422


def test_words_across_answers_find_the_interview_that_holds_them(seeded, load) -> None:
    """`visa honey`: no one answer says both, the interview does."""
    load([interview_document("trade-talk", questions=[("How is trade?", ["Honey sells well."])])])
    listed = seeded.get("/v1/interviews", params={"q": "visa honey"}).json()["items"]
    assert [item["slug"] for item in listed] == [SEED]
    assert seeded.get("/v1/interviews", params={"q": "visa AND honey"}).json()["items"] == listed
    assert (
        seeded.get("/v1/interviews", params={"q": "honey -visa"}).json()["items"][0]["slug"] == "trade-talk"
    )
    assert seeded.get("/v1/interviews", params={"q": "visa zzzunknown"}).json()["items"] == []


def test_a_typo_gets_corrected_queries_that_have_hits(seeded) -> None:
    body = seeded.get("/v1/search", params={"q": "vissa"}).json()
    assert (body["total"], body["relaxed"]) == (0, False)
    assert body["suggestions"][0] == "visa"
    body = seeded.get("/v1/search", params={"q": "Kazakstan hony"}).json()
    assert "Kazakhstan honey" in body["suggestions"]
    for suggestion in body["suggestions"]:
        assert seeded.get("/v1/search", params={"q": suggestion}).json()["total"] > 0, suggestion
    assert seeded.get("/v1/search", params={"q": "visa"}).json()["suggestions"] == []
    assert seeded.get("/v1/search", params={"q": "qqqxxzz"}).json()["suggestions"] == []


def test_when_no_hit_holds_every_word_any_word_hits_come_flagged(seeded) -> None:
    body = seeded.get("/v1/search", params={"q": "honey zzzunknown", "type": "answer"}).json()
    assert body["relaxed"] is True and body["total"] >= 1
    assert all("honey" in text_of(seeded, hit).lower() for hit in body["items"])
    exact = seeded.get("/v1/search", params={"q": "honey", "type": "answer"}).json()
    assert exact["relaxed"] is False


def test_published_facets_offer_the_filter_of_each_period(client, load) -> None:
    load(
        [
            interview_document(
                f"talk-{year}", published_at=f"{year}-03-05", questions=[("Trade?", ["Trade grew."])]
            )
            for year in (1990, 2004, 2025)
        ]
    )
    facets = client.get("/v1/search", params={"q": "trade"}).json()["facets"]
    assert [(p["value"], p["span"], p["count"]) for p in facets["published"]] == [
        ("2020s", "decade", 2), ("2000s", "decade", 2), ("1990s", "decade", 2),
    ]  # fmt: skip
    decade = facets["published"][1]
    narrowed = client.get(
        "/v1/search",
        params={
            "q": "trade",
            "published_from": decade["published_from"],
            "published_to": decade["published_to"],
        },
    ).json()
    assert narrowed["total"] == decade["count"]
    assert [p["value"] for p in narrowed["facets"]["published"]] == ["2004-03"]
    years = client.get("/v1/search", params={"q": "trade", "published_to": "2005-12-31"}).json()
    assert [(p["value"], p["span"]) for p in years["facets"]["published"]] == [
        ("2004", "year"),
        ("1990", "year"),
    ]


def test_related_answers_come_from_other_interviews_and_speakers(seeded, load) -> None:
    load(
        [
            interview_document(
                "schengen-talk",
                questions=[
                    (
                        "What about visas?",
                        ["Visa facilitation and visa fees matter to every Schengen applicant."],
                    ),
                    ("And the weather?", ["Sunny, mostly, with rain in the hills."]),
                ],
            )
        ]
    )
    visa = seeded.get(
        "/v1/search", params={"q": "visa facilitation", "type": "answer", "interview": SEED}
    ).json()["items"][0]
    response = seeded.get(f"/v1/answers/{visa['id']}/related", params={"limit": 5})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "visa" in body["terms"][:3]
    assert {hit["interview"]["slug"] for hit in body["items"]} == {"schengen-talk"}
    assert "Schengen" in text_of(seeded, body["items"][0])
    assert all(hit["speaker"]["slug"] != "roman-vassilenko" for hit in body["items"])
    assert seeded.get("/v1/answers/999999/related").status_code == 404
    assert seeded.get(f"/v1/answers/{visa['id']}/related", params={"limit": 0}).status_code == 422
