"""Every error the API returns is an RFC 9457 problem (`application/problem+json`).

Hierarchy (all from `rfc9457.Problem`, rendered by the one handler built in `install_problem_handlers`):

    Problem
    ├── Unauthorized (401)          no key where one is needed, or a key that is unknown or revoked
    ├── Forbidden (403)             a key whose scope is too small
    ├── NotFound (404)              a resource named in the path does not exist
    ├── Conflict (409)              valid, but clashes with stored data (or with a concurrent write)
    ├── PreconditionFailed (412)    `If-Match` names a version that is no longer current
    ├── PayloadTooLarge (413)       an article longer than the importer parses
    ├── UnsupportedMediaType (415)  an import body of a type the importer does not read
    ├── InvalidRequest (422)        a parameter is well-formed for HTTP but not for us (bad cursor…)
    ├── InternalError (500)         anything unexpected; the details go to the log, not the client
    ├── ServiceBusy (503)           writers queued too long behind this process's others
    └── NotReady (503)              /readyz: the database does not answer or its schema is behind

Besides these, the handlers below turn framework and database errors into problems: request
validation (422 `validation-error`), HTTP errors of routing (404, 405 with `Allow`), unreadable
bodies (400), integrity and stale-row errors (409 `conflict`), and a database that is away, full or
busy (503 `database-unavailable`). Middleware answers its own: 413/414 (request_limits), 429
(rate_limit).
"""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

from asgi_correlation_id import correlation_id
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi_problem.error import (
    ConflictProblem,
    ForbiddenProblem,
    NotFoundProblem,
    Problem,
    ServerProblem,
    StatusProblem,
    UnauthorisedProblem,
    UnprocessableProblem,
)
from fastapi_problem.handler import ExceptionHandler, new_exception_handler
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException
from starlette.responses import Response

PROBLEM_MEDIA_TYPE = "application/problem+json"
logger = logging.getLogger("app.errors")


class Unauthorized(UnauthorisedProblem):
    title = "Unauthorized"
    type_ = "unauthorized"


class Forbidden(ForbiddenProblem):
    title = "Forbidden"
    type_ = "forbidden"


class PreconditionFailed(StatusProblem):
    title = "Precondition failed"
    type_ = "precondition-failed"
    status = 412


class PayloadTooLarge(StatusProblem):
    title = "Payload too large"
    type_ = "payload-too-large"
    status = 413


class UnsupportedMediaType(StatusProblem):
    title = "Unsupported media type"
    type_ = "unsupported-media-type"
    status = 415


class NotReady(StatusProblem):
    title = "Service unavailable"
    type_ = "not-ready"
    status = 503


class NotFound(NotFoundProblem):
    title = "Not found"
    type_ = "not-found"


class Conflict(ConflictProblem):
    title = "Conflict"
    type_ = "conflict"


class InvalidRequest(UnprocessableProblem):
    title = "Invalid request"
    type_ = "invalid-request"


class ServiceBusy(StatusProblem):
    title = "Service unavailable"
    type_ = "service-busy"
    status = 503

    def __init__(self, detail: str, **kwargs: Any) -> None:
        super().__init__(detail, headers={"Retry-After": "5"}, **kwargs)


class InternalError(ServerProblem):
    """Hides the exception text, which may carry SQL or file paths, from the client."""

    title = "Internal server error"
    type_ = "internal-error"

    def __init__(self, _detail: str | None = None, **kwargs: Any) -> None:
        super().__init__("The server could not handle this request. The error has been logged.", **kwargs)


class FieldError(BaseModel):
    """One bad field of a rejected request."""

    field: str = Field(description="Dotted name of the field, e.g. `query.limit` or `body.questions.0.text`.")
    message: str
    type: str = Field(description="Machine-readable kind of error, e.g. `greater_than_equal`.")


class ProblemDetails(BaseModel):
    """An RFC 9457 problem."""

    type: str = Field(examples=["not-found"])
    title: str = Field(examples=["Not found"])
    status: int = Field(examples=[404])
    detail: str | None = Field(default=None, examples=["No interview with slug 'no-such-interview'."])


class ValidationProblemDetails(ProblemDetails):
    """A 422 problem that names every bad field."""

    errors: list[FieldError] = Field(default_factory=list)


