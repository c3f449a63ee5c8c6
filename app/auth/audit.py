"""The audit trail: every successful write records the key that made it (its id and name, never the key)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request, Response

from app.auth.dependencies import require
from app.auth.keys import Scope
from app.db import WriteSessionDep
from app.models import ApiKey, AuditEntry


def audit_write(
    request: Request,
    response: Response,
    session: WriteSessionDep,
    key: Annotated[ApiKey, require(Scope.write)],
) -> Iterator[ApiKey]:
    """Runs around the write: after it succeeds, the audit row joins the same transaction."""
    yield key
    session.add(
        AuditEntry(
            key_id=key.id or 0,
            key_name=key.name,
            method=request.method,
            path=request.url.path[:500],
            status=response.status_code or 200,
        )
    )


AuditedWrite = Annotated[ApiKey, Depends(audit_write)]
