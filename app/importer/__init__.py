"""Article importer: pure functions from an interview article's text to an `InterviewDocument`."""

from __future__ import annotations

from app.importer.article import load_article, parse_article
from app.importer.errors import ArticleError
from app.importer.metadata import ArticleMetadata, ParticipantMeta, PersonMeta, TopicMeta

__all__ = [
    "ArticleError",
    "ArticleMetadata",
    "ParticipantMeta",
    "PersonMeta",
    "TopicMeta",
    "load_article",
    "parse_article",
]
