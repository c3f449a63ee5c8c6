"""Who is calling: the API key of a request, checked once, and the scope a route needs.

Keys come as `Authorization: Bearer <key>` or `X-API-Key: <key>`, read by `presented_key` (the
rate limiter reads them the same way). They are looked up on the request's own session, and are
declared as OpenAPI security schemes so Swagger UI's Authorize button works.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader, HTTPBearer

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
) -> ApiKey | None:
    """The request's key, or None when it has none; a key that is given but unknown or revoked is a 401.

    `presented_key` decides which header counts. The two security schemes above only document the
    headers, on every operation that depends on this (`documented_security`), rather than being
    solved on each request: as dependencies they cost every request two more nodes of FastAPI's
    dependency solving, which took a tenth of a list page. Asynchronous, so a request without a key
    costs no hop to a worker thread; a key is looked up in one."""
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
SECURITY_SCHEMES = [bearer, api_key_header]


def takes_a_key(dependant: Dependant) -> bool:
    """Whether an operation reads the API key (directly or through another dependency)."""
    return dependant.call is current_key or any(takes_a_key(sub) for sub in dependant.dependencies)


def documented_security(schema: dict[str, Any], routers: Sequence[APIRouter]) -> None:
    """The schemes under `components`, and both as alternatives on each operation that takes a key,
    placed where FastAPI places an operation's `security`."""
    components = schema.setdefault("components", {})
    components["securitySchemes"] = {
        scheme.scheme_name: scheme.model.model_dump(mode="json", by_alias=True, exclude_none=True)
        for scheme in SECURITY_SCHEMES
    }
    keyed = {
        route.operation_id or route.unique_id
        for router in routers
        for route in router.routes
        if isinstance(route, APIRoute) and takes_a_key(route.dependant)
    }
    requirement: list[dict[str, list[str]]] = [{scheme.scheme_name: []} for scheme in SECURITY_SCHEMES]
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if operation.get("operationId") not in keyed:
                continue
            placed = list(operation.items())
            at = next((i + 1 for i, (name, _) in enumerate(placed) if name == "operationId"), 0)
            operations[method] = dict([*placed[:at], ("security", list(requirement)), *placed[at:]])


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
