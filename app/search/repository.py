"""Running a search: the match, its filters, a ranked page, facets over all hits, then snippets."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    BindParameter,
    ColumnElement,
    Float,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    false,
    func,
    intersect,
    literal,
    literal_column,
    null,
    or_,
    select,
    union,
    union_all,
)
from sqlmodel import Session, col

from app.config import get_settings
from app.errors import InvalidRequest
from app.kit.filters import about_topics, ids_and_slugs, interview_ids_named
from app.kit.pagination import SortKey, keyset_template, keyset_values, split_page
from app.kit.statements import StatementCache
from app.models import (
    ChangeSequence,
    Interview,
    SearchDocument,
    Speaker,
)
from app.models.values import published_at_text
from app.search.dialect import FullTextEngine, engine_for
from app.search.facets import facet_ids, facet_parts, facets_from_counts
from app.search.hits import hits_of, look_up
from app.search.patterns import ExpandedQuery, Pattern, expand
from app.search.query import parse_query
from app.search.schemas import (
    HitType,
    SearchFacets,
    SearchPage,
)
from app.search.suggestions import forget_vocabularies, suggest
from app.storage.counting import estimated_count, exact_count

documents = SearchDocument.__table__  # type: ignore[attr-defined]
QUESTION_WEIGHT = 0.5
"""A question restates its topic in a few words, which term statistics reward; its answers hold the
substance readers look for, so a question hit counts half as much as an equally good answer hit."""
SEARCH_SORTS = ("relevance", "-published_at", "published_at")


@dataclass
class SearchFilters:
    types: list[HitType] = field(default_factory=lambda: list(HitType))
    speaker: list[str] | None = None
    topic: list[str] | None = None
    interview: list[str] | None = None
    language: list[str] | None = None
    published_from: date | None = None
    published_to: date | None = None
    has_media: bool | None = None


_languages_cache: dict[tuple[str, Any], tuple[str | None, ...]] = {}
DATA_VERSION = select(col(ChangeSequence.database_id), col(ChangeSequence.last_seq)).where(
    col(ChangeSequence.id) == 1
)


def forget_cached_languages() -> None:
    """For whoever resets a database behind the change log's back (the test suite): the languages and
    the vocabulary of suggestions are read again."""
    _languages_cache.clear()
    forget_vocabularies()


def searched_languages(session: Session, language: list[str] | None) -> tuple[str | None, ...]:
    """Languages whose stems a query word may have in the index: the filter's, or all stored ones.

    The stored ones only change with a write, so they are remembered until the change log moves on.
    """
    if language:
        return tuple(sorted(language))
    version = session.connection().execute(DATA_VERSION).first()
    key = (str(session.get_bind().engine.url), tuple(version) if version else None)
    cached = _languages_cache.get(key)
    if cached is None:
        stored = session.scalars(select(col(Interview.language)).distinct()).all()
        cached = tuple(sorted({value or "en" for value in stored} | {"en"}))
        _languages_cache.clear()
        _languages_cache[key] = cached
    return cached


def expanded_query(session: Session, text: str, language: list[str] | None) -> ExpandedQuery | None:
    parsed = parse_query(text)
    if parsed.is_empty:
        if parsed.excluded:
            raise InvalidRequest(
                f"The query {text.strip()[:100]!r} only says what to leave out, so it would match nothing: add a "
                "word to look for, as in 'trade -visa' or 'trade NOT visa'.",
                errors=[{"field": "q", "message": "only excluded terms", "type": "only_excluded"}],
            )
        return None
    return expand(parsed, searched_languages(session, language))


HIT_COLUMNS = (
    documents.c.id,
    documents.c.kind,
    documents.c.interview_id,
    documents.c.question_id,
    documents.c.answer_id,
    documents.c.speaker_id,
    documents.c.language,
)
"""What `hits_of` needs of each hit's search row (with a `score`)."""


@dataclass(frozen=True)
class FilterShape:
    """Which filters a search has (not their values): the statements built for one shape run for
    every search of it, with `filter_values` as parameters."""

    speaker: bool
    topic: bool
    interview: bool
    language: bool
    published_from: bool
    published_to: bool
    has_media: bool | None

    @classmethod
    def of(cls, filters: SearchFilters) -> FilterShape:
        return cls(
            speaker=bool(filters.speaker),
            topic=bool(filters.topic),
            interview=bool(filters.interview),
            language=bool(filters.language),
            published_from=filters.published_from is not None,
            published_to=filters.published_to is not None,
            has_media=filters.has_media,
        )


@lru_cache(maxsize=128)
def filter_template(shape: FilterShape) -> tuple[ColumnElement[bool], ...]:
    """The conditions of a filter shape, their values left as named parameters (`filter_values`)."""
    return tuple(_conditions(shape, {}))


