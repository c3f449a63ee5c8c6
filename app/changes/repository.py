"""Reading the change log: a page after a cursor, and the cursor of the newest change."""

from __future__ import annotations

import base64
import binascii

from sqlalchemy import func, select
from sqlmodel import Session, col

from app.changes.schemas import ChangeView
from app.errors import InvalidRequest
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
        if seq < 0:
            raise ValueError("negative seq")
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise InvalidRequest(
            "The `since` cursor is not valid. Pass a `next_cursor` of /v1/changes unchanged."
        ) from error
    return seq


def changes_after(session: Session, after_seq: int, limit: int) -> tuple[list[ChangeView], bool]:
    """Up to `limit` changes with seq above `after_seq`, in seq (= commit) order, and whether more wait."""
    rows = session.execute(
        select(Change).where(col(Change.seq) > after_seq).order_by(col(Change.seq)).limit(limit + 1)
    ).scalars()
    changes = [
        ChangeView.model_validate(
            {
                "seq": row.seq,
                "type": row.entity_type,
                "id": row.entity_id,
                "slug": row.slug,
                "action": row.action,
                "at": row.at,
            }
        )
        for row in rows
    ]
    return changes[:limit], len(changes) > limit


def latest_seq(session: Session) -> int:
    """The seq of the newest committed change (0 when there is none)."""
    return int(session.execute(select(func.coalesce(func.max(col(Change.seq)), 0))).scalar_one())
