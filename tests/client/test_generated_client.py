"""A Python client generated from `openapi/openapi.json` by openapi-python-client: generated with no
warning, type-checked, and used against a live server to list, search and store an interview."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from app.docs.examples import SEED_DOCUMENT_EXAMPLE, SEED_INTERVIEW_SLUG
from tests.support.servers import ROOT, LiveServer

OPENAPI_FILE = ROOT / "openapi" / "openapi.json"
CONFIG = Path(__file__).with_name("generator-config.yaml")
BIN = Path(sys.executable).parent
PACKAGE = "interviews_api_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The generated project; its package is importable while the module's tests run."""
    output = tmp_path_factory.mktemp("client") / PACKAGE
    done = subprocess.run(
        [str(BIN / "openapi-python-client"), "generate", "--path", str(OPENAPI_FILE),
         "--output-path", str(output), "--config", str(CONFIG), "--meta", "none"],
        capture_output=True,
        text=True,
        timeout=300,
        # The generator formats its output with ruff, which it looks up on PATH.
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"},
        check=False,
    )  # fmt: skip
    output_text = done.stdout + done.stderr
    assert done.returncode == 0, output_text
    assert not re.search(r"warning|error|skipping", output_text, re.IGNORECASE), output_text
    sys.path.insert(0, str(output.parent))
    try:
        yield output
    finally:
        sys.path.remove(str(output.parent))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def client_module(generated: Path, name: str) -> ModuleType:
    return importlib.import_module(f"{generated.name}.{name}")


def test_the_generated_client_type_checks(generated: Path) -> None:
    done = subprocess.run(
        # What the schema shapes: operations and models. The generator's fixed `client.py` trips
        # httpx's stubs whatever the schema, so it is followed silently.
        [str(BIN / "mypy"), "--strict", "--no-incremental", "--follow-imports=silent",
         "--config-file", os.devnull, "-p", f"{PACKAGE}.api", "-p", f"{PACKAGE}.models"],
        cwd=generated.parent,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_list_search_and_put_with_the_generated_client(generated: Path, live_server: LiveServer) -> None:
    package = client_module(generated, "client")
    list_interviews = client_module(generated, "api.interviews.list_interviews")
    search_all = client_module(generated, "api.search.search_all")
    put_interview = client_module(generated, "api.interviews.put_interview")
    get_interview = client_module(generated, "api.interviews.get_interview")
    models = client_module(generated, "models")

    client: Any = package.Client(base_url=live_server.base_url, raise_on_unexpected_status=True)
    page = list_interviews.sync(client=client, limit=5)
    assert isinstance(page, models.PageInterviewSummary)
    assert [item.slug for item in page.items] == [SEED_INTERVIEW_SLUG]

    found = search_all.sync(client=client, q="visa", limit=3)
    assert isinstance(found, models.SearchPage)
    assert found.total >= 1 and "<mark>" in found.items[0].snippet
    assert found.items[0].interview.slug == SEED_INTERVIEW_SLUG

    key = live_server.interviews("keys", "create", "--name", "generated client", "--scope", "write").strip()
    writer: Any = package.AuthenticatedClient(base_url=live_server.base_url, token=key)
    slug = "generated-client-interview"
    document = models.InterviewDocument.from_dict({**SEED_DOCUMENT_EXAMPLE, "slug": slug})
    created = put_interview.sync_detailed(ref=slug, client=writer, body=document)
    assert created.status_code == 201, created.content
    assert isinstance(created.parsed, models.InterviewDetail) and created.parsed.slug == slug

    again = put_interview.sync_detailed(ref=slug, client=writer, body=document)
    assert again.status_code == 200

    stored = get_interview.sync(ref=slug, client=client)
    assert isinstance(stored, models.InterviewDetail)
    assert [q.text for q in stored.questions] == [q["text"] for q in SEED_DOCUMENT_EXAMPLE["questions"]]

    refused = put_interview.sync_detailed(ref=slug, client=client, body=document)
    assert refused.status_code == 401
    assert isinstance(refused.parsed, models.ProblemDetails) and refused.parsed.status == 401
