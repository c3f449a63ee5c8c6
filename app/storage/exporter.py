"""Interviews back out as interview documents: for `export`, for NDJSON dumps, and to detect no-op imports.

Documents are built a batch of interviews at a time with a fixed number of queries per batch,
so exporting everything runs in constant memory.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from app.contract.document import InterviewDocument
from app.models import Answer, Interview, InterviewTopic, Participant, Question, QuestionTopic, Speaker, Topic
from app.models.values import published_at_value

EXPORT_BATCH_SIZE = 200


def ndjson_line(document: InterviewDocument) -> str:
    """One document as one NDJSON line. U+2028 and U+2029 are escaped: JSON allows them raw, but many
    line readers (JavaScript's, Python's `str.splitlines`) take them for line ends."""
    return document.model_dump_json().replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def iter_documents(
    session: Session, *, updated_since: datetime | None = None, batch_size: int = EXPORT_BATCH_SIZE
) -> Iterator[InterviewDocument]:
    """Every interview (or those changed since a time), oldest id first, one batch in memory at a time."""
    last_id = 0
    while True:
        statement = (
            select(Interview).where(col(Interview.id) > last_id).order_by(col(Interview.id)).limit(batch_size)
        )
        if updated_since is not None:
            statement = statement.where(col(Interview.updated_at) >= updated_since)
        interviews = list(session.execute(statement).scalars())
        if not interviews:
            return
        yield from documents_for(session, interviews)
        last_id = interviews[-1].id or 0
        session.expunge_all()


def documents_for(session: Session, interviews: list[Interview]) -> list[InterviewDocument]:
    ids = [i.id for i in interviews]
    participants: dict[int, list[dict[str, Any]]] = defaultdict(list)
    speaker_slugs: dict[int, str] = {}
    for row in session.execute(
        select(col(Participant.interview_id), col(Participant.role), Speaker)
        .join(Speaker, col(Speaker.id) == col(Participant.speaker_id))
        .where(col(Participant.interview_id).in_(ids))
        .order_by(col(Participant.interview_id), col(Participant.position))
    ):
        speaker: Speaker = row[2]
        speaker_slugs[speaker.id or 0] = speaker.slug
        participants[row.interview_id].append(
            {
                "speaker": {
                    "slug": speaker.slug,
                    "name": speaker.name,
                    "title": speaker.title,
                    "organization": speaker.organization,
                    "country": speaker.country,
                },
                "role": row.role,
            }
        )
    interview_topics = _topics(session, InterviewTopic, InterviewTopic.interview_id, ids)
    questions = session.execute(
        select(
            col(Question.id),
            col(Question.interview_id),
            col(Question.position),
            col(Question.text),
            col(Question.asked_by_id),
            col(Question.start_time),
            col(Question.end_time),
        )
        .where(col(Question.interview_id).in_(ids))
        .order_by(col(Question.interview_id), col(Question.position))
    ).all()
    question_topics = _topics(session, QuestionTopic, QuestionTopic.question_id, [q.id for q in questions])
    answers: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in session.execute(
        select(
            col(Answer.question_id),
            col(Answer.position),
            col(Answer.speaker_id),
            col(Answer.text),
            col(Answer.start_time),
            col(Answer.end_time),
        )
        .where(col(Answer.interview_id).in_(ids))
        .order_by(col(Answer.question_id), col(Answer.position))
    ):
        answers[row.question_id].append(
            {
                "position": row.position,
                "speaker": speaker_slugs[row.speaker_id],
                "text": row.text,
                "start_time": row.start_time,
                "end_time": row.end_time,
            }
        )
    questions_by_interview: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for q in questions:
        questions_by_interview[q.interview_id].append(
            {
                "position": q.position,
                "text": q.text,
                "asked_by": speaker_slugs.get(q.asked_by_id) if q.asked_by_id is not None else None,
                "topics": question_topics.get(q.id, []),
                "answers": answers.get(q.id, []),
                "start_time": q.start_time,
                "end_time": q.end_time,
            }
        )
    return [
        InterviewDocument.model_validate(
            {
                "slug": i.slug,
                "title": i.title,
                "summary": i.summary,
                "language": i.language,
                "published_at": published_at_value(i.published_at),
                "location": i.location,
                "event": i.event,
                "source": None
                if i.source_name is None and i.source_url is None
                else {"name": i.source_name, "url": i.source_url},
                "media": None
                if i.media_url is None
                else {"url": i.media_url, "type": i.media_type, "duration": i.media_duration},
                "participants": participants.get(i.id or 0, []),
                "topics": interview_topics.get(i.id or 0, []),
                "questions": questions_by_interview.get(i.id or 0, []),
                "import_warnings": json.loads(i.import_warnings) if i.import_warnings else [],
            }
        )
        for i in interviews
    ]


def _topics(
    session: Session, link: Any, owner_column: Any, owner_ids: list[Any]
) -> dict[int, list[dict[str, Any]]]:
    result: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if not owner_ids:
        return result
    for row in session.execute(
        select(owner_column.label("owner_id"), col(Topic.slug), col(Topic.name), col(Topic.description))
        .join(Topic, col(Topic.id) == link.topic_id)
        .where(owner_column.in_(owner_ids))
        .order_by(owner_column, link.position)
    ):
        result[row.owner_id].append({"slug": row.slug, "name": row.name, "description": row.description})
    return result
