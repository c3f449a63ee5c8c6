"""Finished read responses, kept in memory and served again until the data they show changes.

Every write the service makes (through the API, `interviews import`, any process) adds rows to the
change log in its own transaction, and so moves the log's sequence number
(`change_sequence.last_seq`, see app/storage/change_log.py). A stored response remembers the number
it was computed under, with the database's identity (`change_sequence.database_id`, random, written
at migration: a database rebuilt from scratch counts from zero again but is never taken for the old); a request first reads the current number (one single-row read) and gets the
stored copy only when the two are equal. So a write is visible to the very next read, in this
process or any other over the same database, with no invalidation messages. The cost is the same
as the change feed's: a change made behind the service's back (SQL typed by hand) is seen by
neither.

The number is read on a connection of the cache's own: on SQLite a local read of microseconds, done
on the event loop; on PostgreSQL one asynchronous round trip.

What is stored: 200 responses to anonymous GETs of the JSON API, its feeds and the change feed,
under the request's scheme, host, path and query string (no route varies with other headers). The
change feed is read from the primary, so its copies are checked against the primary's number; the
others against the database the request's reads go to (the replica, when there is one fit to read
and it has replayed the client's last write: app/http/read_your_writes.py). Not stored: requests with
credentials (a key may be revoked at any moment, and its scope decides what it sees), the export
(streamed), the audit trail, imports, and everything when reads need a key. The ETag and
Last-Modified of a stored copy are computed once, when it is stored (or kept as the route sent
them: rendered interviews carry their own). When the number cannot be read
(the database is away), nothing is served from memory.

The bound is in bytes (RESPONSE_CACHE_MB; 0 turns the cache off), least recently used out first.
Each process has its own copy; the state stays in the database.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg
from cachetools import LRUCache
from sqlalchemy import URL, Engine
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import get_settings
from app.http.conditional import CREDENTIAL_HEADERS, add_validators
from app.http.policies import policy_for
from app.http.read_your_writes import reads_primary
from app.storage.replica import conninfo_of

LARGEST_SHARE = 16
"""No single response may take more than 1/16 of the cache."""
HIT_HEADER = "X-Cache"
_CREDENTIAL_NAMES = frozenset(name.encode() for name in CREDENTIAL_HEADERS)
SEQUENCE_QUERY = "SELECT database_id, last_seq FROM change_sequence WHERE id = 1"
Version = tuple[str, int]
"""The database's identity and its change log's number: a rebuilt database starts its numbers again."""


@dataclass(frozen=True, slots=True)
class StoredResponse:
    version: Version
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


@dataclass
class _Remote:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    connection: psycopg.AsyncConnection[Any] | None = None
    reads: int = 0
    """Reads begun so far; the last one's result is `value`."""
    value: Version | None = None


class DataVersion:
    """Reads the change log's sequence number of one database, as cheaply as that store allows."""

    def __init__(self, engine: Engine, connect_timeout_seconds: int = 3) -> None:
        self.sqlite_path = engine.url.database if engine.dialect.name == "sqlite" else None
        self.conninfo = conninfo_of(engine.url)
        self.connect_timeout_seconds = connect_timeout_seconds
        self._connection: sqlite3.Connection | None = None
        self._file: tuple[int, int] | None = None
        # Per event loop (production has one; each test client runs its own): a connection and a lock.
        self._remote: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Remote] = (
            weakref.WeakKeyDictionary()
        )

    async def current(self) -> Version | None:
        """The number, or None when it cannot be read (then nothing is served from memory)."""
        if self.sqlite_path is not None:
            return self._read_sqlite(self.sqlite_path)
        return await self._read_postgres()

    def _read_sqlite(self, path: str) -> Version | None:
        """A local file and a one-row read: cheaper on the event loop than a hop to a worker thread."""
        try:
            stat = os.stat(path)
            if (stat.st_dev, stat.st_ino) != self._file:  # first use, or the file was replaced
                self.close()
                self._connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
                self._connection.execute("PRAGMA query_only = 1")
                self._file = (stat.st_dev, stat.st_ino)
            assert self._connection is not None
            row = self._connection.execute(SEQUENCE_QUERY).fetchone()
        except (OSError, sqlite3.Error):
            self.close()
            return None
        return (str(row[0]), int(row[1])) if row else None

    async def _read_postgres(self) -> Version | None:
        """One asynchronous connection of its own: a round trip that never blocks the event loop and
        needs neither a worker thread nor a pooled connection (whose checkout pings first)."""
        remote = self._remote.setdefault(asyncio.get_running_loop(), _Remote())
        begun_before_arrival = remote.reads
        async with remote.lock:
            if remote.reads > begun_before_arrival and remote.value is not None:
                # A read that began after this request arrived has just finished: its number is as
                # fresh as a read of our own would be. Concurrent requests share one round trip.
                return remote.value
            remote.reads += 1
            remote.value = None
            try:
                if remote.connection is None or remote.connection.closed:
                    remote.connection = await psycopg.AsyncConnection.connect(
                        self.conninfo, autocommit=True, connect_timeout=self.connect_timeout_seconds
                    )
                cursor = await remote.connection.execute(SEQUENCE_QUERY)
                row = await cursor.fetchone()
            except (OSError, psycopg.Error):
                if remote.connection is not None:
                    await remote.connection.close()
                remote.connection = None
                return None
            remote.value = (str(row[0]), int(row[1])) if row else None
            return remote.value

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self._file = None
        self._remote.clear()  # asynchronous connections close when collected


