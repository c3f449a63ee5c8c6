"""Security headers on every response; the docs pages get a strict Content-Security-Policy that still
lets Swagger UI and ReDoc run (their scripts and styles are served from this origin)."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_POLICY = "default-src 'none'; frame-ancestors 'none'"
DOCS_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
DOCS_PAGES = ("/docs", "/redoc", "/")
PAGES_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
"""The public pages (app/pages/): no script at all (JSON-LD is data, never run), their one stylesheet,
and the search form that submits to this server."""
PUBLIC_PAGES = ("/interviews/", "/speakers/", "/topics/", "/search", "/static/pages/")


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        policy = (
            DOCS_POLICY
            if path in DOCS_PAGES or path.startswith("/docs/")
            else PAGES_POLICY
            if path.startswith(PUBLIC_PAGES)
            else API_POLICY
        )

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                headers["Content-Security-Policy"] = policy
                if "server" in headers:
                    del headers["server"]
            await send(message)

        await self.app(scope, receive, send_with_headers)
