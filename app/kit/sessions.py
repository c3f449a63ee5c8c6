"""The request's one session: which kind it needs is decided here, once, from its method and path.

It is a function-scoped dependency, so it ends before the response is sent: a write commits (with
its change-log and audit rows) before its 2xx leaves, and a failed commit is an error response.
Everything the request reads, the API key lookup included, shares its one pooled connection.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import contextmanager
from typing import Annotated, ParamSpec, TypeVar

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import TypeAdapter, ValidationError
from sqlmodel import Session

from app.http.policies import policy_for
from app.http.read_your_writes import reads_primary, record_commit_position
from app.storage.sessions import (
    Access,
    CommitReceipt,
    blocks_on_open_or_close,
    open_session,
    reads_in_place,
    replica_monitor,
)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DRY_RUN_PATHS = frozenset({"/v1/imports"})
"""POSTs that only read when `dry_run` is true."""


def access_of(request: Request) -> Access:
    """Which session a request needs: decided here, once, from its method and path (the path as the
    middlewares see it, where the route policies are matched too)."""
    path = request.scope["path"]
    if request.method in SAFE_METHODS or (
        path in DRY_RUN_PATHS and _is_true(request.query_params.get("dry_run"))
    ):
        policy = policy_for(path)
        if policy.reads_primary or reads_primary(request.scope):
            return Access.primary
        return Access.single if policy.single_read and request.method != "POST" else Access.read
    return Access.write


_BOOLEAN = TypeAdapter(bool)


def _is_true(value: str | None) -> bool:
    """A query flag read as FastAPI reads it (`true`, `1`, `yes`, `on`…); anything else is false."""
    if value is None:
        return False
    try:
        return _BOOLEAN.validate_python(value)
    except ValidationError:
        return False


async def request_session(request: Request) -> AsyncIterator[Session]:
    """The request's one session; it ends (and a write commits) before the response is sent.

    Opened and closed without a hop to a worker thread where that costs no waiting on the event
    loop (`blocks_on_open_or_close`: a SQLite read opens nothing until used and ends locally);
    writes, and PostgreSQL reads whose rollback is a round trip, open and close in a worker thread.
    Each hop costs about as much as reading a whole stored interview.
    """
    access = access_of(request)
    receipt = CommitReceipt() if access is Access.write and replica_monitor() is not None else None
    manager = contextmanager(open_session)(access, receipt)
    if not blocks_on_open_or_close(access):
        with manager as session:
            yield session
        return
    session = await run_in_threadpool(manager.__enter__)
    try:
        yield session
    except BaseException as error:
        if not await run_in_threadpool(manager.__exit__, type(error), error, error.__traceback__):
            raise
    else:
        await run_in_threadpool(manager.__exit__, None, None, None)
        if receipt is not None and receipt.position is not None:
            record_commit_position(request.scope, receipt.position)


SessionDep = Annotated[Session, Depends(request_session, scope="function")]


Params = ParamSpec("Params")
Result = TypeVar("Result")


async def short_read(
    session: Session, read: Callable[Params, Result], *args: Params.args, **kwargs: Params.kwargs
) -> Result:
    """Run a short read of the request's session: in place where that waits on nothing (SQLite), in a
    worker thread where the database is a round trip away.

    For a stored interview, the hop to a thread cost more than the read, and under load the threads
    contend for the interpreter: at 16 connections, a route run in the thread pool served 456 cold
    interviews a second, the same read in place 959-1,288 (bench/README.md, issue 15).
    """
    if reads_in_place(session):
        return read(*args, **kwargs)
    return await run_in_threadpool(read, *args, **kwargs)


async def long_read(
    _session: Session, read: Callable[Params, Result], *args: Params.args, **kwargs: Params.kwargs
) -> Result:
    """Run a read that may take long (a text query, a count) in a worker thread, on any store, so the
    event loop goes on serving other requests meanwhile."""
    return await run_in_threadpool(read, *args, **kwargs)
