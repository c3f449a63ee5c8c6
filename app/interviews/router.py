"""`/v1/interviews`: the list with its filters, and one interview with everything said in it."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from app.db import SessionDep
from app.errors import NotFound, problem_responses
from app.filters import (
    LanguageFilter,
    PublishedFrom,
    PublishedTo,
    SpeakerFilter,
    TextQueryFilter,
    TopicFilter,
    UpdatedSince,
)
from app.interviews import repository
from app.interviews.schemas import InterviewDetail, InterviewSummary
from app.pagination import CursorParam, LimitParam, Page, page_size, resolve_sort, set_link_header

router = APIRouter(prefix="/v1/interviews", tags=["interviews"])

InterviewSort = Literal[
    "published_at", "-published_at", "title", "-title", "created_at", "-created_at",
    "updated_at", "-updated_at", "id", "-id",
]  # fmt: skip

InterviewRefParam = Annotated[
    str,
    Path(
        min_length=1,
        max_length=200,
        description="Interview id or slug.",
        examples=["interview-kazakhstan-deputy-foreign-minister-roman-vassilenko"],
    ),
]


@router.get(
    "",
    operation_id="listInterviews",
    summary="List interviews",
    description="Newest first by default. Filters combine with AND; a repeated filter means any of its values.",
    responses=problem_responses(422),
)
def list_interviews(
    request: Request,
    response: Response,
    session: SessionDep,
    speaker: SpeakerFilter = None,
    topic: TopicFilter = None,
    language: LanguageFilter = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    updated_since: UpdatedSince = None,
    sort: Annotated[
        InterviewSort, Query(description="Field to sort by; `-` in front for descending.")
    ] = "-published_at",
    q: TextQueryFilter = None,
    limit: LimitParam = None,
    cursor: CursorParam = None,
) -> Page[InterviewSummary]:
    size = page_size(limit)
    items, next_cursor = repository.list_interviews(
        session,
        sort=resolve_sort(sort, repository.INTERVIEW_SORTS),
        cursor=cursor,
        limit=size,
        q=q,
        speaker=speaker,
        topic=topic,
        language=language,
        published_from=published_from,
        published_to=published_to,
        updated_since=updated_since,
    )
    set_link_header(request, response, next_cursor)
    return Page(items=items, next_cursor=next_cursor)


@router.get(
    "/{ref}",
    operation_id="getInterview",
    summary="Get one interview with its questions and answers",
    responses=problem_responses(404, 422),
)
def get_interview(ref: InterviewRefParam, session: SessionDep) -> InterviewDetail:
    interview = repository.find_interview(session, ref)
    if interview is None:
        raise NotFound(f"No interview with id or slug '{ref}'.")
    return repository.interview_detail(session, interview)
