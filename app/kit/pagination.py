"""Keyset pagination: one cursor format, one page envelope, one set of limit bounds.

A cursor is the sort key and id of the last row of a page, so the next page starts right after
it however many rows are added or removed meanwhile (no OFFSET, no skipped or repeated rows).
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Generic, TypeVar, cast
from urllib.parse import quote_plus, unquote_plus

import orjson
from fastapi import Depends, Query, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, Connection, DateTime, Integer, Select, String, bindparam, tuple_
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel import Session

from app.config import get_settings
from app.errors import InvalidRequest
from app.kit.bounds import bounded_int, storable_text
from app.kit.representation import ListShape, shaped_page
from app.storage.counting import estimated_count, exact_count

ItemT = TypeVar("ItemT")


def _not_asked(value: Any) -> bool:
    return value is None


class Page(BaseModel, Generic[ItemT]):
    """A page of a list; `next_cursor` is null on the last page. `total`, `total_exact` and `included`
    are there only when asked for (`count`, `include`)."""

    items: list[ItemT]
    next_cursor: str | None = Field(
        default=None, description="Pass as `cursor` to get the next page; null when there is none."
    )
    total: int | None = Field(
        default=None,
        exclude_if=_not_asked,
        description="With `count`: how many items the whole list has (every page), exact or estimated.",
        examples=[1204],
    )
    total_exact: bool | None = Field(
        default=None,
        exclude_if=_not_asked,
        description="With `count`: false when `total` is the planner's estimate (`count=estimated` on "
        "PostgreSQL).",
    )
    included: dict[str, list[dict[str, Any]]] | None = Field(
        default=None,
        exclude_if=_not_asked,
        description="With `include`: the related objects the page's items name, each once, by kind "
        "(`speakers`, `topics`), so a client needs no request per reference.",
    )


class CountMode(StrEnum):
    exact = "exact"
    estimated = "estimated"


@dataclass
class Tally:
    """What `count` asked for, and the list's total once a query has counted it."""

    mode: CountMode | None = None
    total: int | None = None
    exact: bool = True

    def count(self, session: Session, statement: Select[Any]) -> None:
        if self.mode is CountMode.exact:
            self.total, self.exact = exact_count(session, statement), True
        elif self.mode is CountMode.estimated:
            self.total, self.exact = estimated_count(session, statement)

    def envelope(self) -> dict[str, Any]:
        return {} if self.total is None else {"total": self.total, "total_exact": self.exact}


@dataclass(frozen=True)
class SortKey:
    """A documented sort: the SQL expression it orders by, with the row id breaking ties."""

    name: str
    expression: ColumnElement[Any]
    id_column: ColumnElement[Any]
    descending: bool = False


def sorts_of(model: Any, *names: str, **expressions: ColumnElement[Any]) -> dict[str, SortKey]:
    """The documented sorts of a table: its columns by name, and computed `expressions`, each both ways."""
    columns: dict[str, ColumnElement[Any]] = {name: getattr(model, name) for name in names}
    return sort_keys({**expressions, **columns}, model.id)


def sort_keys(choices: dict[str, ColumnElement[Any]], id_column: ColumnElement[Any]) -> dict[str, SortKey]:
    """Each field sorts both ways: `name` ascending, `-name` descending."""
    keys: dict[str, SortKey] = {}
    for name, expression in choices.items():
        keys[name] = SortKey(name, expression, id_column, descending=False)
        keys[f"-{name}"] = SortKey(f"-{name}", expression, id_column, descending=True)
    return keys


def resolve_sort(value: str, keys: dict[str, SortKey]) -> SortKey:
    if value not in keys:
        allowed = ", ".join(sorted(keys))
        raise InvalidRequest(f"Cannot sort by '{value}'. Use one of: {allowed}.")
    return keys[value]


