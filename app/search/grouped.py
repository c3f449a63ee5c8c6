"""`/v1/search?group=interview`: one hit per interview that holds every word of the query somewhere
(title, summary, any question or answer), ranked by its best-matching part, with its best-matching
answers attached (`top_answers`, with snippets)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from sqlalchemy import Float, cast, func, select
from sqlmodel import Session, col

from app.kit.pagination import SortKey, apply_keyset, split_page
from app.models import Interview
from app.search.dialect import engine_for
from app.search.facets import published_ranges
from app.search.hits import hits_of, look_up
from app.search.patterns import ExpandedQuery
from app.search.repository import (
    HIT_COLUMNS,
    SearchFilters,
    documents,
    expanded_query,
    filter_conditions,
    interviews_matching,
)
from app.search.schemas import FacetCount, HitType, SearchFacets, SearchPage

TOP_ANSWERS = 3
"""Best-matching answers shown with each interview."""
PARTS = [HitType.interview, HitType.question, HitType.answer]


def interview_hits(
    session: Session, text: str, filters: SearchFilters, *, sort: str, cursor: str | None, limit: int
) -> SearchPage:
    query = expanded_query(session, text, filters.language)
    empty = SearchFacets(type=[], speaker=[], topic=[], year=[], published=[])
    if query is None:
        return SearchPage(items=[], next_cursor=None, total=0, facets=empty)
    # Parts are ranked by any word of the query (in their own text); the interview must hold them all.
    any_word = ExpandedQuery(required=[query.all_positive()], excluded=[])
    source, matches, score = engine_for(session).matching(any_word, "any_word")
    part_filters = SearchFilters(**{**vars(filters), "types": PARTS})
    parts = (
        select(
            *HIT_COLUMNS,
            score.label("score"),
        )
        .select_from(source)
        .where(
            matches,
            documents.c.interview_id.in_(interviews_matching(session, text)),
            *filter_conditions(part_filters),
        )
        .cte("parts")
        .prefix_with("MATERIALIZED")
    )
    published = func.coalesce(col(Interview.published_at), "")
    per_interview = (
        select(
            parts.c.interview_id.label("id"),
            # double precision on every store: PostgreSQL ranks in `real`, which a cursor's value (a
            # Python float) would be compared with as a rounded `numeric`
            cast(func.max(parts.c.score), Float).label("score"),
            func.max(parts.c.language).label("language"),
            func.max(published).label("published"),
            func.substr(func.max(published), 1, 7).label("month"),
        )
        .join(Interview, col(Interview.id) == parts.c.interview_id)
        .group_by(parts.c.interview_id)
        .cte("per_interview")
    )
    if sort == "relevance":
        key = SortKey("relevance", per_interview.c.score, per_interview.c.id, descending=True)
    else:
        key = SortKey(sort, per_interview.c.published, per_interview.c.id, descending=sort.startswith("-"))
    page_rows = session.execute(
        apply_keyset(
            select(
                per_interview.c.id,
                per_interview.c.score,
                per_interview.c.language,
                key.expression.label("sort_value"),
            ),
            key,
            cursor,
            limit,
        )
    ).all()
    rows, next_cursor = split_page(list(page_rows), key, limit)
    months: dict[str, int] = {
        month: count
        for month, count in session.execute(
            select(per_interview.c.month, func.count())
            .where(per_interview.c.month != "")
            .group_by(per_interview.c.month)
        )
    }
    total = session.execute(select(func.count()).select_from(per_interview)).scalar_one()
    interview_rows = [
        SimpleNamespace(
            kind="interview",
            interview_id=row.id,
            question_id=None,
            answer_id=None,
            speaker_id=None,
            language=row.language,
            score=row.score,
        )
        for row in rows
    ]
    best = _top_answers(session, parts, [row.id for row in rows])
    # One lookup for the page's interviews and all their top answers, not one per interview.
    found = look_up(session, [*interview_rows, *(answer for answers in best.values() for answer in answers)])
    items = hits_of(session, interview_rows, any_word, found)
    for item in items:
        item.top_answers = hits_of(session, best.get(item.id, []), any_word, found)
    years: dict[str, int] = {}
    for month, count in months.items():
        years[month[:4]] = years.get(month[:4], 0) + count
    return SearchPage(
        items=items,
        next_cursor=next_cursor,
        total=total,
        facets=SearchFacets(
            type=[FacetCount(value="interview", count=total)] if total else [],
            speaker=[],
            topic=[],
            year=[FacetCount(value=year, count=count) for year, count in sorted(years.items(), reverse=True)],
            published=published_ranges(months),
        ),
    )


def _top_answers(session: Session, parts: Any, interview_ids: list[int]) -> dict[int, list[Any]]:
    """The best-matching answers of each of these interviews, best first."""
    if not interview_ids:
        return {}
    rank = (
        func.row_number()
        .over(partition_by=parts.c.interview_id, order_by=(parts.c.score.desc(), parts.c.id))
        .label("rank")
    )
    ranked = (
        select(*parts.c, rank)
        .where(parts.c.kind == "answer", parts.c.interview_id.in_(interview_ids))
        .subquery()
    )
    best: dict[int, list[Any]] = {}
    for row in session.execute(
        select(ranked).where(ranked.c.rank <= TOP_ANSWERS).order_by(ranked.c.interview_id, ranked.c.rank)
    ):
        best.setdefault(row.interview_id, []).append(row)
    return best
