"""`interviews deliver`: turn new changes into delivery rows, then send what is due, retrying failures.

Three short transactions per delivery, none held open while a receiver is called:
1. schedule: each active subscription's changes after its cursor become delivery rows, and the cursor
   moves on (subscriptions locked `FOR UPDATE SKIP LOCKED` on PostgreSQL, so two workers share them out);
2. claim: due pending deliveries, none with an earlier pending delivery of the same interview (order per
   interview), locked `FOR UPDATE SKIP LOCKED` and moved past the send's timeout, so no other worker
   takes them meanwhile (a worker that dies mid-send leaves them to be retried then);
3. record: delivered on a 2xx; otherwise due again after an exponential backoff with jitter, and the
   subscription paused after WEBHOOK_PAUSE_AFTER_FAILURES failed tries in a row.
On SQLite, the write lock (BEGIN IMMEDIATE) makes these one worker at a time, which is as safe.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import and_, case, exists, insert, select, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from app.changes.repository import changes_after
from app.config import Settings, get_settings
from app.models import WebhookDelivery, WebhookSubscription, utc_now
from app.storage.sessions import Access, open_session
from app.webhooks.events import InterviewFacts, delivery_body, event_kind, wanted
from app.webhooks.repository import ACTIVE, DELIVERED, PAUSED, PENDING
from app.webhooks.signing import new_message_id, signed_headers

logger = logging.getLogger("app.webhooks")
SCHEDULE_BATCH = 500
LEASE_MARGIN_SECONDS = 30
"""A claimed delivery is due again after the send's timeout and this margin, if its worker vanished."""
MAX_ERROR_LENGTH = 500
USER_AGENT = "interviews-webhooks/1"

_deliveries: Any = WebhookDelivery.__table__  # type: ignore[attr-defined]
_subscriptions: Any = WebhookSubscription.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class RetryPolicy:
    base_seconds: float
    max_seconds: float
    jitter: float
    pause_after: int

    @classmethod
    def from_settings(cls, settings: Settings) -> RetryPolicy:
        return cls(
            settings.webhook_retry_base_seconds,
            settings.webhook_retry_max_seconds,
            settings.webhook_retry_jitter,
            settings.webhook_pause_after_failures,
        )

    def delay(self, attempts: int, draw: float) -> timedelta:
        """The wait after the `attempts`-th failed try: base·2^(attempts-1), at most the cap, shortened by
        up to `jitter` of itself (`draw` is uniform in [0, 1))."""
        exponent = min(max(attempts - 1, 0), 60)
        seconds = min(self.max_seconds, self.base_seconds * 2**exponent)
        return timedelta(seconds=seconds * (1 - self.jitter * draw))


@dataclass(frozen=True)
class Claimed:
    """A delivery taken by this worker, with what sending it needs."""

    id: int
    subscription_id: int
    url: str
    secret: str
    message_id: str
    payload: str
    attempts: int


@dataclass(frozen=True)
class Outcome:
    status: int | None
    error: str | None

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


@dataclass
class PassReport:
    scheduled: int = 0
    delivered: int = 0
    failed: int = 0
    paused: list[int] = field(default_factory=list)

    @property
    def busy(self) -> bool:
        return bool(self.scheduled or self.delivered or self.failed)


@contextmanager
def writing() -> Iterator[Session]:
    """One write transaction on the primary, committed when the block ends (as a request's is)."""
    yield from open_session(Access.write)


