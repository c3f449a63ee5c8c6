"""Queries for topics."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session, col

from app.kit.filters import interview_ids_for_refs
from app.kit.lookup import find_by_ref
from app.kit.pagination import Window, keyset_page, sorts_of
from app.kit.representation import Include
from app.models import InterviewTopic, Question, QuestionTopic, Topic
from app.search.repository import matching_ids
from app.topics.schemas import TopicView

TOPIC_SORTS = sorts_of(Topic, "name", "slug", "id", "created_at", "updated_at")


def list_topics(
    session: Session,
    window: Window,
    *,
    interview: list[str] | None,
    q: str | None = None,
) -> tuple[list[TopicView], str | None]:
    statement = select(Topic)
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
    page, next_cursor = keyset_page(session, statement, window)
    return [topic_view(topic) for topic in page], next_cursor


def find_topic(session: Session, ref: str) -> Topic | None:
    """A topic by id (all digits) or slug."""
    return find_by_ref(session, Topic, ref)


def topic_view(topic: Topic) -> TopicView:
    return TopicView.model_validate(topic, from_attributes=True)


def included_topics(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    """The topics a page names, for `include=topics`: one query."""
    if not ids:
        return []
    rows = session.execute(select(Topic).where(col(Topic.id).in_(ids)).order_by(col(Topic.id))).scalars()
    return [topic_view(topic).model_dump(mode="json") for topic in rows]


TOPICS = Include("topics", ("topics",), included_topics)
"""The topics a page's items are about, under `included.topics`."""
