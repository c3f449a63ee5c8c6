"""The one error the importer raises, so callers can report bad input without catching everything."""

from __future__ import annotations


class ArticleError(ValueError):
    """The text cannot become an interview; the message says what was found, what is missing and where."""
