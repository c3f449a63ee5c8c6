"""`/v1/changes`: every create, update and delete of an interview, speaker or topic, in commit order."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.auth.dependencies import ReadAccess
from app.changes import repository
from app.changes.schemas import ChangePage
from app.errors import problem_responses
from app.kit.pagination import url_with
from app.kit.sessions import SessionDep

router = APIRouter(prefix="/v1/changes", tags=["feeds"], dependencies=[ReadAccess])

DEFAULT_CHANGES_LIMIT = 100
MAX_CHANGES_LIMIT = 1000

SinceParam = Annotated[
    str | None,
    Query(
        max_length=100,
        description="The `next_cursor` of the previous poll; omit it to start from the first change.",
        examples=[None],
    ),
]
ChangesLimitParam = Annotated[
    int,
    Query(
        ge=1, le=MAX_CHANGES_LIMIT, description=f"Changes per page: 1 to {MAX_CHANGES_LIMIT}.", examples=[100]
    ),
]


@router.get(
    "",
    operation_id="listChanges",
    summary="List changes since a cursor, in commit order",
    description="Each change is listed once, in commit order: store `next_cursor` and pass it as `since` "
    "on the next poll. A `delete` is a tombstone: the entity is gone, the change stays. Poll again at "
    "once while `has_more` is true, otherwise after a pause.",
    responses=problem_responses(422),
)
def list_changes(
    request: Request,
    response: Response,
    session: SessionDep,
    since: SinceParam = None,
    limit: ChangesLimitParam = DEFAULT_CHANGES_LIMIT,
) -> ChangePage:
    """A poller never skips a change that commits late: `seq` is handed out at commit time under a row
    lock on `change_sequence`, so numbers become visible in commit order with no gap (see the
    docstring of `app.storage.change_log`). Reading `seq > since` is therefore enough.
    """
    after = repository.decode_change_cursor(since)
    items, has_more = repository.changes_after(session, after, limit)
    next_cursor = repository.encode_change_cursor(items[-1].seq if items else after)
    if has_more:
        response.headers["Link"] = f'<{url_with(request, "since", next_cursor)}>; rel="next"'
    return ChangePage(items=items, next_cursor=next_cursor, has_more=has_more)
