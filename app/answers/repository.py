"""Queries for answers: a page with its question, interview and speaker in a fixed number of queries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, select
from sqlmodel import Session, col

from app.answers.schemas import AnswerView, QuestionRef
from app.kit.filters import about_topics
from app.kit.pagination import SortKey, apply_keyset, sort_keys, split_page
from app.kit.references import interview_refs, speaker_refs
from app.models import Answer, Interview, Question, Speaker
from app.search.repository import matching_ids

ANSWER_SORTS = sort_keys(
    {
        "id": Answer.id,  # type: ignore[dict-item]
        "created_at": Answer.created_at,  # type: ignore[dict-item]
        "updated_at": Answer.updated_at,  # type: ignore[dict-item]
    },
    Answer.id,  # type: ignore[arg-type]
)


def list_answers(
    session: Session,
    *,
    sort: SortKey,
    cursor: str | None,
    limit: int,
    q: str | None = None,
    interview_conditions: list[ColumnElement[bool]],
    speaker: list[str] | None,
    topic: list[str] | None,
    question: list[int] | None,
) -> tuple[list[AnswerView], str | None]:
    statement = select(Answer, sort.expression.label("sort_value"))
    if interview_conditions:
        statement = statement.join(Interview, col(Interview.id) == col(Answer.interview_id)).where(
            *interview_conditions
        )
    if speaker:
        speaker_id: Any = Answer.speaker_id
        statement = statement.where(
            speaker_id.in_(select(col(Speaker.id)).where(col(Speaker.slug).in_(speaker)))
        )
    if question:
        statement = statement.where(col(Answer.question_id).in_(question))
    if topic:
        question_id: Any = Answer.question_id
        statement = statement.where(about_topics(topic, col(Answer.interview_id), question_id))
    if q is not None:
        statement = statement.where(col(Answer.id).in_(matching_ids(session, q, ("answer",), "answer_id")))
    rows = session.execute(apply_keyset(statement, sort, cursor, limit)).all()
    page, next_cursor = split_page([_Keyed(row[0], row.sort_value) for row in rows], sort, limit)
    return answer_views(session, [keyed.answer for keyed in page]), next_cursor


class _Keyed:
    def __init__(self, answer: Answer, sort_value: Any) -> None:
        self.answer = answer
        self.sort_value = sort_value
        self.id = answer.id


def find_answer(session: Session, answer_id: int) -> Answer | None:
    return session.get(Answer, answer_id)


def answer_views(session: Session, answers: list[Answer]) -> list[AnswerView]:
    question_ids = {a.question_id for a in answers}
    questions = {
        row.id: QuestionRef(id=row.id, position=row.position, text=row.text)
        for row in session.execute(
            select(col(Question.id), col(Question.position), col(Question.text)).where(
                col(Question.id).in_(question_ids)
            )
        )
    }
    speakers = speaker_refs(session, [a.speaker_id for a in answers])
    interviews = interview_refs(session, [a.interview_id for a in answers])
    return [
        AnswerView(
            id=a.id or 0,
            interview=interviews[a.interview_id],
            question=questions[a.question_id],
            position=a.position,
            speaker=speakers[a.speaker_id],
            text=a.text,
            created_at=a.created_at,
            updated_at=a.updated_at,
        )
        for a in answers
    ]
