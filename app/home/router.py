"""`GET /`: a small page that says what this service is, links to its docs and feeds, and counts what it holds.

Plain HTML with an inline style and no script, so the strict Content-Security-Policy of the docs pages
applies to it unchanged, and nothing is loaded from another host.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from app.auth.dependencies import CurrentKey
from app.config import get_settings
from app.docs.router import OPENAPI_URL, TITLE
from app.home.repository import catalog_counts
from app.kit.sessions import SessionDep

router = APIRouter(include_in_schema=False)

LINKS = [
    ("/docs", "Swagger UI", "try every operation from the browser"),
    ("/redoc", "ReDoc", "the reference, one page"),
    (OPENAPI_URL, "OpenAPI document", "for generating clients"),
    ("/v1/feeds/interviews.atom", "Atom feed", "the newest interviews"),
    ("/v1/feeds/interviews.json", "JSON Feed", "the newest interviews"),
    ("/v1/interviews", "/v1/interviews", "the API itself, starting with the interviews"),
]

STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
.counts { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
.counts li { border: 1px solid #ddd; border-radius: .5rem; padding: .5rem 1rem; text-align: center; }
.counts strong { display: block; font-size: 1.4rem; }
a { color: #0b57d0; }
"""


def front_page(counts: dict[str, int] | None) -> str:
    """The page; `counts` is None when this caller may not read the data (then nothing of it shows)."""
    if counts is None:
        holdings = "<p>Reading the data needs an API key here: send <code>Authorization: Bearer &lt;key&gt;</code>.</p>"
    else:
        holdings = (
            '<ul class="counts">\n'
            + "\n".join(
                f'<li id="count-{name}"><strong>{count:,}</strong>{name}</li>'
                for name, count in counts.items()
            )
            + "\n</ul>"
        )
    link_items = "\n".join(
        f'<li><a href="{escape(url)}">{escape(label)}</a>: {escape(what)}</li>' for url, label, what in LINKS
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{TITLE}</h1>
<p>Interviews as structured data: each interview split into questions and answers, with its
speakers and topics, served as a JSON API with filters, full-text search, feeds and a change log.</p>
<h2>What it holds</h2>
{holdings}
<h2>Where to start</h2>
<ul>
{link_items}
</ul>
</body>
</html>
"""


@router.get("/")
def home(session: SessionDep, key: CurrentKey) -> HTMLResponse:
    readable = key is not None or not get_settings().require_api_key_for_reads
    return HTMLResponse(front_page(catalog_counts(session) if readable else None))
