"""Optimistic concurrency, concurrent writers, and `POST /v1/imports`."""

from __future__ import annotations

import threading

from app.cli import SAMPLES_DIR
from app.main import create_app
from tests.conftest import TestClient
from tests.support.factories import interview_document

SLUG = "contested"


def test_a_stale_if_match_gives_412_and_changes_nothing(client, keys) -> None:
    client.put(f"/v1/interviews/{SLUG}", json=interview_document(SLUG), headers=keys["write"])
    read = client.get(f"/v1/interviews/{SLUG}")
    tag = read.headers["etag"]
    first = client.patch(
        f"/v1/interviews/{SLUG}", json={"title": "First"}, headers={**keys["write"], "If-Match": tag}
    )
    assert first.status_code == 200
    stale = client.patch(
        f"/v1/interviews/{SLUG}", json={"title": "Second"}, headers={**keys["write"], "If-Match": tag}
    )
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    assert client.get(f"/v1/interviews/{SLUG}").json()["title"] == "First"
    fresh = client.get(f"/v1/interviews/{SLUG}").headers["etag"]
    assert fresh != tag
    ok = client.delete(f"/v1/interviews/{SLUG}", headers={**keys["write"], "If-Match": fresh})
    assert ok.status_code == 204
    missing = client.put(
        f"/v1/interviews/{SLUG}", json=interview_document(SLUG), headers={**keys["write"], "If-Match": "*"}
    )
    assert missing.status_code == 412


def test_concurrent_puts_never_leave_a_mixed_document(client, keys) -> None:
    versions = [
        interview_document(
            SLUG, title=f"Version {n}", questions=[(f"Q{n}.{i}?", [f"A{n}.{i}"]) for i in range(1, 6)]
        )
        for n in range(2)
    ]
    errors: list[str] = []

    app = create_app()  # one app, as in production; each thread is its own client

    def writer(document: dict) -> None:
        with TestClient(app, raise_server_exceptions=False) as own_client:
            for _ in range(8):
                status = own_client.put(
                    f"/v1/interviews/{SLUG}", json=document, headers=keys["write"]
                ).status_code
                if status not in (200, 201, 409):
                    errors.append(str(status))

    threads = [threading.Thread(target=writer, args=(document,)) for document in versions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    final = client.get(f"/v1/interviews/{SLUG}").json()
    version = final["title"].split()[-1]
    assert [q["text"] for q in final["questions"]] == [f"Q{version}.{i}?" for i in range(1, 6)]
    assert [q["answers"][0]["text"] for q in final["questions"]] == [f"A{version}.{i}" for i in range(1, 6)]
    assert len(client.get("/v1/questions", params={"interview": SLUG, "limit": 100}).json()["items"]) == 5
    assert len(client.get("/v1/answers", params={"interview": SLUG, "limit": 100}).json()["items"]) == 5


def test_dry_run_import_of_the_seed_returns_the_document_and_stores_nothing(client) -> None:
    article = (SAMPLES_DIR / "eu-reporter-vassilenko-2025.txt").read_text(encoding="utf-8")
    response = client.post(
        "/v1/imports",
        params={"dry_run": "true"},
        content=article.encode(),
        headers={"Content-Type": "text/plain"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["dry_run"] is True and body["created"] == 1
    document = body["documents"][0]
    assert len(document["questions"]) == 8
    assert [p["speaker"]["name"] for p in document["participants"]] == ["Derya Soysal", "Roman Vassilenko"]
    assert client.get("/v1/interviews").json()["items"] == []


def test_bad_imports_are_422_problems_naming_the_cause(client, keys) -> None:
    for content, media_type in [
        (b"", "text/plain"),
        (b"Just a paragraph with no questions at all.", "text/plain"),
        (b"\xff\xfe\x00\x01", "text/plain"),
        (b'{"slug": "x"}', "application/json"),
        (b"{not json", "application/x-ndjson"),
    ]:
        response = client.post(
            "/v1/imports", params={"dry_run": "true"}, content=content, headers={"Content-Type": media_type}
        )
        assert response.status_code == 422, (content, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["detail"]
    wrong_type = client.post(
        "/v1/imports", params={"dry_run": "true"}, content=b"x", headers={"Content-Type": "image/png"}
    )
    assert wrong_type.status_code == 415


def test_real_imports_need_a_key_and_store_in_one_transaction(client, keys) -> None:
    import json

    good, bad = interview_document("good-one"), {"slug": "Bad Slug"}
    ndjson = (json.dumps(good) + "\n" + json.dumps(bad) + "\n").encode()
    headers = {"Content-Type": "application/x-ndjson"}
    assert client.post("/v1/imports", content=ndjson, headers=headers).status_code == 401
    rejected = client.post("/v1/imports", content=ndjson, headers={**headers, **keys["write"]})
    assert rejected.status_code == 422
    assert "request body, line 2" in rejected.json()["detail"]
    assert client.get("/v1/interviews").json()["items"] == []
    accepted = client.post(
        "/v1/imports", content=json.dumps(good).encode() + b"\n", headers={**headers, **keys["write"]}
    )
    assert accepted.status_code == 200 and accepted.json()["created"] == 1
    assert [i["slug"] for i in client.get("/v1/interviews").json()["items"]] == ["good-one"]
