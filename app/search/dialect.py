"""The one switch between the stores' full-text engines."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import ColumnElement, FromClause
from sqlmodel import Session

from app.search import postgres, sqlite
from app.search.patterns import ExpandedQuery


class FullTextEngine(Protocol):
    def matching(
        self, query: ExpandedQuery, key: str = ...
    ) -> tuple[FromClause, ColumnElement[bool], ColumnElement[Any]]: ...

    def match_shape(self, query: ExpandedQuery) -> tuple[Any, ...]: ...

    def match_values(self, query: ExpandedQuery, key: str = ...) -> dict[str, Any]: ...

    def window_key(self) -> ColumnElement[Any]: ...


def engine_for(session: Session) -> FullTextEngine:
    name = session.get_bind().dialect.name
    module: Any = sqlite if name == "sqlite" else postgres
    return module  # type: ignore[no-any-return]
