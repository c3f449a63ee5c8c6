"""Changing and deleting speakers; a speaker still named by an interview cannot be deleted."""

from __future__ import annotations

from pydantic import Field
from sqlalchemy import or_, select
from sqlmodel import Session, col

from app.documents.schema import DocumentModel
from app.errors import Conflict
from app.models import Answer, Interview, Participant, Question, Speaker, utc_now
from app.search.index import index_catalog_entry, speaker_row

MAX_NAMED_INTERVIEWS = 20


class SpeakerPatch(DocumentModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    title: str | None = Field(default=None, max_length=200)
    organization: str | None = Field(default=None, max_length=200)
    country: str | None = Field(default=None, max_length=200)


def patch_speaker(session: Session, speaker: Speaker, patch: SpeakerPatch) -> Speaker:
    changes = patch.model_dump(exclude_unset=True)
    if changes.get("name", speaker.name) is None:
        changes.pop("name")
    for name, value in changes.items():
        setattr(speaker, name, value)
    if session.is_modified(speaker):
        speaker.updated_at = utc_now()
        session.flush()
        index_catalog_entry(
            session, speaker_row(speaker.id or 0, speaker.name, speaker.title, speaker.organization)
        )
    return speaker


def interviews_naming(session: Session, speaker_id: int) -> list[str]:
    """Slugs of interviews where the speaker takes part, asks or answers."""
    interview_id = col(Interview.id)
    statement = (
        select(col(Interview.slug))
        .where(
            or_(
                interview_id.in_(
                    select(col(Participant.interview_id)).where(col(Participant.speaker_id) == speaker_id)
                ),
                interview_id.in_(
                    select(col(Question.interview_id)).where(col(Question.asked_by_id) == speaker_id)
                ),
                interview_id.in_(
                    select(col(Answer.interview_id)).where(col(Answer.speaker_id) == speaker_id)
                ),
            )
        )
        .order_by(col(Interview.slug))
        .limit(MAX_NAMED_INTERVIEWS + 1)
    )
    return list(session.scalars(statement))


def delete_speaker(session: Session, speaker: Speaker) -> None:
    slugs = interviews_naming(session, speaker.id or 0)
    if slugs:
        shown = ", ".join(slugs[:MAX_NAMED_INTERVIEWS]) + (", …" if len(slugs) > MAX_NAMED_INTERVIEWS else "")
        raise Conflict(
            f"Speaker '{speaker.slug}' still takes part in interviews: {shown}. "
            "Change or delete those interviews first.",
            interviews=slugs[:MAX_NAMED_INTERVIEWS],
        )
    session.delete(speaker)
    session.flush()
