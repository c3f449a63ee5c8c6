"""Queries for speakers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from app.kit.filters import interview_ids_for_refs
from app.kit.lookup import find_by_ref
from app.kit.pagination import SortKey, apply_keyset, sort_keys, split_page
from app.models import Participant, Speaker
from app.search.repository import matching_ids
from app.speakers.schemas import SpeakerView

SPEAKER_SORTS = sort_keys(
    {
        "name": Speaker.name,  # type: ignore[dict-item]
        "slug": Speaker.slug,  # type: ignore[dict-item]
        "id": Speaker.id,  # type: ignore[dict-item]
        "created_at": Speaker.created_at,  # type: ignore[dict-item]
        "updated_at": Speaker.updated_at,  # type: ignore[dict-item]
    },
    Speaker.id,  # type: ignore[arg-type]
)


def list_speakers(
    session: Session,
    *,
    sort: SortKey,
    cursor: str | None,
    limit: int,
    q: str | None = None,
    interview: list[str] | None,
    role: list[str] | None,
    country: list[str] | None,
    organization: list[str] | None,
) -> tuple[list[SpeakerView], str | None]:
    statement = select(Speaker, sort.expression.label("sort_value"))
    speaker_id: Any = Speaker.id
    if interview or role:
        taking_part = select(col(Participant.speaker_id))
        if interview:
            taking_part = taking_part.where(
                col(Participant.interview_id).in_(interview_ids_for_refs(interview))
            )
        if role:
            taking_part = taking_part.where(col(Participant.role).in_(role))
        statement = statement.where(speaker_id.in_(taking_part))
    if country:
        statement = statement.where(col(Speaker.country).in_(country))
    if organization:
        statement = statement.where(col(Speaker.organization).in_(organization))
    if q is not None:
        statement = statement.where(col(Speaker.id).in_(matching_ids(session, q, ("speaker",), "speaker_id")))
    rows = session.execute(apply_keyset(statement, sort, cursor, limit)).all()
    page, next_cursor = split_page([_Keyed(row[0], row.sort_value) for row in rows], sort, limit)
    return [speaker_view(keyed.speaker) for keyed in page], next_cursor


class _Keyed:
    def __init__(self, speaker: Speaker, sort_value: Any) -> None:
        self.speaker = speaker
        self.sort_value = sort_value
        self.id = speaker.id


def find_speaker(session: Session, ref: str) -> Speaker | None:
    """A speaker by id (all digits) or slug."""
    return find_by_ref(session, Speaker, ref)


def speaker_view(speaker: Speaker) -> SpeakerView:
    return SpeakerView.model_validate(speaker, from_attributes=True)
