"""Webhook subscriptions and their deliveries: one delivery row per (subscription, change).

A subscription's `cursor` is the `seq` of the last change it has been given delivery rows for, so the
worker walks the change log exactly as a `/v1/changes` poller does and misses nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, DateTime, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel, col

from app.models.base import utc_now


class WebhookSubscription(SQLModel, table=True):
    """`secret` is kept as given (it signs every delivery, so it cannot be hashed like an API key)."""

    __tablename__ = "webhook_subscriptions"

    id: int | None = Field(default=None, primary_key=True)
    key_id: int = Field(
        sa_column=Column(Integer, ForeignKey("api_keys.id", ondelete="RESTRICT"), nullable=False, index=True)
    )
    url: str = Field(max_length=2000)
    events: list[str] = Field(sa_column=Column(JSON, nullable=False))
    topics: list[str] = Field(sa_column=Column(JSON, nullable=False))
    speakers: list[str] = Field(sa_column=Column(JSON, nullable=False))
    description: str | None = Field(default=None, max_length=200)
    secret: str = Field(max_length=100)
    base_url: str = Field(max_length=500)
    """Where the subscriber reached the API (or PUBLIC_BASE_URL): the links in each delivery start here."""
    status: str = Field(default="active", max_length=10)
    cursor: int = Field(sa_column=Column(BigInteger, nullable=False))
    consecutive_failures: int = Field(default=0)
    paused_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    created_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True), nullable=False)


class WebhookDelivery(SQLModel, table=True):
    """One change sent (or to be sent) to one subscription. `next_attempt_at` is also the claim: a
    worker sending it moves it past the send's timeout, so no other worker takes it meanwhile."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (UniqueConstraint("subscription_id", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(
        sa_column=Column(Integer, ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"), nullable=False)
    )
    seq: int = Field(sa_column=Column(BigInteger, nullable=False))
    event: str = Field(max_length=40)
    entity_type: str = Field(max_length=20)
    entity_id: int
    message_id: str = Field(max_length=40)
    payload: str = Field(sa_type=Text)
    status: str = Field(default="pending", max_length=10)
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(sa_type=DateTime(timezone=True), nullable=False)
    last_attempt_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    last_status: int | None = Field(default=None)
    last_error: str | None = Field(default=None, max_length=500)
    delivered_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    created_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True), nullable=False)


_delivery: Any = WebhookDelivery
Index(
    "ix_webhook_deliveries_due",
    col(_delivery.status),
    col(_delivery.next_attempt_at),
)
"""What the worker asks for: pending deliveries that are due."""
Index(
    "ix_webhook_deliveries_entity",
    col(_delivery.subscription_id),
    col(_delivery.entity_type),
    col(_delivery.entity_id),
    col(_delivery.seq),
)
"""An earlier pending delivery of the same interview holds a later one back."""
