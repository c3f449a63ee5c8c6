"""The OpenAPI examples are what the API really answers for the demo interview, on both stores."""

from __future__ import annotations

import json
from typing import Any

from app.contract.document import InterviewDocument
from app.docs.examples import (
    LIST_CSV_RESPONSE,
    LIST_SHAPE_QUERY,
    LIST_SHAPE_RESPONSE,
    REVISION_EXAMPLE,
    SEARCH_VISA_QUERY,
    SEARCH_VISA_RESPONSE,
    SEED_DOCUMENT_EXAMPLE,
    SEED_INTERVIEW_SLUG,
)
from tests.conftest import Store, TestClient
from tests.support.factories import import_demo


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
        "app/docs/examples.py is stale: update SEARCH_VISA_RESPONSE from the demo interview"
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


def documented_problems(schema: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """Each status's example, from every operation that documents it (they must all agree)."""
    examples: dict[int, list[dict[str, Any]]] = {}
    for operations in schema["paths"].values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                media = response.get("content", {}).get("application/problem+json")
                if media is not None:
                    examples.setdefault(int(status), []).append(media["example"])
    assert all(all(e == found[0] for e in found) for found in examples.values())
    return {status: found[0] for status, found in examples.items()}


def test_every_documented_problem_shows_its_own_status_and_the_type_and_title_sent(
    store: Store, client: TestClient, monkeypatch: Any
) -> None:
    """Each example names its own status (not the 404's body for all), and provoking that status gives a
    problem of the same type and title."""
    import_demo(store)
    documented = documented_problems(client.get("/openapi.json").json())
    assert {401, 404, 412, 413, 414, 415, 422, 429, 503} <= set(documented)
    provoked = {
        401: client.put(f"/v1/interviews/{SEED_INTERVIEW_SLUG}", json=SEED_DOCUMENT_EXAMPLE),
        404: client.get("/v1/interviews/no-such-interview"),
        414: client.get("/v1/interviews", params={"q": "x" * 5000}),
        415: client.post("/v1/imports?dry_run=true", content=b"x", headers={"Content-Type": "image/png"}),
        422: client.get("/v1/interviews", params={"limit": 1000}),
        413: client.post("/v1/imports?dry_run=true", content=b"x" * 6_000_000),
    }
    for status, response in provoked.items():
        assert response.status_code == status, response.text
        body = response.json()
        example = documented[status]
        assert (body["type"], body["title"], body["status"]) == (example["type"], example["title"], status)
        assert example["detail"], "an example says what went wrong"
    assert len({example["detail"] for example in documented.values()}) == len(documented)


def test_patch_examples_are_the_current_values_so_executing_them_changes_nothing(
    store: Store, client: TestClient
) -> None:
    """Swagger UI fills a PATCH body with its example: one click on *Execute* must not store placeholders."""
    from sqlmodel import Session

    from app.auth.keys import Scope, create_key

    import_demo(store)
    with Session(store.engine) as session:
        _, key = create_key(session, "docs", Scope.write)
        session.commit()
    schema = client.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        patch = operations.get("patch")
        if patch is None:
            continue
        [example] = patch["requestBody"]["content"]["application/json"]["examples"].values()
        ref = next(p for p in patch["parameters"] if p["in"] == "path")["schema"]["examples"][0]
        url = path.replace("{ref}", ref)
        before = client.get(url)
        response = client.patch(url, json=example["value"], headers={"Authorization": f"Bearer {key}"})
        assert response.status_code == 200, response.text
        after = client.get(url)
        assert after.headers["etag"] == before.headers["etag"], f"PATCH {url} changed the resource"
        assert "string" not in json.dumps(example["value"])


def test_the_list_shape_examples_are_real_answers(store: Store, client: TestClient) -> None:
    import_demo(store)
    body = client.get("/v1/interviews", params=LIST_SHAPE_QUERY).json()
    assert body == LIST_SHAPE_RESPONSE
    csv_page = client.get("/v1/interviews", params={"fields": "slug,title", "format": "csv"})
    assert csv_page.text == LIST_CSV_RESPONSE
    documented = client.get("/openapi.json").json()["paths"]["/v1/interviews"]["get"]["responses"]["200"][
        "content"
    ]
    assert documented["text/csv"]["example"] == LIST_CSV_RESPONSE


def test_the_revision_example_has_the_shape_of_a_real_revision(
    store: Store, client: TestClient, keys
) -> None:
    import_demo(store)
    retitled = REVISION_EXAMPLE["document"]["title"]
    patched = client.patch(
        f"/v1/interviews/{SEED_INTERVIEW_SLUG}", json={"title": retitled}, headers=keys["write"]
    )
    assert patched.status_code == 200, patched.text
    real = client.get(f"/v1/interviews/{SEED_INTERVIEW_SLUG}/revisions/2").json()
    assert set(real) == set(REVISION_EXAMPLE)
    assert (real["changed"], real["changes"]) == (REVISION_EXAMPLE["changed"], REVISION_EXAMPLE["changes"])
    assert InterviewDocument.model_validate(REVISION_EXAMPLE["document"]).title == retitled
