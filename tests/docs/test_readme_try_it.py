"""The README's "Try it" commands, run as written (only the base URL changed) against a live server."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.support.servers import ROOT, LiveServer

README = ROOT / "README.md"
DOCUMENTED_BASE = "http://127.0.0.1:8000"
SLUG = "interview-with-kazakhstan-deputy-minister-of-foreign-affairs-roman-vassilenko"
# Every `curl` redefined: it runs the real curl, keeping each status and body in numbered files.
RECORDING_CURL = """
calls=0
curl() {
  calls=$((calls + 1))
  command curl --silent --show-error --output "$RESULTS/$calls.body" --write-out '%{http_code}' "$@" \
    > "$RESULTS/$calls.status"
}
"""


def items(body: str) -> list[dict[str, object]]:
    listed: list[dict[str, object]] = json.loads(body)["items"]
    return listed


def searched(body: dict[str, Any]) -> bool:
    """Marked hits; or, for a typo, a corrected query; or, grouped, an interview with marked answers."""
    if body["suggestions"]:
        return "visa facilitation" in body["suggestions"]
    first = body["items"][0]
    if first["top_answers"] is not None:
        return first["type"] == "interview" and "<mark>" in first["top_answers"][0]["snippet"]
    return "<mark>" in first["snippet"]


# What each documented request must answer, by path: a README command with no check here fails the test.
CHECKS: dict[str, Callable[[str], bool]] = {
    "/v1/interviews": lambda body: items(body)[0]["slug"] == SLUG,
    "/v1/answers": lambda body: 0 < len(items(body)) <= 3,
    "/v1/speakers": lambda body: [s["slug"] for s in items(body)] == ["roman-vassilenko"],
    "/v1/search": lambda body: searched(json.loads(body)),
    "/v1/answers/6/related": lambda body: "visa" in json.loads(body)["terms"],
    "/v1/search/explain": lambda body: len(json.loads(body)["all_of"]) == 2 and json.loads(body)["none_of"],
    f"/v1/interviews/{SLUG}": lambda body: len(json.loads(body)["questions"]) == 8,
    f"/v1/interviews/{SLUG}/revisions": lambda body: [v["current"] for v in items(body)] == [True],
    "/v1/export/answers.csv": lambda body: body.startswith("interview_slug,") and body.count(SLUG) >= 8,
    "/v1/feeds/interviews.atom": lambda body: "<feed" in body and SLUG in body,
    "/v1/feeds/interviews.json": lambda body: json.loads(body)["items"][0]["title"].startswith("Interview"),
    "/v1/changes": lambda body: any(c["slug"] == SLUG for c in items(body)),
    "/v1/imports": lambda body: len(json.loads(body)["documents"][0]["questions"]) == 8,
    "/v1/topics/visa-policy": lambda body: json.loads(body)["description"].startswith("Visas"),
}


def try_it_block() -> str:
    text = README.read_text(encoding="utf-8")
    section = re.search(r"<!-- try-it:start -->(.*?)<!-- try-it:end -->", text, re.DOTALL)
    assert section, "README.md lost its try-it markers"
    blocks = re.findall(r"```sh\n(.*?)```", section.group(1), re.DOTALL)
    assert len(blocks) == 1
    return str(blocks[0])


def documented_paths(block: str) -> list[str]:
    paths = []
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        if words[:1] == ["curl"]:
            [url] = [word for word in words if word.startswith(DOCUMENTED_BASE)]
            paths.append(urlsplit(url).path)
    return paths


def test_the_section_covers_each_main_use() -> None:
    block = try_it_block()
    paths = documented_paths(block)
    for use in ["/v1/interviews", "/v1/search", f"/v1/interviews/{SLUG}", "/v1/changes", "/v1/imports"]:
        assert use in paths
    assert any(path.startswith("/v1/feeds/") for path in paths)
    assert "dry_run=true" in block and "?topic=" in block


def test_every_command_answers_2xx_and_what_it_promises(live_server: LiveServer, tmp_path: Path) -> None:
    block = try_it_block()
    paths = documented_paths(block)
    assert set(paths) <= set(CHECKS), f"add a check for {set(paths) - set(CHECKS)}"
    script = RECORDING_CURL + block.replace(DOCUMENTED_BASE, live_server.base_url)
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=ROOT,
        env={**live_server.environment, "RESULTS": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for number, path in enumerate(paths, start=1):
        status = (tmp_path / f"{number}.status").read_text()
        body = (tmp_path / f"{number}.body").read_text(encoding="utf-8")
        assert status.startswith("2"), f"command {number} ({path}) answered {status}: {body[:500]}"
        assert CHECKS[path](body), f"command {number} ({path}) answered {body[:500]}"
