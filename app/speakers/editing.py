"""Changing and deleting speakers; a speaker still named by an interview cannot be deleted."""

from __future__ import annotations

from pydantic import Field
from sqlalchemy import select
from sqlmodel import Session, col

from app.contract.document import DocumentModel
from app.kit.editing import apply_patch
from app.kit.in_use import delete_unless_used
from app.models import Answer, Participant, Question, Speaker
from app.storage.search_index import index_catalog_entry, speaker_row


class SpeakerPatch(DocumentModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    title: str | None = Field(default=None, max_length=200)
    organization: str | None = Field(default=None, max_length=200)
    country: str | None = Field(default=None, max_length=200)


def patch_speaker(session: Session, speaker: Speaker, patch: SpeakerPatch) -> Speaker:
    if apply_patch(session, speaker, patch):
        index_catalog_entry(
            session, speaker_row(speaker.id or 0, speaker.name, speaker.title, speaker.organization)
        )
    return speaker


def delete_speaker(session: Session, speaker: Speaker) -> None:
    speaker_id = speaker.id or 0
    delete_unless_used(
        session,
        speaker,
        select(col(Participant.interview_id)).where(col(Participant.speaker_id) == speaker_id),
        select(col(Question.interview_id)).where(col(Question.asked_by_id) == speaker_id),
        select(col(Answer.interview_id)).where(col(Answer.speaker_id) == speaker_id),
        what=f"Speaker '{speaker.slug}' still takes part in",
        remedy="Change or delete those interviews first.",
    )
