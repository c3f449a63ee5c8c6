"""Writing interviews: store a whole document, merge a partial one into it, or delete it.

All three go through the loader or ORM objects, so the search index and the change log follow.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field
from sqlalchemy import select
from sqlmodel import Session, col

from app.contract.document import (
    DocumentModel,
    InterviewDocument,
    MediaDocument,
    ParticipantDocument,
    PublishedAt,
    QuestionDocument,
    SourceDocument,
    TopicDocument,
)
from app.errors import InvalidRequest
from app.models import Interview
from app.storage.exporter import documents_for
from app.storage.loader import StoreAction, store_document


class InterviewPatch(DocumentModel):
    """Fields to change; those left out keep their value. Lists (participants, topics, questions) are
    replaced whole, which is how questions and answers are edited."""

    title: str | None = Field(default=None, min_length=1, max_length=500)
    summary: str | None = Field(default=None, max_length=10_000)
    language: str | None = Field(default=None, pattern=r"^[a-z]{2}$")
    published_at: PublishedAt = None
    location: str | None = Field(default=None, max_length=200)
    event: str | None = Field(default=None, max_length=200)
    source: SourceDocument | None = None
    media: MediaDocument | None = None
    participants: list[ParticipantDocument] | None = Field(default=None, max_length=100)
    topics: list[TopicDocument] | None = Field(default=None, max_length=100)
    questions: list[QuestionDocument] | None = Field(default=None, max_length=1000)


def interview_by_slug(session: Session, slug: str, *, for_update: bool = False) -> Interview | None:
    """The interview to write; on PostgreSQL its row is locked so concurrent writers take turns."""
    statement = select(Interview).where(col(Interview.slug) == slug)
    if for_update:
        statement = statement.with_for_update()
    return session.execute(statement).scalar_one_or_none()


def put_interview(session: Session, slug: str, document: InterviewDocument) -> tuple[StoreAction, int]:
    if document.slug != slug:
        raise InvalidRequest(
            f"The document's slug '{document.slug}' differs from the slug in the URL '{slug}'."
        )
    return store_document(session, document)


def patch_interview(session: Session, interview: Interview, patch: InterviewPatch) -> int:
    current = documents_for(session, [interview])[0]
    changes: dict[str, Any] = patch.model_dump(exclude_unset=True)
    merged = current.model_dump() | changes
    try:
        document = InterviewDocument.model_validate(merged)
    except ValueError as error:
        raise InvalidRequest(f"The interview would not be valid after this change: {error}") from error
    _, interview_id = store_document(session, document)
    return interview_id


def delete_interview(session: Session, interview: Interview) -> None:
    session.delete(interview)
    session.flush()
