"""Plain reads of interviews answered from their stored renderings, ahead of routing.

An interview and its list item are rendered when it is written (app/interviews/rendering.py), so
reading one is a single indexed row fetch and a byte copy, and a page of the list one indexed query
and a join of bytes. Through FastAPI's routing and dependencies (the key check, the session, each
parameter of each dependency looked up and validated on its own) the same reads cost several times
the queries themselves, and under load that was most of a cold request's time (bench/README.md,
issue 15). So the plain cases are answered here, anonymous GETs where reads need no key:

- `/v1/interviews/{ref}` without a query string, of an interview whose current rendering is stored
  (read in place on SQLite; on PostgreSQL on an asynchronous pool, app/storage/async_reads.py, with
  no worker thread);
- `/v1/interviews` as JSON, filtered, sorted and paged, when every item of the page has its current
  rendering stored: one statement, which reads one committed state by itself (in place on SQLite; on
  PostgreSQL on the same asynchronous pool, its `IN` lists rendered by SQLAlchemy for the values,
  not the route's worker-thread hops and two extra round trips); its parameters are validated by
  the route's own types (`PlainListQuery`).

Everything else goes on to the route, which answers as it always has: a key is checked there, a
missing or stale rendering is made there, a text query, a count, CSV, chosen fields or included
objects are served there, an unknown interview is its 404, a parameter it rejects its 422, and a
database that does not answer its 503. The answers are the routes' own (`stored_response`,
`PageRequest.respond_rendered`), and every other middleware (HTTP and response caching, limits,
headers, metrics) wraps both paths alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, get_args, get_origin

from fastapi_problem.error import Problem
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from app.http.conditional import CREDENTIAL_HEADERS
from app.interviews import repository
from app.interviews.rendering import StoredView, stored_detail_from_loop, stored_detail_here, stored_response
from app.interviews.repository import DEFAULT_INTERVIEW_SORT, INTERVIEW_SORTS, InterviewSort
from app.kit.filters import InterviewScope, UpdatedSince
from app.kit.lookup import MAX_REF_LENGTH
from app.kit.pagination import CursorParam, LimitParam, PageRequest, Window, page_size, resolve_sort
from app.kit.representation import ListFormat, wanted_format
from app.kit.sessions import access_of
from app.storage.async_reads import ReadUnavailableError, reads_from_loop
from app.storage.local_reads import reads_locally
from app.storage.sessions import engine_of, single_statement_engine

LIST_PATH = "/v1/interviews"
INTERVIEW_PATH = re.compile(r"^/v1/interviews/([^/]+)$")
_CREDENTIALS = frozenset(name.encode() for name in CREDENTIAL_HEADERS)


class PlainListQuery(InterviewScope):
    """The parameters of a plain page of the list, with the types `GET /v1/interviews` declares, so
    that the same values pass and fail here as there (anything that fails goes on to the route)."""

    limit: LimitParam = None
    cursor: CursorParam = None
    sort: InterviewSort = DEFAULT_INTERVIEW_SORT
    updated_since: UpdatedSince = None


ROUTE_ONLY_PARAMETERS = frozenset({"q", "count", "format", "fields", "include"})
"""The list's parameters that ask for more than a plain page: the route serves them."""
_REPEATABLE = frozenset(
    name
    for name, field in PlainListQuery.model_fields.items()
    if list in {get_origin(choice) for choice in get_args(field.annotation)}
)
"""The filters that take every value given (`list[str] | None`); any other parameter takes its last."""


def _anonymous_get(scope: Scope) -> bool:
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    return not any(name in _CREDENTIALS for name, _ in scope["headers"])


def plain_interview_read(scope: Scope) -> str | None:
    """The id or slug of a GET this middleware may answer: anonymous, without a query string, of one
    interview; None for anything the route must see."""
    if scope.get("query_string") or not _anonymous_get(scope):
        return None
    match = INTERVIEW_PATH.match(scope["path"])
    if match is None or len(match[1]) > MAX_REF_LENGTH:
        return None
    return match[1]


