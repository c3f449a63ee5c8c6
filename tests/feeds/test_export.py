"""`/v1/export/interviews.ndjson`: every interview document streamed, and a faithful round trip."""

from __future__ import annotations

import json
from typing import Any

from app.corpus import generate_documents
from tests.conftest import store_documents
from tests.support.factories import interview_document


def without_ids(value: Any) -> Any:
    """A payload with what a fresh database numbers or stamps differently left out."""
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items() if k not in {"id", "created_at", "updated_at"}}
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


def export_lines(client, **params: Any) -> list[dict[str, Any]]:
    with client.stream("GET", "/v1/export/interviews.ndjson", params=params) as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/x-ndjson"
        assert "content-length" not in response.headers, "the export is streamed"
        return [json.loads(line) for line in response.iter_lines() if line]


def api_views(client, slugs: list[str]) -> dict[str, Any]:
    views: dict[str, Any] = {
        "list": client.get("/v1/interviews", params={"limit": 100}).json(),
        "speakers": client.get("/v1/speakers", params={"limit": 100, "sort": "slug"}).json(),
        "topics": client.get("/v1/topics", params={"limit": 100, "sort": "slug"}).json(),
    }
    for slug in slugs:
        views[slug] = client.get(f"/v1/interviews/{slug}").json()
    return without_ids(views)


def test_export_then_import_into_an_empty_database_gives_the_same_api(client, store) -> None:
    documents = list(generate_documents(25, seed=3))
    store_documents(store, documents)
    exported = export_lines(client)
    assert len(exported) == 25
    assert {d["slug"] for d in exported} == {d["slug"] for d in documents}
    slugs = sorted(d["slug"] for d in documents)
    before = api_views(client, slugs)

    store.empty()
    assert client.get("/v1/interviews").json()["items"] == []
    store_documents(store, exported)
    assert api_views(client, slugs) == before
    assert export_lines(client) == exported


def test_export_lines_are_interview_documents(client, load) -> None:
    document = interview_document("round-trip", topics=["trade"], summary="A summary.")
    load([document])
    [line] = export_lines(client)
    assert line == document | {"topics": [{"slug": "trade", "name": "Trade", "description": None}]} | {
        "participants": [
            {
                "speaker": p["speaker"] | {"title": None, "organization": None, "country": None},
                "role": p["role"],
            }
            for p in document["participants"]
        ],
        "questions": [
            q
            | {"topics": [], "start_time": None, "end_time": None}
            | {"answers": [a | {"start_time": None, "end_time": None} for a in q["answers"]]}
            for q in document["questions"]
        ],
        "media": None,
        "import_warnings": [],
    }


def test_updated_since_narrows_the_export(client, load) -> None:
    load([interview_document("old-talk")])
    cutoff = client.get("/v1/interviews/old-talk").json()["updated_at"]
    load([interview_document("new-talk"), interview_document("old-talk")])
    assert [d["slug"] for d in export_lines(client, updated_since=cutoff)] == ["old-talk", "new-talk"]
    later = client.get("/v1/interviews/new-talk").json()["updated_at"]
    assert [d["slug"] for d in export_lines(client, updated_since=later)] == ["new-talk"]
    assert (
        client.get("/v1/export/interviews.ndjson", params={"updated_since": "yesterday"}).status_code == 422
    )


def test_the_changes_cursor_header_resumes_the_change_feed_after_the_export(client, load) -> None:
    load([interview_document("before-export")])
    response = client.get("/v1/export/interviews.ndjson")
    cursor = response.headers["changes-cursor"]
    assert cursor == client.get("/v1/changes").json()["next_cursor"]
    load([interview_document("after-export", interviewer="ivy-asker", interviewee="oleg-answerer")])
    after = client.get("/v1/changes", params={"since": cursor}).json()["items"]
    assert [(c["type"], c["slug"]) for c in after] == [("interview", "after-export")]


def test_an_empty_database_exports_nothing(client) -> None:
    assert export_lines(client) == []


def test_filters_pick_the_interviews_a_partner_must_refresh(client, load) -> None:
    tagged_question = interview_document(
        "question-tagged", interviewer="ann-asker", interviewee="bo-answerer"
    )
    tagged_question["questions"][0]["topics"] = [{"slug": "energy", "name": "Energy"}]
    load(
        [
            interview_document("trade-one", topics=["trade"]),
            interview_document("energy-one", topics=["energy"], interviewer="ann-asker"),
            tagged_question,
        ]
    )

    def slugs(**params: Any) -> list[str]:
        return [d["slug"] for d in export_lines(client, **params)]

    assert slugs(interview=["energy-one", "trade-one", "gone-talk"]) == ["trade-one", "energy-one"]
    assert slugs(interview=["1"]) == ["trade-one"]
    assert slugs(speaker="ann-asker") == ["energy-one", "question-tagged"]
    assert slugs(topic="energy") == ["energy-one", "question-tagged"], "question topics count too"
    assert slugs(topic="trade", speaker="ann-asker") == []
    assert client.get("/v1/export/interviews.ndjson", params={"interview": ["x"] * 51}).status_code == 422
