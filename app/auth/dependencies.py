"""Who is calling: the API key of a request, checked once, and the scope a route needs.

Keys come as `Authorization: Bearer <key>` or `X-API-Key: <key>`, read by `presented_key` (the
rate limiter reads them the same way). They are looked up on the request's own session, and are
declared as OpenAPI security schemes so Swagger UI's Authorize button works.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from app.auth.keys import Scope, find_active_key, grants
from app.config import get_settings
from app.errors import Forbidden, Unauthorized
from app.http.credentials import key_digest, known_keys, presented_key
from app.kit.sessions import SessionDep
from app.models import ApiKey

bearer = HTTPBearer(auto_error=False, description="An API key, as `Authorization: Bearer <key>`.")
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key, in `X-API-Key`.")
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="interviews"'}


async def current_key(
    request: Request,
    session: SessionDep,
    _bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    _header: Annotated[str | None, Depends(api_key_header)],
) -> ApiKey | None:
    """The request's key, or None when it has none; a key that is given but unknown or revoked is a 401.

    The two security schemes above only document the headers; `presented_key` decides which counts.
    Asynchronous, so a request without a key costs no hop to a worker thread; a key is looked up in one."""
    key = presented_key(request.headers)
    if key is None:
        return None
    record = await run_in_threadpool(find_active_key, session, key)
    if record is None:
        known_keys.forget(key_digest(key))
        raise Unauthorized("The API key is not valid or has been revoked.", headers=CHALLENGE)
    known_keys.remember(record.key_hash)
    return record


CurrentKey = Annotated[ApiKey | None, Depends(current_key)]


def ensure_scope(key: ApiKey | None, scope: Scope) -> ApiKey:
    """The key, if it holds `scope`: no key is a 401 (with a challenge), too small a scope a 403."""
    if key is None:
        raise Unauthorized(
            f"This operation needs an API key with the '{scope}' scope: send `Authorization: Bearer <key>`.",
            headers=CHALLENGE,
        )
    if not grants(key.scope, scope):
        raise Forbidden(f"This API key has the '{key.scope}' scope; this operation needs '{scope}'.")
    return key


def require(scope: Scope) -> Any:
    """A dependency that lets the request through only with a key holding `scope`."""

    async def check(key: CurrentKey) -> ApiKey:
        return ensure_scope(key, scope)

    return Depends(check)


def check_read_access(key: ApiKey | None) -> None:
    """Reads are public unless REQUIRE_API_KEY_FOR_READS is set."""
    if get_settings().require_api_key_for_reads and key is None:
        raise Unauthorized(
            "Reads need an API key here: send `Authorization: Bearer <key>`.", headers=CHALLENGE
        )


async def read_access(key: CurrentKey) -> None:
    check_read_access(key)


ReadAccess = Depends(read_access)
AdminAccess = require(Scope.admin)
