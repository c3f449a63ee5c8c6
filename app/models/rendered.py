"""Interviews as the API shows them, rendered when they are written (see `app.interviews.rendering`).

A read of one interview, or of a page of the list, is then an indexed row fetch and a byte copy:
no per-request queries for questions, answers, speakers and topics, no model validation, no
serialisation, no hashing for the ETag.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, Text
from sqlmodel import Field, SQLModel


class RenderedInterview(SQLModel, table=True):
    """`version` names the shape of the views the code renders: rows of another version are stale."""

    __tablename__ = "rendered_interviews"

    interview_id: int = Field(
        sa_column=Column(Integer, ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True)
    )
    version: str = Field(max_length=16)
    detail: str = Field(sa_type=Text)
    """The JSON body of `GET /v1/interviews/{ref}`."""
    detail_etag: str = Field(max_length=40)
    summary: str = Field(sa_type=Text)
    """The JSON of the interview as an item of `GET /v1/interviews`."""