def schedule(session: Session) -> tuple[int, bool]:
    """Delivery rows for one batch of changes after the active subscriptions' cursors; how many were
    made, and whether more changes wait."""
    subscriptions = list(
        session.execute(
            select(WebhookSubscription)
            .where(col(WebhookSubscription.status) == ACTIVE)
            .order_by(col(WebhookSubscription.id))
            .with_for_update(skip_locked=True)
        ).scalars()
    )
    if not subscriptions:
        return 0, False
    changes, more = changes_after(session, min(s.cursor for s in subscriptions), SCHEDULE_BATCH)
    if not changes:
        return 0, False
    facts = InterviewFacts(session, (c.id for c in changes if c.type == "interview" and c.action != "delete"))
    bodies: dict[tuple[int, str], str] = {}
    now = utc_now()
    rows = []
    for subscription in subscriptions:
        for change in changes:
            if change.seq <= subscription.cursor or not wanted(subscription, change, facts):
                continue
            body_key = (change.seq, subscription.base_url)
            if body_key not in bodies:
                bodies[body_key] = delivery_body(session, change, subscription.base_url)
            rows.append(
                {
                    "subscription_id": subscription.id,
                    "seq": change.seq,
                    "event": event_kind(change),
                    "entity_type": change.type,
                    "entity_id": change.id,
                    "message_id": new_message_id(),
                    "payload": bodies[body_key],
                    "status": PENDING,
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                }
            )
        subscription.cursor = max(subscription.cursor, changes[-1].seq)
    if rows:
        session.execute(insert(_deliveries), rows)
    session.flush()
    return len(rows), more


def claim(session: Session, due_by: datetime, limit: int, lease: timedelta) -> list[Claimed]:
    """Up to `limit` due deliveries, each the earliest pending one of its interview for its subscription,
    taken for this worker until the lease ends."""
    earlier = aliased(_deliveries)
    held_back = exists().where(
        and_(
            earlier.c.subscription_id == _deliveries.c.subscription_id,
            earlier.c.entity_type == _deliveries.c.entity_type,
            earlier.c.entity_id == _deliveries.c.entity_id,
            earlier.c.status == PENDING,
            earlier.c.seq < _deliveries.c.seq,
        )
    )
    statement = (
        select(_deliveries.c.id)
        .join(_subscriptions, _subscriptions.c.id == _deliveries.c.subscription_id)
        .where(_deliveries.c.status == PENDING)
        .where(_deliveries.c.next_attempt_at <= due_by)
        .where(_subscriptions.c.status == ACTIVE)
        .where(~held_back)
        .order_by(_deliveries.c.next_attempt_at, _deliveries.c.id)
        .limit(limit)
        .with_for_update(of=_deliveries, skip_locked=True)
    )
    ids = list(session.execute(statement).scalars())
    if not ids:
        return []
    now = utc_now()
    session.execute(
        update(_deliveries)
        .where(_deliveries.c.id.in_(ids))
        .values(next_attempt_at=now + lease, attempts=_deliveries.c.attempts + 1, last_attempt_at=now)
    )
    rows = session.execute(
        select(
            _deliveries.c.id,
            _deliveries.c.subscription_id,
            _subscriptions.c.url,
            _subscriptions.c.secret,
            _deliveries.c.message_id,
            _deliveries.c.payload,
            _deliveries.c.attempts,
        )
        .join(_subscriptions, _subscriptions.c.id == _deliveries.c.subscription_id)
        .where(_deliveries.c.id.in_(ids))
        .order_by(_deliveries.c.id)
    ).all()
    return [Claimed(*row) for row in rows]


def send(client: httpx.Client, delivery: Claimed) -> Outcome:
    """POST the body, signed now; only the status is read (a receiver's body is ignored)."""
    headers = {
        **signed_headers(delivery.secret, delivery.message_id, delivery.payload, utc_now()),
        "content-type": "application/json",
        "user-agent": USER_AGENT,
    }
    try:
        with client.stream(
            "POST", delivery.url, content=delivery.payload.encode(), headers=headers
        ) as answer:
            status = answer.status_code
    except httpx.HTTPError as error:
        return Outcome(None, f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH])
    if 200 <= status < 300:
        return Outcome(status, None)
    return Outcome(status, f"the receiver answered HTTP {status}")


