"""The OpenAPI examples are what the API really answers for the demo interview, on both stores."""

from __future__ import annotations

import json
from typing import Any

from app.documents.importing import import_source
from app.documents.schema import InterviewDocument
from app.examples import SEARCH_VISA_QUERY, SEARCH_VISA_RESPONSE, SEED_DOCUMENT_EXAMPLE, SEED_INTERVIEW_SLUG
from tests.conftest import SAMPLES, Store, TestClient

DEMO_ARTICLE = SAMPLES / "eu-reporter-vassilenko-2025.txt"


def import_demo(store: Store) -> None:
    report = import_source(store.engine, str(DEMO_ARTICLE))
    assert not report.bad_records


def without_store_specifics(page: dict[str, Any]) -> dict[str, Any]:
    """Scores (and the cursor that carries the last one) differ between SQLite's and PostgreSQL's ranking."""
    assert all(isinstance(hit["score"], float) for hit in page["items"])
    assert isinstance(page["next_cursor"], str | None)
    items = [{**hit, "score": "<score>"} for hit in page["items"]]
    return {**page, "items": items, "next_cursor": "<cursor>" if page["next_cursor"] else None}


def test_the_search_example_is_a_real_answer_for_visa(store: Store, client: TestClient) -> None:
    import_demo(store)
    response = client.get("/v1/search", params=SEARCH_VISA_QUERY)
    assert response.status_code == 200
    assert without_store_specifics(response.json()) == without_store_specifics(SEARCH_VISA_RESPONSE), (
        "app/examples.py is stale: update SEARCH_VISA_RESPONSE from the demo interview"
    )


def test_the_document_example_is_the_demo_interview_with_one_question(
    store: Store, client: TestClient
) -> None:
    import_demo(store)
    exported = client.get("/v1/export/interviews.ndjson", params={"interview": SEED_INTERVIEW_SLUG})
    demo = json.loads(exported.text.splitlines()[0])
    example = InterviewDocument.model_validate(SEED_DOCUMENT_EXAMPLE).model_dump(mode="json")
    assert {k: v for k, v in example.items() if k != "questions"} == {
        k: v for k, v in demo.items() if k != "questions"
    }
    [question] = example["questions"]
    assert {**question, "position": None} in [{**q, "position": None} for q in demo["questions"]]


def test_the_document_example_is_accepted_by_a_dry_run_import(store: Store, client: TestClient) -> None:
    response = client.post("/v1/imports", params={"dry_run": "true"}, json=SEED_DOCUMENT_EXAMPLE)
    assert response.status_code == 200, response.text
    assert response.json()["documents"][0]["slug"] == SEED_INTERVIEW_SLUG
