"""Secrets and signatures as Standard Webhooks defines them, by its reference library."""

from __future__ import annotations

import base64
import secrets
from datetime import datetime
from math import floor

from standardwebhooks.webhooks import Webhook

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32
"""256 bits: the secret keys HMAC-SHA256, so more adds nothing."""


def new_secret() -> str:
    """`whsec_` and base64 of random bytes, the form Standard Webhooks libraries read."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def new_message_id() -> str:
    """The `webhook-id` of a delivery: random, so a rebuilt database never repeats one a receiver has seen."""
    return "msg_" + secrets.token_hex(12)


def signed_headers(secret: str, message_id: str, body: str, at: datetime) -> dict[str, str]:
    """The three headers of a delivery sent at `at` (the timestamp is part of what is signed)."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(floor(at.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, at, body),
    }