def field_errors(raw_errors: Any) -> list[dict[str, str]]:
    """Turn pydantic's error list into `{field, message, type}` items a person can read."""
    return [
        {
            "field": ".".join(str(part) for part in error.get("loc", ())) or "request",
            "message": str(error.get("msg", "is invalid")),
            "type": str(error.get("type", "value_error")),
        }
        for error in raw_errors
    ]


def validation_problem(_handler: ExceptionHandler, _request: Request, exc: RequestValidationError) -> Problem:
    errors = field_errors(exc.errors())
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return Problem(
        title="Invalid request",
        type_="validation-error",
        status=422,
        detail=summary or "The request is not valid.",
        errors=errors,
    )


def http_problem(_handler: ExceptionHandler, request: Request, exc: HTTPException) -> Problem:
    """Routing errors (unknown path, wrong method) and any `HTTPException` raised by a dependency."""
    phrase = HTTPStatus(exc.status_code).phrase
    detail = exc.detail if isinstance(exc.detail, str) else phrase
    if exc.status_code == 400 and detail == "There was an error parsing the body":
        detail = "The request body could not be read as JSON: check that it is well-formed UTF-8 JSON."
    elif exc.status_code == 404 and detail == phrase:
        detail = f"There is nothing at {request.url.path}. The API lives under /v1; see /docs."
    headers = dict(exc.headers) if exc.headers is not None else None
    if exc.status_code == 405:
        allowed = allowed_methods(request)
        headers = {**(headers or {}), "Allow": allowed}
        detail = f"{request.method} is not allowed on {request.url.path}; use {allowed}."
    return Problem(
        title=phrase,
        type_="-".join(phrase.lower().split()),
        status=exc.status_code,
        detail=detail,
        headers=headers,
    )


def allowed_methods(request: Request) -> str:
    """Every method the API serves at this path, from its OpenAPI paths (Starlette names only the first
    matching route's): GET, PUT, PATCH and DELETE on one interview are four routes. HEAD goes with GET
    (see app.http.conditional)."""
    table: list[tuple[re.Pattern[str], set[str]]] | None = getattr(request.app.state, "allowed_methods", None)
    if table is None:
        table = [
            (
                re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$"),
                {m.upper() for m in ops},
            )
            for path, ops in request.app.openapi().get("paths", {}).items()
        ]
        request.app.state.allowed_methods = table
    methods: set[str] = set()
    for pattern, path_methods in table:
        if pattern.match(request.url.path):
            methods |= path_methods
    if "GET" in methods:
        methods.add("HEAD")
    order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
    return ", ".join(sorted(methods, key=lambda m: (order.index(m) if m in order else len(order), m)))


def integrity_problem(
    _handler: ExceptionHandler, _request: Request, _exc: IntegrityError | StaleDataError
) -> Problem:
    """Two writers creating the same slug at once, or changing a row another has just deleted: the
    second loses and may simply retry."""
    return Conflict(
        "Another write changed the same records at the same moment, so nothing was changed. Retry the request."
    )


