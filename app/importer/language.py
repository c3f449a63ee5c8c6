"""Guess the article's language from its script and common words; good enough to label, no dependency."""

from __future__ import annotations

import re
from collections import Counter

CYRILLIC_SHARE = 0.5
MIN_HITS = 3
STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset({"the", "and", "of", "to", "is", "in", "that", "we", "with", "for", "are", "this"}),
    "de": frozenset({"der", "die", "und", "das", "ist", "nicht", "wir", "mit", "sich", "auch", "ein", "für"}),
    "fr": frozenset({"le", "la", "les", "et", "des", "est", "une", "nous", "que", "pour", "dans", "avec"}),
    "es": frozenset({"el", "los", "las", "y", "que", "es", "una", "para", "con", "por", "del", "como"}),
    "ru": frozenset({"и", "в", "не", "на", "что", "мы", "по", "это", "как", "для", "из", "к"}),
}
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str | None:
    """An ISO 639-1 code, or None when the text is too short or mixed to tell."""
    words = [word.lower() for word in _WORD.findall(text)]
    letters = "".join(words)
    if not letters:
        return None
    cyrillic = sum(1 for char in letters if "\u0400" <= char <= "\u04ff")
    if cyrillic / len(letters) >= CYRILLIC_SHARE:
        return "ru"
    counts = Counter(words)
    hits = {code: sum(counts[word] for word in stop_words) for code, stop_words in STOP_WORDS.items()}
    code, best = max(hits.items(), key=lambda item: item[1])
    return code if best >= MIN_HITS else None
