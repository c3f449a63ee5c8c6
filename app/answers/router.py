"""`/v1/answers`: every answer, filterable by speaker, topic, interview and question."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query
from pydantic import Field

from app.answers import repository
from app.answers.schemas import AnswerView
from app.auth.dependencies import ReadAccess
from app.errors import problem_responses
from app.kit.filters import (
    MAX_FILTER_VALUES,
    InterviewFilter,
    InterviewScope,
    TextQueryFilter,
)
from app.kit.lookup import MAX_ID, get_by_id_or_404
from app.kit.pagination import Page, PageParams, sort_query
from app.kit.representation import ListShape, list_shape
from app.kit.sessions import SessionDep
from app.models import Answer
from app.search.related import RelatedAnswers, related_answers
from app.speakers.repository import SPEAKERS

router = APIRouter(prefix="/v1/answers", tags=["answers"], dependencies=[ReadAccess])
AnswerShape = Annotated[ListShape, Depends(list_shape(AnswerView, [SPEAKERS]))]

AnswerSort = Literal["id", "-id", "created_at", "-created_at", "updated_at", "-updated_at"]


@router.get(
    "",
    operation_id="listAnswers",
    summary="List answers",
    description="`speaker` is who answers; `topic` matches the question's topics or its interview's.",
    responses=problem_responses(422),
)
def list_answers(
    *,
    session: SessionDep,
    page: PageParams,
    shape: AnswerShape,
    interview: InterviewFilter = None,
    question: Annotated[
        list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None,
        Query(
            max_length=MAX_FILTER_VALUES,
            description="Question id; repeat for any of several.",
            examples=[[6]],
        ),
    ] = None,
    scope: Annotated[InterviewScope, Query()],
    sort: Annotated[AnswerSort, sort_query("id")] = "id",
    q: TextQueryFilter = None,
) -> Page[AnswerView]:
    window = page.window(sort, repository.ANSWER_SORTS)
    items, next_cursor = repository.list_answers(session, window, scope, interview, q=q, question=question)
    return page.respond(items, next_cursor, shape)


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
    answer = get_by_id_or_404(session, Answer, answer_id, "answer")
    return repository.answer_views(session, [answer])[0]


@router.get(
    "/{answer_id}/related",
    operation_id="getRelatedAnswers",
    summary="Answers on the same subject by other people",
    description='A "more like this": the answer\'s most distinctive terms (`terms`) looked up in the answers of '
    "other interviews and other speakers, ranked as a search is, so a reader can compare what different people "
    "said.",
    response_model=RelatedAnswers,
    responses=problem_responses(404, 422),
)
def get_related_answers(
    answer_id: Annotated[int, Path(ge=1, le=MAX_ID, description="Answer id.", examples=[6])],
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=50, description="How many answers (1-50).", examples=[10])] = 10,
) -> RelatedAnswers:
    answer = get_by_id_or_404(session, Answer, answer_id, "answer")
    return related_answers(session, answer, limit)
