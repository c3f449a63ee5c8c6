"""`/v1/audit`: the trail of writes, for admin keys."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import col

from app.auth.dependencies import AdminAccess
from app.errors import problem_responses
from app.kit.pagination import (
    CursorParam,
    LimitParam,
    Page,
    SortKey,
    apply_keyset,
    page_size,
    set_link_header,
    split_page,
)
from app.kit.sessions import SessionDep
from app.models import AuditEntry
from app.models.values import UtcDateTime

router = APIRouter(prefix="/v1/audit", tags=["operations"], dependencies=[AdminAccess])
AUDIT_ID: Any = col(AuditEntry.id)
NEWEST_FIRST = SortKey("-id", AUDIT_ID, AUDIT_ID, descending=True)


class AuditView(BaseModel):
    id: int
    key_id: int
    key_name: str
    method: str
    path: str
    status: int
    at: UtcDateTime


@router.get(
    "",
    operation_id="listAuditEntries",
    summary="List writes and the keys that made them",
    description="Newest first. Needs an `admin` key. Keys themselves are never stored or shown.",
    responses=problem_responses(401, 403, 422, 429),
)
def list_audit_entries(
    request: Request,
    response: Response,
    session: SessionDep,
    limit: LimitParam = None,
    cursor: CursorParam = None,
) -> Page[AuditView]:
    size = page_size(limit)
    statement: Any = select(AuditEntry, AUDIT_ID.label("sort_value"))
    rows = session.execute(apply_keyset(statement, NEWEST_FIRST, cursor, size)).all()
    page, next_cursor = split_page([_Keyed(row[0]) for row in rows], NEWEST_FIRST, size)
    set_link_header(request, response, next_cursor)
    return Page(
        items=[AuditView.model_validate(k.entry, from_attributes=True) for k in page], next_cursor=next_cursor
    )


class _Keyed:
    def __init__(self, entry: AuditEntry) -> None:
        self.entry = entry
        self.sort_value = entry.id
        self.id = entry.id
