"""Rate limiting per API key, or per client address for requests without a key.

Who is who comes from `app.http.credentials.presented_key`, the same reading authentication makes, so a
request cannot be counted as one client and served as another. A key authentication has recently
found valid has a counter of its own. A key not yet known is let through to authentication only while
its address has not sent too many refused keys lately (each 401 to an unknown key counts against the
address), so inventing credentials buys nothing, and a valid key never waits on its address's
anonymous traffic.

Counters come from the `limits` library; they live in this process by default, or in Redis when
RATE_LIMIT_STORAGE_URL points there, so that several API processes share them (and the limit holds
once, not once per process). Every limited response says where the client stands
(`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`), and a refusal adds `Retry-After`.

When the counters' store does not answer, the limit **fails open**: requests are served without
`RateLimit-*` headers, a warning is logged, and the store is tried again after
STORAGE_RETRY_SECONDS. An outage of Redis must not become an outage of the API; the other
protections (body and query limits, statement timeouts, pool bounds) still hold meanwhile.
"""

from __future__ import annotations

import contextlib
import logging
import math
import time
from typing import Any

from limits import RateLimitItem, WindowStats, parse, storage, strategies
from limits.aio import storage as aio_storage
from limits.aio import strategies as aio_strategies
from limits.errors import StorageError
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.http.credentials import key_digest, known_keys, presented_key
from app.http.policies import policy_for
from app.http.problems import send_problem

RATE_LIMIT_HEADERS = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]


STORAGE_RETRY_SECONDS = 5.0
STORAGE_TIMEOUT_SECONDS = 0.25
"""How long one counter operation may wait for a remote store before the request is let through."""

logger = logging.getLogger(__name__)


PRUNE_EVERY_SECONDS = 1.0


class PrunedEverySecond(storage.MemoryStorage):
    """limits' in-process counters, with expired entries dropped at most once a second, in the
    request that finds them due.

    The library drops them from a timer thread it starts anew every 10 ms while requests come in:
    under load that is a hundred threads a second, each taking the interpreter from the event loop,
    and it cost 10-25% of a cold list page (bench/README.md, issue 15). Dropping them is only
    housekeeping: a moving window counts by each entry's time, whether or not it was dropped yet.
    """

    def __init__(self, uri: str | None = None, **options: Any) -> None:
        super().__init__(uri, **options)
        self.next_pruning = 0.0

    def _MemoryStorage__schedule_expiry(self) -> None:  # noqa: N802 (the library's own, name-mangled)
        now = time.monotonic()
        if now >= self.next_pruning:
            self.next_pruning = now + PRUNE_EVERY_SECONDS
            self._MemoryStorage__expire_events()  # type: ignore[attr-defined]


class _InProcess:
    """The synchronous in-memory limiter behind the asynchronous limiter's methods."""

    def __init__(self, limiter: strategies.MovingWindowRateLimiter) -> None:
        self.limiter = limiter

    async def hit(self, item: RateLimitItem, identity: str) -> bool:
        return self.limiter.hit(item, identity)

    async def test(self, item: RateLimitItem, identity: str) -> bool:
        return self.limiter.test(item, identity)

    async def get_window_stats(self, item: RateLimitItem, identity: str) -> WindowStats:
        return self.limiter.get_window_stats(item, identity)


Limiter = _InProcess | aio_strategies.MovingWindowRateLimiter


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, *, rate: str, storage_url: str) -> None:
        self.app = app
        self.item = parse(rate)
        options: dict[str, Any] = {"wrap_exceptions": True}
        if storage_url.startswith(("redis://", "rediss://")):
            options |= {
                "implementation": "redispy",
                "socket_timeout": STORAGE_TIMEOUT_SECONDS,
                "socket_connect_timeout": STORAGE_TIMEOUT_SECONDS,
            }
        self.limiter: Limiter
        if storage_url.startswith("memory://"):
            # In-process counters never wait: the synchronous store, usable from any event loop.
            self.limiter = _InProcess(
                strategies.MovingWindowRateLimiter(PrunedEverySecond(storage_url, **options))
            )
        else:
            # A remote store's asynchronous client: a round trip never blocks the event loop.
            counters = storage.storage_from_string(f"async+{storage_url.removeprefix('async+')}", **options)
            assert isinstance(counters, aio_storage.MovingWindowSupport)
            self.limiter = aio_strategies.MovingWindowRateLimiter(counters)
        self.storage_down_until = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or not policy_for(scope["path"]).rate_limited
            or scope["method"] == "OPTIONS"
            or time.monotonic() < self.storage_down_until
        ):
            await self.app(scope, receive, send)
            return
        try:
            await self._limited(scope, receive, send)
        except StorageError as error:
            self.storage_down_until = time.monotonic() + STORAGE_RETRY_SECONDS
            logger.warning(
                "rate limits not applied for %.0f s: their store does not answer (%s)",
                STORAGE_RETRY_SECONDS,
                error.storage_error,
            )
            await self.app(scope, receive, send)

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Count the request, then refuse it or pass it on; StorageError before anything is sent."""
        client = scope.get("client")
        address = client[0] if client else "unknown"
        key = presented_key(Headers(scope=scope))
        digest = key_digest(key) if key is not None else None
        untested_key = digest is not None and digest not in known_keys
        if untested_key and not await self.limiter.test(self.item, "refused-keys:" + address):
            await self._refuse(
                send, await self.limiter.get_window_stats(self.item, "refused-keys:" + address)
            )
            return
        identity = "key:" + digest[:32] if digest is not None else "addr:" + address
        allowed = await self.limiter.hit(self.item, identity)
        stats = await self.limiter.get_window_stats(self.item, identity)
        if not allowed:
            await self._refuse(send, stats)
            return
        headers = self._headers(stats)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                if untested_key and message["status"] == 401:
                    with contextlib.suppress(StorageError):
                        await self.limiter.hit(self.item, "refused-keys:" + address)
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
