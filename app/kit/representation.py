"""How a list page is sent: JSON or CSV, every field or a few (`fields=`), with the related objects its
items name (`include=`).

Each list declares its shape parameters with `list_shape(ItemView, includes)`, so the OpenAPI document
names the fields and the includes each list accepts, and a wrong one is a 422 that lists the right ones
before any query runs. The default shape (JSON, all fields, nothing included) takes none of this path.
"""

import csv
import io
import itertools
import json
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

import orjson
from fastapi import Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlmodel import Session

from app.errors import InvalidRequest
from app.kit.sessions import SessionDep

CSV_MEDIA_TYPE = "text/csv"
MAX_FIELDS_LENGTH = 500


class ListFormat(StrEnum):
    json = "json"
    csv = "csv"


@dataclass(frozen=True, slots=True)
class Include:
    """A kind of related object a page can carry beside its items: the ids an item names under `keys`
    (anywhere in it), loaded for the whole page in one query."""

    name: str
    keys: tuple[str, ...]
    load: Callable[[Session, list[int]], list[dict[str, Any]]]

    def ids_in(self, value: Any) -> Iterator[int]:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in self.keys:
                    for ref in inner if isinstance(inner, list) else [inner]:
                        if isinstance(ref, dict) and isinstance(ref.get("id"), int):
                            yield ref["id"]
                yield from self.ids_in(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from self.ids_in(inner)


@dataclass(frozen=True)
class ListShape:
    format: ListFormat = ListFormat.json
    fields: tuple[str, ...] | None = None
    include: tuple[Include, ...] = ()
    session: Session | None = None
    columns: tuple[str, ...] = ()
    """The item's fields, for the header of an empty CSV page."""

    @property
    def plain(self) -> bool:
        return self.format is ListFormat.json and self.fields is None and not self.include


def shaped_page(
    shape: ListShape, items: list[dict[str, Any]], next_cursor: str | None, totals: dict[str, Any]
) -> Response:
    """The page in the shape asked for: related objects gathered from whole items, then the fields."""
    included = {
        kind.name: kind.load(shape.session, sorted({i for item in items for i in kind.ids_in(item)}))
        for kind in shape.include
        if shape.session is not None
    }
    if shape.fields is not None:
        items = [{name: item[name] for name in shape.fields if name in item} for item in items]
    if shape.format is ListFormat.csv:
        headers = {"Content-Disposition": 'inline; filename="page.csv"'}
        headers |= {"X-Total-Count": str(totals["total"])} if "total" in totals else {}
        return StreamingResponse(
            csv_lines(items, None if items else shape.fields or shape.columns),
            media_type=f"{CSV_MEDIA_TYPE}; charset=utf-8",
            headers=headers,
        )
    body = {"items": items, "next_cursor": next_cursor, **totals}
    if included:
        body["included"] = included
    return Response(orjson.dumps(body), media_type="application/json")


def flattened(item: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """One CSV row: nested objects become `a.b` columns; a list becomes one cell, its entries joined by
    `; ` (a reference by its slug, a text by itself, anything else as JSON)."""
    row: dict[str, str] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            row |= flattened(value, f"{name}.")
        elif isinstance(value, list):
            row[name] = "; ".join(_cell(entry) for entry in value)
        else:
            row[name] = _cell(value)
    return row


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        if "speaker" in value and "role" in value:
            return f"{_cell(value['speaker'])} ({value['role']})"
        for key in ("slug", "text", "name"):
            if isinstance(value.get(key), str):
                return str(value[key])
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def csv_lines(items: Iterable[dict[str, Any]], columns: Sequence[str] | None = None) -> Iterator[str]:
    """A header line, then one line per item; columns are the first item's, in its order."""
    rows = (flattened(item) for item in items)
    first = next(rows, None)
    if first is None and columns is None:
        return
    names = list(columns or (first or {}))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=names, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in itertools.chain([first] if first is not None else [], rows):
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def wanted_format(request: Request, format: ListFormat | None) -> ListFormat:
    """`format=` wins; else the first of JSON or CSV that `Accept` names (JSON when it names neither)."""
    if format is not None:
        return format
    for part in request.headers.get("accept", "").split(","):
        media_type = part.split(";")[0].strip().lower()
        if media_type == CSV_MEDIA_TYPE:
            return ListFormat.csv
        if media_type in ("application/json", "*/*"):
            return ListFormat.json
    return ListFormat.json


def _names(value: str | None, allowed: Sequence[str], what: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    names = tuple(dict.fromkeys(name.strip() for name in value.split(",") if name.strip()))
    unknown = [name for name in names if name not in allowed]
    if unknown or not names:
        raise InvalidRequest(
            f"Unknown {what} {', '.join(repr(n) for n in unknown) or '(none given)'}. "
            f"Use a comma-separated list of: {', '.join(allowed)}."
        )
    return names


def list_shape(
    model: type[BaseModel], includes: Sequence[Include] = ()
) -> Callable[..., Awaitable[ListShape]]:
    """The `format`, `fields` (and, where the list has related objects, `include`) parameters of a list
    of `model` items, as one dependency: `Annotated[ListShape, Depends(list_shape(ItemView))]`.
    Asynchronous, as it waits on nothing: a synchronous dependency costs each list a worker-thread hop."""
    field_names = list(model.model_fields)
    by_name = {kind.name: kind for kind in includes}
    format_query = Query(
        description="`csv` for the page as CSV (one row per item, nested fields as `a.b` columns); "
        "`Accept: text/csv` does the same. The next page is in the `Link` header.",
        examples=["csv"],
    )
    fields_query = Query(
        max_length=MAX_FIELDS_LENGTH,
        description=f"Only these fields of each item, comma-separated: {', '.join(field_names)}.",
        examples=[",".join(field_names[:2])],
    )

    include_query = Query(
        max_length=MAX_FIELDS_LENGTH,
        description="Related objects to add once each under `included`, comma-separated: "
        f"{', '.join(by_name)}. The page costs one query more per kind, whatever its size.",
        examples=[",".join(by_name)],
    )

    async def shape(
        request: Request,
        session: SessionDep,
        format: Annotated[ListFormat | None, format_query] = None,
        fields: Annotated[str | None, fields_query] = None,
        include: Annotated[str | None, include_query] = None,
    ) -> ListShape:
        chosen = _names(include, list(by_name), "include") or ()
        shaped = ListShape(
            wanted_format(request, format),
            _names(fields, field_names, "field"),
            tuple(by_name[name] for name in chosen),
            session,
            tuple(field_names),
        )
        if shaped.include and shaped.format is ListFormat.csv:
            raise InvalidRequest(
                "`include` adds objects beside the items, which a CSV cannot hold: use JSON."
            )
        return shaped

    if includes:
        return shape

    async def shape_without_include(
        request: Request,
        session: SessionDep,
        format: Annotated[ListFormat | None, format_query] = None,
        fields: Annotated[str | None, fields_query] = None,
    ) -> ListShape:
        return await shape(request, session, format, fields, None)

    return shape_without_include


def document_list_shapes(schema: dict[str, Any]) -> None:
    """In the OpenAPI document, a list that takes `format` also answers `text/csv`; one whose items
    `fields` can trim says they are either whole or only the fields asked for, so a client validating
    responses accepts both."""
    for operations in schema.get("paths", {}).values():
        operation = operations.get("get", {})
        if any(p.get("name") == "format" for p in operation.get("parameters", [])):
            content = operation.get("responses", {}).get("200", {}).get("content", {})
            content.setdefault(CSV_MEDIA_TYPE, {"schema": {"type": "string"}})
    components = schema.get("components", {}).get("schemas", {})
    for operations in schema.get("paths", {}).values():
        operation = operations.get("get", {})
        if not any(p.get("name") == "fields" for p in operation.get("parameters", [])):
            continue
        media = operation.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
        page = components.get(media.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1], {})
        items = page.get("properties", {}).get("items", {})
        whole = items.get("items")
        if whole is not None and "anyOf" not in whole:
            items["items"] = {
                "anyOf": [
                    whole,
                    {"type": "object", "description": "With `fields`: only the fields asked for."},
                ]
            }
