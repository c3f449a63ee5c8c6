"""Shared table machinery: stable constraint names and timestamps."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, MetaData
from sqlmodel import Field, SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLModel.metadata = MetaData(naming_convention=NAMING_CONVENTION)
metadata = SQLModel.metadata


def utc_now() -> datetime:
    return datetime.now(UTC)


def created_at_field() -> datetime:
    return Field(default_factory=utc_now, sa_type=DateTime(timezone=True), nullable=False, index=True)  # type: ignore[no-any-return]


def updated_at_field() -> datetime:
    return Field(default_factory=utc_now, sa_type=DateTime(timezone=True), nullable=False, index=True)  # type: ignore[no-any-return]
