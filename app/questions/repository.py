"""Queries for questions: a page with its answers and references in a fixed number of queries."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session, col

from app.interviews.repository import answers_in_questions
from app.kit.filters import InterviewScope, said_in_interviews
from app.kit.pagination import Window, keyset_page, sorts_of
from app.kit.references import interview_refs, speaker_refs, topics_by_question
from app.models import Answer, Question
from app.questions.schemas import QuestionView
from app.search.repository import matching_ids

QUESTION_SORTS = sorts_of(Question, "id", "created_at", "updated_at")


def list_questions(
    session: Session,
    window: Window,
    scope: InterviewScope,
    interview: list[str] | None,
    *,
    q: str | None = None,
) -> tuple[list[QuestionView], str | None]:
    statement = said_in_interviews(
        select(Question),
        Question,
        scope,
        interview,
        by=col(Question.asked_by_id),
        question_id=col(Question.id),
    )
    if q is not None:
        statement = statement.where(
            col(Question.id).in_(matching_ids(session, q, ("question",), "question_id"))
        )
    page, next_cursor = keyset_page(session, statement, window)
    return question_views(session, page), next_cursor


def question_views(session: Session, questions: list[Question]) -> list[QuestionView]:
    ids = [q.id for q in questions if q.id is not None]
    answers = session.execute(
        select(
            col(Answer.id),
            col(Answer.question_id),
            col(Answer.position),
            col(Answer.speaker_id),
            col(Answer.text),
            col(Answer.start_time),
            col(Answer.end_time),
        )
        .where(col(Answer.question_id).in_(ids))
        .order_by(col(Answer.question_id), col(Answer.position))
    ).all()
    speakers = speaker_refs(session, [q.asked_by_id for q in questions] + [a.speaker_id for a in answers])
    interviews = interview_refs(session, [q.interview_id for q in questions])
    topics = topics_by_question(session, ids)
    answers_by_question = answers_in_questions(answers, speakers)
    return [
        QuestionView(
            id=q.id or 0,
            interview=interviews[q.interview_id],
            position=q.position,
            text=q.text,
            start_time=q.start_time,
            end_time=q.end_time,
            asked_by=speakers.get(q.asked_by_id) if q.asked_by_id is not None else None,
            topics=topics.get(q.id or 0, []),
            answers=answers_by_question.get(q.id or 0, []),
            created_at=q.created_at,
            updated_at=q.updated_at,
        )
        for q in questions
    ]
