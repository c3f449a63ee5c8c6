"""Problems answered by middleware, before any route (and its exception handlers) runs."""

from __future__ import annotations

import json
from http import HTTPStatus

from asgi_correlation_id import correlation_id
from starlette.types import Send

from app.errors import PROBLEM_MEDIA_TYPE


async def send_problem(
    send: Send, status: int, type_: str, detail: str, headers: dict[str, str] | None = None
) -> None:
    problem = {"type": type_, "title": HTTPStatus(status).phrase, "status": status, "detail": detail}
    if request_id := correlation_id.get():
        problem["request_id"] = request_id
    body = json.dumps(problem).encode()
    raw_headers = [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
        *((name.lower().encode(), value.encode()) for name, value in (headers or {}).items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})
