"""Changing and deleting topics; a topic still attached to an interview or question cannot be deleted."""

from __future__ import annotations

from pydantic import Field
from sqlalchemy import select
from sqlmodel import Session, col

from app.contract.document import DocumentModel
from app.kit.editing import apply_patch
from app.kit.in_use import delete_unless_used
from app.models import InterviewTopic, Question, QuestionTopic, Topic
from app.storage.search_index import index_catalog_entry, topic_row


class TopicPatch(DocumentModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=10_000)


def patch_topic(session: Session, topic: Topic, patch: TopicPatch) -> Topic:
    if apply_patch(session, topic, patch):
        index_catalog_entry(session, topic_row(topic.id or 0, topic.name, topic.description))
    return topic


def delete_topic(session: Session, topic: Topic) -> None:
    topic_id = topic.id or 0
    delete_unless_used(
        session,
        topic,
        select(col(InterviewTopic.interview_id)).where(col(InterviewTopic.topic_id) == topic_id),
        select(col(Question.interview_id))
        .join(QuestionTopic, col(QuestionTopic.question_id) == col(Question.id))
        .where(col(QuestionTopic.topic_id) == topic_id),
        what=f"Topic '{topic.slug}' is still attached to",
        remedy="Remove it from them first.",
    )
