"""Entity tags and `If-Match`: a write states which version it read, and a stale one changes nothing.

The tag of a view is a hash of its JSON body, so any write that changes what a view shows (even a
speaker renamed elsewhere) changes its tag. The caching middleware tags GET responses with this
same function, so the `ETag` a client read is what it sends back in `If-Match`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Header
from pydantic import TypeAdapter
from sqlmodel import Session

from app.errors import PreconditionFailed, problem_responses
from app.http.conditional import etag_for
from app.kit.lookup import RowT, get_or_404


def view_etag(view: Any) -> str:
    """The tag of a view: a body as sent (bytes), or a response model as FastAPI would serialise it."""
    if isinstance(view, bytes):
        return etag_for(view)
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


def if_match_header(read: str) -> Any:
    """The `If-Match` header of a write (`Annotated[str | None, if_match_header(…)]`), described for
    what the client `read`."""
    return Header(
        description=f"The `ETag` {read}; a stale one gives 412 and changes nothing.",
        examples=['"3f2a9c0d6b1e4a7f8c5d2e1b0a9f8e7d"'],
    )


WRITE_PROBLEMS = problem_responses(401, 403, 404, 409, 412, 413, 422, 429)
"""What a write can answer besides its success."""


def locked_for_change(
    session: Session,
    model: type[RowT],
    ref: str,
    what: str,
    if_match: str | None,
    view: Callable[[RowT], Any],
) -> RowT:
    """The row a PATCH or DELETE names, locked for the rest of the transaction, once `If-Match` (if
    sent) names the version the client read: the check and the change see the same row."""
    row = get_or_404(session, model, ref, what, for_update=True)
    check_if_match(if_match, lambda: view(row), f"The {what}")
    return row
