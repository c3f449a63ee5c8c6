"""Interview documents into the database: upsert by slug, inside the caller's transaction.

The loader never commits: a whole file (or a whole request) is one transaction, so a failure
anywhere leaves the database as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, insert, select
from sqlmodel import Session, col

from app.documents.exporter import documents_for
from app.documents.schema import InterviewDocument, SpeakerDocument, TopicDocument
from app.models import (
    Answer,
    Interview,
    InterviewTopic,
    Participant,
    Question,
    Speaker,
    Topic,
    metadata,
    utc_now,
)
from app.references import published_at_text
from app.search.index import index_catalog_entry, index_interview, interview_rows, speaker_row, topic_row


class StoreAction(StrEnum):
    created = "created"
    updated = "updated"
    unchanged = "unchanged"


@dataclass
class Catalog:
    """Speaker and topic ids by slug, remembered across the documents of one import."""

    speakers: dict[str, int] = field(default_factory=dict)
    topics: dict[str, int] = field(default_factory=dict)
    speaker_details: dict[str, SpeakerDocument] = field(default_factory=dict)
    topic_details: dict[str, TopicDocument] = field(default_factory=dict)


def store_document(
    session: Session, document: InterviewDocument, catalog: Catalog | None = None
) -> tuple[StoreAction, int]:
    """Create or replace the interview with the document's slug; an identical document changes nothing."""
    catalog = catalog or Catalog()
    existing = session.execute(
        select(Interview).where(col(Interview.slug) == document.slug)
    ).scalar_one_or_none()
    if existing is not None and documents_for(session, [existing])[0] == document:
        return StoreAction.unchanged, existing.id or 0
    speaker_ids = upsert_speakers(session, document.speakers(), catalog)
    topic_ids = upsert_topics(session, document.all_topics(), catalog)
    now = utc_now()
    values = interview_values(document)
    if existing is None:
        interview = Interview(
            **values, question_count=len(document.questions), created_at=now, updated_at=now
        )
        session.add(interview)
        session.flush()
        action = StoreAction.created
    else:
        interview = existing
        for name, value in values.items():
            setattr(interview, name, value)
        interview.question_count = len(document.questions)
        interview.updated_at = now
        for table in (Participant, InterviewTopic, Question):
            session.execute(delete(table).where(col(table.interview_id) == interview.id))
        session.flush()
        action = StoreAction.updated
    insert_contents(session, interview.id or 0, document, speaker_ids, topic_ids)
    return action, interview.id or 0


def interview_values(document: InterviewDocument) -> dict[str, Any]:
    return {
        "slug": document.slug,
        "title": document.title,
        "summary": document.summary,
        "language": document.language,
        "published_at": published_at_text(document.published_at),
        "location": document.location,
        "event": document.event,
        "source_name": document.source.name if document.source else None,
        "source_url": document.source.url if document.source else None,
    }


def insert_contents(
    session: Session,
    interview_id: int,
    document: InterviewDocument,
    speaker_ids: dict[str, int],
    topic_ids: dict[str, int],
) -> None:
    """Participants, topics, questions, answers and their search rows, each table in one multi-row insert."""
    participant_rows = [
        {
            "interview_id": interview_id,
            "speaker_id": speaker_ids[p.speaker.slug],
            "role": p.role.value,
            "position": n,
        }
        for n, p in enumerate(document.participants, start=1)
    ]
    if participant_rows:
        session.execute(insert(metadata.tables["participants"]), participant_rows)
    topic_rows = [
        {"interview_id": interview_id, "topic_id": topic_ids[t.slug], "position": n}
        for n, t in enumerate(_unique_topics(document.topics), start=1)
    ]
    if topic_rows:
        session.execute(insert(metadata.tables["interview_topics"]), topic_rows)
    question_ids: list[int] = []
    answer_ids: list[list[int]] = []
    if document.questions:
        question_ids, answer_ids = insert_questions(session, interview_id, document, speaker_ids, topic_ids)
    published_at = published_at_text(document.published_at)
    index_interview(
        session, interview_rows(interview_id, document, published_at, question_ids, answer_ids, speaker_ids)
    )


