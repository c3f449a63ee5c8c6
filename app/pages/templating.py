"""Jinja2 for the public pages: every value is escaped unless a filter here says why it need not be
(JSON-LD encoded for a `<script>` block; search snippets whose only markup is `<mark>`)."""

from __future__ import annotations

import hashlib
import html
import json
import re
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape
from starlette.responses import HTMLResponse

from app.kit import page_links

HERE = Path(__file__).parent
STYLESHEET_URL = "/static/pages/pages.css"
MARK = re.compile(r"(</?mark>)")


@cache
def stylesheet() -> bytes:
    return (HERE / "static" / "pages.css").read_bytes()


def json_ld(data: Any) -> Markup:
    """JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` as `\\u` escapes, so no
    text in it (`</script>`, `<!--`) can end the block or be read as markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def highlighted(snippet: str) -> Markup:
    """A search snippet (HTML-escaped text with `<mark>` around matches) rebuilt so that nothing but
    balanced `<mark>` elements can be markup, whatever the text holds."""
    parts: list[str] = []
    open_mark = False
    for part in MARK.split(snippet):
        if part == "<mark>" and not open_mark:
            parts.append("<mark>")
            open_mark = True
        elif part == "</mark>" and open_mark:
            parts.append("</mark>")
            open_mark = False
        elif part not in ("<mark>", "</mark>"):
            parts.append(str(escape(html.unescape(part))))
    if open_mark:
        parts.append("</mark>")
    return Markup("".join(parts))


def paragraphs(text: str) -> Markup:
    """Each non-empty line of an answer or question as an escaped paragraph."""
    lines = [line.strip() for line in text.splitlines() if line.strip()] or [""]
    return Markup("\n").join(Markup("<p>{}</p>").format(line) for line in lines)


def long_date(value: date | datetime | None) -> str:
    """`16 April 2025` (a date-time shows its UTC day)."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def iso(value: date | datetime | None) -> str:
    return "" if value is None else value.isoformat().replace("+00:00", "Z")


def clock(seconds: float | None) -> str:
    """Seconds into a recording as `m:ss` or `h:mm:ss`."""
    if seconds is None:
        return ""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        json_ld=json_ld,
        highlighted=highlighted,
        paragraphs=paragraphs,
        long_date=long_date,
        iso=iso,
        clock=clock,
    )
    version = hashlib.sha256(stylesheet()).hexdigest()[:12]
    env.globals.update(
        links=page_links,
        # The file's hash in its URL: a changed stylesheet is fetched again at once, whatever was cached.
        stylesheet_url=f"{STYLESHEET_URL}?v={version}",
        site_name="Interviews",
    )
    return env


def render_page(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    body = environment().get_template(template).render(**context)
    return HTMLResponse(body, status_code=status_code)