def plain_list_read(scope: Scope) -> PlainListQuery | None:
    """The parameters of a list page this middleware may answer: anonymous, as JSON, without a text
    query, a count, chosen fields or included objects, each parameter valid; None otherwise. Read as
    FastAPI reads them: every value of a repeatable filter, the last of any other parameter; unknown
    parameters are ignored, as the route ignores them."""
    if scope["path"] != LIST_PATH or not _anonymous_get(scope):
        return None
    parameters = QueryParams(scope.get("query_string", b""))
    if not ROUTE_ONLY_PARAMETERS.isdisjoint(parameters.keys()):
        return None
    values: dict[str, Any] = {}
    for name in PlainListQuery.model_fields:
        if name in _REPEATABLE:
            if chosen := parameters.getlist(name):
                values[name] = chosen
        elif name in parameters:
            values[name] = parameters[name]
    try:
        return PlainListQuery.model_validate(values)
    except ValidationError:
        return None


def _json_page(request: Request, query: PlainListQuery) -> tuple[PageRequest, Window] | None:
    """The page and window of a plain list request; None where the route must answer (CSV)."""
    if wanted_format(request, None) is not ListFormat.json:
        return None
    page = PageRequest(request, Response(), page_size(query.limit), query.cursor)
    return page, Window(resolve_sort(query.sort, INTERVIEW_SORTS), query.cursor, page.limit, page.tally)


def list_page(request: Request, query: PlainListQuery, engine: Engine) -> Response | None:
    """The page the route would answer, from the stored list items; None where the route must answer
    (CSV, or an item not rendered by this version yet)."""
    if (wanted := _json_page(request, query)) is None:
        return None
    page, window = wanted
    stored = repository.stored_page(engine, window, query, query.updated_since)
    return None if stored is None else page.respond_rendered(*stored)


async def list_page_from_loop(request: Request, query: PlainListQuery, engine: Engine) -> Response | None:
    """`list_page` on PostgreSQL's asynchronous pool, without a worker thread."""
    if (wanted := _json_page(request, query)) is None:
        return None
    page, window = wanted
    stored = await repository.stored_page_from_loop(engine, window, query, query.updated_since)
    return None if stored is None else page.respond_rendered(*stored)


class StoredReadsMiddleware:
    def __init__(self, app: ASGIApp, *, reads_need_key: Callable[[], bool]) -> None:
        self.app = app
        self.reads_need_key = reads_need_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = None
        if scope["type"] == "http" and not self.reads_need_key():
            response = await self._answer(scope)
        if response is None:
            await self.app(scope, receive, send)
            return
        await response(scope, receive, send)

    async def _answer(self, scope: Scope) -> Response | None:
        ref = plain_interview_read(scope)
        if ref is not None:
            view = await self._stored(scope, ref)
            return None if view is None else stored_response(view)
        query = plain_list_read(scope)
        if query is None:
            return None
        request = Request(scope)
        engine = single_statement_engine(access_of(request))
        try:
            if reads_locally(engine):
                return list_page(request, query, engine)  # a local file: read in place
            return await list_page_from_loop(request, query, engine)
        except (SQLAlchemyError, Problem, ReadUnavailableError):
            return None  # the route tries again, and answers the problem it gets (a bad cursor's 422)

    @staticmethod
    async def _stored(scope: Scope, ref: str) -> StoredView | None:
        """The stored rendering, read where the route would read it (the replica, or the primary after
        the client's own write): in place on SQLite, on the asynchronous pool on PostgreSQL."""
        engine = engine_of(access_of(Request(scope)))
        try:
            if reads_from_loop(engine):
                return await stored_detail_from_loop(engine, ref)
            return stored_detail_here(engine, ref)
        except (SQLAlchemyError, ReadUnavailableError):
            return None  # the route tries again, and answers the problem a failing database gets
