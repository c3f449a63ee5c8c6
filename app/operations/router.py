"""Liveness and readiness for orchestrators and load balancers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.errors import NotReady, problem_responses
from app.storage.migrations import current_revision, head_revision
from app.storage.replica import ReplicaStatus, format_position
from app.storage.sessions import get_engine, replica_monitor

router = APIRouter(tags=["operations"])


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class ReplicaReport(BaseModel):
    """The read replica as this process last saw it (checked every REPLICA_CHECK_SECONDS)."""

    status: ReplicaStatus = Field(
        description="`streaming` or `paused` (replay paused, still within the lag bound): reads go "
        "there; `lagging` (beyond REPLICA_MAX_LAG_SECONDS), `down` or `unchecked`: reads go to the primary."
    )
    reads_to: Literal["replica", "primary"]
    lag_seconds: float | None = Field(
        default=None, description="How long the replica has been missing WAL the primary had written."
    )
    lag_bytes: int | None = Field(default=None, description="WAL written on the primary, not yet replayed.")
    replayed_position: str | None = Field(default=None, description="The replica's replay position (LSN).")
    checked_at: datetime | None = None
    error: str | None = Field(default=None, description="Why the replica is `down`.")


class Readiness(BaseModel):
    status: Literal["ready"] = "ready"
    database: Literal["ok"] = "ok"
    schema_revision: str | None
    replica: ReplicaReport | None = Field(
        default=None,
        description="Present when DATABASE_READ_URL names a replica. The service stays ready while the "
        "replica is away: the primary serves the reads.",
    )


@router.get(
    "/healthz",
    operation_id="getHealth",
    summary="The process is up",
    description="Answers 200 while the process serves requests; it does not touch the database.",
)
def healthz() -> Health:
    return Health()


@router.get(
    "/readyz",
    operation_id="getReadiness",
    summary="The database answers and its schema is current",
    description="200 when the database answers and its schema is at the latest migration; otherwise a 503 "
    "problem, so a load balancer sends no traffic here. With a read replica, also where reads go and how "
    "far behind the replica is.",
    responses=problem_responses(503),
)
def readyz() -> Readiness:
    engine = get_engine()
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        revision = current_revision(engine)
    except SQLAlchemyError as error:
        raise NotReady("The database does not answer.") from error
    expected = head_revision()
    if revision != expected:
        raise NotReady(f"The database schema is at {revision}, not {expected}: run `interviews migrate`.")
    return Readiness(schema_revision=revision, replica=replica_report())


def replica_report() -> ReplicaReport | None:
    monitor = replica_monitor()
    if monitor is None:
        return None
    state = monitor.state
    return ReplicaReport(
        status=state.status,
        reads_to="replica" if state.usable else "primary",
        lag_seconds=state.lag_seconds,
        lag_bytes=state.lag_bytes,
        replayed_position=format_position(state.replayed) if state.replayed is not None else None,
        checked_at=datetime.fromtimestamp(state.checked_at, UTC) if state.checked_at else None,
        error=state.error,
    )
