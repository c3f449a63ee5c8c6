"""What `/v1/webhooks` reads and shows: a subscription (its secret shown once), and its delivery log."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from app.contract.document import SLUG_PATTERN
from app.models.values import UtcDateTime

EventKind = Literal[
    "interview.created", "interview.updated", "interview.deleted",
    "speaker.created", "speaker.updated", "speaker.deleted",
    "topic.created", "topic.updated", "topic.deleted",
]  # fmt: skip
INTERVIEW_EVENTS: list[EventKind] = ["interview.created", "interview.updated", "interview.deleted"]
SubscriptionStatus = Literal["active", "paused"]
DeliveryStatus = Literal["pending", "delivered"]
MAX_URL_LENGTH = 2000


def receiver_url(value: str) -> str:
    """An absolute http(s) URL with a host, no credentials and no fragment, as the worker will call it."""
    try:
        parts = urlsplit(value)
        port = parts.port  # a port that is not a number, or out of range, raises here
    except ValueError as error:
        raise ValueError(f"is not a URL ({error})") from error
    if parts.scheme not in {"http", "https"}:
        raise ValueError("must start with http:// or https://")
    if not parts.hostname:
        raise ValueError("must name a host")
    if parts.username is not None or parts.password is not None:
        raise ValueError("must not carry a user name or password (sign-in is by the signature)")
    if parts.fragment or value.endswith("#"):
        raise ValueError("must not have a #fragment")
    if port == 0:
        raise ValueError("must not name port 0")
    if any(character.isspace() or ord(character) < 32 for character in value):
        raise ValueError("must not contain spaces or control characters")
    return value


ReceiverUrl = Annotated[
    str,
    Field(
        min_length=8,
        max_length=MAX_URL_LENGTH,
        description="Where deliveries are POSTed: an http or https URL.",
        examples=["https://partner.example/hooks/interviews"],
    ),
    AfterValidator(receiver_url),
]
Slug = Annotated[str, Field(min_length=1, max_length=200, pattern=SLUG_PATTERN)]


class WebhookCreate(BaseModel):
    """A new subscription: where to send, which kinds of change, and optional filters."""

    model_config = ConfigDict(extra="forbid")

    url: ReceiverUrl
    events: list[EventKind] = Field(
        default_factory=lambda: list(INTERVIEW_EVENTS),
        min_length=1,
        max_length=20,
        description="Kinds of change to send; the three interview kinds by default.",
        examples=[INTERVIEW_EVENTS],
    )
    topics: list[Slug] = Field(
        default_factory=list,
        max_length=50,
        description="Only interviews with any of these topics (and changes of these topics); empty: all.",
        examples=[["visa-policy"]],
    )
    speakers: list[Slug] = Field(
        default_factory=list,
        max_length=50,
        description="Only interviews in which any of these speakers takes part (and changes of these "
        "speakers); empty: all. Deletions are sent whatever the filters: a deleted interview can no longer "
        "be matched.",
        examples=[[]],
    )
    description: str | None = Field(
        default=None,
        max_length=200,
        pattern=r"^[^\x00]*$",
        description="A note for people: what receives these deliveries.",
        examples=["Newsroom sync"],
    )


class WebhookView(BaseModel):
    """A subscription as its owner sees it: never its secret, which is shown only when it is created."""

    id: int = Field(examples=[1])
    url: str = Field(examples=["https://partner.example/hooks/interviews"])
    events: list[EventKind] = Field(examples=[INTERVIEW_EVENTS])
    topics: list[str] = Field(examples=[["visa-policy"]])
    speakers: list[str] = Field(examples=[[]])
    description: str | None = Field(examples=["Newsroom sync"])
    key_id: int = Field(description="The API key that made the subscription.", examples=[3])
    status: SubscriptionStatus = Field(
        description="`paused` after WEBHOOK_PAUSE_AFTER_FAILURES failed tries in a row: nothing is sent "
        "until it is resumed, and no change is lost meanwhile.",
        examples=["active"],
    )
    consecutive_failures: int = Field(examples=[0])
    paused_at: UtcDateTime | None = Field(examples=[None])
    cursor: int = Field(
        description="The `seq` of the last change of the change log given to this subscription.",
        examples=[42],
    )
    created_at: UtcDateTime


class WebhookCreated(WebhookView):
    """The new subscription, with the secret that signs its deliveries: store it now."""

    secret: str = Field(
        description="Verifies each delivery's `webhook-signature` (Standard Webhooks). Shown only this once.",
        examples=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
    )


class DeliveryView(BaseModel):
    """One change sent, or to be sent, to a subscription, with the outcome of its last try."""

    id: int = Field(examples=[7])
    message_id: str = Field(
        description="The `webhook-id` header: the same on every try, so a receiver can drop repeats.",
        examples=["msg_2c5f0e3b9a4d4c1e8f7a6b5c"],
    )
    event: EventKind = Field(examples=["interview.updated"])
    seq: int = Field(description="The change's place in the change log.", examples=[42])
    entity_type: Literal["interview", "speaker", "topic"] = Field(examples=["interview"])
    entity_id: int = Field(examples=[1])
    status: DeliveryStatus = Field(
        description="`pending` until a receiver answers 2xx (retried with backoff meanwhile).",
        examples=["delivered"],
    )
    attempts: int = Field(examples=[1])
    next_attempt_at: UtcDateTime | None = Field(description="When a pending delivery is tried next.")
    last_attempt_at: UtcDateTime | None
    last_status: int | None = Field(description="The receiver's HTTP status on the last try.", examples=[200])
    last_error: str | None = Field(description="Why the last try failed, if it did.", examples=[None])
    delivered_at: UtcDateTime | None
    created_at: UtcDateTime
