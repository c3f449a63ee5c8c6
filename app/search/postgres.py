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
from app.search.lexeme_stats import most_matches
from app.search.patterns import ExpandedQuery, Pattern
from app.storage.compiled import compiled_once, expanded
from app.storage.counting import query_plan

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


COMMON_SHARE = 0.05
"""A query the planner expects in this share of the rows or more fills the window within the newest
rows / COMMON_SHARE of them, and walking them backwards is the quicker way there."""
FEW_WINDOWS = 4
"""A query the planner expects in at most this many windows of rows: its GIN bitmap is small, and the
planner takes it."""
SPAN_MARGIN = 1.5
MAX_LOOKS = 6


def window_restriction(ids_key: str) -> ColumnElement[bool]:
    """The rows `window_ids` found, given as one array parameter."""
    listed: ColumnElement[bool] = documents.c.id == any_(bindparam(ids_key, type_=ARRAY(Integer)))
    return listed


def window_ids(
    session: Session,
    query: ExpandedQuery,
    newest: Select[Any],
    values: dict[str, Any],
    rows: int,
    floor_key: str,
) -> list[int] | None:
    """The ids of the newest `rows` matches, or None where the ranked statement finds them as fast.

    `newest` selects the ids of matches above the id `floor_key`, newest first. Left to itself, the
    planner walks the primary key backwards and tests each row's `tsvector` on the way, a test it
    costs as if it were free: for a word in 2.7% of 313,000 search rows, 36,000 rows and 75,000
    buffers read, 64 ms, for 1,001 hits. Intersecting the bitmaps of the GIN index and of a range of
    the newest ids finds the same ids in a few milliseconds (bench/README.md, issue 15). So for a
    query that may match more than a few windows of rows (`FEW_WINDOWS`: by the planner's estimate,
    or for several words by `most_matches`) and that the planner does not expect in many
    (`COMMON_SHARE`), plain index scans are turned off for this statement (bitmap scans remain),
    each execution is planned for its own values, and the range, sized by that estimate, widens
    until it holds `rows` matches or reaches the oldest row.
    """
    expected, newest_id = _expected_matches(session, newest, values | {floor_key: -1})
    if newest_id is None or expected >= COMMON_SHARE * newest_id:
        return None
    # Several words may go together far more often than the planner's estimate, which takes them as
    # independent, says: whether they may fill a few windows is judged by how many rows can match.
    most = most_matches(session, query)
    at_most = expected if most is None else max(most, expected)
    if at_most <= FEW_WINDOWS * rows:
        return None
    # The settings as they were, read in the statement that changes them, and put back after: a server,
    # database or role may have its own, which the rest of the search keeps.
    prior = (
        select(
            func.current_setting("enable_indexscan").label("indexscan"),
            func.current_setting("plan_cache_mode").label("cache_mode"),
        )
        .offset(0)  # a subquery of its own: its row is read before the outer columns change them
        .subquery("prior")
    )
    indexscan, cache_mode = session.execute(
        select(
            prior.c.indexscan,
            prior.c.cache_mode,
            func.set_config("enable_indexscan", "off", True),
            func.set_config("plan_cache_mode", "force_custom_plan", True),
        )
    ).one()[:2]
    span = ceil(rows * newest_id / at_most * SPAN_MARGIN)
    found = _widening(session, newest, values, rows, floor_key, newest_id, span)
    session.execute(  # a failed statement needs no reset: the transaction's rollback undoes SET LOCAL
        select(
            func.set_config("enable_indexscan", indexscan, True),
            func.set_config("plan_cache_mode", cache_mode, True),
        )
    )
    return found


def _expected_matches(
    session: Session, newest: Select[Any], values: dict[str, Any]
) -> tuple[float, int | None]:
    """The planner's estimate of the query's matches (the rows of the scan under the limit and its
    sort), and the newest search row's id."""
    connection = session.connection()
    rendered = expanded(compiled_once(newest, connection.dialect), values)
    node = query_plan(connection, rendered.statement, rendered.parameters)
    while node["Node Type"] in ("Limit", "Sort", "Incremental Sort") and node.get("Plans"):
        node = node["Plans"][0]
    newest_id = session.scalar(select(func.max(documents.c.id)))
    return float(node["Plan Rows"]), newest_id


def _widening(
    session: Session,
    newest: Select[Any],
    values: dict[str, Any],
    rows: int,
    floor_key: str,
    newest_id: int,
    span: int,
) -> list[int] | None:
    for _ in range(MAX_LOOKS):
        floor = newest_id - span if span < newest_id else None
        found = list(session.scalars(newest, values | {floor_key: -1 if floor is None else floor}))
        if len(found) >= rows or floor is None:
            return found
        # As many more ids as the matches' density so far says the window needs, and a margin.
        span = ceil(rows * span / len(found) * SPAN_MARGIN) if found else span * 16
    return None
