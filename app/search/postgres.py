"""PostgreSQL: the expanded query as `tsquery`s, matched against the generated `search_vector` column
(a row's own text: title A, text B) and `context_vector` (its context), each with its GIN index.

A one-term query is matched in the own text alone, exactly as before context existed, so its plan
and cost are unchanged. With several terms, each must be in the own text or the context, and at
least one in the own text; the context adds a quarter of its rank to the score. Excluded terms are
looked for in the own text, the text a reader sees.
"""

from __future__ import annotations

from math import ceil
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    FromClause,
    Integer,
    Select,
    String,
    and_,
    any_,
    bindparam,
    func,
    literal_column,
    not_,
    or_,
    select,
)
from sqlmodel import Session

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
    """The rows' storage order: the primary key, by which `window_ids` finds the newest matches."""
    key: ColumnElement[Any] = documents.c.id
    return key


FIRST_SPAN = 32
"""The first look covers the newest `FIRST_SPAN` × window ids: enough for a word in one row in 32."""
SPAN_MARGIN = 1.5
MAX_LOOKS = 6


def window_restriction(ids_key: str) -> ColumnElement[bool]:
    """The rows `window_ids` found, given as one array parameter."""
    listed: ColumnElement[bool] = documents.c.id == any_(bindparam(ids_key, type_=ARRAY(Integer)))
    return listed


def window_ids(
    session: Session, newest: Select[Any], values: dict[str, Any], rows: int, floor_key: str
) -> list[int] | None:
    """The ids of the newest `rows` matches, or None when they are better matched in the statement.

    `newest` selects the ids of matches above the id `floor_key`, newest first. Left to itself, the
    planner walks the primary key backwards and tests each row's `tsvector` on the way, a test it
    costs as if it were free: for a word in 2.7% of 313,000 search rows, 36,000 rows and 75,000
    buffers read, 64 ms, for 1,001 hits. Intersecting the bitmaps of the GIN index and of a range of
    the primary key finds the same ids in a few milliseconds (bench/README.md, issue 15). So, for
    this statement only, plain index scans are off (bitmap scans remain) and each execution is
    planned for its own values; the range starts at the newest ids and widens until it holds
    `rows` matches or reaches the oldest.
    """
    newest_id = session.execute(
        select(
            func.set_config("enable_indexscan", "off", True),
            func.set_config("plan_cache_mode", "force_custom_plan", True),
            select(func.max(documents.c.id)).scalar_subquery(),
        )
    ).one()[2]
    found = [] if newest_id is None else _widening(session, newest, values, rows, floor_key, newest_id)
    session.execute(  # a failed statement needs no reset: the transaction's rollback undoes SET LOCAL
        select(
            func.set_config("enable_indexscan", "on", True), func.set_config("plan_cache_mode", "auto", True)
        )
    )
    return found


def _widening(
    session: Session, newest: Select[Any], values: dict[str, Any], rows: int, floor_key: str, newest_id: int
) -> list[int] | None:
    span = FIRST_SPAN * rows
    for _ in range(MAX_LOOKS):
        floor = newest_id - span if span < newest_id else None
        found = list(session.scalars(newest, values | {floor_key: -1 if floor is None else floor}))
        if len(found) >= rows or floor is None:
            return found
        # As many more ids as the matches' density so far says the window needs, and a margin.
        span = ceil(rows * span / len(found) * SPAN_MARGIN) if found else span * 16
    return None
