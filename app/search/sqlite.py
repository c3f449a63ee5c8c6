"""SQLite FTS5: the expanded query as a MATCH expression, and the ranked match over `search_index`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, FromClause, Join, Select, bindparam, column, func, literal_column, table
from sqlalchemy.ext.compiler import compiles
from sqlmodel import Session

from app.models import SearchDocument
from app.search.patterns import ExpandedQuery, Pattern

TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
CONTEXT_WEIGHT = 0.2
"""Who said it, the question, the interview's title and topics: found by, but ranked well below the text."""

search_index = table("search_index", column("rowid"))
documents = SearchDocument.__table__  # type: ignore[attr-defined]


def pattern_expression(pattern: Pattern) -> str:
    """Terms hold word characters only, so quoting them is all the escaping FTS5 needs."""
    quoted = '"' + " ".join(pattern.terms) + '"'
    return f"{quoted} *" if pattern.prefix else quoted


def any_of(patterns: list[Pattern]) -> str:
    return "(" + " OR ".join(pattern_expression(p) for p in patterns) + ")"


OWN_TEXT = "{title_terms body_terms}"
"""The columns of a row's own text: a hit has at least one query term there, the rest may be in its context."""


def match_expression(query: ExpandedQuery) -> str:
    own = (
        f"{OWN_TEXT} : ("
        + " OR ".join(pattern_expression(p) for group in query.required for p in group)
        + ")"
    )
    if len(query.required) == 1:
        expression = own  # one term: in the row's own text
    else:
        expression = " AND ".join([*(any_of(group) for group in query.required), own])
    for group in query.excluded:  # left out where a reader would see it: the own text
        expression = f"({expression}) NOT {OWN_TEXT} : {any_of(group)}"
    return expression


class IndexFirstJoin(Join):
    """`search_index CROSS JOIN search_documents`: SQLite's way of keeping the full-text index as the
    outer loop. Given a range of ids (the search window) and a filter on `kind`, its planner would
    otherwise walk an index of search_documents and probe the full-text index once per row."""

    inherit_cache = True


@compiles(IndexFirstJoin, "sqlite")
def _index_first_join(join: IndexFirstJoin, compiler: Any, **kw: Any) -> str:
    kw["asfrom"] = True
    left = compiler.process(join.left, **kw)
    right = compiler.process(join.right, **kw)
    return f"{left} CROSS JOIN {right} ON {compiler.process(join.onclause, **kw)}"


def match_shape(_query: ExpandedQuery) -> tuple[Any, ...]:
    """What the statement `matching` builds depends on, beside its parameters: here nothing, as the
    whole query is one MATCH expression."""
    return ()


def match_values(query: ExpandedQuery, key: str = "fts_match") -> dict[str, Any]:
    """The parameters of `matching`'s condition, by name: a statement built for one query of the same
    `match_shape` runs any other with these."""
    return {key: match_expression(query)}


def matching(
    query: ExpandedQuery, key: str = "fts_match"
) -> tuple[FromClause, ColumnElement[bool], ColumnElement[Any]]:
    """FROM clause, WHERE condition and score (higher is better) of the documents matching the query
    (`key` names its parameter, for statements that match several queries)."""
    source = IndexFirstJoin(search_index, documents, documents.c.id == search_index.c.rowid)
    condition = literal_column("search_index").op("MATCH")(bindparam(key, match_values(query, key)[key]))
    score = -func.bm25(literal_column("search_index"), TITLE_WEIGHT, BODY_WEIGHT, CONTEXT_WEIGHT)
    return source, condition, score


def window_key() -> ColumnElement[Any]:
    """The rows' storage order as the full-text index walks it: FTS5 returns rowids in either
    direction and seeks to a rowid range without reading the rest of the match."""
    return search_index.c.rowid


def window_restriction(ids_key: str) -> ColumnElement[bool]:
    """The rows of a list of ids (`window_ids` never gives one here)."""
    listed: ColumnElement[bool] = documents.c.id.in_(bindparam(ids_key, expanding=True))
    return listed


def window_ids(
    session: Session,
    query: ExpandedQuery,
    newest: Select[Any],
    values: dict[str, Any],
    rows: int,
    floor_key: str,
) -> list[int] | None:
    """None: FTS5 walks its rowids newest first and stops at the window, within the statement."""
    return None
