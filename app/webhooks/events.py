"""From changes of the change log to delivery bodies: which subscriptions want each change, and what
is sent (Standard Webhooks' `{type, timestamp, data}`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC
from typing import Any

import orjson
from sqlalchemy import select
from sqlmodel import Session, col

from app.changes.schemas import ChangeView
from app.interviews.rendering import current_detail
from app.models import Interview, InterviewTopic, Participant, Speaker, Topic, WebhookSubscription

PAST = {"create": "created", "update": "updated", "delete": "deleted"}
COLLECTIONS = {"interview": "interviews", "speaker": "speakers", "topic": "topics"}
MAX_EMBEDDED_BYTES = 1_000_000
"""A larger interview is sent as its URL alone (`interview` is null): receivers and retries stay light."""


def event_kind(change: ChangeView) -> str:
    return f"{change.type}.{PAST[change.action]}"


class InterviewFacts:
    """Which interviews a batch of changes names still exist, and their topic and speaker slugs as they
    are now (the change log keeps neither), read in three queries."""

    def __init__(self, session: Session, interview_ids: Iterable[int]) -> None:
        ids = sorted(set(interview_ids))
        self.present: set[int] = set()
        self.topics: dict[int, set[str]] = defaultdict(set)
        self.speakers: dict[int, set[str]] = defaultdict(set)
        if not ids:
            return
        self.present = set(
            session.execute(select(col(Interview.id)).where(col(Interview.id).in_(ids))).scalars()
        )
        topic_rows = session.execute(
            select(col(InterviewTopic.interview_id), col(Topic.slug))
            .join(Topic, col(Topic.id) == col(InterviewTopic.topic_id))
            .where(col(InterviewTopic.interview_id).in_(ids))
        )
        for interview_id, slug in topic_rows:
            self.topics[interview_id].add(slug)
        speaker_rows = session.execute(
            select(col(Participant.interview_id), col(Speaker.slug))
            .join(Speaker, col(Speaker.id) == col(Participant.speaker_id))
            .where(col(Participant.interview_id).in_(ids))
        )
        for interview_id, slug in speaker_rows:
            self.speakers[interview_id].add(slug)


def wanted(subscription: WebhookSubscription, change: ChangeView, facts: InterviewFacts) -> bool:
    """Whether the subscription asked for this change: its kind, then its filters (AND between topics and
    speakers, any of the values of each), matched against the interview as it is when the delivery is
    prepared. A deletion, or a change of an interview deleted since, passes the filters: it can no
    longer be matched, and sending too much is better than missing a change."""
    if event_kind(change) not in subscription.events:
        return False
    if change.action == "delete":
        return True
    topics, speakers = set(subscription.topics), set(subscription.speakers)
    if change.type == "interview":
        if change.id not in facts.present:
            return True
        return (not topics or bool(topics & facts.topics[change.id])) and (
            not speakers or bool(speakers & facts.speakers[change.id])
        )
    if change.type == "speaker":
        return not speakers or change.slug in speakers
    return not topics or change.slug in topics


def delivery_body(session: Session, change: ChangeView, base_url: str) -> str:
    """The JSON sent for a change: its kind, when it was committed, and what changed, with a link to it.
    A created or updated interview carries its current view (as `GET /v1/interviews/{id}` shows it)."""
    data: dict[str, Any] = {
        "seq": change.seq,
        "type": change.type,
        "id": change.id,
        "slug": change.slug,
        "url": f"{base_url}/v1/{COLLECTIONS[change.type]}/{change.id}",
    }
    if change.type == "interview" and change.action != "delete":
        view = current_detail(session, str(change.id))
        embedded = view is not None and len(view.body) <= MAX_EMBEDDED_BYTES
        data["interview"] = orjson.loads(view.body) if view is not None and embedded else None
    timestamp = change.at.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return orjson.dumps({"type": event_kind(change), "timestamp": timestamp, "data": data}).decode()
