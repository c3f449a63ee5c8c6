"""Queries for questions: a page with its answers and references in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlmodel import Session, col

from app.interviews.schemas import AnswerInQuestion
from app.kit.filters import about_topics
from app.kit.pagination import SortKey, apply_keyset, sort_keys, split_page
from app.kit.references import interview_refs, speaker_refs, topics_by_question
from app.models import Answer, Interview, Question, Speaker
from app.questions.schemas import QuestionView
from app.search.repository import matching_ids

QUESTION_SORTS = sort_keys(
    {
        "id": Question.id,  # type: ignore[dict-item]
        "created_at": Question.created_at,  # type: ignore[dict-item]
        "updated_at": Question.updated_at,  # type: ignore[dict-item]
    },
    Question.id,  # type: ignore[arg-type]
)


def list_questions(
    session: Session,
    *,
    sort: SortKey,
    cursor: str | None,
    limit: int,
    q: str | None = None,
    interview_conditions: list[ColumnElement[bool]],
    speaker: list[str] | None,
    topic: list[str] | None,
) -> tuple[list[QuestionView], str | None]:
    statement = select(Question, sort.expression.label("sort_value"))
    if interview_conditions:
        statement = statement.join(Interview, col(Interview.id) == col(Question.interview_id)).where(
            *interview_conditions
        )
    if speaker:
        asked_by: Any = Question.asked_by_id
        statement = statement.where(
            asked_by.in_(select(col(Speaker.id)).where(col(Speaker.slug).in_(speaker)))
        )
    if topic:
        statement = statement.where(about_topics(topic, col(Question.interview_id), col(Question.id)))
    if q is not None:
        statement = statement.where(
            col(Question.id).in_(matching_ids(session, q, ("question",), "question_id"))
        )
    rows = session.execute(apply_keyset(statement, sort, cursor, limit)).all()
    page, next_cursor = split_page([_Keyed(row[0], row.sort_value) for row in rows], sort, limit)
    return question_views(session, [keyed.question for keyed in page]), next_cursor


class _Keyed:
    def __init__(self, question: Question, sort_value: Any) -> None:
        self.question = question
        self.sort_value = sort_value
        self.id = question.id


def find_question(session: Session, question_id: int) -> Question | None:
    return session.get(Question, question_id)


def question_views(session: Session, questions: list[Question]) -> list[QuestionView]:
    ids = [q.id for q in questions if q.id is not None]
    answers = session.execute(
        select(
            col(Answer.id),
            col(Answer.question_id),
            col(Answer.position),
            col(Answer.speaker_id),
            col(Answer.text),
        )
        .where(col(Answer.question_id).in_(ids))
        .order_by(col(Answer.question_id), col(Answer.position))
    ).all()
    speakers = speaker_refs(session, [q.asked_by_id for q in questions] + [a.speaker_id for a in answers])
    interviews = interview_refs(session, [q.interview_id for q in questions])
    topics = topics_by_question(session, ids)
    answers_by_question: dict[int, list[AnswerInQuestion]] = defaultdict(list)
    for answer in answers:
        answers_by_question[answer.question_id].append(
            AnswerInQuestion(
                id=answer.id, position=answer.position, speaker=speakers[answer.speaker_id], text=answer.text
            )
        )
    return [
        QuestionView(
            id=q.id or 0,
            interview=interviews[q.interview_id],
            position=q.position,
            text=q.text,
            asked_by=speakers.get(q.asked_by_id) if q.asked_by_id is not None else None,
            topics=topics.get(q.id or 0, []),
            answers=answers_by_question.get(q.id or 0, []),
            created_at=q.created_at,
            updated_at=q.updated_at,
        )
        for q in questions
    ]
