""" "Did you mean": corrected queries for a search that found nothing, made from the words the index has
seen (`search_words`), each checked for hits before it is offered.

A query word the index has never seen is replaced by the seen words nearest to it by edit distance
(one edit for words of up to five letters, two for longer ones), computed by rapidfuzz over the
vocabulary, which each process keeps in memory until the next write.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from sqlalchemy import select
from sqlmodel import Session, col

from app.models import SearchWord
from app.search.query import Phrase, SearchQuery, Word

MAX_SUGGESTIONS = 3
CANDIDATES_PER_WORD = 3
MAX_TRIED = 9
"""Corrected queries checked for hits, at most (each check is one indexed lookup)."""

_vocabularies: dict[tuple[str, Any], tuple[list[str], frozenset[str]]] = {}


def forget_vocabularies() -> None:
    _vocabularies.clear()


def vocabulary(session: Session, version: Any) -> tuple[list[str], frozenset[str]]:
    """The words the index has seen, as a list (for rapidfuzz) and a set, kept until the data changes."""
    key = (str(session.get_bind().engine.url), version)
    cached = _vocabularies.get(key)
    if cached is None:
        words = list(session.scalars(select(col(SearchWord.word))))
        cached = (words, frozenset(words))
        _vocabularies.clear()
        _vocabularies[key] = cached
    return cached


def _allowed_edits(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def corrections(word: str, words: list[str]) -> list[tuple[str, int]]:
    """The seen words nearest to `word`, with their distances, nearest first."""
    found = process.extract(
        word, words, scorer=Levenshtein.distance, score_cutoff=_allowed_edits(word), limit=CANDIDATES_PER_WORD
    )
    return [
        (candidate, int(distance)) for candidate, distance, _ in sorted(found, key=lambda f: (f[1], f[0]))
    ]


def _unseen_words(query: SearchQuery, seen: frozenset[str]) -> list[str]:
    words: list[str] = []
    for term in query.positive_terms():
        if isinstance(term, Word) and not term.prefix:
            words.append(term.text)
        elif isinstance(term, Phrase):
            words += term.words
    return [word for word in dict.fromkeys(words) if word not in seen and not word.isdigit()]


def _replaced(text: str, original: str, replacement: str) -> str:
    """The text with the folded word `original` replaced, wherever it was typed, in any case."""

    def cased(typed: re.Match[str]) -> str:
        return _cased(replacement, typed[0])

    return re.sub(rf"(?i)(?<!\w){re.escape(original)}(?!\w)", cased, text)


def _cased(replacement: str, typed: str) -> str:
    """The correction written as the word was typed: `Vasilenko` → `Vassilenko`, `VISSA` → `VISA`."""
    if typed.isupper() and len(typed) > 1:
        return replacement.upper()
    return replacement.capitalize() if typed[:1].isupper() else replacement


def suggest(
    session: Session, text: str, query: SearchQuery, version: Any, has_hits: Callable[[str], bool]
) -> list[str]:
    """Up to three corrected queries that have hits, fewest edits first."""
    words, seen = vocabulary(session, version)
    unseen = _unseen_words(query, seen)
    if not unseen or not words:
        return []
    options = [[(word, 0), *corrections(word, words)] for word in unseen]
    combinations = sorted(
        (choice for choice in itertools.product(*options) if any(distance for _, distance in choice)),
        key=lambda choice: sum(distance for _, distance in choice),
    )
    suggestions: list[str] = []
    for choice in combinations[:MAX_TRIED]:
        corrected = text
        for original, (replacement, _) in zip(unseen, choice, strict=True):
            corrected = _replaced(corrected, original, replacement)
        if corrected != text and corrected not in suggestions and has_hits(corrected):
            suggestions.append(corrected)
            if len(suggestions) == MAX_SUGGESTIONS:
                break
    return suggestions
