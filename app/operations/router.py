"""Liveness and readiness for orchestrators and load balancers."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.errors import NotReady, problem_responses
from app.storage.migrations import current_revision, head_revision
from app.storage.sessions import get_engine

router = APIRouter(tags=["operations"])


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    status: Literal["ready"] = "ready"
    database: Literal["ok"] = "ok"
    schema_revision: str | None


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
    "problem, so a load balancer sends no traffic here.",
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
    return Readiness(schema_revision=revision)
