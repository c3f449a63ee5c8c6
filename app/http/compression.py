"""gzip for bodies above a size threshold (JSON, NDJSON, feeds, docs), when the client accepts it.

Starlette's GZipMiddleware does the compression (streaming bodies included, large ones in a worker
thread) and adds `Vary: Accept-Encoding`. What it leaves to us:

- the validator: a gzip body is another representation, so a client that accepts gzip gets the
  weak form of the `ETag` (`W/"…"`, as nginx does), on the 200, the 304 and HEAD alike. Conditional
  GETs compare weakly, so either form gets its 304; `If-Match` on writes accepts the weak form
  (`app/kit/preconditions.py`);
- HEAD, which has no body to compress: it says what the GET would send (`Content-Encoding: gzip`,
  no `Content-Length`, since that is only known once compressed).

The response cache and HTTP caching sit inside: they see, tag and keep uncompressed bodies.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COMPRESSION_LEVEL = 6
"""zlib's default: most of level 9's saving at a fraction of its CPU."""


class CompressionMiddleware:
    def __init__(self, app: ASGIApp, *, minimum_size: int) -> None:
        self.app = app
        self.minimum_size = minimum_size
        self.gzip = GZipMiddleware(app, minimum_size=minimum_size, compresslevel=COMPRESSION_LEVEL)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "gzip" not in Headers(scope=scope).get("accept-encoding", ""):
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"

        async def describe_the_gzip_representation(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(raw=message["headers"])
                if head and message["status"] == 200 and self._would_compress(headers):
                    headers["Content-Encoding"] = "gzip"
                    headers.add_vary_header("Accept-Encoding")
                    del headers["Content-Length"]
                etag = headers.get("etag")
                if etag and not etag.startswith("W/"):
                    headers["ETag"] = "W/" + etag
            await send(message)

        await (self.app if head else self.gzip)(scope, receive, describe_the_gzip_representation)

    def _would_compress(self, headers: MutableHeaders) -> bool:
        """What GZipMiddleware decides for a GET with this response's headers."""
        if "content-encoding" in headers:
            return False
        media_type = headers.get("content-type", "").partition(";")[0].strip().lower()
        excluded = any(
            media_type == kind or (kind.endswith("/*") and media_type.startswith(kind[:-1]))
            for kind in DEFAULT_EXCLUDED_CONTENT_TYPES
        )
        length = headers.get("content-length")
        return not excluded and (length is None or int(length) >= self.minimum_size)