def record(session: Session, delivery: Claimed, outcome: Outcome, policy: RetryPolicy, draw: float) -> bool:
    """Store the outcome of one try; True when this failure paused the subscription."""
    now = utc_now()
    deliveries, subscriptions = _deliveries, _subscriptions
    mine = deliveries.c.id == delivery.id
    if outcome.delivered:
        session.execute(
            update(deliveries)
            .where(mine)
            .values(status=DELIVERED, delivered_at=now, last_status=outcome.status, last_error=None)
        )
        session.execute(
            update(subscriptions)
            .where(subscriptions.c.id == delivery.subscription_id)
            .values(consecutive_failures=0)
        )
        return False
    session.execute(
        update(deliveries)
        .where(mine)
        .values(
            next_attempt_at=now + policy.delay(delivery.attempts, draw),
            last_status=outcome.status,
            last_error=outcome.error,
        )
    )
    failures = subscriptions.c.consecutive_failures + 1
    pausing = and_(subscriptions.c.status == ACTIVE, failures >= policy.pause_after)
    paused = session.execute(
        update(subscriptions)
        .where(subscriptions.c.id == delivery.subscription_id)
        .values(
            consecutive_failures=failures,
            status=case((pausing, PAUSED), else_=subscriptions.c.status),
            paused_at=case((pausing, now), else_=subscriptions.c.paused_at),
        )
        .returning(subscriptions.c.status, subscriptions.c.consecutive_failures)
    ).first()
    # Paused by this very failure: the count reached the limit only now (a reset on resume starts it over).
    return (
        paused is not None and paused.status == PAUSED and paused.consecutive_failures == policy.pause_after
    )


class Deliverer:
    """One worker process's sending side: an HTTP client, a pool of sending threads, and the settings."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.policy = RetryPolicy.from_settings(self.settings)
        self.lease = timedelta(seconds=self.settings.webhook_timeout_seconds + LEASE_MARGIN_SECONDS)
        self.client = httpx.Client(timeout=self.settings.webhook_timeout_seconds, follow_redirects=False)
        self.pool = ThreadPoolExecutor(self.settings.webhook_concurrency, thread_name_prefix="deliver")
        self.random = random.SystemRandom()

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        self.client.close()

    def __enter__(self) -> Deliverer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def run_once(self, stop: threading.Event | None = None) -> PassReport:
        """Schedule every new change, then send each delivery due by then once (a failure's retry is
        left for a later pass)."""
        report = PassReport()
        more = True
        while more and not (stop and stop.is_set()):
            with writing() as session:
                made, more = schedule(session)
            report.scheduled += made
        due_by = utc_now()
        while not (stop and stop.is_set()):
            with writing() as session:
                claimed = claim(session, due_by, self.settings.webhook_concurrency, self.lease)
            if not claimed:
                break
            for delivery, outcome in zip(claimed, self.pool.map(self._send, claimed), strict=True):
                with writing() as session:
                    paused = record(session, delivery, outcome, self.policy, self.random.random())
                if outcome.delivered:
                    report.delivered += 1
                else:
                    report.failed += 1
                    logger.warning(
                        "delivery %s to webhook %s failed (try %s): %s",
                        delivery.id, delivery.subscription_id, delivery.attempts, outcome.error,
                    )  # fmt: skip
                if paused:
                    report.paused.append(delivery.subscription_id)
                    logger.warning("webhook %s paused after repeated failures", delivery.subscription_id)
        return report

    def _send(self, delivery: Claimed) -> Outcome:
        return send(self.client, delivery)

    def run(self, interval: float, stop: threading.Event) -> None:
        """Pass after pass until `stop` is set; a pass that found nothing to do is followed by a pause."""
        while not stop.is_set():
            try:
                report = self.run_once(stop)
            except Exception:  # a database away for a moment must not end the worker: log, wait, retry
                logger.exception("delivery pass failed; retrying after %s seconds", interval)
                stop.wait(interval)
                continue
            if not report.busy:
                stop.wait(interval)
