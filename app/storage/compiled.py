"""Statements compiled once for a dialect, for the reads that hand SQL to the driver themselves."""

from __future__ import annotations

from functools import lru_cache
from typing import cast

from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler


@lru_cache(maxsize=256)
def compiled_once(statement: ClauseElement, dialect: Dialect) -> SQLCompiler:
    """A statement built once per shape (app/kit/statements.py), compiled once: its SQL for the
    driver, its expanding parameters rendered per execution (`construct_expanded_state`)."""
    return cast(SQLCompiler, statement.compile(dialect=dialect))
