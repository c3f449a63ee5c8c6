"""Queries for topics."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session, col

from app.kit.filters import interview_ids_for_refs
from app.kit.lookup import find_by_ref
from app.kit.pagination import SortKey, apply_keyset, sort_keys, split_page
from app.models import InterviewTopic, Question, QuestionTopic, Topic
from app.search.repository import matching_ids
from app.topics.schemas import TopicView

TOPIC_SORTS = sort_keys(
    {
        "name": Topic.name,  # type: ignore[dict-item]
        "slug": Topic.slug,  # type: ignore[dict-item]
        "id": Topic.id,  # type: ignore[dict-item]
        "created_at": Topic.created_at,  # type: ignore[dict-item]
        "updated_at": Topic.updated_at,  # type: ignore[dict-item]
    },
    Topic.id,  # type: ignore[arg-type]
)


def list_topics(
    session: Session,
    *,
    sort: SortKey,
    cursor: str | None,
    limit: int,
    interview: list[str] | None,
    q: str | None = None,
) -> tuple[list[TopicView], str | None]:
    statement = select(Topic, sort.expression.label("sort_value"))
    if interview:
        topic_id: Any = Topic.id
        interviews = interview_ids_for_refs(interview)
        of_interviews = select(col(InterviewTopic.topic_id)).where(
            col(InterviewTopic.interview_id).in_(interviews)
        )
        of_questions = (
            select(col(QuestionTopic.topic_id))
            .join(Question, col(Question.id) == col(QuestionTopic.question_id))
            .where(col(Question.interview_id).in_(interviews))
        )
        statement = statement.where(or_(topic_id.in_(of_interviews), topic_id.in_(of_questions)))
    if q is not None:
        statement = statement.where(col(Topic.id).in_(matching_ids(session, q, ("topic",), "topic_id")))
    rows = session.execute(apply_keyset(statement, sort, cursor, limit)).all()
    page, next_cursor = split_page([_Keyed(row[0], row.sort_value) for row in rows], sort, limit)
    return [topic_view(keyed.topic) for keyed in page], next_cursor


class _Keyed:
    def __init__(self, topic: Topic, sort_value: Any) -> None:
        self.topic = topic
        self.sort_value = sort_value
        self.id = topic.id


def find_topic(session: Session, ref: str) -> Topic | None:
    """A topic by id (all digits) or slug."""
    return find_by_ref(session, Topic, ref)


def topic_view(topic: Topic) -> TopicView:
    return TopicView.model_validate(topic, from_attributes=True)
