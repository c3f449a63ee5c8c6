"""Revisions through HTTP, on both stores: every write keeps the version it replaced, with who and when,
a field-level diff between versions, and restoring an old version by PUT."""

from __future__ import annotations

from typing import Any

from tests.support.factories import interview_document


def put(client, keys, document: dict[str, Any], key: str = "write") -> dict[str, Any]:
    response = client.put(f"/v1/interviews/{document['slug']}", json=document, headers=keys[key])
    assert response.status_code in (200, 201), response.text
    return response.json()


def test_each_write_keeps_the_version_it_replaced(client, keys) -> None:
    first = interview_document("history", questions=[("Why?", ["Because."])])
    put(client, keys, first)
    assert [r["number"] for r in client.get("/v1/interviews/history/revisions").json()["items"]] == [1]

    second = {**first, "title": "History, retitled"}
    put(client, keys, second)
    patched = client.patch(
        "/v1/interviews/history",
        json={"questions": [{**first["questions"][0], "answers": [{**first["questions"][0]["answers"][0], "text": "Because it was."}]}]},
        headers=keys["admin"],
    )  # fmt: skip
    assert patched.status_code == 200, patched.text

    listed = client.get("/v1/interviews/history/revisions").json()
    every_field = sorted(client.get("/v1/interviews/history/revisions/1").json()["document"])
    assert {"title", "questions", "participants"} <= set(every_field)
    assert [(r["number"], r["current"], r["written_by"], r["changed"]) for r in listed["items"]] == [
        (3, True, "admin key", ["questions"]),
        (2, False, "write key", ["title"]),
        (1, False, "write key", every_field),
    ]
    times = [r["written_at"] for r in listed["items"]]
    assert times == sorted(times, reverse=True)

    third = client.get("/v1/interviews/history/revisions/3").json()
    assert third["changes"] == [
        {
            "op": "replace",
            "path": "/questions/0/answers/0/text",
            "from": None,
            "value": "Because it was.",
            "previous": "Because.",
        }
    ]
    old = client.get("/v1/interviews/history/revisions/1").json()
    assert old["document"]["title"] == first["title"] and old["changes"] == []
    assert old["document"]["questions"][0]["answers"][0]["text"] == "Because."


def test_an_old_version_is_restored_by_putting_its_document(client, keys) -> None:
    first = interview_document("restore-me", questions=[("Where?", ["Here."]), ("When?", ["Now."])])
    put(client, keys, first)
    put(client, keys, {**first, "title": "Wrong title", "questions": first["questions"][:1]})
    assert len(client.get("/v1/interviews/restore-me").json()["questions"]) == 1

    document = client.get("/v1/interviews/restore-me/revisions/1").json()["document"]
    restored = put(client, keys, document)
    assert restored["title"] == first["title"]
    assert [q["text"] for q in restored["questions"]] == ["Where?", "When?"]
    newest = client.get("/v1/interviews/restore-me/revisions/3").json()
    assert newest["current"] and sorted(newest["changed"]) == ["questions", "title"]
    assert client.get("/v1/interviews/restore-me/revisions/1").json()["document"] == newest["document"]


def test_an_identical_write_and_a_dry_run_keep_no_version(client, keys) -> None:
    document = interview_document("steady")
    put(client, keys, document)
    put(client, keys, document)
    dry = client.post(
        "/v1/imports",
        params={"dry_run": "true"},
        json=[{**document, "title": "Not stored"}],
        headers=keys["write"],
    )
    assert dry.status_code == 200, dry.text
    assert [r["number"] for r in client.get("/v1/interviews/steady/revisions").json()["items"]] == [1]


def test_an_import_that_replaces_an_interview_keeps_the_old_version(client, keys) -> None:
    document = interview_document("imported-twice")
    for title in ("First import", "Second import"):
        response = client.post("/v1/imports", json=[{**document, "title": title}], headers=keys["write"])
        assert response.status_code == 200, response.text
    items = client.get("/v1/interviews/imported-twice/revisions").json()["items"]
    assert [(r["number"], r["written_by"]) for r in items] == [(2, "write key"), (1, "write key")]
    first = client.get("/v1/interviews/imported-twice/revisions/1").json()
    assert first["document"]["title"] == "First import"


def test_versions_are_paged_newest_first(client, keys) -> None:
    document = interview_document("many-versions")
    for n in range(5):
        put(client, keys, {**document, "title": f"Version {n + 1}"})
    seen, url = [], "/v1/interviews/many-versions/revisions?limit=2"
    while url:
        page = client.get(url)
        assert page.status_code == 200, page.text
        seen += [(r["number"], r["current"]) for r in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        url = f"/v1/interviews/many-versions/revisions?limit=2&cursor={cursor}" if cursor else ""
    assert seen == [(5, True), (4, False), (3, False), (2, False), (1, False)]
    titles = [
        client.get(f"/v1/interviews/many-versions/revisions/{n}").json()["document"]["title"] for n in (1, 5)
    ]
    assert titles == ["Version 1", "Version 5"]


def test_unknown_interviews_and_versions_are_problems(client, keys) -> None:
    put(client, keys, interview_document("only-one"))
    for url, status in [
        ("/v1/interviews/nobody-here/revisions", 404),
        ("/v1/interviews/only-one/revisions/2", 404),
        ("/v1/interviews/only-one/revisions/0", 422),
        ("/v1/interviews/only-one/revisions/x", 422),
        ("/v1/interviews/only-one/revisions?cursor=garbage", 422),
    ]:
        response = client.get(url)
        assert response.status_code == status, (url, response.text)
        assert response.headers["content-type"] == "application/problem+json"
    missing = client.get("/v1/interviews/only-one/revisions/2").json()
    assert "versions 1 to 1" in missing["detail"]


def test_deleting_an_interview_removes_its_history(client, keys) -> None:
    document = interview_document("short-lived")
    put(client, keys, document)
    put(client, keys, {**document, "title": "Changed"})
    assert client.delete("/v1/interviews/short-lived", headers=keys["write"]).status_code == 204
    put(client, keys, document)
    assert [r["number"] for r in client.get("/v1/interviews/short-lived/revisions").json()["items"]] == [1]
