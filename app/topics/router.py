"""`/v1/topics`: what interviews and questions are about."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Path, Query, Request, Response

from app.auth.audit import AuditedWrite
from app.auth.dependencies import ReadAccess
from app.errors import NotFound, problem_responses
from app.kit.filters import InterviewFilter, TextQueryFilter
from app.kit.lookup import get_or_404
from app.kit.pagination import CursorParam, LimitParam, Page, page_size, resolve_sort, set_link_header
from app.kit.preconditions import check_if_match
from app.kit.sessions import SessionDep
from app.models import Topic
from app.topics import editing, repository
from app.topics.schemas import TopicView

router = APIRouter(prefix="/v1/topics", tags=["topics"])
READ = [ReadAccess]

TopicSort = Literal[
    "name", "-name", "slug", "-slug", "id", "-id", "created_at", "-created_at", "updated_at", "-updated_at"
]  # fmt: skip


@router.get(
    "",
    dependencies=READ,
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
    sort: Annotated[
        TopicSort, Query(description="Field to sort by; `-` in front for descending.", examples=["name"])
    ] = "name",
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
    dependencies=READ,
    operation_id="getTopic",
    summary="Get one topic",
    description="By id or slug: name and description.",
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


TopicRefParam = Annotated[
    str, Path(min_length=1, max_length=200, description="Topic id or slug.", examples=["visa-policy"])
]
IfMatch = Annotated[
    str | None,
    Header(
        description="The `ETag` you read; a stale one gives 412 and changes nothing.",
        examples=['"3f2a9c0d6b1e4a7f8c5d2e1b0a9f8e7d"'],
    ),
]
WRITE_PROBLEMS = problem_responses(401, 403, 404, 409, 412, 413, 422, 429)


@router.patch(
    "/{ref}",
    operation_id="patchTopic",
    summary="Change some fields of a topic",
    description="Fields left out keep their value. Interviews showing this topic show the change.",
    responses=WRITE_PROBLEMS,
)
def patch_topic(
    ref: TopicRefParam,
    patch: editing.TopicPatch,
    session: SessionDep,
    _key: AuditedWrite,
    if_match: IfMatch = None,
) -> TopicView:
    topic = get_or_404(session, Topic, ref, "topic", for_update=True)
    check_if_match(if_match, lambda: repository.topic_view(topic), "The topic")
    return repository.topic_view(editing.patch_topic(session, topic, patch))


@router.delete(
    "/{ref}",
    operation_id="deleteTopic",
    summary="Delete a topic",
    description="Refused with 409, naming the interviews, while interviews still use the topic.",
    status_code=204,
    response_class=Response,
    responses=WRITE_PROBLEMS,
)
def delete_topic(
    ref: TopicRefParam,
    response: Response,
    session: SessionDep,
    _key: AuditedWrite,
    if_match: IfMatch = None,
) -> None:
    topic = get_or_404(session, Topic, ref, "topic", for_update=True)
    check_if_match(if_match, lambda: repository.topic_view(topic), "The topic")
    editing.delete_topic(session, topic)
    response.status_code = 204
