"""Entity tags and `If-Match`: a write states which version it read, and a stale one changes nothing.

The tag of a view is a hash of its JSON body, so any write that changes what a view shows (even a
speaker renamed elsewhere) changes its tag. The caching middleware tags GET responses with this
same function, so the `ETag` a client read is what it sends back in `If-Match`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi_problem.error import StatusProblem
from pydantic import TypeAdapter

from app.http.conditional import etag_for


class PreconditionFailed(StatusProblem):
    title = "Precondition failed"
    type_ = "precondition-failed"
    status = 412


def view_etag(view: Any) -> str:
    """The tag of a response model as FastAPI would serialise it."""
    return etag_for(TypeAdapter(type(view)).dump_json(view))


def check_if_match(if_match: str | None, current_view: Callable[[], Any] | None, what: str) -> None:
    """`If-Match: *` needs the resource to exist; a list of tags needs one to be the current one.

    `current_view` builds the view the client read (None when the resource does not exist); it is
    called only when the request has `If-Match`, so unconditional writes skip building it."""
    if if_match is None:
        return
    tags = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if current_view is None:
        raise PreconditionFailed(f"{what} does not exist, so If-Match cannot match.")
    if "*" in tags:
        return
    if view_etag(current_view()) not in tags:
        raise PreconditionFailed(
            f"{what} has changed since you read it (its ETag is no longer {if_match}). "
            "Read it again and retry with the new ETag."
        )
