"""The framework floor: a bare FastAPI app returning a fixed JSON document of a requested size.

`GET /doc/{size}` answers a document of about `size` bytes, built once per size and serialised by
FastAPI on every request like any endpoint's return value, so the service's figures can be set
against what FastAPI + uvicorn alone cost for a response of the same size. No database, no
middleware. Served by its own uvicorn: `uvicorn bench.bare_app:app`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import FastAPI

app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
ITEM_TEXT = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. " * 2


@lru_cache(maxsize=64)
def document(size: int) -> dict[str, Any]:
    """Items like `{"id": 1, "text": "..."}` until the JSON is about `size` bytes long."""
    items: list[dict[str, Any]] = []
    length = len('{"items":[]}')
    while length < size:
        text = ITEM_TEXT[: max(1, min(len(ITEM_TEXT), size - length - 24))]
        items.append({"id": len(items) + 1, "text": text})
        length += len(text) + 24
    return {"items": items}


@app.get("/doc/{size}")
def fixed(size: int) -> dict[str, Any]:
    return document(max(0, min(size, 50_000_000)))


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}
