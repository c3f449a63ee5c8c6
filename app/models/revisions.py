"""Earlier versions of interviews, kept when a write replaces them (see `app.storage.revisions`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, ForeignKey, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class InterviewRevision(SQLModel, table=True):
    """Version `number` of an interview (1 is the first), as the contract document it was.

    The current version is not stored here: it is the interview itself, numbered one past the last
    revision kept."""

    __tablename__ = "interview_revisions"
    __table_args__ = (UniqueConstraint("interview_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(
        sa_column=Column(Integer, ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False)
    )
    number: int
    document: str = Field(sa_type=Text)
    """The interview document (JSON) as it was stored, the same shape `PUT` takes."""
    written_at: datetime = Field(sa_type=DateTime(timezone=True))
    written_by: str | None = Field(default=None, max_length=100)