def filter_conditions(filters: SearchFilters) -> list[ColumnElement[bool]]:
    """The filters' conditions with their values in them, for statements built per request."""
    return _conditions(FilterShape.of(filters), filter_values(filters))


def _conditions(shape: FilterShape, values: dict[str, Any]) -> list[ColumnElement[bool]]:
    def value(name: str, **options: Any) -> BindParameter[Any]:
        return bindparam(name, values.get(name), **options)

    c = documents.c
    conditions: list[ColumnElement[bool]] = [c.kind.in_(value("filter_types", expanding=True))]
    if shape.speaker:
        chosen = select(col(Speaker.id)).where(
            col(Speaker.slug).in_(value("filter_speakers", expanding=True))
        )
        conditions.append(c.speaker_id.in_(chosen))
    if shape.topic:
        conditions.append(about_topics(value("filter_topics", expanding=True), c.interview_id, c.question_id))
    if shape.interview:
        named = interview_ids_named(
            value("filter_interview_ids", expanding=True), value("filter_interview_slugs", expanding=True)
        )
        conditions.append(c.interview_id.in_(named))
    if shape.language:
        conditions.append(c.language.in_(value("filter_languages", expanding=True)))
    published = func.coalesce(c.published_at, "")
    if shape.published_from:
        conditions.append(published >= value("filter_published_from", type_=String))
    if shape.published_to:
        conditions.append(and_(published != "", published < value("filter_published_before", type_=String)))
    if shape.has_media is not None:
        media = col(Interview.media_url)
        with_media = select(col(Interview.id)).where(
            media.is_not(None) if shape.has_media else media.is_(None)
        )
        conditions.append(c.interview_id.in_(with_media))
    return conditions


def filter_values(filters: SearchFilters) -> dict[str, Any]:
    """The parameters of `filter_template(FilterShape.of(filters))`."""
    values: dict[str, Any] = {"filter_types": [t.value for t in filters.types]}
    if filters.speaker:
        values["filter_speakers"] = filters.speaker
    if filters.topic:
        values["filter_topics"] = filters.topic
    if filters.interview:
        values["filter_interview_ids"], values["filter_interview_slugs"] = ids_and_slugs(filters.interview)
    if filters.language:
        values["filter_languages"] = filters.language
    if filters.published_from is not None:
        values["filter_published_from"] = published_at_text(filters.published_from)
    if filters.published_to is not None:
        values["filter_published_before"] = published_at_text(filters.published_to + timedelta(days=1))
    return values


def search(
    session: Session, text: str, filters: SearchFilters, *, sort: str, cursor: str | None, limit: int
) -> SearchPage:
    """Hits holding every word of the query; when there are none, hits holding any of them (`relaxed`)
    and corrected queries that have hits (`suggestions`)."""
    query = expanded_query(session, text, filters.language)
    if query is None:
        return SearchPage(
            items=[],
            next_cursor=None,
            total=0,
            facets=SearchFacets(type=[], speaker=[], topic=[], year=[], published=[]),
        )
    page = ranked_hits(session, query, filters, sort=sort, cursor=cursor, limit=limit)
    if page.total:
        return page
    version = session.connection().execute(DATA_VERSION).first()
    suggestions = suggest(
        session,
        text,
        parse_query(text),
        tuple(version) if version else None,
        lambda q: has_hits(session, q, filters),
    )
    if len(query.required) > 1:
        anyone = ExpandedQuery(required=[query.all_positive()], excluded=query.excluded)
        page = ranked_hits(session, anyone, filters, sort=sort, cursor=cursor, limit=limit)
        page.relaxed = page.total > 0
    page.suggestions = suggestions
    return page


def has_hits(session: Session, text: str, filters: SearchFilters) -> bool:
    query = expanded_query(session, text, filters.language)
    if query is None:
        return False
    source, matches, _score = engine_for(session).matching(query)
    first = select(literal(1)).select_from(source).where(matches, *filter_conditions(filters)).limit(1)
    return session.execute(first).first() is not None


def total_of(session: Session, text: str, filters: SearchFilters, exact: bool) -> tuple[int, bool]:
    """Every hit of the query, not only the window's: counted, or the planner's estimate (PostgreSQL);
    and whether the figure is exact."""
    query = expanded_query(session, text, filters.language)
    if query is None:
        return 0, True
    source, matches, _score = engine_for(session).matching(query)
    statement = select(literal(1)).select_from(source).where(matches, *filter_conditions(filters))
    return (exact_count(session, statement), True) if exact else estimated_count(session, statement)


@dataclass(frozen=True)
class SearchShape:
    """What the statements of a ranked search depend on, beside their parameters."""

    store: str
    match: tuple[Any, ...]
    filters: FilterShape


