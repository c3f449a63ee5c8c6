"""Swagger UI and ReDoc served from this process, so the docs work with no internet access.

The Swagger UI and ReDoc bundles come from the `fastapi-offline` package, which ships them as
files; the pages start them from files too (no inline script), so a strict Content-Security-Policy
can apply to them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

DOCS_ASSETS = Path(fastapi_offline.__file__).parent / "static"
OWN_ASSETS = Path(__file__).parent / "static"
ASSETS_URL = "/static/docs"
OWN_ASSETS_URL = "/static/docs-init"
OPENAPI_URL = "/openapi.json"
TITLE = "Interviews API"
REDOC_BUNDLE_URL = "/docs/redoc.standalone.js"
# ReDoc's menu footer shows Redocly's logo from their CDN; an empty image makes it hide itself instead.
REDOC_LOGO_URL = "https://cdn.redoc.ly/redoc/logo-mini.svg"

router = APIRouter(include_in_schema=False)

SWAGGER_PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{TITLE} - Swagger UI</title>
<link rel="stylesheet" href="{ASSETS_URL}/swagger-ui.css">
<link rel="icon" href="{ASSETS_URL}/favicon.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{ASSETS_URL}/swagger-ui-bundle.js"></script>
<script src="{OWN_ASSETS_URL}/swagger-init.js"></script>
</body>
</html>
"""

REDOC_PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{TITLE} - ReDoc</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="{ASSETS_URL}/favicon.png">
</head>
<body>
<redoc spec-url="{OPENAPI_URL}"></redoc>
<script src="{REDOC_BUNDLE_URL}"></script>
</body>
</html>
"""


@router.get("/docs")
def swagger_ui() -> HTMLResponse:
    return HTMLResponse(SWAGGER_PAGE)


@router.get("/redoc")
def redoc() -> HTMLResponse:
    return HTMLResponse(REDOC_PAGE)


@cache
def redoc_bundle() -> str:
    """The ReDoc bundle with its one external URL (the logo) replaced, so the page asks no other host."""
    bundle = (DOCS_ASSETS / "redoc.standalone.js").read_text(encoding="utf-8")
    return bundle.replace(REDOC_LOGO_URL, "data:,")


@router.get(REDOC_BUNDLE_URL)
def redoc_script() -> Response:
    return Response(redoc_bundle(), media_type="text/javascript; charset=utf-8")


def mount_docs(app: FastAPI) -> None:
    app.mount(ASSETS_URL, StaticFiles(directory=DOCS_ASSETS), name="docs-assets")
    app.mount(OWN_ASSETS_URL, StaticFiles(directory=OWN_ASSETS), name="docs-init")
    app.include_router(router)
