"""Read-your-writes across a lagging replica: consistency tokens.

Installed only when DATABASE_READ_URL names a replica. A committed write's response carries the
primary's WAL position just after its commit, as the `Consistency-Token` header and as a short-lived
cookie of the same meaning (for clients that keep cookies and nothing else). A read that presents
either goes to the replica only when the replica has been seen to replay that far
(app/storage/replica.py); otherwise to the primary, and the response cache checks its copies against
the primary's change number. The decision is made here, once per request, and kept in the request's
state for the response cache and the request's session to follow.

The cookie lives as long as a token can matter: a replica further behind than
REPLICA_MAX_LAG_SECONDS serves nobody, so a write older than that (plus one check) is visible to all.
A malformed token is ignored (the read goes where any read would): it only ever asks for fresher data.
"""

from __future__ import annotations

import math
from http.cookies import CookieError, SimpleCookie
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.storage.replica import ReplicaMonitor, parse_position

TOKEN_HEADER = "Consistency-Token"
TOKEN_COOKIE = "interviews_consistency"
_TOKEN_HEADER_NAME = TOKEN_HEADER.lower().encode()
_READS_PRIMARY = "interviews.reads_primary"
_COMMIT_POSITION = "interviews.commit_position"


def reads_primary(scope: Scope) -> bool:
    """Whether this request's reads were sent to the primary by its consistency token."""
    state: dict[str, Any] = scope.get("state") or {}
    return bool(state.get(_READS_PRIMARY))


def record_commit_position(scope: Scope, position: str) -> None:
    """Called by the request's session after a write committed: the token its response will carry."""
    scope.setdefault("state", {})[_COMMIT_POSITION] = position


def presented_token(scope: Scope) -> int | None:
    """The newest position the request names, by header or cookie; None when it names none."""
    tokens: list[int] = []
    for name, value in scope["headers"]:
        text = ""
        if name == _TOKEN_HEADER_NAME:
            text = value.decode("latin-1")
        elif name == b"cookie":
            text = _cookie_value(value.decode("latin-1"))
        if text:
            try:
                tokens.append(parse_position(text))
            except ValueError:
                continue
    return max(tokens, default=None)


def _cookie_value(header: str) -> str:
    cookies: SimpleCookie = SimpleCookie()
    try:
        cookies.load(header)
    except CookieError:
        return ""
    morsel = cookies.get(TOKEN_COOKIE)
    return morsel.value if morsel is not None else ""


class ReadYourWritesMiddleware:
    def __init__(self, app: ASGIApp, *, monitor: ReplicaMonitor) -> None:
        self.app = app
        self.monitor = monitor
        self.cookie_seconds = math.ceil(monitor.max_lag_seconds + monitor.check_seconds) + 1

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self.monitor.reads_may_use_replica(presented_token(scope)):
            scope.setdefault("state", {})[_READS_PRIMARY] = True

        async def send_with_token(message: Message) -> None:
            if message["type"] == "http.response.start":
                position = (scope.get("state") or {}).get(_COMMIT_POSITION)
                if position is not None:
                    headers = MutableHeaders(scope=message)
                    headers.append(TOKEN_HEADER, position)
                    headers.append(
                        "Set-Cookie",
                        f"{TOKEN_COOKIE}={position}; Max-Age={self.cookie_seconds}; Path=/; "
                        "HttpOnly; SameSite=Lax",
                    )
            await send(message)

        await self.app(scope, receive, send_with_token)
