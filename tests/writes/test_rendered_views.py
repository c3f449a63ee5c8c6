"""Interviews are rendered when written (app/interviews/rendering.py): every write that changes what a
view shows, whoever makes it, leaves a current rendering; stale ones are never served."""

from __future__ import annotations

from sqlalchemy import text

from app.cli import main as cli_main
from app.corpus import generate_documents
from app.http.response_cache import forget_cached_responses
from app.interviews.rendering import render_stale
from app.interviews.schemas import VIEWS_VERSION, InterviewDetail, InterviewSummary
from tests.support.factories import interview_document

SLUG = "rendered-talk"


def put(client, document, headers):
    response = client.put(f"/v1/interviews/{document['slug']}", json=document, headers=headers)
    assert response.status_code in (200, 201), response.text
    return response


def stored_versions(store) -> dict[int, str]:
    with store.engine.connect() as connection:
        return dict(connection.execute(text("SELECT interview_id, version FROM rendered_interviews")).all())


def test_a_speaker_or_topic_renamed_shows_in_every_interview_naming_it(client, keys) -> None:
    put(client, interview_document(SLUG, topics=["trade"]), keys["write"])
    put(client, interview_document("other-talk", interviewer="someone-else", topics=["trade"]), keys["write"])
    before = client.get(f"/v1/interviews/{SLUG}")
    renamed = client.patch("/v1/speakers/oleg-answerer", json={"name": "Oleg Renamed"}, headers=keys["write"])
    assert renamed.status_code == 200
    client.patch("/v1/topics/trade", json={"name": "Commerce"}, headers=keys["write"])
    for slug in (SLUG, "other-talk"):
        body = client.get(f"/v1/interviews/{slug}").json()
        assert body["participants"][1]["speaker"]["name"] == "Oleg Renamed"
        assert body["questions"][0]["answers"][0]["speaker"]["name"] == "Oleg Renamed"
        assert body["topics"] == [{"id": body["topics"][0]["id"], "slug": "trade", "name": "Commerce"}]
    after = client.get(f"/v1/interviews/{SLUG}")
    assert after.headers["etag"] != before.headers["etag"]
    items = client.get("/v1/interviews").json()["items"]
    assert {item["topics"][0]["name"] for item in items} == {"Commerce"}
    assert (
        client.get(f"/v1/interviews/{SLUG}", headers={"If-None-Match": after.headers["etag"]}).status_code
        == 304
    )


def test_the_served_body_is_the_view_and_its_tag_the_hash_of_the_body(client, keys) -> None:
    put(client, interview_document(SLUG, questions=[("Why?", ["Because.", "And more."])]), keys["write"])
    response = client.get(f"/v1/interviews/{SLUG}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["last-modified"].endswith("GMT")
    head = client.head(f"/v1/interviews/{SLUG}")
    assert (
        head.status_code == 200 and head.content == b"" and head.headers["etag"] == response.headers["etag"]
    )
    patched = client.patch(
        f"/v1/interviews/{SLUG}",
        json={"title": "A new title"},
        headers={**keys["write"], "If-Match": response.headers["etag"]},
    )
    assert patched.status_code == 200, patched.text
    fresh = client.get(f"/v1/interviews/{SLUG}")
    assert fresh.json()["title"] == "A new title"
    assert fresh.json() == patched.json()
    stale = client.patch(
        f"/v1/interviews/{SLUG}",
        json={"title": "Lost update"},
        headers={**keys["write"], "If-Match": response.headers["etag"]},
    )
    assert stale.status_code == 412


def test_renderings_of_another_version_are_never_served_and_migrate_renders_them(client, store, keys) -> None:
    put(client, interview_document(SLUG), keys["write"])
    current = client.get(f"/v1/interviews/{SLUG}").json()
    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE rendered_interviews SET version = 'older', detail = '{}', summary = '{}'")
        )
    forget_cached_responses()
    assert client.get(f"/v1/interviews/{SLUG}").json() == current
    assert client.get("/v1/interviews").json()["items"][0]["slug"] == SLUG
    assert cli_main(["migrate"]) == 0
    assert set(stored_versions(store).values()) == {VIEWS_VERSION}
    assert render_stale(store.engine) == 0


def test_a_deleted_interview_takes_its_rendering_with_it(client, store, keys) -> None:
    put(client, interview_document(SLUG), keys["write"])
    assert len(stored_versions(store)) == 1
    assert client.delete(f"/v1/interviews/{SLUG}", headers=keys["write"]).status_code == 204
    assert stored_versions(store) == {}
    assert client.get(f"/v1/interviews/{SLUG}").status_code == 404


def test_rendered_bodies_are_the_documented_models(client, load) -> None:
    """The stored bodies, built as plain data for speed, say what the documents said, in the shape
    the response models document."""
    documents = list(generate_documents(6, seed=3))
    documents[0]["published_at"] = "2024-05-01T09:30:00Z"
    documents[0]["title"] = 'Ünïcödé — «quotes» "and" \\ backslashes \u2028 and emoji 🎙'
    documents[1]["import_warnings"] = [
        {"code": "roles-guessed", "message": "who asks was inferred", "line": 3}
    ]
    load(documents)
    for document in documents:
        served = client.get(f"/v1/interviews/{document['slug']}").json()
        assert InterviewDetail.model_validate(served).model_dump(mode="json") == served
        assert served["title"] == document["title"]
        assert served["published_at"] == document["published_at"]
        assert served["import_warnings"] == document.get("import_warnings", [])
        assert [p["speaker"]["slug"] for p in served["participants"]] == [
            p["speaker"]["slug"] for p in document["participants"]
        ]
        assert [t["slug"] for t in served["topics"]] == [t["slug"] for t in document["topics"]]
        said = [
            (q["text"], q["asked_by"], [(a["speaker"], a["text"]) for a in q["answers"]])
            for q in document["questions"]
        ]
        served_said = [
            (
                q["text"],
                q["asked_by"]["slug"] if q["asked_by"] else None,
                [(a["speaker"]["slug"], a["text"]) for a in q["answers"]],
            )
            for q in served["questions"]
        ]
        assert served_said == said
    items = client.get("/v1/interviews", params={"limit": 100}).json()["items"]
    assert len(items) == 6
    for item in items:
        assert InterviewSummary.model_validate(item).model_dump(mode="json") == item
        assert "questions" not in item


def test_a_write_answers_with_the_body_and_tag_a_read_then_gets(client, keys) -> None:
    created = put(client, interview_document(SLUG, topics=["trade"]), keys["write"])
    assert created.status_code == 201
    read = client.get(f"/v1/interviews/{SLUG}")
    assert created.json() == read.json()
    assert created.headers["etag"] == read.headers["etag"]
    patched = client.patch(
        f"/v1/interviews/{SLUG}",
        json={"summary": "Now summarised."},
        headers={**keys["write"], "If-Match": created.headers["etag"]},
    )
    assert patched.status_code == 200 and patched.json()["summary"] == "Now summarised."
    read = client.get(f"/v1/interviews/{SLUG}")
    assert patched.json() == read.json() and patched.headers["etag"] == read.headers["etag"]
    audit = client.get("/v1/audit", headers=keys["admin"]).json()["items"]
    assert sorted(entry["status"] for entry in audit if entry["path"] == f"/v1/interviews/{SLUG}") == [
        200,
        201,
    ]
