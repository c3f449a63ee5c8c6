"""The one switch between the stores' full-text engines."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import ColumnElement, FromClause, Select
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

    def window_restriction(self, ids_key: str) -> ColumnElement[bool]: ...

    def window_ids(
        self,
        session: Session,
        query: ExpandedQuery,
        newest: Select[Any],
        values: dict[str, Any],
        rows: int,
        floor_key: str,
    ) -> list[int] | None: ...


def engine_for(session: Session) -> FullTextEngine:
    name = session.get_bind().dialect.name
    module: Any = sqlite if name == "sqlite" else postgres
    return module  # type: ignore[no-any-return]
