"""Rate limiting per API key, or per client address for requests without a key.

Who is who comes from `app.http.credentials.presented_key`, the same reading authentication makes, so a
request cannot be counted as one client and served as another. A key authentication has recently
found valid has a counter of its own. A key not yet known is let through to authentication only while
its address has not sent too many refused keys lately (each 401 to an unknown key counts against the
address), so inventing credentials buys nothing, and a valid key never waits on its address's
anonymous traffic.

Counters come from the `limits` library; they live in this process by default, or in Redis when
RATE_LIMIT_STORAGE_URL points there, so that several API processes share them. Every limited
response says where the client stands (`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`),
and a refusal adds `Retry-After`.
"""

from __future__ import annotations

import math
import time

from limits import WindowStats, parse, storage, strategies
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.http.credentials import key_digest, known_keys, presented_key
from app.http.policies import policy_for
from app.http.problems import send_problem

RATE_LIMIT_HEADERS = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, *, rate: str, storage_url: str) -> None:
        self.app = app
        self.item = parse(rate)
        self.limiter = strategies.MovingWindowRateLimiter(storage.storage_from_string(storage_url))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or not policy_for(scope["path"]).rate_limited
            or scope["method"] == "OPTIONS"
        ):
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        address = client[0] if client else "unknown"
        key = presented_key(Headers(scope=scope))
        digest = key_digest(key) if key is not None else None
        untested_key = digest is not None and digest not in known_keys
        if untested_key and not self.limiter.test(self.item, "refused-keys:" + address):
            await self._refuse(send, self.limiter.get_window_stats(self.item, "refused-keys:" + address))
            return
        identity = "key:" + digest[:32] if digest is not None else "addr:" + address
        allowed = self.limiter.hit(self.item, identity)
        stats = self.limiter.get_window_stats(self.item, identity)
        if not allowed:
            await self._refuse(send, stats)
            return
        headers = self._headers(stats)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                if untested_key and message["status"] == 401:
                    self.limiter.hit(self.item, "refused-keys:" + address)
                MutableHeaders(scope=message).update(headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _headers(self, stats: WindowStats) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.item.amount),
            "RateLimit-Remaining": str(max(0, stats.remaining)),
            "RateLimit-Reset": str(max(0, math.ceil(stats.reset_time - time.time()))),
        }

    async def _refuse(self, send: Send, stats: WindowStats) -> None:
        headers = self._headers(stats)
        retry = max(int(headers["RateLimit-Reset"]), 1)
        await send_problem(
            send,
            429,
            "rate-limited",
            f"Too many requests: at most {self.item.amount} per {self.item.GRANULARITY.name}"
            f"{'s' if self.item.multiples > 1 else ''}. Retry in {retry} seconds.",
            headers={**headers, "Retry-After": str(retry)},
        )
