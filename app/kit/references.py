"""Short references that resources embed (`{id, slug, name}`), and their batch loaders.

Loaders take the ids of a whole page and answer with one query, so nested views cost a fixed
number of queries however many rows they show.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import BindParameter, Select, bindparam, select
from sqlmodel import Session

from app.contract.document import Role
from app.models import Interview, InterviewTopic, Participant, QuestionTopic, Speaker, Topic


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


# The loaders run on every view, so their statements are built once, as Core over the tables, and
# executed on the session's connection: SQLAlchemy compiles each once per dialect and caches it, and
# rows come back as plain tuples. (An ORM select built per call costs about four times as much.)
_speakers, _topics = Speaker.__table__, Topic.__table__  # type: ignore[attr-defined]
_participants, _interviews = Participant.__table__, Interview.__table__  # type: ignore[attr-defined]
_interview_topics, _question_topics = InterviewTopic.__table__, QuestionTopic.__table__  # type: ignore[attr-defined]
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)

SPEAKER_REFS = select(_speakers.c.id, _speakers.c.slug, _speakers.c.name).where(_speakers.c.id.in_(_IDS))
INTERVIEW_REFS = select(_interviews.c.id, _interviews.c.slug, _interviews.c.title).where(
    _interviews.c.id.in_(_IDS)
)
PARTICIPANTS = (
    select(
        _participants.c.interview_id,
        _participants.c.role,
        _speakers.c.id,
        _speakers.c.slug,
        _speakers.c.name,
    )
    .join(_speakers, _speakers.c.id == _participants.c.speaker_id)
    .where(_participants.c.interview_id.in_(_IDS))
    .order_by(_participants.c.interview_id, _participants.c.position)
)


def _topics_of(link: Any, owner: Any) -> Select[Any]:
    return (
        select(owner, _topics.c.id, _topics.c.slug, _topics.c.name)
        .join(_topics, _topics.c.id == link.c.topic_id)
        .where(owner.in_(_IDS))
        .order_by(owner, link.c.position)
    )


INTERVIEW_TOPICS = _topics_of(_interview_topics, _interview_topics.c.interview_id)
QUESTION_TOPICS = _topics_of(_question_topics, _question_topics.c.question_id)


def _rows(session: Session, statement: Select[Any], ids: set[int]) -> Sequence[Any]:
    return session.connection().execute(statement, {"ids": sorted(ids)}).all()


def speaker_refs(session: Session, speaker_ids: Iterable[int | None]) -> dict[int, SpeakerRef]:
    ids = {i for i in speaker_ids if i is not None}
    if not ids:
        return {}
    return {
        id_: SpeakerRef(id=id_, slug=slug, name=name) for id_, slug, name in _rows(session, SPEAKER_REFS, ids)
    }


def interview_refs(session: Session, interview_ids: Iterable[int]) -> dict[int, InterviewRef]:
    ids = set(interview_ids)
    if not ids:
        return {}
    return {
        id_: InterviewRef(id=id_, slug=slug, title=title)
        for id_, slug, title in _rows(session, INTERVIEW_REFS, ids)
    }


def topics_by_question(session: Session, question_ids: Iterable[int]) -> dict[int, list[TopicRef]]:
    return _topics_by_owner(session, QUESTION_TOPICS, question_ids)


def _topics_by_owner(
    session: Session, statement: Select[Any], owner_ids: Iterable[int]
) -> dict[int, list[TopicRef]]:
    ids = set(owner_ids)
    result: dict[int, list[TopicRef]] = defaultdict(list)
    if not ids:
        return result
    for owner_id, id_, slug, name in _rows(session, statement, ids):
        result[owner_id].append(TopicRef(id=id_, slug=slug, name=name))
    return result
