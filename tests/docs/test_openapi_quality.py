"""The OpenAPI document is valid 3.1 and complete: every operation tagged, summarised, described and
named for generated clients, every parameter described with an example, every error documented, and
the API key declared where writes need it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate

from app.main import KEY_REQUIRED, TAGS, create_app

OPENAPI_FILE = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
METHODS = {"get", "put", "post", "patch", "delete"}
WRITE_METHODS = {"put", "patch", "delete"}
WEBHOOK_WRITES = {"createWebhook", "resumeWebhook", "redeliverWebhookDelivery"}
"""POSTs that always need a key (a `webhooks` or `admin` one)."""
OPERATION_IDS = {
    "listInterviews", "getInterview", "getInterviewTranscript", "listInterviewRevisions", "getInterviewRevision", "putInterview", "patchInterview", "deleteInterview",
    "listQuestions", "getQuestion", "listAnswers", "getAnswer", "getRelatedAnswers",
    "listSpeakers", "getSpeaker", "patchSpeaker", "deleteSpeaker",
    "listTopics", "getTopic", "patchTopic", "deleteTopic",
    "searchAll", "explainSearch",
    "getInterviewsAtomFeed", "getInterviewsRssFeed", "getInterviewsJsonFeed",
    "getSearchAtomFeed", "getSearchRssFeed", "getSearchJsonFeed",
    "listChanges", "exportInterviews", "exportAnswersCsv", "createImport", "listAuditEntries", "getHealth", "getReadiness",
    "createWebhook", "listWebhooks", "getWebhook", "deleteWebhook", "resumeWebhook",
    "listWebhookDeliveries", "redeliverWebhookDelivery",
}  # fmt: skip


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return create_app().openapi()


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def has_example(parameter: dict[str, Any]) -> bool:
    places = (parameter, parameter.get("schema", {}))
    return any("example" in place or "examples" in place for place in places)


def test_the_document_is_valid_openapi_3_1(schema: dict[str, Any]) -> None:
    assert schema["openapi"].startswith("3.1")
    validate(schema)


def test_the_committed_file_passes_the_validator_command() -> None:
    command = Path(sys.executable).parent / "openapi-spec-validator"
    done = subprocess.run([str(command), str(OPENAPI_FILE)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))["openapi"].startswith("3.1")


def test_operation_ids_are_the_stable_readable_ones(schema: dict[str, Any]) -> None:
    ids = [operation["operationId"] for _, _, operation in operations(schema)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(?:[A-Z][a-z0-9]*)+", operation_id) for operation_id in ids), ids
    assert set(ids) == OPERATION_IDS, "renaming an operationId breaks generated clients"


def test_every_operation_has_one_known_tag_a_summary_and_a_description(schema: dict[str, Any]) -> None:
    tag_names = {tag["name"] for tag in TAGS}
    assert {tag["name"] for tag in schema["tags"]} == tag_names
    for method, path, operation in operations(schema):
        where = f"{method.upper()} {path}"
        assert len(operation.get("tags", [])) == 1 and operation["tags"][0] in tag_names, where
        assert operation.get("summary", "").strip(), where
        assert len(operation.get("description", "")) >= 20, where


def test_every_parameter_is_described_with_an_example(schema: dict[str, Any]) -> None:
    for method, path, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            where = f"{method.upper()} {path} {parameter['in']} {parameter['name']}"
            assert parameter.get("description", "").strip(), where
            assert has_example(parameter), where


def test_every_response_is_documented_and_errors_are_problems(schema: dict[str, Any]) -> None:
    for method, path, operation in operations(schema):
        where = f"{method.upper()} {path}"
        statuses = set(operation["responses"])
        assert any(status.startswith("2") for status in statuses), where
        for status, response in operation["responses"].items():
            assert response.get("description"), f"{where} {status}"
            if status.startswith(("4", "5")):
                assert list(response["content"]) == ["application/problem+json"], f"{where} {status}"
        if not path.startswith("/v1/"):
            continue
        assert {"401", "422", "429", "503"} <= statuses, where
        if "{" in path:
            assert "404" in statuses, where
        if method == "get":
            assert "304" in statuses, where
        if method in WRITE_METHODS:
            assert {"401", "403", "404", "409", "412", "413", "422", "429"} <= statuses, where
        if method in {"post", "put", "patch"}:
            assert {"400", "413"} <= statuses, where


def test_the_api_key_is_declared_and_required_by_writes(schema: dict[str, Any]) -> None:
    schemes = schema["components"]["securitySchemes"]
    assert schemes["HTTPBearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "An API key, as `Authorization: Bearer <key>`.",
    }
    assert schemes["APIKeyHeader"]["in"] == "header" and schemes["APIKeyHeader"]["name"] == "X-API-Key"
    for method, path, operation in operations(schema):
        where = f"{method.upper()} {path}"
        security = operation.get("security")
        if method in WRITE_METHODS or operation["operationId"] in KEY_REQUIRED | WEBHOOK_WRITES:
            assert security == [{"HTTPBearer": []}, {"APIKeyHeader": []}], where
        elif security is not None:
            assert {} in security, f"{where}: works without a key, so `{{}}` must be an alternative"


def test_examples_come_from_the_demo_interview(schema: dict[str, Any]) -> None:
    search = schema["paths"]["/v1/search"]["get"]["responses"]["200"]["content"]["application/json"]
    hit = search["examples"]["visa"]["value"]["items"][0]
    assert "<mark>visa</mark>" in hit["snippet"]
    put = schema["paths"]["/v1/interviews/{ref}"]["put"]["requestBody"]["content"]["application/json"]
    assert put["examples"]["demo"]["value"]["slug"] == (
        "interview-with-kazakhstan-deputy-minister-of-foreign-affairs-roman-vassilenko"
    )
