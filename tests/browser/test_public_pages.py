"""The public pages in headless Chromium, over the demo interview: each renders with no console error,
asks no host but the server, fits a phone's width, and is photographed for the README
(docs/screenshots/)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from app.docs.examples import SEED_INTERVIEW_SLUG
from tests.browser.guard import ExternalRequestGuard
from tests.support.servers import LiveServer

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE_WIDTH = 390
PHONE = {
    "viewport": {"width": PHONE_WIDTH, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
TIMEOUT_MS = 30_000
SCREENSHOT_HEIGHT = 1300
"""CSS pixels of each page photographed: its top, the first exchange of an interview included."""
PAGES = {
    "interview": f"/interviews/{SEED_INTERVIEW_SLUG}",
    "speaker": "/speakers/roman-vassilenko",
    "topic": "/topics/visa-policy",
    "search": "/search?q=visa+facilitation",
}


@dataclass
class Watched:
    """A page, and what went wrong on it: console errors, uncaught errors, requests to other hosts."""

    page: Any
    guard: ExternalRequestGuard
    errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.errors == []
        self.guard.assert_no_external_request()


@pytest.fixture
def phone(browser: Any, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Watched]:
    context = browser.new_context(**PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    guard = ExternalRequestGuard()
    guard.attach(context)
    page = context.new_page()
    watched = Watched(page, guard)
    page.on("console", lambda message: message.type == "error" and watched.errors.append(message.text))
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    yield watched
    report = getattr(request.node, "rep_call", None)
    if report is None or report.failed:
        page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
    context.close()


def horizontal_overflow(page: Any) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    overflow: int = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return overflow


@pytest.mark.parametrize("name", list(PAGES))
def test_a_page_renders_on_a_phone_with_nothing_from_elsewhere(
    live_server: LiveServer, phone: Watched, name: str
) -> None:
    page = phone.page
    response = page.goto(live_server.base_url + PAGES[name])
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui"), (
        "the stylesheet applied"
    )
    assert horizontal_overflow(page) <= 0
    structured = json.loads(page.locator('script[type="application/ld+json"]').text_content() or "")
    assert structured["@context"] == "https://schema.org"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = min(page.evaluate("document.documentElement.scrollHeight"), SCREENSHOT_HEIGHT)
    page.screenshot(
        path=str(SCREENSHOTS / f"{name}.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": PHONE_WIDTH, "height": height},
    )
    phone.assert_clean()


def test_a_search_hit_opens_the_interview_at_the_answer(live_server: LiveServer, phone: Watched) -> None:
    page = phone.page
    page.goto(live_server.base_url + PAGES["search"])
    first = page.locator("ol.hits li.hit").first
    assert first.locator("mark").count() >= 1
    first.get_by_role("link", name="Read it in the interview").click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(f"{live_server.base_url}/interviews/{SEED_INTERVIEW_SLUG}#answer-")
    anchor = page.url.split("#", 1)[1]
    cited = page.locator(f"#{anchor}")
    cited.wait_for()
    assert cited.is_visible()
    assert page.evaluate("document.querySelector(':target').id") == anchor
    assert cited.locator("a.permalink").get_attribute("href") == f"#{anchor}"
    assert horizontal_overflow(page) <= 0
    phone.assert_clean()


def test_the_search_form_submits_to_the_search_page(live_server: LiveServer, phone: Watched) -> None:
    page = phone.page
    page.goto(f"{live_server.base_url}/topics/visa-policy")
    field_ = page.locator("header.site input[name=q]")
    field_.fill("<b>tariffs</b> OR visas")
    field_.press("Enter")
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(f"{live_server.base_url}/search?q=")
    assert page.locator("h1").inner_text() == "Search: “<b>tariffs</b> OR visas”"
    assert page.locator("h1 b").count() == 0
    assert page.locator("ol.hits li.hit").count() >= 1
    phone.assert_clean()


def test_an_unknown_page_is_a_friendly_404(live_server: LiveServer, phone: Watched) -> None:
    page = phone.page
    response = page.goto(f"{live_server.base_url}/speakers/nobody-at-all")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "No such speaker"
    assert page.locator("header.site input[name=q]").is_visible()
    # The one error Chromium reports is the page's own status; its stylesheet and everything else loaded.
    assert phone.errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    phone.guard.assert_no_external_request()
