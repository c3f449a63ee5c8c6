"""Swagger UI and ReDoc in headless Chromium: search for "visa" from the docs page, with no request
leaving the machine."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.guard import ExternalRequestGuard
from tests.support.servers import LiveServer

OPENAPI = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
OPERATION_COUNT = sum(
    1
    for operations in json.loads(OPENAPI.read_text(encoding="utf-8"))["paths"].values()
    for method in operations
    if method in {"get", "put", "post", "patch", "delete"}
)
"""Every operation of the committed document (which a test keeps equal to what the app serves)."""
CDN_BUNDLE = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"
TIMEOUT_MS = 30_000


@pytest.fixture
def guarded_page(
    browser: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[tuple[Any, ExternalRequestGuard]]:
    """A fresh page behind the guard; a screenshot lands in tmp_path when the test fails."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    guard = ExternalRequestGuard()
    guard.attach(context)
    page = context.new_page()
    yield page, guard
    report = getattr(request.node, "rep_call", None)
    if report is None or report.failed:
        page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
    context.close()


def search_for_visa(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/docs")
    operation = page.locator("#operations-search-searchAll")
    operation.locator(".opblock-summary").first.click()
    operation.locator("button.try-out__btn").click()
    query = operation.locator('tr[data-param-name="q"] input')
    query.fill("visa")
    operation.locator("button.execute").click()
    live = operation.locator(".live-responses-table")
    status = live.locator("tr.response td.response-col_status").first
    status.wait_for()
    assert status.inner_text().strip().startswith("200")
    body = live.locator("tr.response .response-col_description pre.microlight").first
    assert "<mark>visa</mark>" in body.inner_text().lower()


def test_swagger_ui_searches_for_visa(
    live_server: LiveServer, guarded_page: tuple[Any, ExternalRequestGuard]
) -> None:
    page, guard = guarded_page
    search_for_visa(page, live_server.base_url)
    guard.assert_no_external_request()


def test_redoc_lists_the_operations(
    live_server: LiveServer, guarded_page: tuple[Any, ExternalRequestGuard]
) -> None:
    page, guard = guarded_page
    page.goto(f"{live_server.base_url}/redoc")
    menu = page.locator(".menu-content")
    menu.locator('[data-item-id="tag/search/operation/searchAll"]').wait_for(state="attached")
    operations = menu.locator('li[data-item-id*="/operation/"]')
    assert operations.count() == OPERATION_COUNT
    labels = menu.text_content() or ""
    for summary in ["List interviews", "Search answers, questions and interviews", "Import an article"]:
        assert summary in labels
    assert menu.get_by_text("interviews", exact=True).first.is_visible()
    page.wait_for_load_state("networkidle")
    guard.assert_no_external_request()


def pointing_at_a_cdn(base_url: str) -> Callable[[Any], None]:
    """Serve /docs as if it loaded Swagger UI from a CDN, without the CSP that would block it first."""

    def handler(route: Any) -> None:
        response = route.fetch()
        html = re.sub(r'src="/static/docs/swagger-ui-bundle\.js"', f'src="{CDN_BUNDLE}"', response.text())
        assert CDN_BUNDLE in html
        route.fulfill(status=200, body=html, headers={"content-type": "text/html; charset=utf-8"})

    return handler


def test_the_guard_fails_when_swagger_ui_comes_from_a_cdn(
    live_server: LiveServer, guarded_page: tuple[Any, ExternalRequestGuard]
) -> None:
    page, guard = guarded_page
    page.route(f"{live_server.base_url}/docs", pointing_at_a_cdn(live_server.base_url))
    page.goto(f"{live_server.base_url}/docs")
    page.wait_for_load_state("load")
    with pytest.raises(AssertionError, match=re.escape("cdn.jsdelivr.net")):
        guard.assert_no_external_request()
    with pytest.raises(PlaywrightTimeoutError):
        # And the docs do not work: the bundle never arrived.
        page.locator("#operations-search-searchAll").wait_for(timeout=2_000)
