"""Feed entries: the newest interviews (filtered, or matching a search) with their documents.

A page costs a fixed number of queries: one for the interviews, then the exporter's batch loader
for their participants, topics, questions and answers.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlmodel import Session, col

from app.contract.document import InterviewDocument
from app.errors import InvalidRequest
from app.kit.bounds import bounded_int, storable_text
from app.kit.filters import interview_conditions
from app.models import Interview, published_sort_key
from app.models.values import assume_utc
from app.search.repository import interviews_matching
from app.storage.exporter import documents_for


def storable(values: list[str] | None) -> list[str] | None:
    """Filter values as the database can compare them: a NUL byte (which PostgreSQL text cannot hold)
    makes a value name nothing stored, so it becomes the empty string, which no slug or code equals."""
    if values is None:
        return None
    return ["" if "\x00" in value else value for value in values]


@dataclass(frozen=True)
class FeedEntry:
    """One interview as a feed shows it: its document plus the times the document lacks."""

    document: InterviewDocument
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class FeedPage:
    entries: list[FeedEntry]
    before: str | None
    """Cursor of the next (older) page; None on the last one."""


def feed_entries(
    session: Session,
    *,
    limit: int,
    before: str | None = None,
    q: str | None = None,
    speaker: list[str] | None = None,
    topic: list[str] | None = None,
    language: list[str] | None = None,
) -> FeedPage:
    """Newest first: by publication date (undated last), then by last update, then by id."""
    statement = select(Interview).where(
        *interview_conditions(speaker=storable(speaker), topic=storable(topic), language=storable(language))
    )
    if q is not None:
        statement = statement.where(col(Interview.id).in_(interviews_matching(session, q)))
    if before is not None:
        statement = statement.where(_older_than(*decode_feed_cursor(before)))
    statement = statement.order_by(
        published_sort_key.desc(), col(Interview.updated_at).desc(), col(Interview.id).desc()
    ).limit(limit + 1)
    interviews = list(session.execute(statement).scalars())
    more = len(interviews) > limit
    interviews = interviews[:limit]
    documents = documents_for(session, interviews) if interviews else []
    entries = [
        FeedEntry(document=document, created_at=assume_utc(i.created_at), updated_at=assume_utc(i.updated_at))
        for i, document in zip(interviews, documents, strict=True)
    ]
    next_before = encode_feed_cursor(interviews[-1]) if more else None
    return FeedPage(entries=entries, before=next_before)


def _older_than(published: str, updated: datetime, interview_id: int) -> ColumnElement[bool]:
    """Rows after the cursor in the feed's descending (published, updated, id) order."""
    updated_at: Any = col(Interview.updated_at)
    return or_(
        published_sort_key < published,
        and_(
            published_sort_key == published,
            or_(updated_at < updated, and_(updated_at == updated, col(Interview.id) < interview_id)),
        ),
    )


def encode_feed_cursor(interview: Interview) -> str:
    key = [interview.published_at or "", assume_utc(interview.updated_at).isoformat(), interview.id]
    payload = json.dumps({"feed": key}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_feed_cursor(cursor: str) -> tuple[str, datetime, int]:
    """The (published key, updated_at, id) a cursor points after; a damaged cursor is a 422."""
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        published, updated, interview_id = payload["feed"]
        if not isinstance(published, str) or not storable_text(published) or not bounded_int(interview_id):
            raise TypeError("bad key")
        updated_at = datetime.fromisoformat(updated)
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError) as error:
        raise InvalidRequest(
            "The `before` cursor is not valid. Follow the feed's `next` link unchanged."
        ) from error
    return published, updated_at, interview_id
