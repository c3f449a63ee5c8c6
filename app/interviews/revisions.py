"""Reading an interview's history: its versions, newest first, each with who wrote it, when, and what
changed since the version before (a JSON Patch, RFC 6902, from that version to this one).

The current version is the interview itself; the older ones are the documents kept by
`app.storage.revisions` when a write replaced them. An old version comes back to life by `PUT`ting its
`document`: that is a write like any other, and becomes the newest version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import jsonpatch
import jsonpointer
from sqlalchemy import select
from sqlmodel import Session, col

from app.errors import NotFound
from app.kit.pagination import SortKey, decode_cursor, encode_cursor
from app.models import Interview, InterviewRevision
from app.storage.exporter import documents_for
from app.storage.revisions import last_number

_COLUMNS: Any = InterviewRevision.__table__.c  # type: ignore[attr-defined]
NEWEST_FIRST = SortKey("-number", _COLUMNS.number, _COLUMNS.id, descending=True)
"""Only for the cursor's format: the number of the last version on the page."""


@dataclass(frozen=True, slots=True)
class Version:
    number: int
    written_at: datetime
    written_by: str | None
    current: bool
    document: dict[str, Any]


def _current(session: Session, interview: Interview, number: int) -> Version:
    document = documents_for(session, [interview])[0]
    return Version(number, interview.updated_at, interview.updated_by, True, document.model_dump(mode="json"))


def _kept(row: InterviewRevision) -> Version:
    return Version(row.number, row.written_at, row.written_by, False, json.loads(row.document))


def _stored(session: Session, interview_id: int, numbers: list[int]) -> dict[int, Version]:
    statement = select(InterviewRevision).where(
        col(InterviewRevision.interview_id) == interview_id, col(InterviewRevision.number).in_(numbers)
    )
    return {row.number: _kept(row) for row in session.execute(statement).scalars()}


def version(session: Session, interview: Interview, number: int) -> tuple[Version, Version | None]:
    """Version `number` and the one before it (None for the first)."""
    newest = last_number(session, interview.id or 0) + 1
    if not 1 <= number <= newest:
        raise NotFound(
            f"The interview '{interview.slug}' has versions 1 to {newest}; there is no version {number}."
        )
    wanted = [n for n in (number, number - 1) if n >= 1]
    found = _stored(session, interview.id or 0, [n for n in wanted if n < newest])
    if newest in wanted:
        found[newest] = _current(session, interview, newest)
    return found[number], found.get(number - 1)


def versions(
    session: Session, interview: Interview, limit: int, cursor: str | None
) -> tuple[list[tuple[Version, Version | None]], str | None]:
    """A page of versions, newest first, each with the one before it; and the next page's cursor."""
    newest = last_number(session, interview.id or 0) + 1
    start = newest if cursor is None else decode_cursor(cursor, NEWEST_FIRST)[0] - 1
    numbers = list(range(start, max(start - limit, 0), -1))
    wanted = sorted({*numbers, *(n - 1 for n in numbers if n > 1)})
    found = _stored(session, interview.id or 0, [n for n in wanted if n < newest])
    if newest in wanted:
        found[newest] = _current(session, interview, newest)
    page = [(found[n], found.get(n - 1)) for n in numbers if n in found]
    last = numbers[-1] if numbers else 1
    next_cursor = encode_cursor(NEWEST_FIRST, last, last) if last > 1 else None
    return page, next_cursor


def count(session: Session, interview: Interview) -> int:
    return last_number(session, interview.id or 0) + 1


def changes(before: Version | None, after: Version) -> list[dict[str, Any]]:
    """What turns `before` into `after`, as JSON Patch operations, each also with the value it replaces
    or removes (`previous`) so a reader sees both sides. Empty for the first version."""
    if before is None:
        return []
    operations: list[dict[str, Any]] = []
    for operation in jsonpatch.make_patch(before.document, after.document).patch:
        source = operation.get("from", operation["path"]) if operation["op"] != "add" else None
        if source is not None:
            operation = {**operation, "previous": jsonpointer.resolve_pointer(before.document, source, None)}
        operations.append(operation)
    return operations


def changed_fields(before: Version | None, after: Version) -> list[str]:
    """The document's top-level fields that differ from the version before (all, for the first)."""
    if before is None:
        return sorted(after.document)
    keys = set(before.document) | set(after.document)
    return sorted(k for k in keys if before.document.get(k) != after.document.get(k))
