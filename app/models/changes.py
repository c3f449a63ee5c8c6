"""The change log partners sync from: one row per create, update or delete of an interview, speaker or topic."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, DateTime, String
from sqlmodel import Field, SQLModel

from app.models.base import utc_now


class Change(SQLModel, table=True):
    """`seq` is given at commit time, in commit order (see `app.storage.change_log`), never by autoincrement."""

    __tablename__ = "changes"

    seq: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    entity_type: str = Field(max_length=20)
    entity_id: int
    slug: str = Field(max_length=200)
    action: str = Field(max_length=10)
    at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True), nullable=False)


class ChangeSequence(SQLModel, table=True):
    """A single row holding the last `seq` handed out; locking it orders committing writers."""

    __tablename__ = "change_sequence"

    id: int = Field(default=1, primary_key=True)
    last_seq: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    database_id: str = Field(default="", sa_column=Column(String(32), nullable=False, server_default=""))
    """Random, written at migration: tells a rebuilt database from the one it replaced."""
