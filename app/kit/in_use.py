"""Speakers and topics are shared by interviews: one is deleted only once no interview uses it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session, col

from app.errors import Conflict
from app.models import Interview

MAX_NAMED_INTERVIEWS = 20


def interviews_among(session: Session, *interview_ids: Any) -> list[str]:
    """Slugs (a few more than are named) of interviews whose id is in any of the given subqueries."""
    interview_id = col(Interview.id)
    statement = (
        select(col(Interview.slug))
        .where(or_(*(interview_id.in_(ids) for ids in interview_ids)))
        .order_by(col(Interview.slug))
        .limit(MAX_NAMED_INTERVIEWS + 1)
    )
    return list(session.scalars(statement))


def refuse_while_used(slugs: list[str], what: str, remedy: str) -> None:
    """A 409 naming the interviews that still use the thing (`what`), and what to do about it."""
    if not slugs:
        return
    named = slugs[:MAX_NAMED_INTERVIEWS]
    shown = ", ".join(named) + (", …" if len(slugs) > MAX_NAMED_INTERVIEWS else "")
    raise Conflict(f"{what} interviews: {shown}. {remedy}", interviews=named)


def delete_unless_used(session: Session, row: Any, *uses: Any, what: str, remedy: str) -> None:
    """Deletes a speaker or topic, or refuses with a 409 while interviews (found by the `uses`
    subqueries of interview ids) still use it."""
    refuse_while_used(interviews_among(session, *uses), what, remedy)
    session.delete(row)
    session.flush()
