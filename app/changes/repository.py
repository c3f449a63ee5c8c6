"""Reading the change log: a page after a cursor, and the cursor of the newest change."""

from __future__ import annotations

import base64
import binascii

from sqlalchemy import bindparam, func, select
from sqlmodel import Session, col

from app.changes.schemas import ChangeView
from app.errors import InvalidRequest
from app.kit.bounds import bounded_int
from app.models import Change

CURSOR_PREFIX = "seq:"


def encode_change_cursor(seq: int) -> str:
    """An opaque, stable cursor for "after change `seq`"."""
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{seq}".encode()).decode().rstrip("=")


def decode_change_cursor(cursor: str | None) -> int:
    """The seq a cursor points after; no cursor means the beginning, a damaged one is a 422."""
    if cursor is None:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not text.startswith(CURSOR_PREFIX):
            raise ValueError("not a change cursor")
        seq = int(text.removeprefix(CURSOR_PREFIX))
        if seq < 0 or not bounded_int(seq):
            raise ValueError("seq out of range")
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise InvalidRequest(
            "The `since` cursor is not valid. Pass a `next_cursor` of /v1/changes unchanged."
        ) from error
    return seq


def changes_after(session: Session, after_seq: int, limit: int) -> tuple[list[ChangeView], bool]:
    """Up to `limit` changes with seq above `after_seq`, in seq (= commit) order, and whether more wait."""
    rows = session.connection().execute(CHANGES_AFTER, {"after": after_seq, "limit": limit + 1}).all()
    changes = [
        ChangeView(seq=seq, type=entity_type, id=entity_id, slug=slug, action=action, at=at)
        for seq, entity_type, entity_id, slug, action, at in rows
    ]
    return changes[:limit], len(changes) > limit


_changes = Change.__table__  # type: ignore[attr-defined]
CHANGES_AFTER = (
    select(
        _changes.c.seq,
        _changes.c.entity_type,
        _changes.c.entity_id,
        _changes.c.slug,
        _changes.c.action,
        _changes.c.at,
    )
    .where(_changes.c.seq > bindparam("after"))
    .order_by(_changes.c.seq)
    .limit(bindparam("limit"))
)
"""Built once, rows as tuples: partners poll this page all day."""


def latest_seq(session: Session) -> int:
    """The seq of the newest committed change (0 when there is none)."""
    return int(session.execute(select(func.coalesce(func.max(col(Change.seq)), 0))).scalar_one())
