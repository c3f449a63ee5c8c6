"""`/v1/answers`: every answer, filterable by speaker, topic, interview and question."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import Field

from app.answers import repository
from app.answers.schemas import AnswerView
from app.auth.dependencies import ReadAccess
from app.errors import NotFound, problem_responses
from app.kit.filters import (
    MAX_FILTER_VALUES,
    InterviewFilter,
    LanguageFilter,
    PublishedFrom,
    PublishedTo,
    SpeakerFilter,
    TextQueryFilter,
    TopicFilter,
    interview_conditions,
)
from app.kit.lookup import MAX_ID
from app.kit.pagination import CursorParam, LimitParam, Page, page_size, resolve_sort, set_link_header
from app.kit.sessions import SessionDep

router = APIRouter(prefix="/v1/answers", tags=["answers"], dependencies=[ReadAccess])

AnswerSort = Literal["id", "-id", "created_at", "-created_at", "updated_at", "-updated_at"]


@router.get(
    "",
    operation_id="listAnswers",
    summary="List answers",
    description="`speaker` is who answers; `topic` matches the question's topics or its interview's.",
    responses=problem_responses(422),
)
def list_answers(
    request: Request,
    response: Response,
    session: SessionDep,
    interview: InterviewFilter = None,
    question: Annotated[
        list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None,
        Query(
            max_length=MAX_FILTER_VALUES,
            description="Question id; repeat for any of several.",
            examples=[[6]],
        ),
    ] = None,
    speaker: SpeakerFilter = None,
    topic: TopicFilter = None,
    language: LanguageFilter = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    sort: Annotated[
        AnswerSort, Query(description="Field to sort by; `-` in front for descending.", examples=["id"])
    ] = "id",
    q: TextQueryFilter = None,
    limit: LimitParam = None,
    cursor: CursorParam = None,
) -> Page[AnswerView]:
    size = page_size(limit)
    items, next_cursor = repository.list_answers(
        session,
        sort=resolve_sort(sort, repository.ANSWER_SORTS),
        cursor=cursor,
        limit=size,
        q=q,
        interview_conditions=interview_conditions(
            interview=interview, language=language, published_from=published_from, published_to=published_to
        ),
        speaker=speaker,
        topic=topic,
        question=question,
    )
    set_link_header(request, response, next_cursor)
    return Page(items=items, next_cursor=next_cursor)


@router.get(
    "/{answer_id}",
    operation_id="getAnswer",
    summary="Get one answer with its question",
    description="By id, with its interview, its question and who answered.",
    responses=problem_responses(404, 422),
)
def get_answer(
    answer_id: Annotated[int, Path(ge=1, le=MAX_ID, description="Answer id.", examples=[1])],
    session: SessionDep,
) -> AnswerView:
    answer = repository.find_answer(session, answer_id)
    if answer is None:
        raise NotFound(f"No answer with id {answer_id}.")
    return repository.answer_views(session, [answer])[0]
