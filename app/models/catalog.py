"""Speakers and topics: the shared vocabulary that interviews point to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from app.models.base import created_at_field, updated_at_field


class Speaker(SQLModel, table=True):
    __tablename__ = "speakers"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=200, unique=True)
    name: str = Field(max_length=200, index=True)
    title: str | None = Field(default=None, max_length=200)
    organization: str | None = Field(default=None, max_length=200, index=True)
    country: str | None = Field(default=None, max_length=200, index=True)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class Topic(SQLModel, table=True):
    __tablename__ = "topics"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=200, unique=True)
    name: str = Field(max_length=200, index=True)
    description: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
