"""Bounds on what a request may carry: query string length (414), body size (413), no NUL characters (422)."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.http.problems import send_problem


class BodyTooLargeError(Exception):
    pass


class RequestLimitsMiddleware:
    """Refuses long query strings at once, and bodies over the limit whether announced or streamed."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, max_query_string_bytes: int) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.max_query = max_query_string_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_query:
            await send_problem(
                send, 414, "uri-too-long", f"The query string is longer than {self.max_query} bytes."
            )
            return
        if "\x00" in scope["path"] or b"%00" in scope.get("query_string", b""):
            await send_problem(
                send, 422, "invalid-request", "NUL characters (%00) are not allowed in paths or parameters."
            )
            return
        declared = Headers(scope=scope).get("content-length")
        if (
            declared is not None
            and declared.isascii()
            and declared.isdigit()
            and int(declared) > self.max_body
        ):
            await send_problem(send, 413, "payload-too-large", self.too_large())
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLargeError
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLargeError:
            if not started:
                await send_problem(send, 413, "payload-too-large", self.too_large())

    def too_large(self) -> str:
        return f"The request body is larger than {self.max_body} bytes. Split it into smaller imports."
