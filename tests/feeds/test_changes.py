"""`/v1/changes`: every committed create, update and delete once, in commit order, with tombstones."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import Session

from app.config import get_settings
from app.contract.document import InterviewDocument
from app.models import Interview
from app.storage import change_log as recorder
from app.storage.loader import store_document
from tests.conftest import Store, api_client
from tests.support.factories import interview_document


def changes(client, since: str | None = None, limit: int | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if since is not None:
        params["since"] = since
    if limit is not None:
        params["limit"] = limit
    response = client.get("/v1/changes", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def summary(items: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [(item["type"], item["slug"], item["action"]) for item in items]


def store_one(store: Store, document: dict[str, Any]) -> None:
    with Session(store.engine) as session:
        store_document(session, InterviewDocument.model_validate(document))
        session.commit()


def delete_interview(store: Store, slug: str) -> None:
    with Session(store.engine) as session:
        interview = session.execute(select(Interview).where(Interview.slug == slug)).scalar_one()
        session.delete(interview)
        session.commit()


def test_creates_updates_and_deletes_in_commit_order(client, store) -> None:
    store_one(store, interview_document("first-talk"))
    first = changes(client)
    assert summary(first["items"]) == [
        ("speaker", "ivy-asker", "create"),
        ("speaker", "oleg-answerer", "create"),
        ("interview", "first-talk", "create"),
    ]
    assert [item["seq"] for item in first["items"]] == [1, 2, 3]
    assert first["has_more"] is False
    assert set(first["items"][0]) == {"seq", "type", "id", "slug", "action", "at"}
    assert first["items"][0]["at"].endswith("Z")

    store_one(store, interview_document("first-talk", title="First talk, revised"))
    delete_interview(store, "first-talk")
    later = changes(client, first["next_cursor"])
    assert summary(later["items"]) == [
        ("interview", "first-talk", "update"),
        ("interview", "first-talk", "delete"),
    ]
    assert [item["seq"] for item in later["items"]] == [4, 5]
    assert later["items"][1]["id"] == first["items"][2]["id"], "a tombstone names the deleted row"
    assert client.get("/v1/interviews/first-talk").status_code == 404
    assert changes(client)["items"][-1]["action"] == "delete", "tombstones stay in the feed"


def test_an_empty_page_returns_the_cursor_to_poll_again_with(client, store) -> None:
    start = changes(client)
    assert start["items"] == [] and start["has_more"] is False
    again = changes(client, start["next_cursor"])
    assert again == start
    store_one(store, interview_document("late-talk"))
    assert [item["seq"] for item in changes(client, start["next_cursor"])["items"]] == [1, 2, 3]
    caught_up = changes(client)
    assert changes(client, caught_up["next_cursor"]) == {
        "items": [],
        "next_cursor": caught_up["next_cursor"],
        "has_more": False,
    }


def test_pages_follow_each_other_without_gaps(client, store) -> None:
    for n in range(4):
        store_one(store, interview_document(f"talk-{n}"))
    seqs: list[int] = []
    cursor = None
    while True:
        response = client.get("/v1/changes", params={"limit": 2} | ({"since": cursor} if cursor else {}))
        page = response.json()
        seqs += [item["seq"] for item in page["items"]]
        cursor = page["next_cursor"]
        if page["has_more"]:
            assert response.headers["link"].endswith('>; rel="next"')
        else:
            assert "link" not in response.headers
            break
    assert seqs == list(range(1, 7))


def test_a_rolled_back_write_leaves_no_change(client, store) -> None:
    with Session(store.engine) as session:
        store_document(session, InterviewDocument.model_validate(interview_document("never-stored")))
        session.flush()
        session.rollback()
    with Session(store.engine) as session:
        store_document(session, InterviewDocument.model_validate(interview_document("kept")))
        session.commit()
    assert summary(changes(client)["items"]) == [
        ("speaker", "ivy-asker", "create"),
        ("speaker", "oleg-answerer", "create"),
        ("interview", "kept", "create"),
    ]
    assert [item["seq"] for item in changes(client)["items"]] == [1, 2, 3], "no seq is burnt"


def test_an_unchanged_reimport_leaves_no_change(client, store) -> None:
    document = interview_document("steady-talk", topics=["trade"])
    store_one(store, document)
    before = changes(client)
    store_one(store, document)
    assert changes(client, before["next_cursor"])["items"] == []


def test_a_speaker_change_is_recorded_with_the_interview_that_carried_it(client, store) -> None:
    store_one(store, interview_document("talk"))
    cursor = changes(client)["next_cursor"]
    changed = interview_document("talk")
    changed["participants"][1]["speaker"]["title"] = "Minister"
    store_one(store, changed)
    assert sorted(summary(changes(client, cursor)["items"])) == [
        ("interview", "talk", "update"),
        ("speaker", "oleg-answerer", "update"),
    ]


@pytest.mark.parametrize("since", ["not base64!", "c2VxOi0x", "Zm9vOjE", "x" * 101])
def test_a_damaged_cursor_is_a_422(client, since) -> None:
    response = client.get("/v1/changes", params={"since": since})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("limit", [0, 1001])
def test_limit_is_bounded(client, limit) -> None:
    assert client.get("/v1/changes", params={"limit": limit}).status_code == 422


def test_a_poller_never_skips_a_change_that_commits_late(postgres_store, monkeypatch) -> None:
    """T1 takes its seq and holds before commit; T2 writes meanwhile and must wait for T1's commit.

    Were seqs handed out at write time, T2 could commit seq n+1 while T1 still holds n, a poller
    would store cursor n+1, and T1's change would be skipped forever. The recorder hands seqs out
    under a row lock at commit time (app.storage.change_log), so T2's seq always follows T1's.
    """
    store = postgres_store
    store.empty()
    monkeypatch.setenv("DATABASE_URL", store.url)
    get_settings.cache_clear()
    t1_has_seq = threading.Event()
    release_t1 = threading.Event()
    t2_committed = threading.Event()
    errors: list[BaseException] = []

    def t1() -> None:
        try:
            with Session(store.engine) as session:
                store_document(session, InterviewDocument.model_validate(interview_document("slow-writer")))
                recorder.write_change_rows(session)  # what commit does first: take the seqs, hold the lock
                t1_has_seq.set()
                release_t1.wait(10)
                session.commit()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
            t1_has_seq.set()

    def t2() -> None:
        try:
            with Session(store.engine) as session:
                document = interview_document(
                    "fast-writer", interviewer="fay-asker", interviewee="finn-answerer"
                )
                store_document(session, InterviewDocument.model_validate(document))
                session.commit()
                t2_committed.set()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    try:
        with api_client() as client:
            threads = [threading.Thread(target=t1)]
            threads[0].start()
            assert t1_has_seq.wait(10)
            threads.append(threading.Thread(target=t2))
            threads[1].start()
            time.sleep(0.5)
            assert not t2_committed.is_set(), "T2 must wait for T1's commit to get its seq"
            polled = changes(client)
            assert polled["items"] == [], "nothing is visible before a commit"
            cursor = polled["next_cursor"]
            release_t1.set()
            for thread in threads:
                thread.join(10)
            assert not errors, errors
            seen: list[dict[str, Any]] = []
            while True:  # a poller that started before either commit
                page = changes(client, cursor, limit=2)
                seen += page["items"]
                cursor = page["next_cursor"]
                if not page["has_more"]:
                    break
            assert [item["seq"] for item in seen] == list(range(1, 7))
            assert summary(seen) == [
                ("speaker", "ivy-asker", "create"),
                ("speaker", "oleg-answerer", "create"),
                ("interview", "slow-writer", "create"),
                ("speaker", "fay-asker", "create"),
                ("speaker", "finn-answerer", "create"),
                ("interview", "fast-writer", "create"),
            ], "T1 committed first, so its changes come first"
    finally:
        release_t1.set()
        get_settings.cache_clear()


def test_concurrent_writers_and_a_poller_see_every_change_once(postgres_store, monkeypatch) -> None:
    """Four writers commit while a poller keeps polling: it collects seq 1..n exactly, in order.

    Each writer has its own speakers: two imports creating the same new speaker at once conflict
    on its unique slug, which is the loader's concern, not the change log's.
    """
    store = postgres_store
    store.empty()
    monkeypatch.setenv("DATABASE_URL", store.url)
    get_settings.cache_clear()
    done = threading.Event()
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for k in range(15):
                document = interview_document(
                    f"w{n}-talk-{k % 5}",
                    title=f"Talk {k}",
                    interviewer=f"asker-{n}",
                    interviewee=f"answerer-{n}",
                )
                store_one(store, document)
                if k % 7 == 6:
                    delete_interview(store, f"w{n}-talk-{k % 5}")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    try:
        with api_client() as client:
            seen: list[int] = []
            cursor = None

            def poll() -> bool:
                nonlocal cursor
                page = changes(client, cursor, limit=7)
                seen.extend(item["seq"] for item in page["items"])
                cursor = page["next_cursor"]
                return bool(page["has_more"])

            threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
            for thread in threads:
                thread.start()
            while any(thread.is_alive() for thread in threads):
                poll()
            done.set()
            while poll():
                pass
            assert not errors, errors
            total = changes(client, limit=1000)
            assert seen == [item["seq"] for item in total["items"]] == list(range(1, len(seen) + 1))
    finally:
        get_settings.cache_clear()
