"""Deliveries end to end on both stores: changes made through the API reach a real HTTP receiver,
signed, once each, in order per interview, through a receiver that is down for a while; pausing,
resuming, redelivery, and the README's verification code refusing replays."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import standardwebhooks.webhooks

from app.config import get_settings
from app.webhooks.signing import signed_headers
from app.webhooks.worker import Deliverer
from tests.conftest import Store, TestClient
from tests.support.factories import interview_document
from tests.support.servers import INTERVIEWS, ROOT, server_environment
from tests.webhooks.receiver import Arrival, Receiver, readme_verification

Headers = dict[str, str]


def subscribe(client: TestClient, headers: Headers, receiver: Receiver, name: str, **body: Any) -> int:
    response = client.post("/v1/webhooks", json={"url": receiver.url(name), **body}, headers=headers)
    assert response.status_code == 201, response.text
    receiver.secrets[name] = response.json()["secret"]
    webhook_id: int = response.json()["id"]
    return webhook_id


def put(client: TestClient, write: Headers, slug: str, **fields: Any) -> int:
    response = client.put(f"/v1/interviews/{slug}", json=interview_document(slug, **fields), headers=write)
    assert response.status_code in {200, 201}, response.text
    interview_id: int = response.json()["id"]
    return interview_id


def retitle(client: TestClient, write: Headers, slug: str, title: str) -> None:
    assert client.patch(f"/v1/interviews/{slug}", json={"title": title}, headers=write).status_code == 200


def interview_events(arrivals: list[Arrival]) -> list[tuple[str, str, int]]:
    """(slug, kind, seq) of each interview event, in arrival order."""
    return [
        (a.event["data"]["slug"], a.event["type"], a.event["data"]["seq"])
        for a in arrivals
        if a.event["data"]["type"] == "interview"
    ]


def per_interview(arrivals: list[Arrival]) -> dict[str, list[str]]:
    """Each interview's event kinds in the order they arrived."""
    events: dict[str, list[str]] = {}
    for slug, kind, _seq in interview_events(arrivals):
        events.setdefault(slug, []).append(kind)
    return events


def changes_of_interviews(client: TestClient) -> list[tuple[str, str, int]]:
    """What the change feed says happened to interviews: (slug, kind, seq) in commit order."""
    items = client.get("/v1/changes", params={"limit": 1000}).json()["items"]
    past = {"create": "created", "update": "updated", "delete": "deleted"}
    return [
        (c["slug"], f"interview.{past[c['action']]}", c["seq"]) for c in items if c["type"] == "interview"
    ]


def assert_once_in_order(arrivals: list[Arrival], expected: list[tuple[str, str, int]]) -> None:
    """Every expected event accepted exactly once (by `webhook-id` and by seq), in seq order per interview."""
    ids = [a.headers["webhook-id"] for a in arrivals]
    assert len(ids) == len(set(ids)), "a delivery was accepted twice"
    got = interview_events(arrivals)
    assert sorted(got, key=lambda e: e[2]) == expected
    for slug in {slug for slug, _, _ in expected}:
        seqs = [seq for s, _, seq in got if s == slug]
        assert seqs == sorted(seqs), f"{slug}: out of order {seqs}"


def deliver_until(done: Callable[[], bool], *, seconds: float = 30) -> None:
    """Passes of the worker, in this process, until `done()` (retries wait a few hundredths of a second)."""
    deadline = time.monotonic() + seconds
    with Deliverer() as deliverer:
        while not done():
            assert time.monotonic() < deadline, "deliveries did not arrive in time"
            deliverer.run_once()
            time.sleep(0.03)


