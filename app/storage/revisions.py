"""Keeping the version of an interview that a write replaces, and naming who wrote each version.

The loader calls `keep_replaced` just before it overwrites an interview, in the same transaction, so
a revision exists exactly when the replacing write commits. Who wrote a version is the name of the
API key the request carried (`write_as`, called by the audit dependency); writes from the command line
name nobody.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session, col

from app.contract.document import InterviewDocument
from app.models import Interview, InterviewRevision

AUTHOR = "interviews.author"
"""Where a session keeps the name its writes are made under."""


def write_as(session: Session, name: str | None) -> None:
    session.info[AUTHOR] = name


def author(session: Session) -> str | None:
    name = session.info.get(AUTHOR)
    return str(name) if name is not None else None


def last_number(session: Session, interview_id: int) -> int:
    """The number of the newest revision kept (0: none); the current version is one more."""
    statement = select(func.max(col(InterviewRevision.number))).where(
        col(InterviewRevision.interview_id) == interview_id
    )
    return int(session.execute(statement).scalar_one() or 0)


def keep_replaced(session: Session, interview: Interview, document: InterviewDocument) -> None:
    """`document` is `interview` as stored before this write: kept with when and by whom it was written."""
    interview_id = interview.id or 0
    session.add(
        InterviewRevision(
            interview_id=interview_id,
            number=last_number(session, interview_id) + 1,
            document=document.model_dump_json(),
            written_at=interview.updated_at,
            written_by=interview.updated_by,
        )
    )
