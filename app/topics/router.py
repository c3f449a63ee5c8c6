"""`/v1/topics`: what interviews and questions are about."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from app.db import SessionDep
from app.errors import NotFound, problem_responses
from app.filters import InterviewFilter, TextQueryFilter
from app.pagination import CursorParam, LimitParam, Page, page_size, resolve_sort, set_link_header
from app.topics import repository
from app.topics.schemas import TopicView

router = APIRouter(prefix="/v1/topics", tags=["topics"])

TopicSort = Literal[
    "name", "-name", "slug", "-slug", "id", "-id", "created_at", "-created_at", "updated_at", "-updated_at"
]  # fmt: skip


@router.get(
    "",
    operation_id="listTopics",
    summary="List topics",
    description="By name unless `sort` says otherwise. `interview` lists the topics of given interviews.",
    responses=problem_responses(422),
)
def list_topics(
    request: Request,
    response: Response,
    session: SessionDep,
    interview: InterviewFilter = None,
    sort: Annotated[TopicSort, Query(description="Field to sort by; `-` in front for descending.")] = "name",
    q: TextQueryFilter = None,
    limit: LimitParam = None,
    cursor: CursorParam = None,
) -> Page[TopicView]:
    size = page_size(limit)
    items, next_cursor = repository.list_topics(
        session,
        sort=resolve_sort(sort, repository.TOPIC_SORTS),
        cursor=cursor,
        limit=size,
        q=q,
        interview=interview,
    )
    set_link_header(request, response, next_cursor)
    return Page(items=items, next_cursor=next_cursor)


@router.get(
    "/{ref}",
    operation_id="getTopic",
    summary="Get one topic",
    responses=problem_responses(404, 422),
)
def get_topic(
    ref: Annotated[
        str, Path(min_length=1, max_length=200, description="Topic id or slug.", examples=["visa-policy"])
    ],
    session: SessionDep,
) -> TopicView:
    topic = repository.find_topic(session, ref)
    if topic is None:
        raise NotFound(f"No topic with id or slug '{ref}'.")
    return repository.topic_view(topic)
