"""Queries for interviews: a page of the list (its items rendered when written), and answers grouped
under their questions for the other views that show them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import BindParameter, ColumnElement, Connection, Engine, Select, asc, bindparam, desc, select
from sqlmodel import Session, col

from app.interviews.rendering import render_views
from app.interviews.schemas import VIEWS_VERSION, AnswerInQuestion
from app.kit.filters import InterviewScope, scope_conditions, scope_template, scope_values
from app.kit.pagination import Window, keyset_values, page_template, sorts_of, split_page, template_rows
from app.kit.references import SpeakerRef
from app.kit.statements import StatementCache
from app.models import Interview, RenderedInterview, published_sort_key
from app.search.repository import interviews_matching
from app.storage import local_reads
from app.storage.async_reads import fetch_all
from app.storage.text_bytes import utf8_bytes

INTERVIEW_SORTS = sorts_of(
    Interview, "title", "created_at", "updated_at", "id", published_at=published_sort_key
)
InterviewSort = Literal[
    "published_at", "-published_at", "title", "-title", "created_at", "-created_at",
    "updated_at", "-updated_at", "id", "-id",
]  # fmt: skip
DEFAULT_INTERVIEW_SORT: InterviewSort = "-published_at"
_interviews = Interview.__table__  # type: ignore[attr-defined]
_rendered = RenderedInterview.__table__  # type: ignore[attr-defined]


ListShape = tuple[frozenset[str], bool | None, str, bool]
"""Which filters (by parameter name), `has_media`, the sort, and whether the page follows a cursor."""
_list_statements: StatementCache[Select[Any]] = StatementCache()


def list_interviews(
    session: Session,
    window: Window,
    scope: InterviewScope,
    *,
    q: str | None = None,
    updated_since: datetime | None = None,
) -> tuple[list[bytes], str | None]:
    """A page of the list as JSON items (UTF-8), from the renderings stored with each interview (items
    not rendered by this version yet are rendered now)."""
    if q is None and window.tally.mode is None:
        return plain_page(session.connection(), window, scope, updated_since)
    values, shape = _values_and_shape(window, scope, updated_since)
    matching = [] if q is None else [col(Interview.id).in_(interviews_matching(session, q))]
    # A text query's own statement is built for this request.
    page = _cached_page(shape, window) if q is None else _page(shape, window, matching)
    if window.tally.mode is not None:
        # Counted with the values written into the statement: PostgreSQL's estimate is an EXPLAIN.
        window.tally.count(session, _base_statement(shape, values).where(*matching))
    connection = session.connection()
    rows, next_cursor = template_rows(connection, page, values, window)
    return _items(connection, rows), next_cursor


def plain_page(
    connection: Connection, window: Window, scope: InterviewScope, updated_since: datetime | None
) -> tuple[list[bytes], str | None]:
    """A page without a text query or a count: one statement, prepared once per shape."""
    rows, next_cursor = _plain_rows(connection, window, scope, updated_since)
    return _items(connection, rows), next_cursor


def stored_page(
    engine: Engine, window: Window, scope: InterviewScope, updated_since: datetime | None
) -> tuple[list[bytes], str | None] | None:
    """`plain_page` from stored items alone, in that one statement (so it needs no transaction), read
    from a local SQLite file in place (app/storage/local_reads.py); None when a row of the page has no
    current rendering. For the plain pages answered ahead of routing (app/interviews/stored_reads.py);
    the route renders what is missing. Raises ReadUnavailableError when the file cannot be read now."""
    statement, parameters = _stored_page_query(window, scope, updated_since)
    return _stored_items(local_reads.fetch_all(engine, statement, parameters), window)


async def stored_page_from_loop(
    engine: Engine, window: Window, scope: InterviewScope, updated_since: datetime | None
) -> tuple[list[bytes], str | None] | None:
    """`stored_page` read without leaving the event loop (PostgreSQL's asynchronous pool, see
    app/storage/async_reads.py); raises ReadUnavailableError when that pool cannot read now."""
    statement, parameters = _stored_page_query(window, scope, updated_since)
    return _stored_items(await fetch_all(engine, statement, parameters), window)


def _stored_page_query(
    window: Window, scope: InterviewScope, updated_since: datetime | None
) -> tuple[Select[Any], dict[str, Any]]:
    values, shape = _values_and_shape(window, scope, updated_since)
    return _cached_page(shape, window), values | keyset_values(window.sort, window.cursor, window.limit)


def _stored_items(rows: list[Any], window: Window) -> tuple[list[bytes], str | None] | None:
    page, next_cursor = split_page(rows, window.sort, window.limit)
    if any(row.summary is None for row in page):
        return None
    return [row.summary for row in page], next_cursor


def _plain_rows(
    connection: Connection, window: Window, scope: InterviewScope, updated_since: datetime | None
) -> tuple[list[Any], str | None]:
    values, shape = _values_and_shape(window, scope, updated_since)
    return template_rows(connection, _cached_page(shape, window), values, window)


def _values_and_shape(
    window: Window, scope: InterviewScope, updated_since: datetime | None
) -> tuple[dict[str, Any], ListShape]:
    values = scope_values(
        speaker=scope.speaker,
        topic=scope.topic,
        language=scope.language,
        published_from=scope.published_from,
        published_to=scope.published_to,
    )
    if updated_since is not None:
        values[UPDATED_SINCE] = updated_since
    return values, (frozenset(values), scope.has_media, window.sort.name, window.cursor is not None)


def _page(shape: ListShape, window: Window, matching: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """The page's ids in order, then each one's stored list item: fetched for the page's rows only,
    not for every row the filters match before the sort picks the page (a topic's interviews, say)."""
    page = page_template(_base_statement(shape).where(*matching), window.sort, after=shape[3]).subquery(
        "page"
    )
    summary = (
        select(utf8_bytes(_rendered.c.summary))
        .where(_rendered.c.interview_id == page.c.id, _rendered.c.version == VIEWS_VERSION)
        .scalar_subquery()
        .label("summary")
    )
    direction = desc if window.sort.descending else asc
    in_order = (direction(page.c.sort_value), direction(page.c.id))
    return select(page.c.id, summary, page.c.sort_value).order_by(*in_order)


def _cached_page(shape: ListShape, window: Window) -> Select[Any]:
    return _list_statements.get(shape, lambda: _page(shape, window, []))


def _items(connection: Connection, rows: list[Any]) -> list[bytes]:
    """The page's items: stored renderings, and those not rendered by this version yet made now."""
    missing = [row.id for row in rows if row.summary is None]
    if not missing:
        return [row.summary for row in rows]
    stale = connection.execute(select(_interviews).where(_interviews.c.id.in_(missing))).all()
    fresh = {view.interview_id: view.summary for view in render_views(connection, stale)}
    return [row.summary or fresh[row.id] for row in rows]


UPDATED_SINCE = "updated_since"


def _base_statement(shape: ListShape, values: dict[str, Any] | None = None) -> Select[Any]:
    """The list's rows of one shape: with the filters as named parameters, or with `values` in them."""
    names, has_media, _sort, _after = shape
    conditions = scope_template(names, has_media) if values is None else scope_conditions(values, has_media)
    statement = select(_interviews.c.id).where(*conditions)
    if UPDATED_SINCE in names:
        since: BindParameter[Any] = bindparam(UPDATED_SINCE, (values or {}).get(UPDATED_SINCE))
        statement = statement.where(col(Interview.updated_at) >= since)
    return statement


def answers_in_questions(
    answers: Sequence[Any], speakers: dict[int, SpeakerRef]
) -> dict[int, list[AnswerInQuestion]]:
    """Answer rows (id, question_id, position, speaker_id, text, start_time, end_time) grouped under
    their questions, in order."""
    grouped: dict[int, list[AnswerInQuestion]] = defaultdict(list)
    for answer in answers:
        grouped[answer.question_id].append(
            AnswerInQuestion(
                id=answer.id,
                position=answer.position,
                speaker=speakers[answer.speaker_id],
                text=answer.text,
                start_time=answer.start_time,
                end_time=answer.end_time,
            )
        )
    return grouped
