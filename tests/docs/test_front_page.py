"""`GET /`: what the service is, where to go next, and live counts, with no script and nothing external."""

from __future__ import annotations

import re

from tests.conftest import Store, TestClient
from tests.support.factories import import_demo

LINKS = ["/docs", "/redoc", "/openapi.json", "/v1/feeds/interviews.atom", "/v1/feeds/interviews.json"]


def counts(html: str) -> dict[str, int]:
    found = re.findall(r'<li id="count-(\w+)"><strong>([\d,]+)</strong>', html)
    return {name: int(number.replace(",", "")) for name, number in found}


def test_the_front_page_links_everything_and_counts_what_is_stored(store: Store, client: TestClient) -> None:
    empty = client.get("/")
    assert empty.status_code == 200
    assert empty.headers["content-type"].startswith("text/html")
    assert counts(empty.text) == {"interviews": 0, "questions": 0, "answers": 0, "speakers": 0, "topics": 0}

    import_demo(store)
    page = client.get("/")
    assert counts(page.text) == {"interviews": 1, "questions": 8, "answers": 8, "speakers": 2, "topics": 5}
    assert "Interviews as structured data" in page.text
    for link in LINKS:
        assert f'href="{link}"' in page.text
        assert client.get(link).status_code == 200, link


def test_the_front_page_runs_no_script_and_loads_nothing_external(store: Store, client: TestClient) -> None:
    response = client.get("/")
    html = response.text.lower()
    assert "<script" not in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert not re.search(r"<\w+[^>]*\son\w+\s*=", html), "inline event handlers are scripts too"
    policy = response.headers["content-security-policy"]
    assert (
        "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )


def test_the_front_page_is_not_an_api_operation(store: Store, client: TestClient) -> None:
    assert "/" not in client.get("/openapi.json").json()["paths"]
