"""Text analysis shared by indexing, querying and highlighting, so all three agree on what a word is.

Words are folded (lowercase, diacritics removed) and stemmed here, in Python, with the Snowball
stemmer of the interview's language: the same algorithms PostgreSQL's text search configurations
use. Both stores then index these ready-made terms verbatim (FTS5 `unicode61`, PostgreSQL `simple`),
which is why SQLite and PostgreSQL find exactly the same hits.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress

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


ASCII_SEPARATORS = {
    code: " " for code in range(128) if chr(code) not in string.ascii_lowercase + string.digits
}  # after lower(): what `WORD` does not match in ASCII text


def folded_words(text: str) -> list[str]:
    """The folded words of a text, as `fold` gives them for each `WORD` match.

    ASCII text (most of it) is split without a regular expression or a call per word: there `WORD`
    matches runs of letters and digits, which `fold` only lowercases.
    """
    if text.isascii():
        return text.lower().translate(ASCII_SEPARATORS).split()
    return [word for word in map(fold, WORD.findall(text)) if word]


STEM_CACHE_SIZE = 200_000
"""Words per language whose stems `stems` remembers; the cache starts over when it is full."""

_stems_by_language: dict[str, dict[str, str]] = {}


def stems(words: list[str], language: str | None) -> list[str]:
    """The index term of each folded word, as `stem` gives it: known words from a cache, the rest
    stemmed in one call."""
    language = language or DEFAULT_LANGUAGE
    stemmer = _stemmer(language)
    if stemmer is None:
        return [word[:MAX_TERM_LENGTH] for word in words]
    known = _stems_by_language.setdefault(language, {})
    try:
        return list(map(known.__getitem__, words))
    except KeyError:
        pass
    unique = list(dict.fromkeys(words))
    found = dict(zip(unique, [term[:MAX_TERM_LENGTH] for term in stemmer.stemWords(unique)], strict=True))
    if len(known) + len(found) > STEM_CACHE_SIZE:
        known.clear()
    known.update(found)
    return list(map(found.__getitem__, words))


@dataclass
class AnalysedText:
    """The words of a text as the index sees them (folded, then stemmed), and where each one is."""

    text: str
    folded: list[str]
    terms: list[str]
    _spans: list[tuple[int, int]] | None = None
    _pieces: list[str] | None = None
    """ASCII text: the lowercased text split at each single separator (empty between two in a row)."""

    def spans_of(self, indices: Iterable[int]) -> dict[int, tuple[int, int]]:
        """Start and end offsets of some words, by their index among the words."""
        wanted = set(indices)
        if self._spans is not None:
            return {index: self._spans[index] for index in wanted}
        if not wanted:
            return {}
        # ASCII: every separator is one character wide, so offsets follow from the pieces' lengths.
        pieces = self._pieces if self._pieces is not None else _ascii_pieces(self.text)
        starts = list(accumulate(map((1).__add__, map(len, pieces)), initial=0))
        piece_of_word = list(compress(range(len(pieces)), pieces))
        return {
            index: (starts[piece_of_word[index]], starts[piece_of_word[index]] + len(self.folded[index]))
            for index in wanted
        }


def _ascii_pieces(text: str) -> list[str]:
    return text.lower().translate(ASCII_SEPARATORS).split(" ")


def analyse(text: str, language: str | None) -> AnalysedText:
    """A text's words folded and stemmed in one batch, for highlighting, as `index_terms` sees them.

    ASCII text is split as `folded_words` does, in C; word offsets are then found only when a caller
    asks for some. Other text is folded word by word, since folding may drop a word entirely.
    """
    if text.isascii():
        pieces = _ascii_pieces(text)
        folded = list(filter(None, pieces))
        return AnalysedText(text, folded, stems(folded, language), _pieces=pieces)
    folded, spans = [], []
    for match in WORD.finditer(text):
        word = fold(match.group())
        if word:
            folded.append(word)
            spans.append(match.span())
    return AnalysedText(text, folded, stems(folded, language), spans)


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
