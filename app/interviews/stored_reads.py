"""`GET /v1/interviews/{ref}` answered from the interview's stored rendering, ahead of routing.

An interview is rendered when it is written (app/interviews/rendering.py), so reading one is a single
indexed row fetch and a byte copy. Through FastAPI's routing and dependencies (the route's key check
and session) the same read cost several times the fetch itself, and under load that overhead was
most of a cold interview's time (bench/README.md, issue 15). So the plain case is answered here: an
anonymous GET without a query string, where reads need no key, of an interview whose current
rendering is stored (read in place on SQLite; on PostgreSQL on an asynchronous pool,
app/storage/async_reads.py, with no worker thread). Everything else goes on to the route, which
answers as it always has: a key is checked there, a missing or stale rendering is made there, an
unknown interview is its 404, and a database that does not answer its 503. The answer is the route's own (`stored_response`), and every
other middleware (HTTP and response caching, limits, headers, metrics) wraps both alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from app.http.conditional import CREDENTIAL_HEADERS
from app.interviews.rendering import StoredView, stored_detail, stored_detail_from_loop, stored_response
from app.kit.lookup import MAX_REF_LENGTH
from app.kit.sessions import access_of
from app.storage.async_reads import ReadUnavailableError, reads_from_loop
from app.storage.sessions import engine_of

INTERVIEW_PATH = re.compile(r"^/v1/interviews/([^/]+)$")
_CREDENTIALS = frozenset(name.encode() for name in CREDENTIAL_HEADERS)


def plain_interview_read(scope: Scope) -> str | None:
    """The id or slug of a GET this middleware may answer: anonymous, without a query string, of one
    interview; None for anything the route must see."""
    if scope["type"] != "http" or scope["method"] != "GET" or scope.get("query_string"):
        return None
    match = INTERVIEW_PATH.match(scope["path"])
    if match is None or len(match[1]) > MAX_REF_LENGTH:
        return None
    if any(name in _CREDENTIALS for name, _ in scope["headers"]):
        return None
    return match[1]


def read_stored(engine: Engine, ref: str) -> StoredView | None:
    with engine.connect() as connection:
        return stored_detail(connection, ref)


class StoredInterviewMiddleware:
    def __init__(self, app: ASGIApp, *, reads_need_key: Callable[[], bool]) -> None:
        self.app = app
        self.reads_need_key = reads_need_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ref = plain_interview_read(scope)
        view = await self._stored(scope, ref) if ref is not None and not self.reads_need_key() else None
        if view is None:
            await self.app(scope, receive, send)
            return
        await stored_response(view)(scope, receive, send)

    @staticmethod
    async def _stored(scope: Scope, ref: str) -> StoredView | None:
        """The stored rendering, read where the route would read it (the replica, or the primary after
        the client's own write): in place on SQLite, on the asynchronous pool on PostgreSQL."""
        engine = engine_of(access_of(Request(scope)))
        try:
            if reads_from_loop(engine):
                return await stored_detail_from_loop(engine, ref)
            return read_stored(engine, ref)
        except (SQLAlchemyError, ReadUnavailableError):
            return None  # the route tries again, and answers the problem a failing database gets