@dataclass(frozen=True)
class RankedStatement:
    """A ranked page with its facet counts as one statement, and the sort keys of its rows."""

    statement: Any
    sort_key: SortKey
    page_key: SortKey


_ranked_statements: StatementCache[RankedStatement] = StatementCache()


def ranked_hits(
    session: Session,
    query: ExpandedQuery,
    filters: SearchFilters,
    *,
    sort: str,
    cursor: str | None,
    limit: int,
) -> SearchPage:
    full_text = engine_for(session)
    shape = SearchShape(
        session.get_bind().dialect.name, full_text.match_shape(query), FilterShape.of(filters)
    )
    window = get_settings().search_window
    values = {
        **full_text.match_values(query),
        **filter_values(filters),
        WINDOW: window,
        WINDOW_ROWS: window + 1,
    }
    ids = None
    if sort == "relevance":
        newest = _newest_statements.get(shape, lambda: _newest_ids(full_text, query, shape))
        ids = full_text.window_ids(session, query, newest, values, window + 1, WINDOW_FLOOR)
    by_ids = ids is not None
    ranked = _ranked_statements.get(
        (shape, sort, cursor is not None, by_ids),
        lambda: _ranked_statement(full_text, query, shape, sort, after=cursor is not None, by_ids=by_ids),
    )
    if by_ids:
        values[WINDOW_IDS] = ids
    rows: list[Any] = []
    counts: dict[str, list[tuple[str, int]]] = {
        "type": [],
        "speaker": [],
        "topic": [],
        "month": [],
        "window": [],
    }
    parameters = values | keyset_values(ranked.page_key, cursor, limit)
    for row in session.execute(ranked.statement, parameters):
        if row[0] == "hit":
            rows.append(row)
        else:
            counts[row[0]].append((str(row[1]), int(row[2])))
    page_rows, next_cursor = split_page(rows, ranked.sort_key, limit)
    found = look_up(session, page_rows, facet_ids(counts, "speaker"), facet_ids(counts, "topic"))
    facets, total = facets_from_counts(counts, found)
    return SearchPage(
        items=hits_of(session, page_rows, query, found),
        next_cursor=next_cursor,
        total=total,
        exact=all(matched <= window for _, matched in counts["window"]),
        facets=facets,
    )


WINDOW = "window"
WINDOW_ROWS = "window_rows"
WINDOW_IDS = "window_ids"
WINDOW_FLOOR = "window_floor"
_newest_statements: StatementCache[Select[Any]] = StatementCache()


def _newest_ids(full_text: FullTextEngine, query: ExpandedQuery, shape: SearchShape) -> Select[Any]:
    """The ids of a search's matches above the id `WINDOW_FLOOR`, newest first, up to `WINDOW_ROWS`:
    where a store finds its window's rows before ranking them (`window_ids`)."""
    source, matches, _score = full_text.matching(query)
    return (
        select(documents.c.id)
        .select_from(source)
        .where(
            matches, *filter_template(shape.filters), documents.c.id > bindparam(WINDOW_FLOOR, type_=Integer)
        )
        .order_by(documents.c.id.desc())
        .limit(bindparam(WINDOW_ROWS, type_=Integer))
    )


def _ranked_statement(
    full_text: FullTextEngine,
    query: ExpandedQuery,
    shape: SearchShape,
    sort: str,
    *,
    after: bool,
    by_ids: bool,
) -> RankedStatement:
    """The page of a ranked search and its facet counts, as one statement of named parameters (with
    `by_ids`, of the matches among the window's ids that the store found first, `WINDOW_IDS`)."""
    source, matches, text_score = full_text.matching(query)
    if by_ids:
        # The ids are matches, found in this transaction's snapshot: not matched again, which would
        # let the planner pick the text index again when it misjudges the words as rare (phrases).
        matches = full_text.window_restriction(WINDOW_IDS)
    score = text_score * case((documents.c.kind == "question", QUESTION_WEIGHT), else_=1.0)
    sort_key = _sort_key(sort, score)
    # Matched once: every hit with what the page and the facets need, materialised, then the page
    # (a keyset slice of it) and the facet counts read from it in the same statement. Ranking and
    # the join to the documents happen once, not once for the page and again for the facets.
    matched = (
        select(
            *HIT_COLUMNS,
            func.substr(documents.c.published_at, 1, 7).label("month"),
            score.label("score"),
            # The score is the relevance sort's key: computed once (bm25 is the costly part).
            *([] if sort == "relevance" else [sort_key.expression.label("sort_value")]),
        )
        .select_from(source)
        .where(matches, *filter_template(shape.filters))
    )
    window_parts: list[Any] = []
    if sort == "relevance":
        hits, window_parts = _window(matched, full_text)
    else:
        hits = matched.cte("hits").prefix_with("MATERIALIZED")
    sort_value = hits.c.score if sort == "relevance" else hits.c.sort_value
    page_key = SortKey(sort_key.name, sort_value, hits.c.id, descending=sort_key.descending)
    page_columns = [c for c in hits.c if c.name not in ("month", "sort_value")] + [
        sort_value.label("sort_value")
    ]
    page = keyset_template(
        select(literal("hit").label("facet"), _NO_VALUE, _NO_COUNT, *page_columns), page_key, after=after
    )
    # Facet rows fill the page's columns with NULLs of the same types (PostgreSQL's UNION wants them).
    null_types = {"score": Float, "sort_value": Float if sort == "relevance" else String}
    no_page_columns = [cast(null(), null_types.get(c.name, c.type)).label(c.name) for c in page_columns]
    parts = [select(page.subquery())] + [
        select(part.subquery(), *no_page_columns) for part in [*facet_parts(hits), *window_parts]
    ]
    order: list[ColumnElement[Any]] = [literal_column("sort_value"), literal_column("id")]
    statement = union_all(*parts).order_by(
        literal_column("facet"), *(c.desc() if sort_key.descending else c.asc() for c in order)
    )
    return RankedStatement(statement, sort_key, page_key)


