"""Interviews from what people publish: pure functions from text, HTML or captions to an `InterviewDocument`."""

from __future__ import annotations

from app.importer.article import ParsedArticle, load, load_article, parse, parse_article
from app.importer.errors import ArticleError
from app.importer.fetch import fetch_article, load_url
from app.importer.html import PageMetadata
from app.importer.metadata import (
    ArticleMetadata,
    ParticipantMeta,
    PersonMeta,
    TopicMeta,
    metadata_from_options,
)
from app.importer.shapes import FORMAT_KEYS
from app.importer.topics import TopicSuggestion, TopicSuggestions, apply_suggestions, suggest_topics

__all__ = [
    "FORMAT_KEYS",
    "ArticleError",
    "ArticleMetadata",
    "PageMetadata",
    "ParsedArticle",
    "ParticipantMeta",
    "PersonMeta",
    "TopicMeta",
    "TopicSuggestion",
    "TopicSuggestions",
    "apply_suggestions",
    "fetch_article",
    "load",
    "load_article",
    "load_url",
    "metadata_from_options",
    "parse",
    "parse_article",
    "suggest_topics",
]
