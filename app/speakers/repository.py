"""Queries for speakers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from app.kit.filters import interview_ids_for_refs
from app.kit.lookup import find_by_ref
from app.kit.pagination import Window, keyset_page, sorts_of
from app.kit.representation import Include
from app.models import Participant, Speaker
from app.search.repository import matching_ids
from app.speakers.schemas import SpeakerView

SPEAKER_SORTS = sorts_of(Speaker, "name", "slug", "id", "created_at", "updated_at")


def list_speakers(
    session: Session,
    window: Window,
    *,
    q: str | None = None,
    interview: list[str] | None,
    role: list[str] | None,
    country: list[str] | None,
    organization: list[str] | None,
) -> tuple[list[SpeakerView], str | None]:
    statement = select(Speaker)
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
    page, next_cursor = keyset_page(session, statement, window)
    return [speaker_view(speaker) for speaker in page], next_cursor


def find_speaker(session: Session, ref: str) -> Speaker | None:
    """A speaker by id (all digits) or slug."""
    return find_by_ref(session, Speaker, ref)


def speaker_view(speaker: Speaker) -> SpeakerView:
    return SpeakerView.model_validate(speaker, from_attributes=True)


def included_speakers(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    """The speakers a page names, for `include=speakers`: one query."""
    if not ids:
        return []
    rows = session.execute(
        select(Speaker).where(col(Speaker.id).in_(ids)).order_by(col(Speaker.id))
    ).scalars()
    return [speaker_view(speaker).model_dump(mode="json") for speaker in rows]


SPEAKERS = Include("speakers", ("speaker", "asked_by"), included_speakers)
"""Who a page's items name as speaking or asking, under `included.speakers`."""
