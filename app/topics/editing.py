"""Changing and deleting topics; a topic still attached to an interview or question cannot be deleted."""

from __future__ import annotations

from pydantic import Field
from sqlalchemy import or_, select
from sqlmodel import Session, col

from app.documents.schema import DocumentModel
from app.errors import Conflict
from app.models import Interview, InterviewTopic, Question, QuestionTopic, Topic, utc_now
from app.search.index import index_catalog_entry, topic_row

MAX_NAMED_INTERVIEWS = 20


class TopicPatch(DocumentModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=10_000)


def patch_topic(session: Session, topic: Topic, patch: TopicPatch) -> Topic:
    changes = patch.model_dump(exclude_unset=True)
    if changes.get("name", topic.name) is None:
        changes.pop("name")
    for name, value in changes.items():
        setattr(topic, name, value)
    if session.is_modified(topic):
        topic.updated_at = utc_now()
        session.flush()
        index_catalog_entry(session, topic_row(topic.id or 0, topic.name, topic.description))
    return topic


def interviews_tagged(session: Session, topic_id: int) -> list[str]:
    interview_id = col(Interview.id)
    statement = (
        select(col(Interview.slug))
        .where(
            or_(
                interview_id.in_(
                    select(col(InterviewTopic.interview_id)).where(col(InterviewTopic.topic_id) == topic_id)
                ),
                interview_id.in_(
                    select(col(Question.interview_id))
                    .join(QuestionTopic, col(QuestionTopic.question_id) == col(Question.id))
                    .where(col(QuestionTopic.topic_id) == topic_id)
                ),
            )
        )
        .order_by(col(Interview.slug))
        .limit(MAX_NAMED_INTERVIEWS + 1)
    )
    return list(session.scalars(statement))


def delete_topic(session: Session, topic: Topic) -> None:
    slugs = interviews_tagged(session, topic.id or 0)
    if slugs:
        shown = ", ".join(slugs[:MAX_NAMED_INTERVIEWS]) + (", …" if len(slugs) > MAX_NAMED_INTERVIEWS else "")
        raise Conflict(
            f"Topic '{topic.slug}' is still attached to interviews: {shown}. Remove it from them first.",
            interviews=slugs[:MAX_NAMED_INTERVIEWS],
        )
    session.delete(topic)
    session.flush()