def insert_questions(
    session: Session,
    interview_id: int,
    document: InterviewDocument,
    speaker_ids: dict[str, int],
    topic_ids: dict[str, int],
) -> tuple[list[int], list[list[int]]]:
    """Questions, answers and question topics; the new ids, in document order, for the search rows.

    Rows go in as plain multi-row inserts and their ids are read back by position: SQLite cannot
    return ids of a multi-row insert in order, and one statement per row is many times slower.
    """
    now = utc_now()
    session.execute(
        insert(metadata.tables["questions"]),
        [
            {
                "interview_id": interview_id,
                "position": q.position,
                "text": q.text,
                "asked_by_id": speaker_ids[q.asked_by] if q.asked_by else None,
                "created_at": now,
                "updated_at": now,
            }
            for q in document.questions
        ],
    )
    question_ids = [
        int(question_id or 0)
        for question_id in session.scalars(
            select(col(Question.id))
            .where(col(Question.interview_id) == interview_id)
            .order_by(col(Question.position))
        )
    ]
    answer_rows = [
        {
            "question_id": question_id,
            "interview_id": interview_id,
            "position": a.position,
            "speaker_id": speaker_ids[a.speaker],
            "text": a.text,
            "created_at": now,
            "updated_at": now,
        }
        for question_id, q in zip(question_ids, document.questions, strict=True)
        for a in q.answers
    ]
    answer_ids: dict[int, list[int]] = {question_id: [] for question_id in question_ids}
    if answer_rows:
        session.execute(insert(metadata.tables["answers"]), answer_rows)
        for answer_id, question_id in session.execute(
            select(col(Answer.id), col(Answer.question_id))
            .where(col(Answer.interview_id) == interview_id)
            .order_by(col(Answer.question_id), col(Answer.position))
        ):
            answer_ids[question_id].append(answer_id)
    question_topic_rows = [
        {"question_id": question_id, "topic_id": topic_ids[t.slug], "position": n}
        for question_id, q in zip(question_ids, document.questions, strict=True)
        for n, t in enumerate(_unique_topics(q.topics), start=1)
    ]
    if question_topic_rows:
        session.execute(insert(metadata.tables["question_topics"]), question_topic_rows)
    return question_ids, [answer_ids[question_id] for question_id in question_ids]


def _unique_topics(topics: list[TopicDocument]) -> list[TopicDocument]:
    seen: dict[str, TopicDocument] = {}
    for topic in topics:
        seen.setdefault(topic.slug, topic)
    return list(seen.values())


def upsert_speakers(session: Session, speakers: list[SpeakerDocument], catalog: Catalog) -> dict[str, int]:
    """Ids of the document's speakers, creating new ones and bringing changed details up to date."""
    return _upsert(
        session,
        Speaker,
        speakers,
        catalog.speakers,
        catalog.speaker_details,
        lambda s: {"name": s.name, "title": s.title, "organization": s.organization, "country": s.country},
        lambda row: speaker_row(row.id, row.name, row.title, row.organization),
    )


def upsert_topics(session: Session, topics: list[TopicDocument], catalog: Catalog) -> dict[str, int]:
    """Ids of the document's topics; a document that gives no description keeps the stored one."""
    return _upsert(
        session,
        Topic,
        topics,
        catalog.topics,
        catalog.topic_details,
        lambda t: {"name": t.name} | ({"description": t.description} if t.description is not None else {}),
        lambda row: topic_row(row.id, row.name, row.description),
    )


def _upsert(
    session: Session,
    table: Any,
    items: list[Any],
    known_ids: dict[str, int],
    known_details: dict[str, Any],
    details: Any,
    search_row: Any,
) -> dict[str, int]:
    wanted = {item.slug: item for item in items}
    unknown = [slug for slug in wanted if slug not in known_ids]
    if unknown:
        for row in session.execute(select(table).where(table.slug.in_(unknown))).scalars():
            known_ids[row.slug] = row.id
            known_details[row.slug] = row
    now = utc_now()
    for slug, item in wanted.items():
        values = details(item)
        if slug not in known_ids:
            row = table(slug=slug, **values, created_at=now, updated_at=now)
            session.add(row)
            session.flush()
            known_ids[slug] = row.id
            known_details[slug] = row
            index_catalog_entry(session, search_row(row))
            continue
        stored = known_details.get(slug)
        if stored is not None and any(getattr(stored, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(stored, name, value)
            stored.updated_at = now
            index_catalog_entry(session, search_row(stored))
    return {slug: known_ids[slug] for slug in wanted}
