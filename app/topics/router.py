"""`/v1/topics`: what interviews and questions are about."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Response

from app.auth.audit import AuditedWrite
from app.auth.dependencies import ReadAccess
from app.errors import NotFound, problem_responses
from app.kit.filters import InterviewFilter, TextQueryFilter
from app.kit.pagination import Page, PageParams, sort_query
from app.kit.preconditions import WRITE_PROBLEMS, if_match_header, locked_for_change
from app.kit.representation import ListShape, list_shape
from app.kit.sessions import SessionDep
from app.models import Topic
from app.topics import editing, repository
from app.topics.schemas import TopicView

router = APIRouter(prefix="/v1/topics", tags=["topics"])
TopicShape = Annotated[ListShape, Depends(list_shape(TopicView))]
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
    session: SessionDep,
    page: PageParams,
    shape: TopicShape,
    interview: InterviewFilter = None,
    sort: Annotated[TopicSort, sort_query("name")] = "name",
    q: TextQueryFilter = None,
) -> Page[TopicView]:
    items, next_cursor = repository.list_topics(
        session,
        page.window(sort, repository.TOPIC_SORTS),
        q=q,
        interview=interview,
    )
    return page.respond(items, next_cursor, shape)


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
IfMatch = Annotated[str | None, if_match_header("you read")]


def topic_to_change(
    _key: AuditedWrite, ref: TopicRefParam, session: SessionDep, if_match: IfMatch = None
) -> Topic:
    return locked_for_change(session, Topic, ref, "topic", if_match, lambda row: repository.topic_view(row))


TopicToChange = Annotated[Topic, Depends(topic_to_change)]


@router.patch(
    "/{ref}",
    operation_id="patchTopic",
    summary="Change some fields of a topic",
    description="Fields left out keep their value. Interviews showing this topic show the change.",
    responses=WRITE_PROBLEMS,
)
def patch_topic(topic: TopicToChange, patch: editing.TopicPatch, session: SessionDep) -> TopicView:
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
def delete_topic(topic: TopicToChange, session: SessionDep) -> None:
    editing.delete_topic(session, topic)
