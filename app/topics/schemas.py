"""A topic: what interviews and questions are about."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.models.values import UtcDateTime


class TopicView(BaseModel):
    id: int
    slug: str = Field(examples=["visa-policy"])
    name: str = Field(examples=["Visa policy"])
    description: str | None
    created_at: UtcDateTime
    updated_at: UtcDateTime
