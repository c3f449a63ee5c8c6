"""`/v1/questions`: questions across interviews, each with its answers."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query

from app.auth.dependencies import ReadAccess
from app.errors import problem_responses
from app.kit.filters import (
    InterviewFilter,
    InterviewScope,
    TextQueryFilter,
)
from app.kit.lookup import MAX_ID, get_by_id_or_404
from app.kit.pagination import Page, PageParams, sort_query
from app.kit.representation import ListShape, list_shape
from app.kit.sessions import SessionDep
from app.models import Question
from app.questions import repository
from app.questions.schemas import QuestionView
from app.speakers.repository import SPEAKERS
from app.topics.repository import TOPICS

router = APIRouter(prefix="/v1/questions", tags=["questions"], dependencies=[ReadAccess])
QuestionShape = Annotated[ListShape, Depends(list_shape(QuestionView, [SPEAKERS, TOPICS]))]

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
    *,
    session: SessionDep,
    page: PageParams,
    shape: QuestionShape,
    interview: InterviewFilter = None,
    scope: Annotated[InterviewScope, Query()],
    sort: Annotated[QuestionSort, sort_query("id")] = "id",
    q: TextQueryFilter = None,
) -> Page[QuestionView]:
    window = page.window(sort, repository.QUESTION_SORTS)
    items, next_cursor = repository.list_questions(session, window, scope, interview, q=q)
    return page.respond(items, next_cursor, shape)


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
    question = get_by_id_or_404(session, Question, question_id, "question")
    return repository.question_views(session, [question])[0]
