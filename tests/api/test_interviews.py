"""Interviews through HTTP: list and single views, whole payloads compared."""

from __future__ import annotations

from typing import Any

from tests.support.factories import interview_document

UNTIMED = {"start_time": None, "end_time": None}
"""An interview without media shows its parts' times as null."""


def without_timestamps(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_timestamps(v) for k, v in value.items() if k not in {"created_at", "updated_at"}}
    if isinstance(value, list):
        return [without_timestamps(v) for v in value]
    return value


def test_single_interview_shows_questions_and_answers_in_order(client, load) -> None:
    load(
        [
            interview_document(
                "trade-talk",
                title="Trade talk",
                published_at="2025-03-27T10:30:00+02:00",
                topics=["trade"],
                questions=[("How is trade?", ["Growing.", "Fast."]), ("And visas?", ["Easier soon."])],
            )
        ]
    )
    response = client.get("/v1/interviews/trade-talk")
    assert response.status_code == 200
    body = response.json()
    assert body["created_at"].endswith("Z") and body["updated_at"].endswith("Z")
    ivy = {"id": 1, "slug": "ivy-asker", "name": "Ivy Asker"}
    oleg = {"id": 2, "slug": "oleg-answerer", "name": "Oleg Answerer"}
    assert without_timestamps(body) == {
        "id": 1,
        "slug": "trade-talk",
        "title": "Trade talk",
        "summary": None,
        "language": "en",
        "published_at": "2025-03-27T08:30:00Z",
        "location": None,
        "event": None,
        "source": {"name": "Test Outlet", "url": "https://outlet.example/trade-talk"},
        "media": None,
        "participants": [{"speaker": ivy, "role": "interviewer"}, {"speaker": oleg, "role": "interviewee"}],
        "topics": [{"id": 1, "slug": "trade", "name": "Trade"}],
        "question_count": 2,
        "questions": [
            {
                "id": 1,
                "position": 1,
                "text": "How is trade?",
                **UNTIMED,
                "asked_by": ivy,
                "topics": [],
                "answers": [
                    {"id": 1, "position": 1, "speaker": oleg, "text": "Growing.", **UNTIMED},
                    {"id": 2, "position": 2, "speaker": oleg, "text": "Fast.", **UNTIMED},
                ],
            },
            {
                "id": 2,
                "position": 2,
                "text": "And visas?",
                **UNTIMED,
                "asked_by": ivy,
                "topics": [],
                "answers": [{"id": 3, "position": 1, "speaker": oleg, "text": "Easier soon.", **UNTIMED}],
            },
        ],
        "import_warnings": [],
    }
    assert client.get("/v1/interviews/1").json() == body


def test_list_is_newest_first_with_unknown_dates_last(client, load) -> None:
    load(
        [
            interview_document("old", published_at="2019-01-01"),
            interview_document("undated", published_at=None),
            interview_document("new", published_at="2024-06-01T12:00:00Z"),
            interview_document("middle", published_at="2021-07-15"),
        ]
    )
    newest_first = client.get("/v1/interviews").json()
    assert [item["slug"] for item in newest_first["items"]] == ["new", "middle", "old", "undated"]
    assert newest_first["next_cursor"] is None
    assert [i["published_at"] for i in newest_first["items"]] == [
        "2024-06-01T12:00:00Z",
        "2021-07-15",
        "2019-01-01",
        None,
    ]
    oldest_first = client.get("/v1/interviews", params={"sort": "published_at"}).json()
    assert [item["slug"] for item in oldest_first["items"]] == ["undated", "old", "middle", "new"]
    by_title = client.get("/v1/interviews", params={"sort": "-title"}).json()
    assert [item["slug"] for item in by_title["items"]] == ["undated", "old", "new", "middle"]


def test_list_item_has_no_questions_but_counts_them(client, load) -> None:
    load([interview_document("counted", questions=[("One?", ["a"]), ("Two?", ["b"]), ("Three?", ["c"])])])
    item = client.get("/v1/interviews").json()["items"][0]
    assert item["question_count"] == 3
    assert "questions" not in item


def test_unknown_interview_is_a_404_problem(client) -> None:
    response = client.get("/v1/interviews/no-such-interview")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert {k: v for k, v in response.json().items() if k != "request_id"} == {
        "type": "not-found",
        "title": "Not found",
        "status": 404,
        "detail": "No interview with id or slug 'no-such-interview'.",
    }
