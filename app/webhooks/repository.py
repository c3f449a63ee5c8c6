"""Subscriptions and their delivery logs, as the API reads and changes them. A key sees its own
subscriptions; an admin key sees every one. Another key's subscription is a 404, not a 403, so ids
reveal nothing."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select, update
from sqlmodel import Session, col

from app.auth.keys import Scope, grants
from app.changes.repository import latest_seq
from app.config import get_settings
from app.errors import Conflict, InvalidRequest, NotFound
from app.kit.pagination import SortKey, Window, keyset_page
from app.models import ApiKey, WebhookDelivery, WebhookSubscription, utc_now
from app.webhooks.schemas import DeliveryStatus, DeliveryView, WebhookCreate, WebhookView
from app.webhooks.signing import new_secret

ACTIVE, PAUSED = "active", "paused"
PENDING, DELIVERED = "pending", "delivered"
_SUBSCRIPTION_ID: Any = col(WebhookSubscription.id)
_DELIVERY_ID: Any = col(WebhookDelivery.id)
OLDEST_FIRST = SortKey("id", _SUBSCRIPTION_ID, _SUBSCRIPTION_ID)
_DELIVERY_SEQ: Any = col(WebhookDelivery.seq)
NEWEST_CHANGE_FIRST = SortKey("-seq", _DELIVERY_SEQ, _DELIVERY_ID, descending=True)


def is_admin(key: ApiKey) -> bool:
    return grants(key.scope, Scope.admin)


def private_address(host: str) -> bool:
    """A host the worker must not be sent to from outside: loopback, private, link-local, reserved.
    IPv4 in any form a resolver accepts (`127.1`, `2130706433`) is read as it would be, without DNS."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.IPv4Address(socket.inet_aton(host))
    except (OSError, ValueError):
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False  # a name: what it resolves to is not checked here
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global


def create_subscription(
    session: Session, key: ApiKey, request: WebhookCreate, base_url: str
) -> tuple[WebhookSubscription, str]:
    """A new active subscription that starts after the newest committed change, and its secret."""
    host = urlsplit(request.url).hostname or ""
    if private_address(host) and not get_settings().webhook_allow_private_urls:
        raise InvalidRequest(
            f"The URL's host '{host}' is a loopback, private or link-local address, which this service "
            "does not send to (WEBHOOK_ALLOW_PRIVATE_URLS allows it)."
        )
    secret = new_secret()
    subscription = WebhookSubscription(
        key_id=key.id or 0,
        url=request.url,
        events=[kind for kind in dict.fromkeys(request.events)],
        topics=sorted(set(request.topics)),
        speakers=sorted(set(request.speakers)),
        description=request.description,
        secret=secret,
        base_url=base_url.rstrip("/"),
        status=ACTIVE,
        cursor=latest_seq(session),
    )
    session.add(subscription)
    session.flush()
    return subscription, secret


def webhook_view(subscription: WebhookSubscription) -> WebhookView:
    return WebhookView.model_validate(subscription, from_attributes=True)


def visible_subscription(
    session: Session, key: ApiKey, webhook_id: int, *, for_update: bool = False
) -> WebhookSubscription:
    statement = select(WebhookSubscription).where(webhook_id == _SUBSCRIPTION_ID)
    if not is_admin(key):
        statement = statement.where(col(WebhookSubscription.key_id) == key.id)
    if for_update:
        statement = statement.with_for_update()
    subscription: WebhookSubscription | None = session.execute(statement).scalar_one_or_none()
    if subscription is None:
        raise NotFound(f"No webhook with id {webhook_id} for this API key.")
    return subscription


def list_subscriptions(
    session: Session, key: ApiKey, window: Callable[[SortKey], Window]
) -> tuple[list[WebhookView], str | None]:
    statement = select(WebhookSubscription)
    if not is_admin(key):
        statement = statement.where(col(WebhookSubscription.key_id) == key.id)
    rows, next_cursor = keyset_page(session, statement, window(OLDEST_FIRST))
    return [webhook_view(row) for row in rows], next_cursor


def resume_subscription(session: Session, subscription: WebhookSubscription) -> None:
    """Active again, with its count of failures cleared and its pending deliveries due at once."""
    now = utc_now()
    subscription.status = ACTIVE
    subscription.consecutive_failures = 0
    subscription.paused_at = None
    session.execute(
        update(WebhookDelivery)
        .where(col(WebhookDelivery.subscription_id) == subscription.id)
        .where(col(WebhookDelivery.status) == PENDING)
        .values(next_attempt_at=now)
    )
    session.flush()


def delivery_view(delivery: WebhookDelivery) -> DeliveryView:
    view = DeliveryView.model_validate(delivery, from_attributes=True)
    return view.model_copy(update={"next_attempt_at": None}) if delivery.status == DELIVERED else view


def list_deliveries(
    session: Session,
    subscription: WebhookSubscription,
    status: DeliveryStatus | None,
    window: Callable[[SortKey], Window],
) -> tuple[list[DeliveryView], str | None]:
    statement = select(WebhookDelivery).where(col(WebhookDelivery.subscription_id) == subscription.id)
    if status is not None:
        statement = statement.where(col(WebhookDelivery.status) == status)
    rows, next_cursor = keyset_page(session, statement, window(NEWEST_CHANGE_FIRST))
    return [delivery_view(row) for row in rows], next_cursor


def redeliver(session: Session, subscription: WebhookSubscription, delivery_id: int) -> WebhookDelivery:
    """The delivery pending again and due now: the worker sends it (same `webhook-id`, new signature)."""
    if subscription.status == PAUSED:
        raise Conflict(
            f"The webhook {subscription.id} is paused: resume it first (POST /v1/webhooks/{subscription.id}"
            "/resume), which also retries its pending deliveries."
        )
    statement = (
        select(WebhookDelivery)
        .where(delivery_id == _DELIVERY_ID)
        .where(col(WebhookDelivery.subscription_id) == subscription.id)
        .with_for_update()
    )
    delivery: WebhookDelivery | None = session.execute(statement).scalar_one_or_none()
    if delivery is None:
        raise NotFound(f"No delivery with id {delivery_id} for webhook {subscription.id}.")
    delivery.status = PENDING
    delivery.next_attempt_at = utc_now()
    delivery.delivered_at = None
    session.flush()
    return delivery
