"""What a value taken from a client may be before it reaches a database: both stores can compare it,
and no store error (an integer overflow, a NUL in PostgreSQL text, a date past year 9999) can come
back as a 500."""

from __future__ import annotations

from datetime import date
from typing import Any

INT64_MAX = 2**63 - 1
MAX_KEY_TEXT = 1_000
EARLIEST_DATE = date(1, 1, 2)
LATEST_DATE = date(9998, 12, 31)
"""Filters add or subtract a day to a date: these bounds keep that inside the calendar."""


def bounded_int(value: Any) -> bool:
    """A JSON integer both stores hold (a 64-bit signed integer); booleans are not integers here."""
    return isinstance(value, int) and not isinstance(value, bool) and -INT64_MAX <= value <= INT64_MAX


def storable_text(value: str) -> bool:
    """Text PostgreSQL can hold (no NUL) and short enough to be a sort key or a slug."""
    return "\x00" not in value and len(value) <= MAX_KEY_TEXT


def date_in_range(value: date) -> bool:
    return EARLIEST_DATE <= value <= LATEST_DATE
