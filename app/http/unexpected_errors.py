"""The last resort: an exception no handler took becomes the 500 problem inside the other middlewares."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class UnexpectedErrorMiddleware:
    """Turns an exception no handler took into the 500 problem *here*, inside the other middlewares.

    Starlette's own last resort answers too, but then re-raises, and the server drops the keep-alive
    connection; this one answers, logs (the handler's pre-hook), and keeps the connection. Installed
    first, so it is the innermost middleware and its answer passes through the others (CORS, ids)."""

    def __init__(self, app: ASGIApp, *, handler: Callable[[Request, Exception], Response]) -> None:
        self.app = app
        self.handler = handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        from_outside: BaseException | None = None

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        async def tracking_receive() -> Message:
            nonlocal from_outside
            try:
                return await receive()
            except BaseException as error:  # an outer middleware's (a body over the limit): theirs to answer
                from_outside = error
                raise

        try:
            await self.app(scope, tracking_receive, tracking_send)
        except Exception as error:
            if started or error is from_outside:
                raise
            response = self.handler(Request(scope, receive), error)
            await response(scope, receive, send)
