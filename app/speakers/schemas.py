"""A speaker: someone who asks or answers in interviews."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.models.values import UtcDateTime


class SpeakerView(BaseModel):
    id: int
    slug: str = Field(examples=["roman-vassilenko"])
    name: str = Field(examples=["Roman Vassilenko"])
    title: str | None = Field(examples=["Deputy Minister of Foreign Affairs of Kazakhstan"])
    organization: str | None
    country: str | None
    created_at: UtcDateTime
    updated_at: UtcDateTime
