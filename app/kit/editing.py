"""Changing a speaker or a topic: the fields a PATCH names, then a new `updated_at` if anything changed."""

from __future__ import annotations

from pydantic import BaseModel
from sqlmodel import Session, SQLModel

from app.models import utc_now


def apply_patch(session: Session, row: SQLModel, patch: BaseModel) -> bool:
    """Sets the fields the patch names (a null `name` is ignored: names are required); True when the
    row changed, already flushed, so the caller can re-index it."""
    changes = patch.model_dump(exclude_unset=True)
    if changes.get("name", getattr(row, "name", None)) is None:
        changes.pop("name")
    for name, value in changes.items():
        setattr(row, name, value)
    if not session.is_modified(row):
        return False
    row.updated_at = utc_now()
    session.flush()
    return True