def encode_cursor(sort: SortKey, value: Any, row_id: int) -> str:
    if isinstance(value, datetime):
        key: Any = {"dt": value.isoformat()}
    else:
        key = value
    payload = json.dumps({"s": sort.name, "k": [key, row_id]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: SortKey) -> tuple[Any, int]:
    """The (sort value, id) a cursor points after; a damaged, forged or foreign cursor is a 422."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
        sort_name = payload["s"]
        value, row_id = payload["k"]
        value = _key_value(value, sort.expression.type)
        if not bounded_int(row_id) or row_id < 0:
            raise TypeError("bad id")
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError) as error:
        raise InvalidRequest(
            "The cursor is not valid. Pass the `next_cursor` of a previous page unchanged."
        ) from error
    if sort_name != sort.name:
        raise InvalidRequest(
            f"This cursor belongs to sort '{sort_name}', not '{sort.name}'. Keep the same sort while paging."
        )
    return value, row_id


def _key_value(value: Any, column_type: TypeEngine[Any]) -> Any:
    """A cursor's sort value, checked against the type of the column it is compared with, so that a
    forged value can only ever be a 422, never a database error."""
    if isinstance(column_type, TypeDecorator):  # SQLModel's AutoString is one, over String
        column_type = column_type.impl_instance
    if isinstance(column_type, Integer):
        if not bounded_int(value):
            raise TypeError("not an integer key")
        return value
    if isinstance(column_type, DateTime):
        return datetime.fromisoformat(value["dt"])
    if isinstance(column_type, String):
        if not isinstance(value, str) or not storable_text(value):
            raise TypeError("not a text key")
        return value
    if bounded_int(value) or (isinstance(value, float) and math.isfinite(value)):
        return value  # a score
    raise TypeError("not a numeric key")


def apply_keyset(statement: Select[Any], sort: SortKey, cursor: str | None, limit: int) -> Select[Any]:
    """Order by the sort key and id, start after the cursor, and fetch one extra row to detect a next page."""
    if cursor is not None:
        value, row_id = decode_cursor(cursor, sort)
        statement = statement.where(_after(sort, tuple_(value, row_id)))
    return _in_order(statement, sort).limit(limit + 1)


def _after(sort: SortKey, bound: ColumnElement[Any]) -> ColumnElement[bool]:
    """Rows after `bound` (a tuple of sort value and id) in the sort's direction."""
    key = tuple_(sort.expression, sort.id_column)
    return key < bound if sort.descending else key > bound


def _in_order(statement: Select[Any], sort: SortKey) -> Select[Any]:
    if sort.descending:
        return statement.order_by(sort.expression.desc(), sort.id_column.desc())
    return statement.order_by(sort.expression.asc(), sort.id_column.asc())


AFTER_VALUE = "keyset_after_value"
AFTER_ID = "keyset_after_id"
PAGE_ROWS = "keyset_rows"


def keyset_template(statement: Select[Any], sort: SortKey, *, after: bool) -> Select[Any]:
    """`apply_keyset` with the cursor's key and the limit as named parameters (`keyset_values` gives
    them): a statement built once per shape and run for any page, so that neither building it nor
    SQLAlchemy's cache key for it is paid per request."""
    if after:
        bound = tuple_(bindparam(AFTER_VALUE, type_=sort.expression.type), bindparam(AFTER_ID, type_=Integer))
        statement = statement.where(_after(sort, bound))
    statement = _in_order(statement, sort)
    return statement.limit(bindparam(PAGE_ROWS, type_=Integer))


def keyset_values(sort: SortKey, cursor: str | None, limit: int) -> dict[str, Any]:
    """The parameters of a `keyset_template` statement for one page (a bad cursor is a 422)."""
    if cursor is None:
        return {PAGE_ROWS: limit + 1}
    value, row_id = decode_cursor(cursor, sort)
    return {PAGE_ROWS: limit + 1, AFTER_VALUE: value, AFTER_ID: row_id}


def split_page(rows: list[Any], sort: SortKey, limit: int) -> tuple[list[Any], str | None]:
    """Rows of the page and the cursor of the next one; each row has `sort_value` and `id`."""
    if len(rows) <= limit:
        return rows, None
    page = rows[:limit]
    last = page[-1]
    return page, encode_cursor(sort, last.sort_value, last.id)


@dataclass(frozen=True)
class Window:
    """Which rows a list page holds: in `sort` order, the `limit` after `cursor`."""

    sort: SortKey
    cursor: str | None
    limit: int
    tally: Tally = field(default_factory=Tally)
    """Filled with the total of the list when `count` asked for it."""


def keyset_page(session: Session, statement: Select[Any], window: Window) -> tuple[list[Any], str | None]:
    """One page of the table rows `statement` selects (one entity), and the cursor of the next page."""
    sort, limit = window.sort, window.limit
    window.tally.count(session, statement)
    keyed = statement.add_columns(sort.expression.label("sort_value"))
    rows = session.execute(apply_keyset(keyed, sort, window.cursor, limit)).all()
    if len(rows) <= limit:
        return [row[0] for row in rows], None
    last = rows[limit - 1]
    return [row[0] for row in rows[:limit]], encode_cursor(sort, last.sort_value, last[0].id)


def page_template(statement: Select[Any], sort: SortKey, *, after: bool) -> Select[Any]:
    """A page of `statement`'s rows (Core columns, among them `id`), each with its `sort_value`, with
    the cursor and limit as named parameters, for a statement built once per shape."""
    return keyset_template(statement.add_columns(sort.expression.label("sort_value")), sort, after=after)


def template_rows(
    connection: Connection, template: Select[Any], values: dict[str, Any], window: Window
) -> tuple[list[Any], str | None]:
    """One page of a `page_template` statement run with `values`, and the cursor of the next page.
    Core columns: run on the connection, without the ORM's statement handling (a third of the read)."""
    parameters = values | keyset_values(window.sort, window.cursor, window.limit)
    rows = connection.execute(template, parameters).all()
    return split_page(list(rows), window.sort, window.limit)


@dataclass(frozen=True)
class PageRequest:
    """A list request's `limit`, `cursor` and `count`, and the answer it gets: the envelope (JSON, or
    CSV, with only some fields, with related objects: see `app.kit.representation`) and a `Link`
    header."""

    request: Request
    response: Response
    limit: int
    cursor: str | None
    tally: Tally = field(default_factory=Tally)

    def window(self, sort: str, sorts: dict[str, SortKey]) -> Window:
        return self.window_by(resolve_sort(sort, sorts))

    def window_by(self, sort: SortKey) -> Window:
        """For a list with one fixed order."""
        return Window(sort, self.cursor, self.limit, self.tally)

    def respond(
        self, items: list[ItemT], next_cursor: str | None, shape: ListShape | None = None
    ) -> Page[ItemT]:
        if (shape is None or shape.plain) and self.tally.total is None:
            set_link_header(self.request, self.response, next_cursor)
            return Page(items=items, next_cursor=next_cursor)
        dumped: list[dict[str, Any]] = [
            item.model_dump(mode="json") if isinstance(item, BaseModel) else cast(dict[str, Any], item)
            for item in items
        ]
        # FastAPI sends a Response as it is; the page's shape was checked when the request was read.
        return cast(Page[ItemT], self._shaped(dumped, next_cursor, shape))

    def respond_rendered(
        self, items: list[bytes], next_cursor: str | None, shape: ListShape | None = None
    ) -> Response:
        """The same envelope around items already rendered as JSON (UTF-8), sent without validating or
        decoding them again."""
        if (shape is None or shape.plain) and self.tally.total is None:
            body = b'{"items":[' + b",".join(items) + b'],"next_cursor":' + orjson.dumps(next_cursor) + b"}"
            response = Response(body, media_type="application/json")
            set_link_header(self.request, response, next_cursor)
            return response
        return self._shaped([orjson.loads(item) for item in items], next_cursor, shape)

    def _shaped(
        self, items: list[dict[str, Any]], next_cursor: str | None, shape: ListShape | None
    ) -> Response:
        response = shaped_page(shape or ListShape(), items, next_cursor, self.tally.envelope())
        set_link_header(self.request, response, next_cursor)
        return response


async def page_request(
    request: Request,
    response: Response,
    limit: LimitParam = None,
    cursor: CursorParam = None,
    count: CountParam = None,
) -> PageRequest:
    return PageRequest(request, response, page_size(limit), cursor, Tally(count))


def sort_query(example: str) -> Any:
    """The `sort` parameter of a list (`Annotated[Literal[…], sort_query("name")]`)."""
    return Query(description="Field to sort by; `-` in front for descending.", examples=[example])


def set_link_header(request: Request, response: Response, next_cursor: str | None) -> None:
    """Advertise the next page as `Link: <…>; rel="next"` (RFC 8288) next to `next_cursor`; and, since
    a list answers CSV or JSON by `Accept`, tell caches so."""
    response.headers.add_vary_header("Accept")
    if next_cursor is None:
        return
    response.headers["Link"] = f'<{url_with(request, "cursor", next_cursor)}>; rel="next"'


def url_with(request: Request, name: str, value: str) -> str:
    """The request's URL with the parameter `name` set to `value`, its other parameters kept as they
    came. Starlette's `include_query_params` parses and re-encodes the whole query string, a tenth of
    a cold list page's time; only the one parameter changes here."""
    base, _, query = str(request.url).partition("?")
    kept = [part for part in query.split("&") if part and unquote_plus(part.partition("=")[0]) != name]
    kept.append(f"{name}={quote_plus(value)}")
    return f"{base}?{'&'.join(kept)}"


LimitParam = Annotated[
    int | None,
    Query(
        ge=1,
        le=100,
        description="Items per page: 1 to 100 (default 20).",
        examples=[20],
    ),
]
CountParam = Annotated[
    CountMode | None,
    Query(
        description="Add `total` to the page: `exact` counts every item of the list (costs a scan of "
        "them), `estimated` takes the planner's estimate on PostgreSQL (free; exact on SQLite). Left out, "
        "pages stay fast and carry no total.",
        examples=["exact"],
    ),
]
CursorParam = Annotated[
    str | None,
    Query(max_length=500, description="The `next_cursor` of the previous page.", examples=[None]),
]


def page_size(limit: int | None) -> int:
    settings = get_settings()
    return min(limit or settings.default_page_size, settings.max_page_size)


PageParams = Annotated[PageRequest, Depends(page_request)]
