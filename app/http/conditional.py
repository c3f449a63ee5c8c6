"""HTTP caching for every GET, as one pure ASGI middleware: ETag, Cache-Control, 304s and HEAD.

- A successful (200) GET gets a strong ETag, the hash of its body, so any write that changes what a
  view shows changes its tag, with no bookkeeping in the routes. `If-None-Match` with a current tag
  (weak comparison, RFC 9110 §13.1.2) gives a 304 with no body.
- A response that already carries an ETag is streamed as it is, never buffered: that is how
  `/v1/export` sends its body in constant memory (its weak tag names the newest change).
- A JSON body with a top-level `updated_at` (a single resource) also gets `Last-Modified`, and
  `If-Modified-Since` is honoured when no `If-None-Match` is sent. The ETag stays the exact validator:
  Last-Modified has one-second resolution.
- `Cache-Control`: `no-store` for health and readiness, `no-cache` for the export, a few seconds for
  the change feed, `max-age=300` for a single resource and 30 seconds for lists, feeds and search;
  `private` instead of `public` when the request carried credentials.
- HEAD is answered for every GET route: the app sees a GET and the body is dropped.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
from datetime import UTC, datetime

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.http.policies import SINGLE_RESOURCE, cache_control, policy_for

CREDENTIAL_HEADERS = ("authorization", "x-api-key", "cookie")
DROPPED_IN_304 = ("content-length", "content-type", "content-encoding", "transfer-encoding")


def etag_for(body: bytes) -> str:
    """A strong tag: the hash of the body. `If-Match` on writes compares with the same function."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _opaque(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag.startswith("W/") else tag


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison against a list of tags (or `*`), as If-None-Match requires."""
    wanted = _opaque(etag)
    return any(tag.strip() == "*" or _opaque(tag) == wanted for tag in if_none_match.split(","))


def last_modified_of(body: bytes, content_type: str) -> datetime | None:
    """The `updated_at` of a single JSON resource, if it has one."""
    if not content_type.startswith("application/json"):
        return None
    try:
        value = json.loads(body)
        stamp = value.get("updated_at") if isinstance(value, dict) else None
        if not isinstance(stamp, str):
            return None
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def not_modified_since(if_modified_since: str, last_modified: datetime) -> bool:
    try:
        since = email.utils.parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return last_modified.replace(microsecond=0) <= since


def add_validators(headers: MutableHeaders, path: str, body: bytes) -> None:
    """`ETag` from the body and, for a single resource, `Last-Modified` from its `updated_at`: computed
    here for a fresh response, and once per stored copy by the response cache."""
    headers["ETag"] = etag_for(body)
    if policy_for(path) is SINGLE_RESOURCE:
        modified = last_modified_of(body, headers.get("content-type", ""))
        if modified is not None:
            headers["Last-Modified"] = email.utils.format_datetime(modified.astimezone(UTC), usegmt=True)


class _BodyDroppedError(Exception):
    """Raised into a streaming response whose body is not wanted (HEAD, 304), to stop producing it."""


class HttpCacheMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        exchange = _Exchange(scope, send)
        try:
            await self.app({**scope, "method": "GET"}, receive, exchange.send)
        except _BodyDroppedError:
            if not exchange.finished:
                raise


class _Exchange:
    """One GET or HEAD: decides from the response start whether to buffer, stream or cut the body."""

    def __init__(self, scope: Scope, send: Send) -> None:
        self.head = scope["method"] == "HEAD"
        self.path: str = scope["path"]
        self.request = Headers(scope=scope)
        self.downstream = send
        self.start: Message | None = None
        self.chunks: list[bytes] = []
        self.mode = "forward"
        self.finished = False

    async def send(self, message: Message) -> None:
        if self.finished:
            raise _BodyDroppedError
        if message["type"] == "http.response.start":
            await self._on_start(message)
        elif message["type"] == "http.response.body":
            await self._on_body(message)
        else:
            await self.downstream(message)

    async def _on_start(self, message: Message) -> None:
        headers = MutableHeaders(raw=list(message["headers"]))
        message = {**message, "headers": headers.raw}
        if message["status"] != 200:
            self.mode = "forward"
            await self.downstream(message)
            return
        if "cache-control" not in headers:
            credentials = any(name in self.request for name in CREDENTIAL_HEADERS)
            headers["Cache-Control"] = cache_control(self.path, credentials=credentials)
        if "etag" not in headers:
            self.mode = "buffer"
            self.start = message
            return
        self.mode = "stream"
        if self._fresh(headers):
            await self._finish(self._not_modified(message, headers))
            raise _BodyDroppedError
        await self.downstream(message)
        if self.head:
            await self._finish(None)
            raise _BodyDroppedError

    async def _on_body(self, message: Message) -> None:
        more = bool(message.get("more_body", False))
        if self.mode == "buffer":
            self.chunks.append(message.get("body", b""))
            if not more:
                await self._send_buffered()
            return
        if self.head:
            if not more:
                await self._finish(None)
            return
        await self.downstream(message)

    async def _send_buffered(self) -> None:
        assert self.start is not None
        body = b"".join(self.chunks)
        headers = MutableHeaders(raw=self.start["headers"])
        add_validators(headers, self.path, body)
        if self._fresh(headers):
            await self._finish(self._not_modified(self.start, headers))
            return
        await self.downstream(self.start)
        if self.head:
            await self._finish(None)
            return
        await self.downstream({"type": "http.response.body", "body": body, "more_body": False})
        self.finished = True

    def _fresh(self, headers: MutableHeaders) -> bool:
        """True when the client's copy is current: If-None-Match first, else If-Modified-Since."""
        if_none_match = self.request.get("if-none-match")
        if if_none_match is not None:
            return etag_matches(if_none_match, headers["etag"])
        if_modified_since = self.request.get("if-modified-since")
        last_modified = headers.get("last-modified")
        if if_modified_since is not None and last_modified is not None:
            return not_modified_since(if_modified_since, email.utils.parsedate_to_datetime(last_modified))
        return False

    @staticmethod
    def _not_modified(start: Message, headers: MutableHeaders) -> Message:
        kept = [(name, value) for name, value in headers.raw if name.decode("latin-1") not in DROPPED_IN_304]
        return {**start, "status": 304, "headers": kept}

    async def _finish(self, start: Message | None) -> None:
        """Send `start` if given, then an empty final body; nothing more goes out after this."""
        if start is not None:
            await self.downstream(start)
        await self.downstream({"type": "http.response.body", "body": b"", "more_body": False})
        self.finished = True
