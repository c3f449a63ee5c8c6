"""`GET /v1/search/explain`: the parsed query, the index terms each part is looked up by, and what
the store runs, with notes on whatever is read differently from how it may look."""

from __future__ import annotations

import re

from sqlmodel import Session

from app.search import postgres, sqlite
from app.search.patterns import Pattern, expand, expand_term
from app.search.query import MIN_PREFIX_LENGTH, OPERATORS, Phrase, Term, parse_query
from app.search.repository import searched_languages
from app.search.schemas import ExplainedGroup, ExplainedTerm, SearchExplanation

_LOWER_OPERATOR = re.compile(r"(?<![\w\"-])(and|or|not)(?![\w\"])")
_SHORT_PREFIX = re.compile(rf"(?<![\w-])(\w{{1,{MIN_PREFIX_LENGTH - 1}}})\*")


def _shown(pattern: Pattern) -> str:
    return pattern.terms[0] + "*" if pattern.prefix else " ".join(pattern.terms)


def _explained(term: Term, languages: tuple[str | None, ...]) -> ExplainedTerm:
    looked_up = [_shown(pattern) for pattern in expand_term(term, languages)]
    if isinstance(term, Phrase):
        return ExplainedTerm(kind="phrase", text=" ".join(term.words), looked_up=looked_up)
    return ExplainedTerm(kind="prefix" if term.prefix else "word", text=term.text, looked_up=looked_up)


def _notes(text: str, only_excluded: bool, nothing: bool) -> list[str]:
    notes = [
        f"'{word}' is a word: write {word.upper()} in capitals to use it as an operator"
        for word in dict.fromkeys(match.lower() for match in _LOWER_OPERATOR.findall(text))
        if word.upper() in OPERATORS
    ]
    notes += [
        f"'{prefix}*' is read as the word '{prefix}': prefixes need {MIN_PREFIX_LENGTH} letters or more"
        for prefix in _SHORT_PREFIX.findall(text)
    ]
    if only_excluded:
        notes.append(
            "the query only says what to leave out: /v1/search refuses it (422); add a word to look for"
        )
    elif nothing:
        notes.append("the query holds no word to look for: /v1/search answers no hits")
    return notes


def explain(session: Session, text: str, language: list[str] | None) -> SearchExplanation:
    parsed = parse_query(text)
    languages = searched_languages(session, language)
    expanded = expand(parsed, languages)
    store = "sqlite" if session.get_bind().dialect.name == "sqlite" else "postgresql"
    expression = ""
    if not parsed.is_empty:
        expression = sqlite.match_expression(expanded) if store == "sqlite" else postgres.describe(expanded)
    return SearchExplanation(
        q=text,
        all_of=[
            ExplainedGroup(any_of=[_explained(term, languages) for term in group.terms])
            for group in parsed.required
        ],
        none_of=[_explained(term, languages) for term in parsed.excluded],
        languages=[language or "en" for language in languages],
        store=store,
        expression=expression,
        notes=_notes(
            text, bool(parsed.excluded) and parsed.is_empty, parsed.is_empty and not parsed.excluded
        ),
    )
