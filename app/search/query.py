"""The search query language, parsed into a small tree that each store compiles on its own.

Syntax: words (all must match; `AND` between them says the same), `"a phrase"`, `OR` between two
terms, `-word`, `-"phrase"` or `NOT word` to exclude, `word*` for a prefix. Operators are written in
capitals: `and`, `or` and `not` are words like any other. Anything else is read as plain words:
unbalanced quotes, stray operators, brackets, colons and emoji never make a query fail. Raw input
never reaches SQL: the tree holds only folded word characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.storage.terms import query_words

MAX_TERMS = 32
MIN_PREFIX_LENGTH = 3
"""`a*` or `th*` would match most of the index; shorter prefixes are read as plain words."""

TOKEN = re.compile(r'(?P<neg>-)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+))|"')


@dataclass(frozen=True)
class Word:
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


Term = Word | Phrase


@dataclass(frozen=True)
class AnyOf:
    """Alternatives joined by OR; a single alternative is a plain required term."""

    terms: tuple[Term, ...]


@dataclass
class SearchQuery:
    required: list[AnyOf] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Nothing to look for: no word to match (an only-negative query finds nothing)."""
        return not self.required

    def positive_terms(self) -> list[Term]:
        return [term for group in self.required for term in group.terms]


def _term(raw_word: str | None, raw_phrase: str | None) -> Term | None:
    if raw_phrase is not None:
        words = query_words(raw_phrase)
        if not words:
            return None
        return Word(words[0]) if len(words) == 1 else Phrase(tuple(words))
    assert raw_word is not None
    prefix = raw_word.endswith("*")
    words = query_words(raw_word)
    if not words:
        return None
    if len(words) > 1:
        # "co-operation" or "u.s." typed as one word means those words in a row.
        return Phrase(tuple(words))
    return Word(words[0], prefix=prefix and len(words[0]) >= MIN_PREFIX_LENGTH)


OPERATORS = ("AND", "OR", "NOT")


def parse_query(text: str) -> SearchQuery:
    query = SearchQuery()
    pending_or = pending_not = False
    for match in TOKEN.finditer(text):
        if match.group("phrase") is None and match.group("word") is None:
            continue  # a lone quote: ignore it
        negative = match.group("neg") is not None or pending_not
        raw_word = match.group("word")
        if raw_word in OPERATORS and match.group("neg") is None:
            if raw_word == "OR":
                pending_or = bool(query.required) and not pending_not
            elif raw_word == "NOT":
                pending_not, pending_or = True, False
            continue  # AND: what juxtaposition already means
        pending_not = False
        term = _term(raw_word, match.group("phrase"))
        if term is None:
            continue
        if negative:
            query.excluded.append(term)
        elif pending_or:
            last = query.required.pop()
            query.required.append(AnyOf((*last.terms, term)))
        else:
            query.required.append(AnyOf((term,)))
        pending_or = False
        if len(query.required) + len(query.excluded) >= MAX_TERMS:
            break
    return query
