"""A parsed query expanded into the exact token patterns to look for, shared by both stores and the highlighter.

A query word may have been indexed under a different stem in each language, so each word becomes the
set of its stems in the languages searched; a phrase becomes every combination of its words' stems.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from app.search.query import AnyOf, Phrase, SearchQuery, Term, Word
from app.storage.terms import term_variants

MAX_PHRASE_COMBINATIONS = 8
MIN_STEM_PREFIX = 3


@dataclass(frozen=True)
class Pattern:
    """Consecutive index terms; with `prefix`, a single term that index terms start with."""

    terms: tuple[str, ...]
    prefix: bool = False


WORD_ENDINGS = (
    "",
    "s",
    "e",
    "es",
    "ed",
    "ing",
    "ion",
    "ions",
    "al",
    "ly",
    "ive",
    "ity",
    "a",
    "o",
    "en",
    "er",
    "y",
)
"""Common endings, to see how far stemming cuts back the words a prefix begins."""


def prefix_starts(prefix: str, languages: tuple[str | None, ...]) -> list[str]:
    """Index terms of words beginning with `prefix` begin with one of these.

    Stemming may cut into the typed prefix (cooperation → cooper, so `cooperat*` must look for
    `cooper*`): stem a few completions of the prefix and keep the stems it begins with.
    """
    starts = {prefix}
    for ending in WORD_ENDINGS:
        for stem in term_variants(prefix + ending, languages):
            if prefix.startswith(stem) and len(stem) >= MIN_STEM_PREFIX:
                starts.add(stem)
    shortest = sorted(starts, key=len)
    return sorted(s for s in shortest if not any(s != other and s.startswith(other) for other in shortest))


def expand_term(term: Term, languages: tuple[str | None, ...]) -> list[Pattern]:
    if isinstance(term, Word):
        if term.prefix:
            return [Pattern((start,), prefix=True) for start in prefix_starts(term.text, languages)]
        return [Pattern((variant,)) for variant in term_variants(term.text, languages)]
    choices = [term_variants(word, languages) for word in term.words]
    combinations = list(itertools.islice(itertools.product(*choices), MAX_PHRASE_COMBINATIONS + 1))
    if len(combinations) > MAX_PHRASE_COMBINATIONS:
        combinations = [tuple(variants[0] for variants in choices)]
    return [Pattern(tuple(combination)) for combination in combinations]


@dataclass(frozen=True)
class ExpandedQuery:
    """All of `required` (each any of its patterns), none of `excluded`."""

    required: list[list[Pattern]]
    excluded: list[list[Pattern]]

    def all_positive(self) -> list[Pattern]:
        return [pattern for group in self.required for pattern in group]


def expand(query: SearchQuery, languages: tuple[str | None, ...]) -> ExpandedQuery:
    def group(any_of: AnyOf) -> list[Pattern]:
        return [pattern for term in any_of.terms for pattern in expand_term(term, languages)]

    return ExpandedQuery(
        required=[group(any_of) for any_of in query.required],
        excluded=[expand_term(term, languages) for term in query.excluded],
    )


__all__ = ["ExpandedQuery", "Pattern", "Phrase", "expand"]
