"""Counting the rows a list's statement selects: exactly, or from the planner's estimate.

An exact count reads every matching row, which is what a page avoids; PostgreSQL's planner already
has an estimate from its table statistics (`EXPLAIN`), free and usually within a few percent for
plain filters. SQLite keeps no such statistics, so there an estimate is the exact count.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Select, func, select
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
    plan = connection.exec_driver_sql(
        f"EXPLAIN (FORMAT JSON) {compiled.string}", compiled.params
    ).scalar_one()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"]), False
