"""Rate limiting per API key, or per client address for requests without one.

Counters come from the `limits` library; they live in this process by default, or in Redis when
RATE_LIMIT_STORAGE_URL points there, so that several API processes share them. Every limited
response says where the client stands (`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`),
and a refusal adds `Retry-After`.
"""

from __future__ import annotations

import hashlib
import math
import time

from limits import parse, storage, strategies
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.protection.responses import send_problem

EXEMPT_PREFIXES = ("/healthz", "/readyz", "/metrics", "/static/")
RATE_LIMIT_HEADERS = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]


def client_identity(scope: Scope) -> str:
    """The API key (hashed: keys never sit in memory as counters' names), else the client address."""
    headers = Headers(scope=scope)
    key = headers.get("x-api-key") or headers.get("authorization", "").removeprefix("Bearer ").strip()
    if key:
        return "key:" + hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    client = scope.get("client")
    return "addr:" + (client[0] if client else "unknown")


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, *, rate: str, storage_url: str) -> None:
        self.app = app
        self.item = parse(rate)
        self.limiter = strategies.MovingWindowRateLimiter(storage.storage_from_string(storage_url))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"].startswith(EXEMPT_PREFIXES)
            or scope["method"] == "OPTIONS"
        ):
            await self.app(scope, receive, send)
            return
        identity = client_identity(scope)
        allowed = self.limiter.hit(self.item, identity)
        stats = self.limiter.get_window_stats(self.item, identity)
        reset = max(0, math.ceil(stats.reset_time - time.time()))
        headers = {
            "RateLimit-Limit": str(self.item.amount),
            "RateLimit-Remaining": str(max(0, stats.remaining)),
            "RateLimit-Reset": str(reset),
        }
        if not allowed:
            await send_problem(
                send,
                429,
                "rate-limited",
                f"Too many requests: at most {self.item.amount} per {self.item.GRANULARITY.name}"
                f"{'s' if self.item.multiples > 1 else ''}. Retry in {max(reset, 1)} seconds.",
                headers={**headers, "Retry-After": str(max(reset, 1))},
            )
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)
