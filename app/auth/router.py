"""`/v1/audit`: the trail of writes, for admin keys."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import col

from app.auth.dependencies import AdminAccess
from app.errors import problem_responses
from app.kit.pagination import Page, PageParams, SortKey, keyset_page
from app.kit.representation import ListShape, list_shape
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


AuditShape = Annotated[ListShape, Depends(list_shape(AuditView))]


@router.get(
    "",
    operation_id="listAuditEntries",
    summary="List writes and the keys that made them",
    description="Newest first. Needs an `admin` key. Keys themselves are never stored or shown.",
    responses=problem_responses(401, 403, 422, 429),
)
def list_audit_entries(session: SessionDep, page: PageParams, shape: AuditShape) -> Page[AuditView]:
    entries, next_cursor = keyset_page(session, select(AuditEntry), page.window_by(NEWEST_FIRST))
    return page.respond(
        [AuditView.model_validate(e, from_attributes=True) for e in entries], next_cursor, shape
    )
