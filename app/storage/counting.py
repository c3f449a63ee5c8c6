"""Counting the rows a list's statement selects: exactly, or from the planner's estimate.

An exact count reads every matching row, which is what a page avoids; PostgreSQL's planner already
has an estimate from its table statistics (`EXPLAIN`), free and usually within a few percent for
plain filters. SQLite keeps no such statistics, so there an estimate is the exact count.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Select, func, select
from sqlmodel import Session


def exact_count(session: Session, statement: Select[Any]) -> int:
    counted = select(func.count()).select_from(statement.order_by(None).limit(None).subquery())
    return int(session.execute(counted).scalar_one())


def estimated_count(session: Session, statement: Select[Any]) -> tuple[int, bool]:
    """The planner's row estimate and False on PostgreSQL; the exact count and True elsewhere."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return exact_count(session, statement), True
    compiled = (
        statement.order_by(None)
        .limit(None)
        .compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    )
    return int(query_plan(connection, compiled.string, compiled.params)["Plan Rows"]), False


def query_plan(connection: Connection, sql: str, parameters: Mapping[str, Any]) -> dict[str, Any]:
    """PostgreSQL's plan of a statement (`EXPLAIN (FORMAT JSON)`, its top node), without running it."""
    plan = connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {sql}", parameters).scalar_one()
    top: dict[str, Any] = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
    return top
