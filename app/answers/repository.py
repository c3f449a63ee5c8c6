"""Queries for answers: a page with its question, interview and speaker in a fixed number of queries."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session, col

from app.answers.schemas import AnswerView, QuestionRef
from app.kit.filters import InterviewScope, said_in_interviews
from app.kit.pagination import Window, keyset_page, sorts_of
from app.kit.references import interview_refs, speaker_refs
from app.models import Answer, Question
from app.search.repository import matching_ids

ANSWER_SORTS = sorts_of(Answer, "id", "created_at", "updated_at")


def list_answers(
    session: Session,
    window: Window,
    scope: InterviewScope,
    interview: list[str] | None,
    *,
    q: str | None = None,
    question: list[int] | None = None,
) -> tuple[list[AnswerView], str | None]:
    statement = said_in_interviews(
        select(Answer),
        Answer,
        scope,
        interview,
        by=col(Answer.speaker_id),
        question_id=col(Answer.question_id),
    )
    if question:
        statement = statement.where(col(Answer.question_id).in_(question))
    if q is not None:
        statement = statement.where(col(Answer.id).in_(matching_ids(session, q, ("answer",), "answer_id")))
    page, next_cursor = keyset_page(session, statement, window)
    return answer_views(session, page), next_cursor


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
            start_time=a.start_time,
            end_time=a.end_time,
            created_at=a.created_at,
            updated_at=a.updated_at,
        )
        for a in answers
    ]
