"""`/v1/webhooks` through HTTP on both stores: who may subscribe, what is refused, and that the secret
is shown once."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session

from app.auth.keys import Scope, create_key
from tests.conftest import Store, TestClient

URL = "https://partner.example/hooks/interviews"


def subscribe(client: TestClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    response = client.post("/v1/webhooks", json={"url": URL, **body}, headers=headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def another_partner(store: Store) -> dict[str, str]:
    with Session(store.engine) as session:
        _, key = create_key(session, "another partner", Scope.webhooks)
        session.commit()
    return {"Authorization": f"Bearer {key}"}


def test_a_partner_subscribes_reads_lists_and_deletes(
    store: Store, client: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    partner = keys["webhooks"]
    created = subscribe(
        client, partner, topics=["visa-policy", "trade", "trade"], description="Newsroom sync"
    )
    secret = created.pop("secret")
    assert secret.startswith("whsec_") and len(secret) > 40
    webhook_id = created["id"]
    assert created == {
        "id": webhook_id,
        "url": URL,
        "events": ["interview.created", "interview.updated", "interview.deleted"],
        "topics": ["trade", "visa-policy"],
        "speakers": [],
        "description": "Newsroom sync",
        "key_id": created["key_id"],
        "status": "active",
        "consecutive_failures": 0,
        "paused_at": None,
        "cursor": 0,
        "created_at": created["created_at"],
    }

    read = client.get(f"/v1/webhooks/{webhook_id}", headers=partner)
    assert read.status_code == 200 and read.json() == created
    assert read.headers["cache-control"] == "no-store"
    listed = client.get("/v1/webhooks", headers=partner)
    assert listed.json() == {"items": [created], "next_cursor": None}
    deliveries = client.get(f"/v1/webhooks/{webhook_id}/deliveries", headers=partner)
    assert deliveries.json() == {"items": [], "next_cursor": None}
    for response in (read, listed, deliveries):
        assert secret not in response.text

    stale = client.delete(f"/v1/webhooks/{webhook_id}", headers={**partner, "If-Match": '"0ld"'})
    assert stale.status_code == 412
    deleted = client.delete(
        f"/v1/webhooks/{webhook_id}", headers={**partner, "If-Match": read.headers["etag"]}
    )
    assert deleted.status_code == 204
    assert client.get(f"/v1/webhooks/{webhook_id}", headers=partner).status_code == 404
    audit = client.get("/v1/audit", headers=keys["admin"]).json()["items"]
    assert [(entry["method"], entry["path"], entry["status"]) for entry in audit] == [
        ("DELETE", f"/v1/webhooks/{webhook_id}", 204),
        ("POST", "/v1/webhooks", 201),
    ]


def test_a_key_sees_only_its_own_subscriptions_and_an_admin_sees_all(
    store: Store, client: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    mine = subscribe(client, keys["webhooks"])
    other_key = another_partner(store)
    theirs = subscribe(client, other_key, events=["topic.updated"])
    by_admin = subscribe(client, keys["admin"], events=["speaker.deleted"])

    def ids(headers: dict[str, str]) -> list[int]:
        return [item["id"] for item in client.get("/v1/webhooks", headers=headers).json()["items"]]

    assert ids(keys["webhooks"]) == [mine["id"]]
    assert ids(other_key) == [theirs["id"]]
    assert ids(keys["admin"]) == [mine["id"], theirs["id"], by_admin["id"]]
    for path in (f"/v1/webhooks/{theirs['id']}", f"/v1/webhooks/{theirs['id']}/deliveries"):
        refused = client.get(path, headers=keys["webhooks"])
        assert refused.status_code == 404
        assert refused.json()["detail"] == f"No webhook with id {theirs['id']} for this API key."
    assert client.delete(f"/v1/webhooks/{theirs['id']}", headers=keys["webhooks"]).status_code == 404
    assert client.post(f"/v1/webhooks/{theirs['id']}/resume", headers=keys["webhooks"]).status_code == 404
    assert client.get(f"/v1/webhooks/{theirs['id']}", headers=keys["admin"]).status_code == 200
    page = client.get("/v1/webhooks", params={"limit": 2}, headers=keys["admin"])
    assert [item["id"] for item in page.json()["items"]] == [mine["id"], theirs["id"]]
    assert 'rel="next"' in page.headers["link"]
    rest = client.get("/v1/webhooks", params={"cursor": page.json()["next_cursor"]}, headers=keys["admin"])
    assert [item["id"] for item in rest.json()["items"]] == [by_admin["id"]]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/v1/webhooks"),
        ("get", "/v1/webhooks"),
        ("get", "/v1/webhooks/1"),
        ("delete", "/v1/webhooks/1"),
        ("post", "/v1/webhooks/1/resume"),
        ("get", "/v1/webhooks/1/deliveries"),
        ("post", "/v1/webhooks/1/deliveries/1/redeliver"),
    ],
)
def test_no_key_is_a_401_and_a_read_or_write_key_a_403(
    store: Store, client: TestClient, keys: dict[str, dict[str, str]], method: str, path: str
) -> None:
    body = {"json": {"url": URL}} if path == "/v1/webhooks" and method == "post" else {}
    anonymous = client.request(method, path, **body)
    assert anonymous.status_code == 401
    assert anonymous.headers["content-type"] == "application/problem+json"
    assert anonymous.headers["www-authenticate"] == 'Bearer realm="interviews"'
    for scope in ("read", "write"):
        refused = client.request(method, path, headers=keys[scope], **body)
        assert refused.status_code == 403
        assert refused.json() == {
            "type": "forbidden",
            "title": "Forbidden",
            "status": 403,
            "detail": f"This API key has the '{scope}' scope; this operation needs 'webhooks'.",
            "request_id": refused.headers["x-request-id"],
        }


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"url": "ftp://partner.example/hook"}, "body.url", "must start with http:// or https://"),
        ({"url": "https:///no-host"}, "body.url", "must name a host"),
        ({"url": "https://user:pw@partner.example/h"}, "body.url", "must not carry a user name or password"),
        ({"url": "https://partner.example:99999/h"}, "body.url", "is not a URL"),
        ({"url": "https://partner.example/h#top"}, "body.url", "must not have a #fragment"),
        ({"url": "https://partner.example/a b"}, "body.url", "must not contain spaces"),
        ({"url": "https://partner.example/" + "x" * 2000}, "body.url", "at most 2000 characters"),
        ({"url": URL, "events": []}, "body.events", "at least 1 item"),
        ({"url": URL, "events": ["interview.renamed"]}, "body.events.0", "Input should be"),
        ({"url": URL, "topics": ["Not A Slug"]}, "body.topics.0", "should match pattern"),
        ({"url": URL, "description": "nul\x00"}, "body.description", "should match pattern"),
        ({"url": URL, "secret": "whsec_mine"}, "body.secret", "Extra inputs are not permitted"),
        ({}, "body.url", "Field required"),
    ],
)
def test_a_bad_subscription_is_a_422_naming_the_field(
    store: Store, client: TestClient, keys: dict[str, dict[str, str]], body: Any, field: str, message: str
) -> None:
    response = client.post("/v1/webhooks", json=body, headers=keys["webhooks"])
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"] == "validation-error"
    [error] = problem["errors"]
    assert error["field"] == field and message in error["message"], error


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "127.1", "2130706433", "10.1.2.3", "169.254.169.254", "[::1]"]
)
def test_loopback_and_private_hosts_are_refused(
    store: Store, client: TestClient, keys: dict[str, dict[str, str]], host: str
) -> None:
    response = client.post("/v1/webhooks", json={"url": f"http://{host}/hook"}, headers=keys["admin"])
    assert response.status_code == 422
    assert response.json()["type"] == "invalid-request"
    assert "WEBHOOK_ALLOW_PRIVATE_URLS" in response.json()["detail"]


def test_ids_that_no_row_can_have_and_unknown_deliveries(
    store: Store, client: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    admin = keys["admin"]
    for path in ("/v1/webhooks/0", "/v1/webhooks/x", f"/v1/webhooks/{2**63}"):
        assert client.get(path, headers=admin).status_code == 422
    assert client.get("/v1/webhooks/12345", headers=admin).status_code == 404
    created = subscribe(client, admin)
    missing = client.post(f"/v1/webhooks/{created['id']}/deliveries/99/redeliver", headers=admin)
    assert missing.status_code == 404
    assert missing.json()["detail"] == f"No delivery with id 99 for webhook {created['id']}."
    bad_status = client.get(f"/v1/webhooks/{created['id']}/deliveries?status=lost", headers=admin)
    assert bad_status.status_code == 422
    bad_cursor = client.get(f"/v1/webhooks/{created['id']}/deliveries?cursor=xyz", headers=admin)
    assert bad_cursor.status_code == 422
    assert client.post("/v1/webhooks", content=b"{", headers=admin).status_code in {400, 422}
