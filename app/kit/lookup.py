"""Finding one row named in a path, by id (all digits) or slug, or answering 404."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlmodel import Session, SQLModel

from app.errors import NotFound

RowT = TypeVar("RowT", bound=SQLModel)
MAX_ID = 2**31 - 1
"""Ids are 32-bit integers on every store."""
MAX_REF_LENGTH = 200
"""The longest id or slug a path may name (slugs are stored in at most 200 characters)."""


def id_or_slug(ref: str) -> int | str | None:
    """A path or filter reference: an id when all digits, else a slug; None for an id no row can have."""
    if ref.isascii() and ref.isdigit():
        number = int(ref)
        return number if number <= MAX_ID else None
    return ref


def find_by_ref(session: Session, model: type[RowT], ref: str, *, for_update: bool = False) -> RowT | None:
    """The row an id or slug names. `for_update` locks it until the transaction ends (PostgreSQL), so
    a conditional write checks and changes the same version; on SQLite the writer already holds the
    database's write lock."""
    value = id_or_slug(ref)
    if value is None:
        return None
    column: Any = getattr(model, "id") if isinstance(value, int) else getattr(model, "slug")  # noqa: B009
    statement = select(model).where(column == value)
    if for_update:
        statement = statement.with_for_update()
    return session.execute(statement).scalar_one_or_none()


def get_or_404(session: Session, model: type[RowT], ref: str, what: str, *, for_update: bool = False) -> RowT:
    row = find_by_ref(session, model, ref, for_update=for_update)
    if row is None:
        raise NotFound(f"No {what} with id or slug '{ref}'.")
    return row


def get_by_id_or_404(session: Session, model: type[RowT], row_id: int, what: str) -> RowT:
    """For resources named by id alone (questions, answers)."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(f"No {what} with id {row_id}.")
    return row