class ResponseCache:
    """The stored responses of one process, bounded in bytes."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.entries: LRUCache[tuple[Any, ...], StoredResponse] = LRUCache(
            maxsize=max(max_bytes, 1), getsizeof=lambda entry: len(entry.body) + 512
        )
        self.versions: dict[URL, DataVersion] = {}

    def version_source(self, engine: Engine) -> DataVersion:
        source = self.versions.get(engine.url)
        if source is None:
            source = self.versions[engine.url] = DataVersion(engine, get_settings().connect_timeout_seconds)
        return source

    def clear(self) -> None:
        self.entries.clear()
        for source in self.versions.values():
            source.close()
        self.versions.clear()


_caches: weakref.WeakSet[ResponseCache] = weakref.WeakSet()


def forget_cached_responses() -> None:
    """Drop every stored response and version reader (tests empty and replace databases under apps)."""
    for cache in _caches:
        cache.clear()


def request_key(scope: Scope) -> tuple[Any, ...] | None:
    """What a stored response is filed under, or None when this request must not use the cache."""
    if scope["type"] != "http" or scope["method"] != "GET":
        return None
    path: str = scope["path"]
    if not policy_for(path).response_cache:
        return None
    host = accept = b""
    for name, value in scope["headers"]:
        if name == b"host":
            host = value
        elif name == b"accept":
            accept = value  # a list answers CSV or JSON by it
        elif name in _CREDENTIAL_NAMES:
            return None
    return (scope.get("scheme"), host, path, scope.get("query_string", b""), accept)


class ResponseCacheMiddleware:
    """Serves a stored copy while the database is unchanged since it was made; stores fresh ones."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_bytes: int,
        read_engine: Callable[[], Engine],
        primary_engine: Callable[[], Engine],
        enabled: Callable[[], bool],
    ) -> None:
        self.app = app
        self.cache = ResponseCache(max_bytes)
        self.read_engine = read_engine
        self.primary_engine = primary_engine
        self.enabled = enabled
        _caches.add(self.cache)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = request_key(scope) if self.cache.max_bytes > 0 and self.enabled() else None
        if key is None:
            await self.app(scope, receive, send)
            return
        to_primary = policy_for(scope["path"]).reads_primary or reads_primary(scope)
        engine = self.primary_engine() if to_primary else self.read_engine()
        version = await self.cache.version_source(engine).current()
        if version is None:
            await self.app(scope, receive, send)
            return
        key = (engine.url, *key)
        stored = self.cache.entries.get(key)
        if stored is not None and stored.version == version:
            await self._replay(stored, send)
            return
        await self._respond_and_store(key, version, scope, receive, send)

    @staticmethod
    async def _replay(stored: StoredResponse, send: Send) -> None:
        headers = [*stored.headers, (HIT_HEADER.lower().encode(), b"hit")]
        await send({"type": "http.response.start", "status": stored.status, "headers": headers})
        await send({"type": "http.response.body", "body": stored.body, "more_body": False})

    async def _respond_and_store(
        self, key: tuple[Any, ...], version: Version, scope: Scope, receive: Receive, send: Send
    ) -> None:
        limit = self.cache.max_bytes // LARGEST_SHARE
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                headers = MutableHeaders(raw=list(message["headers"]))
                keep = message["status"] == 200
                if keep:
                    start = {**message, "headers": headers.raw}  # sent with the whole body, below
                    return
                await send(message)
                return
            if message["type"] != "http.response.body" or not keep:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if message.get("more_body", False) and size <= limit:
                return
            await self._finish(key, version, scope, start, b"".join(chunks), message, send, size <= limit)
            keep = False

        await self.app(scope, receive, capture)

    async def _finish(
        self,
        key: tuple[Any, ...],
        version: Version,
        scope: Scope,
        start: Message | None,
        body: bytes,
        last: Message,
        send: Send,
        complete: bool,
    ) -> None:
        """Send what was held back; store it when the whole body fitted."""
        assert start is not None
        headers = MutableHeaders(raw=start["headers"])
        more = bool(last.get("more_body", False))
        if not more and complete:
            if "etag" not in headers:  # a body rendered when written comes with its validators
                add_validators(headers, scope["path"], body)
            headers.raw[:] = [(name, value) for name, value in headers.raw if name != b"content-length"]
            headers["Content-Length"] = str(len(body))
            self.cache.entries[key] = StoredResponse(version, start["status"], list(headers.raw), body)
        await send({**start, "headers": headers.raw})
        await send({"type": "http.response.body", "body": body, "more_body": more})
