"""SQLite FTS5: the expanded query as a MATCH expression, and the ranked match over `search_index`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, FromClause, bindparam, column, func, literal_column, table

from app.models import SearchDocument
from app.search.patterns import ExpandedQuery, Pattern

TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0

search_index = table("search_index", column("rowid"))
documents = SearchDocument.__table__  # type: ignore[attr-defined]


def pattern_expression(pattern: Pattern) -> str:
    """Terms hold word characters only, so quoting them is all the escaping FTS5 needs."""
    quoted = '"' + " ".join(pattern.terms) + '"'
    return f"{quoted} *" if pattern.prefix else quoted


def any_of(patterns: list[Pattern]) -> str:
    return "(" + " OR ".join(pattern_expression(p) for p in patterns) + ")"


def match_expression(query: ExpandedQuery) -> str:
    expression = " AND ".join(any_of(group) for group in query.required)
    for group in query.excluded:
        expression = f"({expression}) NOT {any_of(group)}"
    return expression


def matching(query: ExpandedQuery) -> tuple[FromClause, ColumnElement[bool], ColumnElement[Any]]:
    """FROM clause, WHERE condition and score (higher is better) of the documents matching the query."""
    source = search_index.join(documents, documents.c.id == search_index.c.rowid)
    condition = literal_column("search_index").op("MATCH")(bindparam("fts_match", match_expression(query)))
    score = -func.bm25(literal_column("search_index"), TITLE_WEIGHT, BODY_WEIGHT)
    return source, condition, score
