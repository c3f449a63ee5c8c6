"""Every error the API returns is an RFC 9457 problem (`application/problem+json`).

Hierarchy (all from `rfc9457.Problem`, rendered by the one handler built in `install_problem_handlers`):

    Problem
    ├── NotFound (404)            a resource named in the path does not exist
    ├── Conflict (409)            the request is valid but clashes with stored data
    ├── InvalidRequest (422)      a parameter is well-formed for HTTP but not for us (bad cursor…)
    └── InternalError (500)       anything unexpected; the details go to the log, not the client
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi_problem.error import (
    ConflictProblem,
    NotFoundProblem,
    Problem,
    ServerProblem,
    UnprocessableProblem,
)
from fastapi_problem.handler import ExceptionHandler, new_exception_handler
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException

from app.observability.requests import add_request_id

PROBLEM_MEDIA_TYPE = "application/problem+json"
logger = logging.getLogger("app.errors")


class NotFound(NotFoundProblem):
    title = "Not found"
    type_ = "not-found"


class Conflict(ConflictProblem):
    title = "Conflict"
    type_ = "conflict"


class InvalidRequest(UnprocessableProblem):
    title = "Invalid request"
    type_ = "invalid-request"


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
    elif exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow") or (exc.headers or {}).get("allow")
        detail = f"{request.method} is not allowed on {request.url.path}" + (
            f"; use {allowed}." if allowed else "."
        )
    return Problem(
        title=phrase,
        type_="-".join(phrase.lower().split()),
        status=exc.status_code,
        detail=detail,
        headers=dict(exc.headers) if exc.headers is not None else None,
    )


def integrity_problem(_handler: ExceptionHandler, _request: Request, _exc: IntegrityError) -> Problem:
    """Two writers creating the same slug at once: the second loses and may simply retry."""
    return Conflict(
        "Another write changed the same records at the same moment, so nothing was changed. Retry the request."
    )


def database_unavailable(
    _handler: ExceptionHandler, request: Request, exc: OperationalError | PoolTimeoutError
) -> Problem:
    """The database is down or restarting, cancelled a statement that ran too long, or every pooled
    connection stayed busy past the pool timeout."""
    logger.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
    return Problem(
        title="Service unavailable",
        type_="database-unavailable",
        status=503,
        detail="The database did not answer in time. Retry in a few seconds.",
        headers={"Retry-After": "5"},
    )


def log_unexpected(request: Request, exc: Exception) -> None:
    expected = (
        Problem,
        HTTPException,
        RequestValidationError,
        IntegrityError,
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
            OperationalError: database_unavailable,
            PoolTimeoutError: database_unavailable,
        },
        pre_hooks=[log_unexpected],
        post_hooks=[add_request_id],
    )
    for exception_type in (
        Exception,
        Problem,
        HTTPException,
        RequestValidationError,
        IntegrityError,
        OperationalError,
    ):
        app.add_exception_handler(exception_type, handler)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problems an operation can return, for `responses=`."""
    responses: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        model = ValidationProblemDetails if status == 422 else ProblemDetails
        responses[status] = {
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}},
        }
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
