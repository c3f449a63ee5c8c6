"""Text analysis shared by indexing, querying and highlighting, so all three agree on what a word is.

Words are folded (lowercase, diacritics removed) and stemmed here, in Python, with the Snowball
stemmer of the interview's language: the same algorithms PostgreSQL's text search configurations
use. Both stores then index these ready-made terms verbatim (FTS5 `unicode61`, PostgreSQL `simple`),
which is why SQLite and PostgreSQL find exactly the same hits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TERM_LENGTH = 60

SNOWBALL_LANGUAGES = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "et": "estonian", "eu": "basque", "fi": "finnish", "fr": "french",
    "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian",
    "lt": "lithuanian", "ne": "nepali", "nl": "dutch", "no": "norwegian", "pl": "polish", "pt": "portuguese",
    "ro": "romanian", "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish",
}  # fmt: skip
"""ISO 639-1 codes with a Snowball stemmer; other languages (Kazakh, for one) are folded but not stemmed."""

DEFAULT_LANGUAGE = "en"


def fold(word: str) -> str:
    """Lowercase without diacritics (é → e, ё → е), keeping only word characters so no store splits it again."""
    if word.isascii():
        return (
            word.lower()
        )  # the common case: already free of diacritics, and WORD kept letters and digits only
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and (c.isalnum()))


@lru_cache(maxsize=64)
def _stemmer(language: str) -> Stemmer.Stemmer | None:
    algorithm = SNOWBALL_LANGUAGES.get(language)
    return Stemmer.Stemmer(algorithm, 10_000) if algorithm else None


def stem(folded_word: str, language: str | None) -> str:
    stemmer = _stemmer(language or DEFAULT_LANGUAGE)
    term = stemmer.stemWord(folded_word) if stemmer is not None else folded_word
    return term[:MAX_TERM_LENGTH]


@dataclass
class AnalysedText:
    """The words of a text as the index sees them (folded, then stemmed), and where each one is."""

    text: str
    folded: list[str]
    terms: list[str]
    _spans: list[tuple[int, int]] | None = None

    def spans_of(self, indices: Iterable[int]) -> dict[int, tuple[int, int]]:
        """Start and end offsets of some words, by their index among the words."""
        wanted = set(indices)
        if self._spans is not None:
            return {index: self._spans[index] for index in wanted}
        found: dict[int, tuple[int, int]] = {}
        last = max(wanted, default=-1)
        for index, match in enumerate(WORD.finditer(self.text)):  # ASCII: every match is a word
            if index > last:
                break
            if index in wanted:
                found[index] = match.span()
        return found


def analyse(text: str, language: str | None) -> AnalysedText:
    """A text's words folded and stemmed in one batch, for highlighting.

    ASCII text (most of it) is folded by one `lower()` and split by one `findall`, both in C; word
    offsets are then found only for the few words a caller asks about. Other text is folded word by
    word, since folding may drop a word entirely.
    """
    stemmer = _stemmer(language or DEFAULT_LANGUAGE)
    if text.isascii():
        folded = WORD.findall(text.lower())
        spans = None
    else:
        folded, spans = [], []
        for match in WORD.finditer(text):
            word = fold(match.group())
            if word:
                folded.append(word)
                spans.append(match.span())
    terms = [term[:MAX_TERM_LENGTH] for term in stemmer.stemWords(folded)] if stemmer is not None else folded
    return AnalysedText(text, folded, terms, spans)


def index_terms(text: str | None, language: str | None) -> str:
    """The text as the space-separated terms the full-text index stores, in order (phrases need it)."""
    if not text:
        return ""
    folded = [word for word in map(fold, WORD.findall(text)) if word]
    stemmer = _stemmer(language or DEFAULT_LANGUAGE)
    terms = stemmer.stemWords(folded) if stemmer is not None else folded
    return " ".join(term[:MAX_TERM_LENGTH] for term in terms)


def query_words(text: str) -> list[str]:
    """The folded words of a piece of query text, in order."""
    return [folded for word in WORD.findall(text) if (folded := fold(word))]


def term_variants(folded_word: str, languages: Iterable[str | None]) -> list[str]:
    """What a query word may have become in the index: its stem in each language searched."""
    variants = {stem(folded_word, language) for language in languages}
    return sorted(variants)
