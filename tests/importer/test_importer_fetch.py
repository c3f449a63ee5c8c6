"""URL import against a local HTTP server started in the test; never the internet."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from app.importer import ArticleError, ArticleMetadata, fetch_article, load_url

PAGE = (Path(__file__).resolve().parent / "corpus" / "en-html-qa.html").read_bytes()


class Handler(BaseHTTPRequestHandler):
    """Serves the saved page, redirects, errors, a huge body and a slow answer by path."""

    def do_GET(self) -> None:
        if self.path == "/article":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/moved":
            self._redirect("/article")
        elif self.path.startswith("/loop"):
            self._redirect(f"/loop{len(self.path)}")
        elif self.path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the limit must be enforced while streaming
            for _ in range(100):
                self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>")
        elif self.path == "/slow":
            SLOW_RELEASE.wait(10)  # answers only once the test has seen the client give up
            self._send(200, PAGE, "text/html")
        elif self.path == "/binary":
            self._send(200, b"\x00\x01\x02" * 100, "application/octet-stream")
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        return


SLOW_RELEASE = threading.Event()


class QuietServer(ThreadingHTTPServer):
    """Clients that stop reading (size limit, timeout) are expected here, not errors worth printing."""

    def handle_error(self, request: object, client_address: object) -> None:
        return


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    SLOW_RELEASE.set()  # the slow answer's thread may finish
    httpd.shutdown()
    httpd.server_close()


def test_fetch_returns_html_and_page_metadata(server: str) -> None:
    html, page = fetch_article(f"{server}/article")
    assert html.startswith("<!DOCTYPE html>")
    assert page.title == "Interview: the mayor of Port Wren on ferries and housing"
    assert page.published_at == "2025-03-02"
    assert page.url == "https://dailyplanet.example/interviews/mayor-port-wren"
    assert page.site_name == "Daily Planet"


def test_load_url_uses_the_page_metadata(server: str) -> None:
    document = load_url(f"{server}/moved")
    assert document.title == "Interview: the mayor of Port Wren on ferries and housing"
    assert document.published_at == date(2025, 3, 2)
    assert document.source is not None
    assert document.source.url == "https://dailyplanet.example/interviews/mayor-port-wren"
    assert document.source.name == "Daily Planet"
    assert len(document.questions) == 3
    assert document.questions[0].answers[0].speaker == "tom-ash"


def test_given_metadata_wins_over_the_page(server: str) -> None:
    document = load_url(
        f"{server}/article", ArticleMetadata(title="The mayor", source_url="https://x.example/a")
    )
    assert document.title == "The mayor"
    assert document.source is not None and document.source.url == "https://x.example/a"


@pytest.mark.parametrize(
    ("path", "kwargs", "message"),
    [
        ("/missing", {}, "the server answered HTTP 404"),
        ("/loop", {"max_redirects": 3}, "more than 3 redirects"),
        ("/to-file", {}, "only http:// and https:// URLs"),
        ("/huge", {"max_bytes": 100_000}, "larger than the limit of 100,000 bytes"),
        ("/article", {"max_bytes": 1_000}, "more than the limit of 1,000"),
        ("/slow", {"timeout": 0.3}, "no answer within 0.3 seconds"),
        ("/binary", {}, "binary data"),
    ],
)
def test_fetch_failures_are_article_errors(
    server: str, path: str, kwargs: dict[str, float], message: str
) -> None:
    with pytest.raises(ArticleError, match=message):
        fetch_article(f"{server}{path}", **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd", "example.org/a", "http://"])
def test_only_web_urls(url: str) -> None:
    with pytest.raises(ArticleError, match="only http:// and https://"):
        fetch_article(url)


def test_nothing_listening() -> None:
    with pytest.raises(ArticleError, match="cannot fetch the page"):
        fetch_article("http://127.0.0.1:9/", timeout=2)
