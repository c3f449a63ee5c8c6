"""Writes through HTTP: keys and scopes, whole and partial documents, deletes, validation, audit."""

from __future__ import annotations

from sqlmodel import Session

from app.auth.keys import keys_named, revoke_key
from tests.support.factories import interview_document

SLUG = "trade-talk"


def put(client, document: dict, headers: dict, slug: str = SLUG, **extra):
    return client.put(f"/v1/interviews/{slug}", json=document, headers={**headers, **extra})


def test_writes_need_a_write_key(client, keys) -> None:
    document = interview_document(SLUG)
    anonymous = put(client, document, {})
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"] == 'Bearer realm="interviews"'
    assert anonymous.headers["content-type"] == "application/problem+json"
    assert put(client, document, {"Authorization": "Bearer ik_not-a-key"}).status_code == 401
    reader = put(client, document, keys["read"])
    assert reader.status_code == 403
    assert reader.json()["detail"] == "This API key has the 'read' scope; this operation needs 'write'."
    assert client.get(f"/v1/interviews/{SLUG}").status_code == 404
    assert put(client, document, keys["write"]).status_code == 201
    x_api_key = {"X-API-Key": keys["write"]["Authorization"].removeprefix("Bearer ")}
    assert put(client, document, x_api_key).status_code == 200


def test_a_revoked_key_is_refused_at_once(client, keys, store) -> None:
    assert put(client, interview_document(SLUG), keys["write"]).status_code == 201
    prefix = keys["write"]["Authorization"].removeprefix("Bearer ")[:10]
    with Session(store.engine) as session:
        (record,) = keys_named(session, prefix)
        revoke_key(session, record)
        session.commit()
    assert put(client, interview_document(SLUG), keys["write"]).status_code == 401


def test_put_creates_then_replaces_and_reads_back(client, keys) -> None:
    first = put(client, interview_document(SLUG, questions=[("Q1?", ["A1"]), ("Q2?", ["A2"])]), keys["write"])
    assert first.status_code == 201
    body = first.json()
    assert [q["text"] for q in body["questions"]] == ["Q1?", "Q2?"]
    assert client.get(f"/v1/interviews/{SLUG}").json() == body
    again = put(client, interview_document(SLUG, questions=[("Q1?", ["A1"]), ("Q2?", ["A2"])]), keys["write"])
    assert again.status_code == 200
    assert again.json()["updated_at"] == body["updated_at"]  # identical document: nothing changed
    replaced = put(client, interview_document(SLUG, questions=[("Only?", ["One."])]), keys["write"])
    assert [q["text"] for q in replaced.json()["questions"]] == ["Only?"]
    assert client.get("/v1/answers", params={"interview": SLUG}).json()["items"][0]["text"] == "One."


def test_invalid_documents_are_422_and_change_nothing(client, keys) -> None:
    assert put(client, interview_document(SLUG), keys["write"]).status_code == 201
    before = client.get(f"/v1/interviews/{SLUG}").json()
    stranger = interview_document(SLUG)
    stranger["questions"][0]["answers"][0]["speaker"] = "nobody"
    gaps = interview_document(SLUG, questions=[("Q?", ["A"])])
    gaps["questions"][0]["position"] = 2
    for bad in [
        stranger,
        gaps,
        {**interview_document(SLUG), "title": ""},
        {**interview_document(SLUG), "colour": 1},
    ]:
        response = put(client, bad, keys["write"])
        assert response.status_code == 422, bad
        assert response.json()["errors"], response.json()
    mismatch = put(client, interview_document("other-slug"), keys["write"])
    assert mismatch.status_code == 422
    assert "differs from the slug in the URL" in mismatch.json()["detail"]
    assert client.get(f"/v1/interviews/{SLUG}").json() == before


def test_patch_changes_only_what_it_names(client, keys) -> None:
    created = put(client, interview_document(SLUG, questions=[("Q1?", ["A1"])]), keys["write"]).json()
    patched = client.patch(f"/v1/interviews/{SLUG}", json={"title": "New title"}, headers=keys["write"])
    assert patched.status_code == 200
    assert patched.json()["title"] == "New title"
    assert patched.json()["questions"] == [
        {**created["questions"][0], "id": patched.json()["questions"][0]["id"]}
        | {"answers": patched.json()["questions"][0]["answers"]}
    ]
    questions = [
        {"position": 1, "text": "Edited?", "asked_by": "ivy-asker", "answers": [
            {"position": 1, "speaker": "oleg-answerer", "text": "Edited answer."}]},
    ]  # fmt: skip
    edited = client.patch(
        f"/v1/interviews/{SLUG}", json={"questions": questions}, headers=keys["write"]
    ).json()
    assert [(q["text"], q["answers"][0]["text"]) for q in edited["questions"]] == [
        ("Edited?", "Edited answer.")
    ]
    assert edited["title"] == "New title"
    bad = client.patch(
        f"/v1/interviews/{SLUG}", json={"questions": [{**questions[0], "position": 3}]}, headers=keys["write"]
    )
    assert bad.status_code == 422
    assert client.get(f"/v1/interviews/{SLUG}").json()["questions"][0]["text"] == "Edited?"


