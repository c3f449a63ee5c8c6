"""Article importer: pure functions from an interview article's text to an `InterviewDocument`."""

from __future__ import annotations

from app.importer.article import load_article, parse_article
from app.importer.errors import ArticleError
from app.importer.fetch import fetch_article, load_url
from app.importer.formats import FORMAT_KEYS
from app.importer.markup import PageMetadata
from app.importer.metadata import (
    ArticleMetadata,
    ParticipantMeta,
    PersonMeta,
    TopicMeta,
    metadata_from_options,
)
from app.importer.topics import TopicSuggestion, TopicSuggestions, apply_suggestions, suggest_topics

__all__ = [
    "FORMAT_KEYS",
    "ArticleError",
    "ArticleMetadata",
    "PageMetadata",
    "ParticipantMeta",
    "PersonMeta",
    "TopicMeta",
    "TopicSuggestion",
    "TopicSuggestions",
    "apply_suggestions",
    "fetch_article",
    "load_article",
    "load_url",
    "metadata_from_options",
    "parse_article",
    "suggest_topics",
]
