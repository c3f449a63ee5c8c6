"""List filters: each documented filter narrows every list it applies to; unknown values give empty lists."""

from __future__ import annotations

import pytest

from tests.support.factories import interview_document


@pytest.fixture
def three_interviews(load) -> None:
    load(
        [
            interview_document(
                "visa-talk", published_at="2023-02-10", topics=["visas"], interviewee="ana-minister",
                questions=[("Visas?", ["Simpler."])],
            ),
            interview_document(
                "trade-talk", published_at="2024-08-01T09:00:00Z", topics=["trade"], language="de",
                questions=[("Handel?", ["Wächst."]), ("Zölle?", ["Sinken."])],
            ),
            interview_document(
                "both-talk", published_at="2024-12-31T23:59:59Z", topics=["trade", "visas"],
                interviewee="ana-minister", questions=[("Both?", ["Yes."])],
            ),
        ]
    )  # fmt: skip


def slugs(client, path: str, **params) -> list[str]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return [item["slug"] for item in response.json()["items"]]


@pytest.mark.usefixtures("three_interviews")
def test_interview_filters(client) -> None:
    assert slugs(client, "/v1/interviews", topic="visas") == ["both-talk", "visa-talk"]
    assert slugs(client, "/v1/interviews", topic=["visas", "trade"]) == [
        "both-talk",
        "trade-talk",
        "visa-talk",
    ]
    assert slugs(client, "/v1/interviews", speaker="ana-minister", topic="trade") == ["both-talk"]
    assert slugs(client, "/v1/interviews", language="de") == ["trade-talk"]
    assert slugs(client, "/v1/interviews", published_from="2024-01-01") == ["both-talk", "trade-talk"]
    assert slugs(client, "/v1/interviews", published_to="2024-08-01") == ["trade-talk", "visa-talk"]
    assert slugs(client, "/v1/interviews", published_from="2024-12-31", published_to="2024-12-31") == [
        "both-talk"
    ]
    assert slugs(client, "/v1/interviews", speaker="nobody-known") == []
    assert slugs(client, "/v1/interviews", updated_since="2000-01-01T00:00:00Z") == [
        "both-talk", "trade-talk", "visa-talk",
    ]  # fmt: skip
    assert slugs(client, "/v1/interviews", updated_since="2999-01-01T00:00:00Z") == []


@pytest.mark.usefixtures("three_interviews")
def test_question_and_answer_filters(client) -> None:
    questions = client.get("/v1/questions", params={"interview": "trade-talk"}).json()["items"]
    assert [q["text"] for q in questions] == ["Handel?", "Zölle?"]
    assert [q["answers"][0]["text"] for q in questions] == ["Wächst.", "Sinken."]
    by_topic = client.get("/v1/questions", params={"topic": "visas"}).json()["items"]
    assert [q["interview"]["slug"] for q in by_topic] == ["visa-talk", "both-talk"]
    answers = client.get("/v1/answers", params={"speaker": "ana-minister"}).json()["items"]
    assert [a["text"] for a in answers] == ["Simpler.", "Yes."]
    assert answers[0]["question"] == {"id": 1, "position": 1, "text": "Visas?"}
    by_question = client.get("/v1/answers", params={"question": [2, 3]}).json()["items"]
    assert [a["text"] for a in by_question] == ["Wächst.", "Sinken."]
    in_2024 = client.get("/v1/answers", params={"published_from": "2024-01-01", "language": "en"}).json()
    assert [a["text"] for a in in_2024["items"]] == ["Yes."]
    by_id = client.get("/v1/answers", params={"interview": "1"}).json()["items"]
    assert [a["interview"]["slug"] for a in by_id] == ["visa-talk"]


@pytest.mark.usefixtures("three_interviews")
def test_speaker_and_topic_filters(client) -> None:
    assert slugs(client, "/v1/speakers") == ["ana-minister", "ivy-asker", "oleg-answerer"]
    assert slugs(client, "/v1/speakers", interview="trade-talk") == ["ivy-asker", "oleg-answerer"]
    assert slugs(client, "/v1/speakers", role="interviewer") == ["ivy-asker"]
    assert slugs(client, "/v1/topics") == ["trade", "visas"]
    assert slugs(client, "/v1/topics", interview="visa-talk") == ["visas"]
    assert client.get("/v1/speakers/ana-minister").json()["name"] == "Ana Minister"
    assert client.get("/v1/topics/trade").json()["name"] == "Trade"


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/v1/interviews", {"published_from": "2024-13-01"}, "query.published_from"),
        ("/v1/interviews", {"limit": "0"}, "query.limit"),
        ("/v1/interviews", {"limit": "101"}, "query.limit"),
        ("/v1/interviews", {"sort": "colour"}, "query.sort"),
        ("/v1/answers", {"question": "first"}, "query.question.0"),
        ("/v1/speakers", {"role": "chef"}, "query.role.0"),
        ("/v1/questions/0", {}, "path.question_id"),
    ],
)
def test_malformed_parameters_are_422_problems_naming_the_field(client, path, params, field) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "validation-error"
    assert [error["field"] for error in body["errors"]] == [field]
    assert body["detail"].startswith(field)


@pytest.mark.usefixtures("three_interviews")
@pytest.mark.parametrize("count", ["exact", "estimated"])
def test_a_list_with_every_filter_is_counted_too(client, count) -> None:
    every_filter = {
        "topic": ["visas", "trade"], "speaker": "ana-minister", "language": ["en", "de"],
        "published_from": "2023-01-01", "published_to": "2024-12-31", "has_media": "false",
        "updated_since": "2000-01-01T00:00:00Z", "count": count, "limit": 1,
    }  # fmt: skip
    body = client.get("/v1/interviews", params=every_filter).json()
    assert [item["slug"] for item in body["items"]] == ["both-talk"]
    assert body["total"] == 2 or (count == "estimated" and not body["total_exact"])
    following = client.get("/v1/interviews", params={**every_filter, "cursor": body["next_cursor"]}).json()
    assert [item["slug"] for item in following["items"]] == ["visa-talk"]
    searched = client.get("/v1/interviews", params={**every_filter, "q": "visas"})
    assert searched.status_code == 200, searched.text
    assert "total" in searched.json()
