"""What an interview holds (participants, topics, questions, answers, search rows), written for many
interviews at once: each table gets one multi-row insert per batch, however many interviews it holds.

Rows go in as plain executemany inserts and their ids are read back by position: SQLite cannot
return ids of a multi-row insert in order, and one statement per row is many times slower.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from app.contract.document import InterviewDocument, TopicDocument
from app.models import Answer, Question, metadata, utc_now
from app.models.values import published_at_text
from app.storage.bulk import insert_rows
from app.storage.search_index import index_interviews, interview_rows, remember_words, search_values


@dataclass
class InterviewContents:
    """One interview's document to write under its id.

    `replacing` says its old contents were just deleted, so its own search row must be replaced too;
    `search_rows_before` are the rows of speakers and topics created with it, kept in front of its own.
    """

    interview_id: int
    document: InterviewDocument
    replacing: bool = False
    search_rows_before: list[dict[str, Any]] = field(default_factory=list)


def insert_contents(
    session: Session,
    batch: list[InterviewContents],
    speaker_ids: dict[str, int],
    topic_ids: dict[str, int],
) -> None:
    """Participants, topics, questions, answers and search rows of every interview of the batch, in batch order."""
    if not batch:
        return
    _insert(
        session,
        "participants",
        ("interview_id", "speaker_id", "role", "position"),
        [
            (item.interview_id, speaker_ids[p.speaker.slug], p.role.value, n)
            for item in batch
            for n, p in enumerate(item.document.participants, start=1)
        ],
    )
    _insert(
        session,
        "interview_topics",
        ("interview_id", "topic_id", "position"),
        [
            (item.interview_id, topic_ids[t.slug], n)
            for item in batch
            for n, t in enumerate(unique_topics(item.document.topics), start=1)
        ],
    )
    question_ids, answer_ids = insert_questions(session, batch, speaker_ids, topic_ids)
    search_rows: list[tuple[Any, ...]] = []
    seen: set[str] = set()
    for item in batch:
        search_rows += map(search_values, item.search_rows_before)
        search_rows += interview_rows(
            item.interview_id,
            item.document,
            published_at_text(item.document.published_at),
            question_ids[item.interview_id],
            [answer_ids[question_id] for question_id in question_ids[item.interview_id]],
            speaker_ids,
            seen,
        )
    index_interviews(session, search_rows, [item.interview_id for item in batch if item.replacing])
    remember_words(session, seen)


def insert_questions(
    session: Session,
    batch: list[InterviewContents],
    speaker_ids: dict[str, int],
    topic_ids: dict[str, int],
) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Questions, answers and question topics; the new question ids by interview and answer ids by
    question, each in document order, for the search rows."""
    now = utc_now()
    interview_ids = [item.interview_id for item in batch]
    question_ids: dict[int, list[int]] = {interview_id: [] for interview_id in interview_ids}
    answer_ids: dict[int, list[int]] = defaultdict(list)
    inserted = _insert(
        session,
        "questions",
        (
            "interview_id",
            "position",
            "text",
            "asked_by_id",
            "start_time",
            "end_time",
            "created_at",
            "updated_at",
        ),
        [
            (
                item.interview_id,
                q.position,
                q.text,
                speaker_ids[q.asked_by] if q.asked_by else None,
                q.start_time,
                q.end_time,
                now,
                now,
            )
            for item in batch
            for q in item.document.questions
        ],
    )
    if not inserted:
        return question_ids, answer_ids
    for question_id, interview_id in session.execute(
        select(col(Question.id), col(Question.interview_id))
        .where(col(Question.interview_id).in_(interview_ids))
        .order_by(col(Question.interview_id), col(Question.position))
    ):
        question_ids[interview_id].append(question_id)
    asked = [
        (item.interview_id, question_id, q)
        for item in batch
        for question_id, q in zip(question_ids[item.interview_id], item.document.questions, strict=True)
    ]
    answers = _insert(
        session,
        "answers",
        (
            "question_id",
            "interview_id",
            "position",
            "speaker_id",
            "text",
            "start_time",
            "end_time",
            "created_at",
            "updated_at",
        ),
        [
            (
                question_id,
                interview_id,
                a.position,
                speaker_ids[a.speaker],
                a.text,
                a.start_time,
                a.end_time,
                now,
                now,
            )
            for interview_id, question_id, q in asked
            for a in q.answers
        ],
    )
    if answers:
        for answer_id, question_id in session.execute(
            select(col(Answer.id), col(Answer.question_id))
            .where(col(Answer.interview_id).in_(interview_ids))
            .order_by(col(Answer.question_id), col(Answer.position))
        ):
            answer_ids[question_id].append(answer_id)
    _insert(
        session,
        "question_topics",
        ("question_id", "topic_id", "position"),
        [
            (question_id, topic_ids[t.slug], n)
            for _, question_id, q in asked
            for n, t in enumerate(unique_topics(q.topics), start=1)
        ],
    )
    return question_ids, answer_ids


def unique_topics(topics: list[TopicDocument]) -> list[TopicDocument]:
    seen: dict[str, TopicDocument] = {}
    for topic in topics:
        seen.setdefault(topic.slug, topic)
    return list(seen.values())


def _insert(session: Session, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> int:
    """One executemany insert of the rows, if there are any; how many there were."""
    insert_rows(session, metadata.tables[table], columns, rows)
    return len(rows)
