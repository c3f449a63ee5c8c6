"""The audit trail: every successful write records the key that made it (its id and name, never the key)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request, Response
from sqlmodel import Session

from app.auth.dependencies import require
from app.auth.keys import Scope
from app.kit.sessions import SessionDep
from app.models import ApiKey, AuditEntry
from app.storage.revisions import write_as


def record_write(session: Session, request: Request, key: ApiKey, status: int) -> None:
    """The audit row of a write, added to the write's own transaction (so both commit, or neither)."""
    session.add(
        AuditEntry(
            key_id=key.id or 0,
            key_name=key.name,
            method=request.method,
            path=request.url.path[:500],
            status=status,
        )
    )


def audit_write(
    request: Request,
    response: Response,
    session: SessionDep,
    key: Annotated[ApiKey, require(Scope.write)],
) -> Iterator[ApiKey]:
    """Runs around the write: the versions it stores name the key; after it succeeds, and before the
    commit, the audit row joins it."""
    write_as(session, key.name)
    yield key
    declared = getattr(request.scope.get("route"), "status_code", None)  # 204 for a DELETE, say
    record_write(session, request, key, response.status_code or declared or 200)


AuditedWrite = Annotated[ApiKey, Depends(audit_write, scope="function")]