def _window(matched: Select[Any], full_text: FullTextEngine) -> tuple[Any, list[Any]]:
    """A relevance search's hits: the most recently stored `WINDOW` of them when it has more.

    Ranking every match of a common word (bm25 reads each one's positions) and faceting every hit
    cost time in proportion to the hits: 0.2 s for a word in half the answers of 20,000 interviews.
    The window bounds that work: the index is walked backwards, newest first, and the walk stops one
    row past the window, ranking only what it read; the page, `total` and facets are then taken from
    the window, and a ("window", rows read) row tells whether it was full (`exact: false`).
    """
    newest = (
        matched.order_by(full_text.window_key().desc())
        .limit(bindparam(WINDOW_ROWS, type_=Integer))
        .cte("newest")
        .prefix_with("MATERIALIZED")
    )
    read = select(func.count()).select_from(newest).scalar_subquery()
    oldest = select(func.min(newest.c.id)).select_from(newest).scalar_subquery()
    hits = (
        select(newest)
        .where(or_(read <= bindparam(WINDOW, type_=Integer), newest.c.id > oldest))
        .cte("hits")
        .prefix_with("MATERIALIZED")
    )
    read_rows = select(literal("window"), _NO_VALUE, func.count()).select_from(newest)
    return hits, [read_rows]


_NO_VALUE = cast(null(), String).label("value")
_NO_COUNT = cast(null(), BigInteger).label("n")


def _sort_key(sort: str, score: ColumnElement[Any]) -> SortKey:
    if sort == "relevance":
        return SortKey("relevance", score, documents.c.id, descending=True)
    published = func.coalesce(documents.c.published_at, "")
    return SortKey(sort, published, documents.c.id, descending=sort.startswith("-"))


def matching_ids(session: Session, text: str, kinds: tuple[str, ...], id_column: str) -> Select[Any]:
    """Ids (of `id_column`) of search rows of some kinds matching `q`, for the lists' `q=` filter.

    A query with no word to look for matches nothing, as on `/v1/search`.
    """
    query = expanded_query(session, text, None)
    if query is None:
        return select(documents.c[id_column]).where(false())
    source, matches, _score = engine_for(session).matching(query)
    return select(documents.c[id_column]).select_from(source).where(matches, documents.c.kind.in_(kinds))


INTERVIEW_KINDS = ("interview", "question", "answer")


def interviews_matching(session: Session, text: str) -> Select[Any]:
    """Ids of the interviews that hold every word of `q` somewhere (title, summary, any question or
    answer; not necessarily in one answer) and none of its excluded words: the interview list's `q=`.

    Each term group is matched on its own, in the rows' own text, and the interviews intersected.
    """
    query = expanded_query(session, text, None)
    if query is None:
        return select(documents.c.interview_id).where(false())
    engine = engine_for(session)

    def holding(group: list[Pattern], key: str) -> Select[Any]:
        source, matches, _score = engine.matching(ExpandedQuery(required=[group], excluded=[]), key)
        return (
            select(documents.c.interview_id)
            .select_from(source)
            .where(matches, documents.c.kind.in_(INTERVIEW_KINDS))
        )

    every = [holding(group, f"group_{n}") for n, group in enumerate(query.required)]
    found = (every[0] if len(every) == 1 else intersect(*every)).subquery()
    statement = select(found.c.interview_id)
    if query.excluded:  # a NOT IN, not EXCEPT: SQLite cannot put a bracketed INTERSECT before an EXCEPT
        excluded = [holding(group, f"excluded_{n}") for n, group in enumerate(query.excluded)]
        statement = statement.where(found.c.interview_id.not_in(union(*excluded)))
    return statement