def deliveries(client: TestClient, headers: Headers, webhook_id: int, **params: Any) -> list[dict[str, Any]]:
    response = client.get(
        f"/v1/webhooks/{webhook_id}/deliveries", params={"limit": 100, **params}, headers=headers
    )
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def deliver_once_by_command(store: Store) -> str:
    """`interviews deliver --once` in its own process, as cron would run it; what it reports."""
    done = subprocess.run(
        [str(INTERVIEWS), "deliver", "--once"],
        env=server_environment(store.url),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_every_change_arrives_once_in_order_signed_from_the_worker_command(
    store: Store, client: TestClient, keys: dict[str, Headers], receiver: Receiver
) -> None:
    partner, write = keys["webhooks"], keys["write"]
    everything = subscribe(client, partner, receiver, "all")
    on_trade = subscribe(client, partner, receiver, "trade", topics=["trade"])
    one_speaker = subscribe(
        client, keys["admin"], receiver, "speaker", events=["speaker.created"], speakers=["oleg-answerer"]
    )
    put(client, write, "alpha", topics=["trade"])
    put(client, write, "beta")
    retitle(client, write, "alpha", "Alpha, retitled")
    retitle(client, write, "beta", "Beta, retitled")
    retitle(client, write, "alpha", "Alpha, again")
    assert "scheduled 9, delivered 9, failed 0" in deliver_once_by_command(store)
    assert client.delete("/v1/interviews/alpha", headers=write).status_code == 204
    assert "scheduled 2, delivered 2, failed 0" in deliver_once_by_command(store)

    assert receiver.refused == []
    expected = changes_of_interviews(client)
    assert len(expected) == 6
    assert_once_in_order(receiver.accepted("all"), expected)
    assert per_interview(receiver.accepted("all")) == {
        "alpha": ["interview.created", "interview.updated", "interview.updated", "interview.deleted"],
        "beta": ["interview.created", "interview.updated"],
    }
    assert per_interview(receiver.accepted("trade")) == {
        "alpha": ["interview.created", "interview.updated", "interview.updated", "interview.deleted"]
    }
    [speaker] = receiver.accepted("speaker")
    assert speaker.event["type"] == "speaker.created" and speaker.event["data"]["slug"] == "oleg-answerer"

    beta_created = next(a for a in receiver.accepted("all") if a.event["type"] == "interview.created"
                        and a.event["data"]["slug"] == "beta")  # fmt: skip
    beta = client.get("/v1/interviews/beta").json()
    change = next(c for c in client.get("/v1/changes").json()["items"] if c["slug"] == "beta")
    assert beta_created.event == {
        "type": "interview.created",
        "timestamp": change["at"],
        "data": {
            "seq": change["seq"],
            "type": "interview",
            "id": beta["id"],
            "slug": "beta",
            "url": f"http://testserver/v1/interviews/{beta['id']}",
            "interview": beta,
        },
    }
    alpha_deleted = next(a for a in receiver.accepted("all") if a.event["type"] == "interview.deleted")
    assert "interview" not in alpha_deleted.event["data"]
    assert beta_created.headers["content-type"] == "application/json"
    assert beta_created.headers["webhook-id"].startswith("msg_")

    log = deliveries(client, partner, everything)
    assert [d["status"] for d in log] == ["delivered"] * 6
    assert [d["seq"] for d in log] == sorted((seq for _, _, seq in expected), reverse=True)
    assert all(d["attempts"] == 1 and d["last_status"] == 200 and d["next_attempt_at"] is None for d in log)
    assert len(deliveries(client, partner, on_trade)) == 4
    assert len(deliveries(client, keys["admin"], one_speaker)) == 1


def test_a_receiver_down_for_a_while_gets_every_event_once_in_order(
    store: Store,
    client: TestClient,
    keys: dict[str, Headers],
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WEBHOOK_PAUSE_AFTER_FAILURES", "1000")  # pausing has a test of its own
    get_settings.cache_clear()
    partner, write = keys["webhooks"], keys["write"]
    webhook = subscribe(client, partner, receiver, "partner")
    receiver.stop()  # down: connections are refused
    for slug in ("north", "south", "east"):
        put(client, write, slug)
    for round_number in range(3):
        for slug in ("north", "south", "east"):
            retitle(client, write, slug, f"{slug} {round_number}")
    assert client.delete("/v1/interviews/east", headers=write).status_code == 204

    with Deliverer() as deliverer:
        for _ in range(3):
            deliverer.run_once()
            time.sleep(0.05)
    pending = deliveries(client, partner, webhook, status="pending")
    assert len(pending) == 13
    heads = [d for d in pending if d["attempts"] > 0]
    assert {d["entity_id"] for d in heads} == {d["entity_id"] for d in pending}
    assert len(heads) == 3, "only the earliest delivery of each interview is tried while it fails"
    assert all(d["last_status"] is None and "ConnectError" in d["last_error"] for d in heads)

    receiver.answer = 500  # up, but failing
    receiver.start()
    with Deliverer() as deliverer:
        for _ in range(2):
            deliverer.run_once()
            time.sleep(0.05)
    assert receiver.accepted() == [] and len(receiver.arrivals) >= 3
    heads = [d for d in deliveries(client, partner, webhook, status="pending") if d["last_status"] == 500]
    assert heads and all(d["last_error"] == "the receiver answered HTTP 500" for d in heads)

    receiver.answer = 200  # back: three workers at once, none may send a delivery twice
    stop = threading.Event()
    workers = [Deliverer() for _ in range(3)]
    threads = [threading.Thread(target=w.run, args=(0.02, stop)) for w in workers]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while len(receiver.accepted()) < 13 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)  # let anything sent twice arrive
    stop.set()
    for thread, worker in zip(threads, workers, strict=True):
        thread.join(timeout=30)
        worker.close()

    assert receiver.refused == []
    assert not any(a.repeat for a in receiver.accepted())
    assert_once_in_order(receiver.accepted(), changes_of_interviews(client))
    view = client.get(f"/v1/webhooks/{webhook}", headers=partner).json()
    assert (view["status"], view["consecutive_failures"]) == ("active", 0)
    assert deliveries(client, partner, webhook, status="pending") == []


def test_paused_after_repeated_failures_then_resumed_with_nothing_lost(
    store: Store,
    client: TestClient,
    keys: dict[str, Headers],
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WEBHOOK_PAUSE_AFTER_FAILURES", "3")
    get_settings.cache_clear()
    partner, write = keys["webhooks"], keys["write"]
    webhook = subscribe(client, partner, receiver, "fragile")
    receiver.answer = 500
    put(client, write, "first")

    deliver_until(lambda: client.get(f"/v1/webhooks/{webhook}", headers=partner).json()["status"] == "paused")
    view = client.get(f"/v1/webhooks/{webhook}", headers=partner).json()
    assert view["consecutive_failures"] == 3 and view["paused_at"] is not None
    tries = len(receiver.arrivals)
    assert tries == 3

    retitle(client, write, "first", "First, while paused")
    put(client, write, "second")
    with Deliverer() as deliverer:
        report = deliverer.run_once()
    assert (report.scheduled, report.delivered, report.failed) == (0, 0, 0)
    assert len(receiver.arrivals) == tries, "a paused subscription is sent nothing"
    [pending] = deliveries(client, partner, webhook)
    redelivered = client.post(f"/v1/webhooks/{webhook}/deliveries/{pending['id']}/redeliver", headers=partner)
    assert redelivered.status_code == 409 and "resume it first" in redelivered.json()["detail"]

    receiver.answer = 200
    resumed = client.post(f"/v1/webhooks/{webhook}/resume", headers=partner)
    assert resumed.status_code == 200
    assert {k: resumed.json()[k] for k in ("status", "consecutive_failures", "paused_at")} == {
        "status": "active",
        "consecutive_failures": 0,
        "paused_at": None,
    }
    deliver_until(lambda: len(receiver.accepted()) == 3)
    assert per_interview(receiver.accepted()) == {
        "first": ["interview.created", "interview.updated"],
        "second": ["interview.created"],
    }
    assert_once_in_order(receiver.accepted(), changes_of_interviews(client))
    first = next(d for d in deliveries(client, partner, webhook) if d["event"] == "interview.created"
                 and d["entity_id"] == pending["entity_id"])  # fmt: skip
    assert (first["attempts"], first["last_status"], first["last_error"]) == (4, 200, None)


def test_redelivery_sends_the_same_event_again_which_the_readme_code_knows_as_a_repeat(
    store: Store, client: TestClient, keys: dict[str, Headers], receiver: Receiver
) -> None:
    partner = keys["webhooks"]
    webhook = subscribe(client, partner, receiver, "partner")
    put(client, keys["write"], "gamma")
    deliver_until(lambda: len(receiver.accepted()) == 1)
    [delivery] = deliveries(client, partner, webhook)

    response = client.post(f"/v1/webhooks/{webhook}/deliveries/{delivery['id']}/redeliver", headers=partner)
    assert response.status_code == 202
    assert {k: response.json()[k] for k in ("id", "status", "delivered_at")} == {
        "id": delivery["id"],
        "status": "pending",
        "delivered_at": None,
    }
    deliver_until(lambda: len(receiver.accepted()) == 2)
    first, again = receiver.accepted()
    assert again.body == first.body
    assert again.headers["webhook-id"] == first.headers["webhook-id"]
    assert (first.repeat, again.repeat) == (False, True)
    assert receiver.refused == []
    [after] = deliveries(client, partner, webhook)
    assert (after["status"], after["attempts"]) == ("delivered", 2)


def test_the_readme_code_refuses_replayed_and_tampered_deliveries(
    store: Store, client: TestClient, keys: dict[str, Headers], receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    partner = keys["webhooks"]
    subscribe(client, partner, receiver, "partner")
    put(client, keys["write"], "delta")
    deliver_until(lambda: len(receiver.accepted()) == 1)
    [genuine] = receiver.accepted()
    secret = receiver.secrets["partner"]
    verification = readme_verification()
    receive, refused_error = verification["receive"], verification["WebhookVerificationError"]

    assert receive(secret, genuine.body, genuine.headers)["data"]["slug"] == "delta"
    assert receive(secret, genuine.body, genuine.headers) is None, "a repeat inside the window is dropped"
    tampered = genuine.body.replace(b'"slug":"delta"', b'"slug":"omega"')
    assert tampered != genuine.body
    with pytest.raises(refused_error, match="No matching signature"):
        receive(secret, tampered, genuine.headers)
    with pytest.raises(refused_error, match="No matching signature"):
        receive("whsec_" + "A" * 43 + "=", genuine.body, genuine.headers)
    with pytest.raises(refused_error):
        receive(secret, genuine.body, {**genuine.headers, "webhook-signature": "garbage"})

    # The same delivery signed six minutes ago, as a capture replayed now would be:
    old = signed_headers(
        secret, "msg_replayed", genuine.body.decode(), datetime.now(UTC) - timedelta(minutes=6)
    )
    with pytest.raises(refused_error, match="too old"):
        receive(secret, genuine.body, old)

    # And the very headers and body that arrived, presented six minutes later: the clock moves on.
    class SixMinutesLater(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> SixMinutesLater:  # type: ignore[override]
            moment = datetime.now(tz) + timedelta(minutes=6)
            return cls.fromtimestamp(moment.timestamp(), tz)

    fresh = readme_verification()
    monkeypatch.setattr(standardwebhooks.webhooks, "datetime", SixMinutesLater)
    with pytest.raises(fresh["WebhookVerificationError"], match="too old"):
        fresh["receive"](secret, genuine.body, genuine.headers)
