"""All tables, in one package, so Alembic and the repositories see the same metadata."""

from app.models.access import ApiKey, AuditEntry
from app.models.base import metadata, utc_now
from app.models.catalog import Speaker, Topic
from app.models.changes import Change, ChangeSequence
from app.models.interviews import (
    Answer,
    Interview,
    InterviewTopic,
    Participant,
    Question,
    QuestionTopic,
    published_sort_key,
)
from app.models.rendered import RenderedInterview
from app.models.revisions import InterviewRevision
from app.models.search import SearchDocument, SearchWord
from app.models.webhooks import WebhookDelivery, WebhookSubscription

__all__ = [
    "Answer",
    "ApiKey",
    "AuditEntry",
    "Change",
    "ChangeSequence",
    "Interview",
    "InterviewRevision",
    "InterviewTopic",
    "Participant",
    "Question",
    "QuestionTopic",
    "RenderedInterview",
    "SearchDocument",
    "SearchWord",
    "Speaker",
    "Topic",
    "WebhookDelivery",
    "WebhookSubscription",
    "metadata",
    "published_sort_key",
    "utc_now",
]
