"""How values are stored and read back on both stores: UTC date-times, publication dates as sortable text."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator


def assume_utc(value: datetime) -> datetime:
    """SQLite hands back naive date-times; every stored time is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


UtcDateTime = Annotated[datetime, AfterValidator(assume_utc)]


def published_at_value(stored: str | None) -> date | datetime | None:
    """Stored ISO text back to a date or a date-time."""
    if stored is None:
        return None
    if len(stored) == 10:
        return date.fromisoformat(stored)
    return datetime.fromisoformat(stored.replace("Z", "+00:00"))


def published_at_text(value: date | datetime | None) -> str | None:
    """The stored form: `2025-04-16` or `2025-04-16T10:00:00Z`, which sort in time order as text."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"
    return value.isoformat()