def database_unavailable(
    _handler: ExceptionHandler, request: Request, exc: OperationalError | PoolTimeoutError
) -> Problem:
    """The database is down or restarting, cancelled a statement that ran too long, has no room left,
    or every pooled connection stayed busy past the pool timeout. Nothing of the request was stored."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]  # no SQL, no parameters
    logger.warning("database unavailable on %s %s: %s", request.method, request.url.path, reason)
    message = reason.lower()
    if "full" in message or "no space" in message:
        detail = "The database has no room left to store this, so nothing was changed. Retry later."
    elif "locked" in message or isinstance(exc, PoolTimeoutError):
        detail = "The database is busy with other requests, so nothing was changed. Retry in a few seconds."
    else:
        detail = "The database did not answer in time, so nothing was changed. Retry in a few seconds."
    return Problem(
        title="Service unavailable",
        type_="database-unavailable",
        status=503,
        detail=detail,
        headers={"Retry-After": "5"},
    )


def add_request_id(
    content: dict[str, Any], _request: Request, response: Response
) -> tuple[dict[str, Any], Response]:
    """A post-hook of the problem handler: the body names the request, as the response header does."""
    request_id = correlation_id.get()
    if request_id:
        content["request_id"] = request_id
        response.body = response.render(content)
    return content, response


def log_unexpected(request: Request, exc: Exception) -> None:
    expected = (
        Problem,
        HTTPException,
        RequestValidationError,
        IntegrityError,
        StaleDataError,
        OperationalError,
        PoolTimeoutError,
    )
    if not isinstance(exc, expected):
        logger.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)


def install_problem_handlers(app: FastAPI) -> None:
    handler = new_exception_handler(
        unhandled_wrappers={"default": InternalError},
        http_exception_handler=http_problem,
        request_validation_handler=validation_problem,
        handlers={
            IntegrityError: integrity_problem,
            StaleDataError: integrity_problem,
            OperationalError: database_unavailable,
            PoolTimeoutError: database_unavailable,
        },
        pre_hooks=[log_unexpected],
        post_hooks=[add_request_id],
    )
    app.state.problem_handler = handler  # app/http/unexpected_errors.py answers with it too
    for exception_type in (
        Exception,
        Problem,
        HTTPException,
        RequestValidationError,
        IntegrityError,
        StaleDataError,
        OperationalError,
        PoolTimeoutError,
    ):
        app.add_exception_handler(exception_type, handler)


PROBLEM_EXAMPLES: dict[int, tuple[str, str, str]] = {
    400: ("bad-request", "Bad Request", "The request body could not be read as JSON: check that it is well-formed UTF-8 JSON."),
    401: ("unauthorized", "Unauthorized", "This operation needs an API key with the 'write' scope: send `Authorization: Bearer <key>`."),
    403: ("forbidden", "Forbidden", "This API key has the 'read' scope; this operation needs 'write'."),
    404: ("not-found", "Not found", "No interview with id or slug 'no-such-interview'."),
    409: ("conflict", "Conflict", "Another write changed the same records at the same moment, so nothing was changed. Retry the request."),
    412: ("precondition-failed", "Precondition failed", "The interview has changed since you read it (its ETag is no longer \"3f2a9c0d\"). Read it again and retry with the new ETag."),
    413: ("payload-too-large", "Request Entity Too Large", "The request body is larger than 5000000 bytes. Split it into smaller imports."),
    414: ("uri-too-long", "Request-URI Too Long", "The query string is longer than 4096 bytes."),
    415: ("unsupported-media-type", "Unsupported media type", "Cannot import 'image/png'. Send one of: application/json, application/x-ndjson, text/html, text/markdown, text/plain."),
    422: ("validation-error", "Invalid request", "query.limit: Input should be less than or equal to 100"),
    429: ("rate-limited", "Too Many Requests", "Too many requests: at most 120 per minute. Retry in 12 seconds."),
    503: ("database-unavailable", "Service unavailable", "The database did not answer in time, so nothing was changed. Retry in a few seconds."),
}  # fmt: skip
"""What each status looks like, shown beside its schema in the docs: the type, title and a detail the API
really sends (tests/docs/test_openapi_examples.py provokes each and compares)."""


def problem_example(status: int) -> dict[str, Any]:
    type_, title, detail = PROBLEM_EXAMPLES[status]
    example: dict[str, Any] = {"type": type_, "title": title, "status": status, "detail": detail}
    if status == 422:
        example["errors"] = [
            {
                "field": "query.limit",
                "message": "Input should be less than or equal to 100",
                "type": "less_than_equal",
            }
        ]
    return example


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problems an operation can return, for `responses=`, each with its example."""
    responses: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        model = ValidationProblemDetails if status == 422 else ProblemDetails
        media: dict[str, Any] = {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}
        if status in PROBLEM_EXAMPLES:
            media["example"] = problem_example(status)
        responses[status] = {"description": HTTPStatus(status).phrase, "content": {PROBLEM_MEDIA_TYPE: media}}
    return responses


def problem_schemas() -> dict[str, Any]:
    """JSON Schemas of the problem bodies, for the OpenAPI components that `problem_responses` refers to."""
    schema = ValidationProblemDetails.model_json_schema(ref_template="#/components/schemas/{model}")
    definitions: dict[str, Any] = schema.pop("$defs", {})
    definitions["ValidationProblemDetails"] = schema
    definitions["ProblemDetails"] = ProblemDetails.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    return definitions
