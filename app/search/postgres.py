"""PostgreSQL: the expanded query as `tsquery`s, matched against the generated `search_vector` column
(a row's own text: title A, text B) and `context_vector` (its context), each with its GIN index.

A one-term query is matched in the own text alone, exactly as before context existed, so its plan
and cost are unchanged. With several terms, each must be in the own text or the context, and at
least one in the own text; the context adds a quarter of its rank to the score. Excluded terms are
looked for in the own text, the text a reader sees.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, FromClause, String, and_, bindparam, func, literal_column, not_, or_

from app.models import SearchDocument
from app.search.patterns import ExpandedQuery, Pattern

documents = SearchDocument.__table__  # type: ignore[attr-defined]
SIMPLE: ColumnElement[Any] = literal_column("'simple'::regconfig")
VECTOR: ColumnElement[Any] = literal_column("search_documents.search_vector")
CONTEXT: ColumnElement[Any] = literal_column("search_documents.context_vector")
CONTEXT_RANK = 0.25
"""The context's rank counts this much of the text's: ts_rank_cd's own weights D against B."""


def pattern_expression(pattern: Pattern) -> str:
    """Terms hold word characters only, so single quotes are all the escaping `to_tsquery` needs."""
    if pattern.prefix:
        return f"'{pattern.terms[0]}':*"
    return " <-> ".join(f"'{term}'" for term in pattern.terms)


def any_of(patterns: list[Pattern]) -> str:
    return "(" + " | ".join(pattern_expression(p) for p in patterns) + ")"


def tsquery_text(query: ExpandedQuery) -> str:
    """The query as one tsquery over the own text: every group, no excluded term."""
    parts = [any_of(group) for group in query.required]
    parts += [f"!{any_of(group)}" for group in query.excluded]
    return " & ".join(parts)


def _parts(query: ExpandedQuery) -> tuple[str, list[str], str | None]:
    """Any positive term (ranks, and must be in the own text), each group, and the excluded terms."""
    anyone = any_of(query.all_positive())
    excluded = " | ".join(any_of(group) for group in query.excluded) or None
    return anyone, [any_of(group) for group in query.required], excluded


def describe(query: ExpandedQuery) -> str:
    """What `matching` runs, written out for `/v1/search/explain`."""
    if len(query.required) == 1:
        return f"search_vector @@ '{tsquery_text(query)}'"
    anyone, groups, excluded = _parts(query)
    conditions = [f"search_vector @@ '{anyone}'"]
    conditions += [f"(search_vector @@ '{g}' OR context_vector @@ '{g}')" for g in groups]
    if excluded:
        conditions.append(f"NOT search_vector @@ '{excluded}'")
    return " AND ".join(conditions)


def _tsquery(text: str, key: str) -> ColumnElement[Any]:
    return func.to_tsquery(SIMPLE, bindparam(key, text, type_=String))


def match_shape(query: ExpandedQuery) -> tuple[Any, ...]:
    """What the statement `matching` builds depends on, beside its parameters: how many term groups
    the query has, and whether it excludes any."""
    return (len(query.required), bool(query.excluded))


def match_values(query: ExpandedQuery, key: str = "ts_query") -> dict[str, Any]:
    """The parameters of `matching`'s condition, by name: a statement built for one query of the same
    `match_shape` runs any other with these."""
    if len(query.required) == 1:
        return {key: tsquery_text(query)}
    anyone, groups, excluded = _parts(query)
    values = {key: anyone} | {f"{key}_{number}": group for number, group in enumerate(groups)}
    return values | ({f"{key}_not": excluded} if excluded else {})


def matching(
    query: ExpandedQuery, key: str = "ts_query"
) -> tuple[FromClause, ColumnElement[bool], ColumnElement[Any]]:
    """FROM clause, WHERE condition and score (higher is better) of the documents matching the query
    (`key` names its parameters, for statements that match several queries)."""
    values = match_values(query, key)
    if len(query.required) == 1:
        own = _tsquery(values[key], key)
        return documents, VECTOR.op("@@")(own), func.ts_rank_cd(VECTOR, own)
    ranked = _tsquery(values[key], key)
    conditions: list[ColumnElement[bool]] = [VECTOR.op("@@")(ranked)]
    for number in range(len(query.required)):
        wanted = _tsquery(values[f"{key}_{number}"], f"{key}_{number}")
        conditions.append(or_(VECTOR.op("@@")(wanted), CONTEXT.op("@@")(wanted)))
    if f"{key}_not" in values:
        conditions.append(not_(VECTOR.op("@@")(_tsquery(values[f"{key}_not"], f"{key}_not"))))
    score = func.ts_rank_cd(VECTOR, ranked) + CONTEXT_RANK * func.ts_rank_cd(CONTEXT, ranked)
    return documents, and_(*conditions), score


def window_key() -> ColumnElement[Any]:
    """The rows' storage order: the primary key, which the planner walks backwards for a common word
    (stopping at the window) and sorts a GIN bitmap's few rows by for a rarer one."""
    key: ColumnElement[Any] = documents.c.id
    return key