def test_delete_removes_the_interview_and_its_hits(client, keys) -> None:
    put(client, interview_document(SLUG, questions=[("Copper?", ["Copper mines."])]), keys["write"])
    assert client.get("/v1/search", params={"q": "copper"}).json()["total"] == 2
    assert client.delete(f"/v1/interviews/{SLUG}", headers=keys["read"]).status_code == 403
    deleted = client.delete(f"/v1/interviews/{SLUG}", headers=keys["write"])
    assert deleted.status_code == 204 and deleted.content == b""
    assert client.get(f"/v1/interviews/{SLUG}").status_code == 404
    assert client.get("/v1/search", params={"q": "copper"}).json()["total"] == 0
    assert client.delete(f"/v1/interviews/{SLUG}", headers=keys["write"]).status_code == 404


def test_speakers_and_topics_in_use_cannot_be_deleted(client, keys) -> None:
    put(client, interview_document(SLUG, topics=["trade"]), keys["write"])
    speaker = client.delete("/v1/speakers/oleg-answerer", headers=keys["write"])
    assert speaker.status_code == 409
    assert speaker.json()["interviews"] == [SLUG]
    assert SLUG in speaker.json()["detail"]
    assert client.delete("/v1/topics/trade", headers=keys["write"]).status_code == 409
    client.delete(f"/v1/interviews/{SLUG}", headers=keys["write"])
    assert client.delete("/v1/speakers/oleg-answerer", headers=keys["write"]).status_code == 204
    assert client.delete("/v1/topics/trade", headers=keys["write"]).status_code == 204
    assert client.get("/v1/speakers/oleg-answerer").status_code == 404


def test_patching_a_speaker_shows_in_interviews_and_search(client, keys) -> None:
    put(client, interview_document(SLUG), keys["write"])
    response = client.patch(
        "/v1/speakers/oleg-answerer", json={"name": "Oleg Renamed", "title": "Envoy"}, headers=keys["write"]
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Oleg Renamed" and response.json()["title"] == "Envoy"
    participants = client.get(f"/v1/interviews/{SLUG}").json()["participants"]
    assert participants[1]["speaker"]["name"] == "Oleg Renamed"
    assert [s["slug"] for s in client.get("/v1/speakers", params={"q": "envoy"}).json()["items"]] == [
        "oleg-answerer"
    ]
    topic = client.patch("/v1/topics/nothing-here", json={"name": "X"}, headers=keys["write"])
    assert topic.status_code == 404


def test_audit_trail_names_the_key_not_the_key_itself(client, keys) -> None:
    put(client, interview_document(SLUG), keys["write"])
    client.delete(f"/v1/interviews/{SLUG}", headers=keys["write"])
    assert client.get("/v1/audit", headers=keys["write"]).status_code == 403
    entries = client.get("/v1/audit", headers=keys["admin"]).json()["items"]
    assert [(e["method"], e["path"], e["status"], e["key_name"]) for e in entries] == [
        ("DELETE", f"/v1/interviews/{SLUG}", 204, "write key"),
        ("PUT", f"/v1/interviews/{SLUG}", 201, "write key"),
    ]
    secret = keys["write"]["Authorization"].removeprefix("Bearer ")
    assert secret not in client.get("/v1/audit", headers=keys["admin"]).text


def test_reads_can_require_a_key(client, keys, monkeypatch) -> None:
    from app.config import get_settings

    monkeypatch.setenv("REQUIRE_API_KEY_FOR_READS", "true")
    get_settings.cache_clear()
    assert client.get("/v1/interviews").status_code == 401
    assert client.get("/v1/interviews", headers=keys["read"]).status_code == 200
    assert client.get("/v1/search", params={"q": "x"}, headers=keys["read"]).status_code == 200


def test_keys_never_reach_the_logs(client, keys, caplog) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    put(client, interview_document(SLUG), keys["write"])
    put(client, interview_document(SLUG), {"Authorization": "Bearer ik_wrong-key"})
    secret = keys["write"]["Authorization"].removeprefix("Bearer ")
    assert secret not in caplog.text and "ik_wrong-key" not in caplog.text
