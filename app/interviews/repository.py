"""Queries for interviews: a page of the list in three queries, one interview in six."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlmodel import Session, col

from app.interviews.schemas import (
    AnswerInQuestion,
    InterviewDetail,
    InterviewSummary,
    QuestionInInterview,
    SourceView,
)
from app.kit.filters import InterviewScope, interview_conditions
from app.kit.lookup import find_by_ref
from app.kit.pagination import Window, keyset_page, sorts_of
from app.kit.references import (
    SpeakerRef,
    participants_by_interview,
    speaker_refs,
    topics_by_interview,
    topics_by_question,
)
from app.models import Answer, Interview, Question, published_sort_key
from app.models.values import published_at_value
from app.search.repository import matching_ids

INTERVIEW_SORTS = sorts_of(
    Interview, "title", "created_at", "updated_at", "id", published_at=published_sort_key
)
DEFAULT_INTERVIEW_SORT = "-published_at"


def list_interviews(
    session: Session,
    window: Window,
    scope: InterviewScope,
    *,
    q: str | None = None,
    updated_since: datetime | None = None,
) -> tuple[list[InterviewSummary], str | None]:
    statement = select(Interview).where(
        *scope.interview_conditions(None), *interview_conditions(speaker=scope.speaker, topic=scope.topic)
    )
    if updated_since is not None:
        statement = statement.where(col(Interview.updated_at) >= updated_since)
    if q is not None:
        statement = statement.where(
            col(Interview.id).in_(
                matching_ids(session, q, ("interview", "question", "answer"), "interview_id")
            )
        )
    page, next_cursor = keyset_page(session, statement, window)
    return summaries(session, page), next_cursor


def summaries(session: Session, interviews: list[Interview]) -> list[InterviewSummary]:
    ids = [interview.id for interview in interviews if interview.id is not None]
    participants = participants_by_interview(session, ids)
    topics = topics_by_interview(session, ids)
    return [
        InterviewSummary(
            id=interview.id or 0,
            slug=interview.slug,
            title=interview.title,
            summary=interview.summary,
            language=interview.language,
            published_at=published_at_value(interview.published_at),
            location=interview.location,
            event=interview.event,
            source=source_view(interview),
            participants=participants.get(interview.id or 0, []),
            topics=topics.get(interview.id or 0, []),
            question_count=interview.question_count,
            created_at=interview.created_at,
            updated_at=interview.updated_at,
        )
        for interview in interviews
    ]


def source_view(interview: Interview) -> SourceView | None:
    if interview.source_name is None and interview.source_url is None:
        return None
    return SourceView(name=interview.source_name, url=interview.source_url)


def find_interview(session: Session, ref: str) -> Interview | None:
    """An interview by id (all digits) or slug."""
    return find_by_ref(session, Interview, ref)


def interview_detail(session: Session, interview: Interview) -> InterviewDetail:
    summary = summaries(session, [interview])[0]
    return InterviewDetail(
        **summary.__dict__,
        questions=questions_of(session, interview.id or 0),
        import_warnings=json.loads(interview.import_warnings) if interview.import_warnings else [],
    )


_questions, _answers = Question.__table__, Answer.__table__  # type: ignore[attr-defined]
QUESTIONS_OF_INTERVIEW = (
    select(_questions.c.id, _questions.c.position, _questions.c.text, _questions.c.asked_by_id)
    .where(_questions.c.interview_id == bindparam("interview_id"))
    .order_by(_questions.c.position)
)
ANSWERS_OF_INTERVIEW = (
    select(_answers.c.id, _answers.c.question_id, _answers.c.position, _answers.c.speaker_id, _answers.c.text)
    .where(_answers.c.interview_id == bindparam("interview_id"))
    .order_by(_answers.c.question_id, _answers.c.position)
)
"""Built once (see app/kit/references.py): the interview view is the most requested one."""


def answers_in_questions(
    answers: Sequence[Any], speakers: dict[int, SpeakerRef]
) -> dict[int, list[AnswerInQuestion]]:
    """Answer rows (id, question_id, position, speaker_id, text) grouped under their questions, in order."""
    grouped: dict[int, list[AnswerInQuestion]] = defaultdict(list)
    for answer in answers:
        grouped[answer.question_id].append(
            AnswerInQuestion(
                id=answer.id, position=answer.position, speaker=speakers[answer.speaker_id], text=answer.text
            )
        )
    return grouped


def questions_of(session: Session, interview_id: int) -> list[QuestionInInterview]:
    connection = session.connection()
    parameters = {"interview_id": interview_id}
    questions = connection.execute(QUESTIONS_OF_INTERVIEW, parameters).all()
    answers = connection.execute(ANSWERS_OF_INTERVIEW, parameters).all()
    speakers = speaker_refs(session, [q.asked_by_id for q in questions] + [a.speaker_id for a in answers])
    topics = topics_by_question(session, [q.id for q in questions])
    answers_by_question = answers_in_questions(answers, speakers)
    return [
        QuestionInInterview(
            id=question.id,
            position=question.position,
            text=question.text,
            asked_by=speakers.get(question.asked_by_id) if question.asked_by_id is not None else None,
            topics=topics.get(question.id, []),
            answers=answers_by_question.get(question.id, []),
        )
        for question in questions
    ]
