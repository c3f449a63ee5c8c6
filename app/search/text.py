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


def words_with_terms(text: str, language: str | None) -> tuple[list[int], list[int], list[str], list[str]]:
    """Start and end offsets, folded forms and index terms of the words of a text, stemmed in one batch."""
    starts: list[int] = []
    ends: list[int] = []
    folded: list[str] = []
    for match in WORD.finditer(text):
        word = fold(match.group())
        if word:
            starts.append(match.start())
            ends.append(match.end())
            folded.append(word)
    stemmer = _stemmer(language or DEFAULT_LANGUAGE)
    terms = [term[:MAX_TERM_LENGTH] for term in stemmer.stemWords(folded)] if stemmer is not None else folded
    return starts, ends, folded, terms


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
