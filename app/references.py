"""Short references that resources embed (`{id, slug, name}`), and their batch loaders.

Loaders take the ids of a whole page and answer with one query, so nested views cost a fixed
number of queries however many rows they show.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field
from sqlalchemy import select
from sqlmodel import Session, col

from app.documents.schema import Role
from app.models import Interview, InterviewTopic, Participant, QuestionTopic, Speaker, Topic

MAX_ID = 2**31 - 1
"""Ids are 32-bit integers on every store."""


def id_or_slug(ref: str) -> int | str | None:
    """A path or filter reference: an id when all digits, else a slug; None for an id no row can have."""
    if ref.isascii() and ref.isdigit():
        number = int(ref)
        return number if number <= MAX_ID else None
    return ref


def assume_utc(value: datetime) -> datetime:
    """SQLite hands back naive date-times; every stored time is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


UtcDateTime = Annotated[datetime, AfterValidator(assume_utc)]


def published_at_value(stored: str | None) -> date | datetime | None:
    """Stored ISO text back to a date or a date-time."""
    if stored is None:
        return None
    if len(stored) == 10:
        return date.fromisoformat(stored)
    return datetime.fromisoformat(stored.replace("Z", "+00:00"))


def published_at_text(value: date | datetime | None) -> str | None:
    """The stored form: `2025-04-16` or `2025-04-16T10:00:00Z`, which sort in time order as text."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"
    return value.isoformat()


class SpeakerRef(BaseModel):
    id: int
    slug: str = Field(examples=["roman-vassilenko"])
    name: str = Field(examples=["Roman Vassilenko"])


class TopicRef(BaseModel):
    id: int
    slug: str = Field(examples=["visa-policy"])
    name: str = Field(examples=["Visa policy"])


class InterviewRef(BaseModel):
    id: int
    slug: str
    title: str


class ParticipantView(BaseModel):
    speaker: SpeakerRef
    role: Role


def speaker_refs(session: Session, speaker_ids: Iterable[int | None]) -> dict[int, SpeakerRef]:
    ids = {i for i in speaker_ids if i is not None}
    if not ids:
        return {}
    rows = session.execute(
        select(col(Speaker.id), col(Speaker.slug), col(Speaker.name)).where(col(Speaker.id).in_(ids))
    )
    return {row.id: SpeakerRef(id=row.id, slug=row.slug, name=row.name) for row in rows}


def interview_refs(session: Session, interview_ids: Iterable[int]) -> dict[int, InterviewRef]:
    ids = set(interview_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(col(Interview.id), col(Interview.slug), col(Interview.title)).where(col(Interview.id).in_(ids))
    )
    return {row.id: InterviewRef(id=row.id, slug=row.slug, title=row.title) for row in rows}


def participants_by_interview(
    session: Session, interview_ids: Iterable[int]
) -> dict[int, list[ParticipantView]]:
    ids = set(interview_ids)
    result: dict[int, list[ParticipantView]] = defaultdict(list)
    if not ids:
        return result
    rows = session.execute(
        select(
            col(Participant.interview_id),
            col(Participant.role),
            col(Speaker.id),
            col(Speaker.slug),
            col(Speaker.name),
        )
        .join(Speaker, col(Speaker.id) == col(Participant.speaker_id))
        .where(col(Participant.interview_id).in_(ids))
        .order_by(col(Participant.interview_id), col(Participant.position))
    )
    for row in rows:
        speaker = SpeakerRef(id=row.id, slug=row.slug, name=row.name)
        result[row.interview_id].append(ParticipantView(speaker=speaker, role=Role(row.role)))
    return result


def topics_by_interview(session: Session, interview_ids: Iterable[int]) -> dict[int, list[TopicRef]]:
    return _topics_by_owner(session, InterviewTopic, InterviewTopic.interview_id, interview_ids)


def topics_by_question(session: Session, question_ids: Iterable[int]) -> dict[int, list[TopicRef]]:
    return _topics_by_owner(session, QuestionTopic, QuestionTopic.question_id, question_ids)


def _topics_by_owner(
    session: Session, link: Any, owner_column: Any, owner_ids: Iterable[int]
) -> dict[int, list[TopicRef]]:
    ids = set(owner_ids)
    result: dict[int, list[TopicRef]] = defaultdict(list)
    if not ids:
        return result
    rows = session.execute(
        select(owner_column.label("owner_id"), col(Topic.id), col(Topic.slug), col(Topic.name))
        .join(Topic, col(Topic.id) == link.topic_id)
        .where(owner_column.in_(ids))
        .order_by(owner_column, link.position)
    )
    for row in rows:
        result[row.owner_id].append(TopicRef(id=row.id, slug=row.slug, name=row.name))
    return result
