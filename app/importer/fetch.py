"""Fetch an article from the web with hard limits: http(s) only, timeouts, bounded size and redirects."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import httpx

from app.contract.document import InterviewDocument
from app.importer.article import parse_article
from app.importer.errors import ArticleError
from app.importer.html import PageMetadata, is_html, page_metadata
from app.importer.inputs import MAX_BYTES, check_text
from app.importer.metadata import ArticleMetadata

USER_AGENT = "interviews-api-importer/0.1 (+https://example.org/interviews)"
CHUNK = 65_536


def _check_url(url: str) -> None:
    """Only web URLs with a host: no file://, ftp:// or bare paths reach the client."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ArticleError(f"cannot fetch {url!r}: only http:// and https:// URLs with a host are supported")


def _read_limited(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    """The body, refused as soon as it (or its declared length) passes `max_bytes`."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise ArticleError(
            f"{url}: the page is {int(declared):,} bytes, more than the limit of {max_bytes:,}"
        )
    data = bytearray()
    for chunk in response.iter_bytes(CHUNK):
        data += chunk
        if len(data) > max_bytes:
            raise ArticleError(f"{url}: the page is larger than the limit of {max_bytes:,} bytes")
    return bytes(data)


def _decode(data: bytes, response: httpx.Response, url: str) -> str:
    """Text in the charset the server names (UTF-8 otherwise); undecodable pages are an error."""
    charset = response.charset_encoding or "utf-8"
    try:
        text = data.decode(charset)
    except (UnicodeDecodeError, LookupError) as error:
        raise ArticleError(f"{url}: the page is not valid {charset} text ({error})") from error
    check_text(text, url)
    return text


def fetch_article(
    url: str, *, timeout: float = 10, max_bytes: int = MAX_BYTES, max_redirects: int = 5
) -> tuple[str, PageMetadata]:
    """The page's text or HTML and its metadata (canonical URL, or the final URL when it names none)."""
    _check_url(url)
    current = url
    try:
        with httpx.Client(
            timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT}
        ) as client:
            for _ in range(max_redirects + 1):
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        target = urljoin(current, response.headers.get("location", ""))
                        _check_url(target)
                        current = target
                        continue
                    if response.status_code >= 400:
                        raise ArticleError(f"{current}: the server answered HTTP {response.status_code}")
                    text = _decode(_read_limited(response, current, max_bytes), response, current)
                    break
            else:
                raise ArticleError(f"{url}: more than {max_redirects} redirects; last one to {current}")
    except httpx.TimeoutException as error:
        raise ArticleError(
            f"{current}: no answer within {timeout} seconds ({type(error).__name__})"
        ) from error
    except httpx.HTTPError as error:
        raise ArticleError(f"{current}: cannot fetch the page ({type(error).__name__}: {error})") from error
    if not text.strip():
        raise ArticleError(f"{current}: the page is empty")
    page = page_metadata(text) if is_html(text) else PageMetadata()
    return text, PageMetadata(
        page.title, page.published_at, page.url or current, page.site_name, page.language, page.author
    )


def load_url(
    url: str,
    metadata: ArticleMetadata | None = None,
    *,
    format: str | None = None,
    timeout: float = 10,
    max_bytes: int = MAX_BYTES,
) -> InterviewDocument:
    """Fetch and parse an article; the page's title, date, canonical URL and site name apply unless
    `metadata` says otherwise."""
    text, page = fetch_article(url, timeout=timeout, max_bytes=max_bytes)
    given = page.as_metadata().overlay(metadata)
    return parse_article(text, given, format=format, max_bytes=max_bytes)
