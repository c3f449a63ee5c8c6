"""`/v1/webhooks`: subscribe a URL to kinds of change, see and retry its deliveries. For keys with the
`webhooks` scope (partners) or `admin`; each key sees its own subscriptions, an admin key all of them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from app.auth.audit import record_write
from app.auth.dependencies import CurrentKey, ensure_scope
from app.auth.keys import Scope
from app.config import get_settings
from app.errors import problem_responses
from app.kit.lookup import MAX_ID
from app.kit.pagination import Page, PageParams
from app.kit.preconditions import WRITE_PROBLEMS, check_if_match, if_match_header
from app.kit.representation import ListShape, list_shape
from app.kit.sessions import SessionDep
from app.models import ApiKey
from app.webhooks import repository
from app.webhooks.schemas import DeliveryStatus, DeliveryView, WebhookCreate, WebhookCreated, WebhookView

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])
WebhookShape = Annotated[ListShape, Depends(list_shape(WebhookView))]
DeliveryShape = Annotated[ListShape, Depends(list_shape(DeliveryView))]
KEY_PROBLEMS = (401, 403)


async def webhook_key(key: CurrentKey) -> ApiKey:
    return ensure_scope(key, Scope.webhooks)


WebhookKey = Annotated[ApiKey, Depends(webhook_key)]


def audited_webhook_write(
    request: Request, response: Response, session: SessionDep, key: WebhookKey
) -> Iterator[ApiKey]:
    """As `app.auth.audit.audit_write`, for the `webhooks` scope: the audit row joins the write."""
    yield key
    declared = getattr(request.scope.get("route"), "status_code", None)
    record_write(session, request, key, response.status_code or declared or 200)


AuditedWebhookWrite = Annotated[ApiKey, Depends(audited_webhook_write, scope="function")]
WebhookId = Annotated[int, Path(ge=1, le=MAX_ID, description="The webhook subscription's id.", examples=[1])]
DeliveryId = Annotated[int, Path(ge=1, le=MAX_ID, description="The delivery's id.", examples=[7])]
IfMatch = Annotated[str | None, if_match_header("of the webhook as you read it")]


@router.post(
    "",
    operation_id="createWebhook",
    summary="Subscribe a URL to changes",
    description="Each matching change of the change log is POSTed to `url`, signed with the returned "
    "`secret` (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`), retried with "
    "backoff until the receiver answers 2xx. Starts with the next change. The secret is shown only now. "
    "Needs a `webhooks` or `admin` key.",
    status_code=201,
    responses=problem_responses(*KEY_PROBLEMS, 422, 429),
)
def create_webhook(
    subscription: WebhookCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    key: AuditedWebhookWrite,
) -> WebhookCreated:
    base_url = get_settings().public_base_url or str(request.base_url)
    created, secret = repository.create_subscription(session, key, subscription, base_url)
    response.headers["Location"] = f"/v1/webhooks/{created.id}"
    return WebhookCreated(**repository.webhook_view(created).model_dump(), secret=secret)


@router.get(
    "",
    operation_id="listWebhooks",
    summary="List webhook subscriptions",
    description="Oldest first. A `webhooks` key sees its own subscriptions, an `admin` key every one. "
    "Secrets are never shown again.",
    responses=problem_responses(*KEY_PROBLEMS, 422),
)
def list_webhooks(
    session: SessionDep, page: PageParams, key: WebhookKey, shape: WebhookShape
) -> Page[WebhookView]:
    items, next_cursor = repository.list_subscriptions(session, key, page.window_by)
    return page.respond(items, next_cursor, shape)


@router.get(
    "/{webhook_id}",
    operation_id="getWebhook",
    summary="Get one webhook subscription",
    description="Its URL, kinds of change, filters, status (active or paused) and cursor into the change "
    "log; never its secret.",
    responses=problem_responses(*KEY_PROBLEMS, 404, 422),
)
def get_webhook(webhook_id: WebhookId, session: SessionDep, key: WebhookKey) -> WebhookView:
    return repository.webhook_view(repository.visible_subscription(session, key, webhook_id))


@router.delete(
    "/{webhook_id}",
    operation_id="deleteWebhook",
    summary="Delete a webhook subscription and its delivery log",
    description="Nothing more is sent to its URL, pending deliveries included.",
    status_code=204,
    response_class=Response,
    responses=WRITE_PROBLEMS,
)
def delete_webhook(
    webhook_id: WebhookId, session: SessionDep, key: AuditedWebhookWrite, if_match: IfMatch = None
) -> None:
    subscription = repository.visible_subscription(session, key, webhook_id, for_update=True)
    check_if_match(if_match, lambda: repository.webhook_view(subscription), "The webhook")
    session.delete(subscription)
    session.flush()


@router.post(
    "/{webhook_id}/resume",
    operation_id="resumeWebhook",
    summary="Resume a paused webhook subscription",
    description="Active again, with its count of failures cleared; its pending deliveries are tried at "
    "once, in order, and the changes made while it was paused follow. Resuming an active one retries its "
    "pending deliveries now.",
    responses=problem_responses(*KEY_PROBLEMS, 404, 422, 429),
)
def resume_webhook(webhook_id: WebhookId, session: SessionDep, key: AuditedWebhookWrite) -> WebhookView:
    subscription = repository.visible_subscription(session, key, webhook_id, for_update=True)
    repository.resume_subscription(session, subscription)
    return repository.webhook_view(subscription)


@router.get(
    "/{webhook_id}/deliveries",
    operation_id="listWebhookDeliveries",
    summary="List a webhook's deliveries, newest change first",
    description="One delivery per change sent to the subscription: its status, tries, next try, and the "
    "receiver's last HTTP status or error.",
    responses=problem_responses(*KEY_PROBLEMS, 404, 422),
)
def list_webhook_deliveries(
    webhook_id: WebhookId,
    session: SessionDep,
    page: PageParams,
    shape: DeliveryShape,
    key: WebhookKey,
    status: Annotated[
        DeliveryStatus | None,
        Query(description="Only deliveries in this state.", examples=["pending"]),
    ] = None,
) -> Page[DeliveryView]:
    subscription = repository.visible_subscription(session, key, webhook_id)
    items, next_cursor = repository.list_deliveries(session, subscription, status, page.window_by)
    return page.respond(items, next_cursor, shape)


@router.post(
    "/{webhook_id}/deliveries/{delivery_id}/redeliver",
    operation_id="redeliverWebhookDelivery",
    summary="Send a delivery again",
    description="The delivery is pending again and sent by the worker at once, with the same body and "
    "`webhook-id` and a new signature. A paused subscription must be resumed first (409).",
    status_code=202,
    responses=problem_responses(*KEY_PROBLEMS, 404, 409, 422, 429),
)
def redeliver_webhook_delivery(
    webhook_id: WebhookId, delivery_id: DeliveryId, session: SessionDep, key: AuditedWebhookWrite
) -> DeliveryView:
    subscription = repository.visible_subscription(session, key, webhook_id, for_update=True)
    return repository.delivery_view(repository.redeliver(session, subscription, delivery_id))
