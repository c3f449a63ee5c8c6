"""Queries for interviews: a page of the list in three queries, one interview in six."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from app.interviews.rendering import ANSWERS_OF_INTERVIEWS, QUESTIONS_OF_INTERVIEWS, render_views
from app.interviews.schemas import (
    VIEWS_VERSION,
    AnswerInQuestion,
    InterviewDetail,
    InterviewSummary,
    QuestionInInterview,
    SourceView,
)
from app.kit.filters import InterviewScope, interview_conditions
from app.kit.lookup import find_by_ref
from app.kit.pagination import Window, keyset_rows, sorts_of
from app.kit.references import (
    SpeakerRef,
    participants_by_interview,
    speaker_refs,
    topics_by_interview,
    topics_by_question,
)
from app.models import Interview, RenderedInterview, published_sort_key
from app.models.values import published_at_value
from app.search.repository import matching_ids

INTERVIEW_SORTS = sorts_of(
    Interview, "title", "created_at", "updated_at", "id", published_at=published_sort_key
)
DEFAULT_INTERVIEW_SORT = "-published_at"
_interviews = Interview.__table__  # type: ignore[attr-defined]
_rendered = RenderedInterview.__table__  # type: ignore[attr-defined]


def list_interviews(
    session: Session,
    window: Window,
    scope: InterviewScope,
    *,
    q: str | None = None,
    updated_since: datetime | None = None,
) -> tuple[list[str], str | None]:
    """A page of the list as JSON items, from the renderings stored with each interview (items not
    rendered by this version yet are rendered now)."""
    # The rendering as a correlated subquery: the page is planned on the interviews' own indexes,
    # then one primary-key lookup per row of the page.
    rendered_summary = (
        select(_rendered.c.summary)
        .where(_rendered.c.interview_id == _interviews.c.id, _rendered.c.version == VIEWS_VERSION)
        .scalar_subquery()
        .label("summary")
    )
    statement = select(_interviews.c.id, rendered_summary).where(
        *scope.interview_conditions(None),
        *interview_conditions(speaker=scope.speaker, topic=scope.topic),
    )
    if updated_since is not None:
        statement = statement.where(col(Interview.updated_at) >= updated_since)
    if q is not None:
        statement = statement.where(
            col(Interview.id).in_(
                matching_ids(session, q, ("interview", "question", "answer"), "interview_id")
            )
        )
    rows, next_cursor = keyset_rows(session, statement, window)
    missing = [row.id for row in rows if row.summary is None]
    if missing:
        stale = session.connection().execute(select(_interviews).where(_interviews.c.id.in_(missing))).all()
        fresh = {view.interview_id: view.summary.decode() for view in render_views(session, stale)}
        return [row.summary or fresh[row.id] for row in rows], next_cursor
    return [row.summary for row in rows], next_cursor


def summaries(session: Session, interviews: Sequence[Any]) -> list[InterviewSummary]:
    """List items of interviews (ORM objects or rows with the columns of `interviews`)."""
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
    return interview_details(session, [interview])[0]


def interview_details(session: Session, interviews: Sequence[Any]) -> list[InterviewDetail]:
    """Whole interviews (rows with the columns of `interviews`), in a fixed number of queries."""
    questions = questions_by_interview(session, [interview.id for interview in interviews])
    return [
        InterviewDetail(
            **summary.__dict__,
            questions=questions.get(interview.id, []),
            import_warnings=json.loads(interview.import_warnings) if interview.import_warnings else [],
        )
        for interview, summary in zip(interviews, summaries(session, interviews), strict=True)
    ]


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


def questions_by_interview(
    session: Session, interview_ids: Sequence[int]
) -> dict[int, list[QuestionInInterview]]:
    """The questions of some interviews, in order, each with its answers."""
    connection = session.connection()
    parameters = {"ids": sorted(interview_ids)}
    questions = connection.execute(QUESTIONS_OF_INTERVIEWS, parameters).all()
    answers = connection.execute(ANSWERS_OF_INTERVIEWS, parameters).all()
    speakers = speaker_refs(session, [q.asked_by_id for q in questions] + [a.speaker_id for a in answers])
    topics = topics_by_question(session, [q.id for q in questions])
    answers_by_question = answers_in_questions(answers, speakers)
    result: dict[int, list[QuestionInInterview]] = defaultdict(list)
    for question in questions:
        result[question.interview_id].append(
            QuestionInInterview(
                id=question.id,
                position=question.position,
                text=question.text,
                asked_by=speakers.get(question.asked_by_id) if question.asked_by_id is not None else None,
                topics=topics.get(question.id, []),
                answers=answers_by_question.get(question.id, []),
            )
        )
    return result
