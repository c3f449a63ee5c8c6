"""All tables, in one package, so Alembic and the repositories see the same metadata."""

from app.models.base import metadata, utc_now
from app.models.catalog import Speaker, Topic
from app.models.interviews import (
    Answer,
    Interview,
    InterviewTopic,
    Participant,
    Question,
    QuestionTopic,
    published_sort_key,
)
from app.models.search import SearchDocument

__all__ = [
    "Answer",
    "Interview",
    "InterviewTopic",
    "Participant",
    "Question",
    "QuestionTopic",
    "SearchDocument",
    "Speaker",
    "Topic",
    "metadata",
    "published_sort_key",
    "utc_now",
]
