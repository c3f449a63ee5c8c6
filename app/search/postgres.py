"""PostgreSQL: the expanded query as a `tsquery`, matched against the generated `search_vector` column."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, FromClause, String, bindparam, func, literal_column

from app.models import SearchDocument
from app.search.patterns import ExpandedQuery, Pattern

documents = SearchDocument.__table__  # type: ignore[attr-defined]
SIMPLE: ColumnElement[Any] = literal_column("'simple'::regconfig")
VECTOR: ColumnElement[Any] = literal_column("search_documents.search_vector")


OWN_TEXT = "AB"
"""The weights of a row's own text (title A, text B; context is D): a hit has at least one query term
there, the rest may be in its context."""


def pattern_expression(pattern: Pattern, weights: str = "") -> str:
    """Terms hold word characters only, so single quotes are all the escaping `to_tsquery` needs."""
    if pattern.prefix:
        return f"'{pattern.terms[0]}':*{weights}"
    marker = f":{weights}" if weights else ""
    return " <-> ".join(f"'{term}'{marker}" for term in pattern.terms)


def any_of(patterns: list[Pattern]) -> str:
    return "(" + " | ".join(pattern_expression(p) for p in patterns) + ")"


def tsquery_text(query: ExpandedQuery) -> str:
    own = "(" + " | ".join(pattern_expression(p, OWN_TEXT) for group in query.required for p in group) + ")"
    parts = [own] if len(query.required) == 1 else [*(any_of(group) for group in query.required), own]
    parts += [f"!{any_of(group)}" for group in query.excluded]
    return " & ".join(parts)


def matching(
    query: ExpandedQuery, key: str = "ts_query"
) -> tuple[FromClause, ColumnElement[bool], ColumnElement[Any]]:
    """FROM clause, WHERE condition and score (higher is better) of the documents matching the query
    (`key` names its parameter, for statements that match several queries)."""
    tsquery = func.to_tsquery(SIMPLE, bindparam(key, tsquery_text(query), type_=String))
    return documents, VECTOR.op("@@")(tsquery), func.ts_rank_cd(VECTOR, tsquery)


def window_key() -> ColumnElement[Any]:
    """The rows' storage order: the primary key, which the planner walks backwards for a common word
    (stopping at the window) and sorts a GIN bitmap's few rows by for a rarer one."""
    key: ColumnElement[Any] = documents.c.id
    return key
