"""API keys and the audit trail of writes made with them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from app.models.base import utc_now


class ApiKey(SQLModel, table=True):
    """Only a SHA-256 hash of the key is kept; `prefix` (its first characters) lets people tell keys apart."""

    __tablename__ = "api_keys"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    scope: str = Field(max_length=10)
    prefix: str = Field(max_length=16, index=True)
    key_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True), nullable=False)
    revoked_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class AuditEntry(SQLModel, table=True):
    """Who (which key, never the key itself) wrote what, and when."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    key_id: int = Field(
        sa_column=Column(Integer, ForeignKey("api_keys.id", ondelete="RESTRICT"), nullable=False)
    )
    key_name: str = Field(max_length=100)
    method: str = Field(max_length=10)
    path: str = Field(max_length=500)
    status: int
    at: datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True), nullable=False, index=True)
