"""The README's webhook commands, run as written (only the base URL changed) against a live server, and
the OpenAPI example of a subscription sent as it is."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from app.docs.examples import WEBHOOK_CREATE_EXAMPLE, WEBHOOK_CREATED_EXAMPLE
from tests.conftest import Store, TestClient
from tests.docs.test_readme_try_it import DOCUMENTED_BASE, RECORDING_CURL
from tests.support.servers import ROOT, LiveServer, server_environment, uvicorn_process


def curl_block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"<!-- webhooks-curl:start -->\n```sh\n(.*?)```", text, re.DOTALL)
    assert section, "README.md lost its webhooks-curl markers"
    return section.group(1)


@pytest.mark.slow
def test_the_readme_commands_subscribe_list_read_resume_and_delete(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'interviews.db'}"
    environment = server_environment(database_url)
    prepared = LiveServer("", database_url, environment)
    prepared.interviews("migrate")
    key = prepared.interviews("keys", "create", "--name", "partner", "--scope", "webhooks").strip()
    block = curl_block()
    with uvicorn_process(database_url, log=tmp_path / "uvicorn.log") as base_url:
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", RECORDING_CURL + block.replace(DOCUMENTED_BASE, base_url)],
            cwd=ROOT,
            env={**environment, "RESULTS": str(tmp_path), "KEY": key},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    statuses = [(tmp_path / f"{n}.status").read_text() for n in range(1, 6)]
    assert statuses == ["201", "200", "200", "200", "204"]
    created = json.loads((tmp_path / "1.body").read_text())
    assert created["id"] == 1 and created["secret"].startswith("whsec_")
    assert created["topics"] == ["visa-policy"]
    listed = json.loads((tmp_path / "2.body").read_text())
    assert [item["id"] for item in listed["items"]] == [1] and "secret" not in listed["items"][0]
    assert json.loads((tmp_path / "3.body").read_text()) == {"items": [], "next_cursor": None}
    assert json.loads((tmp_path / "4.body").read_text())["status"] == "active"


def test_the_openapi_example_is_accepted_and_answered_in_the_documented_shape(
    store: Store, client: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    response = client.post("/v1/webhooks", json=WEBHOOK_CREATE_EXAMPLE, headers=keys["webhooks"])
    assert response.status_code == 201, response.text
    assert response.headers["location"] == f"/v1/webhooks/{response.json()['id']}"
    body = response.json()
    assert list(body) == list(WEBHOOK_CREATED_EXAMPLE)
    assert {k: body[k] for k in WEBHOOK_CREATE_EXAMPLE} == WEBHOOK_CREATE_EXAMPLE
