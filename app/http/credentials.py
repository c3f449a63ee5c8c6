"""Who a request says it is: one reading of its credentials, shared by authentication and the limiter.

A key is read from `Authorization: Bearer <key>` first, else from `X-API-Key`; any other scheme
(`Basic …`) presents no key. The limiter counts a request against its key only once that key has
been found valid (remembered here for a minute by the authentication that checked it); an unknown,
revoked or malformed credential counts against the client's address, so inventing credentials
buys no extra requests.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping

from cachetools import TTLCache

BEARER_PREFIX = "bearer "
KNOWN_KEY_SECONDS = 60
KNOWN_KEY_LIMIT = 10_000


def presented_key(headers: Mapping[str, str]) -> str | None:
    """The API key a request presents, by the one rule both authentication and rate limiting use."""
    authorization = headers.get("authorization")
    if authorization is not None and authorization[: len(BEARER_PREFIX)].lower() == BEARER_PREFIX:
        key = authorization[len(BEARER_PREFIX) :].strip()
        if key:
            return key
    header_key = headers.get("x-api-key")
    return header_key.strip() or None if header_key is not None else None


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


class KnownKeys:
    """Digests of keys recently found valid in this process (bounded, each for KNOWN_KEY_SECONDS)."""

    def __init__(self) -> None:
        self._digests: TTLCache[str, bool] = TTLCache(maxsize=KNOWN_KEY_LIMIT, ttl=KNOWN_KEY_SECONDS)
        self._lock = threading.Lock()

    def remember(self, digest: str) -> None:
        with self._lock:
            self._digests[digest] = True

    def forget(self, digest: str) -> None:
        with self._lock:
            self._digests.pop(digest, None)

    def __contains__(self, digest: object) -> bool:
        with self._lock:
            return digest in self._digests


known_keys = KnownKeys()
