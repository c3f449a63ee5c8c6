"""`/v1/questions`: questions across interviews, each with its answers."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from app.auth.dependencies import ReadAccess
from app.errors import NotFound, problem_responses
from app.kit.filters import (
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
from app.questions import repository
from app.questions.schemas import QuestionView

router = APIRouter(prefix="/v1/questions", tags=["questions"], dependencies=[ReadAccess])

QuestionSort = Literal["id", "-id", "created_at", "-created_at", "updated_at", "-updated_at"]


@router.get(
    "",
    operation_id="listQuestions",
    summary="List questions",
    description="In the order they were stored (by id) unless `sort` says otherwise. "
    "`speaker` is who asked; `topic` matches the question's topics or its interview's.",
    responses=problem_responses(422),
)
def list_questions(
    request: Request,
    response: Response,
    session: SessionDep,
    interview: InterviewFilter = None,
    speaker: SpeakerFilter = None,
    topic: TopicFilter = None,
    language: LanguageFilter = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    sort: Annotated[
        QuestionSort, Query(description="Field to sort by; `-` in front for descending.", examples=["id"])
    ] = "id",
    q: TextQueryFilter = None,
    limit: LimitParam = None,
    cursor: CursorParam = None,
) -> Page[QuestionView]:
    size = page_size(limit)
    items, next_cursor = repository.list_questions(
        session,
        sort=resolve_sort(sort, repository.QUESTION_SORTS),
        cursor=cursor,
        limit=size,
        q=q,
        interview_conditions=interview_conditions(
            interview=interview, language=language, published_from=published_from, published_to=published_to
        ),
        speaker=speaker,
        topic=topic,
    )
    set_link_header(request, response, next_cursor)
    return Page(items=items, next_cursor=next_cursor)


@router.get(
    "/{question_id}",
    operation_id="getQuestion",
    summary="Get one question with its answers",
    description="By id, with its interview, topics and answers in order.",
    responses=problem_responses(404, 422),
)
def get_question(
    question_id: Annotated[int, Path(ge=1, le=MAX_ID, description="Question id.", examples=[1])],
    session: SessionDep,
) -> QuestionView:
    question = repository.find_question(session, question_id)
    if question is None:
        raise NotFound(f"No question with id {question_id}.")
    return repository.question_views(session, [question])[0]
