"""How many search rows a query can match at most on PostgreSQL, from the planner's own statistics of
the index's lexemes, without assuming that its words occur independently.

The planner estimates a phrase or several words as if each word occurred independently of the others.
Words that go together ("united states", "court judge") then look rare: 3,675 rows expected for a
phrase in 13,591 rows, 40 for a pair in 8,450 (20,000 interviews), and their search rechecks every
candidate row on the heap (115-390 ms) instead of the newest window's (bench/README.md, issue 15). A
row holding all of them holds each of them, so the least frequent word bounds the matches from above,
and `ANALYZE` has counted the frequent lexemes of each text column (`pg_stats.most_common_elems`);
a lexeme it did not list is rarer than any it did.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session

from app.search.patterns import ExpandedQuery, Pattern

STATS_SECONDS = 60.0
"""How long the statistics read from `pg_stats` are used before they are read again (ANALYZE, run by
autovacuum as the table grows, changes them)."""

_STATISTICS = text(
    """
    SELECT s.attname, s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples
    FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename
        AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = s.schemaname)
    WHERE s.schemaname = current_schema() AND s.tablename = 'search_documents'
        AND s.attname IN ('search_vector', 'context_vector')
    """
)


@dataclass(frozen=True)
class LexemeCounts:
    """Rows holding each frequent lexeme of one column, and at most how many hold any other."""

    rows: dict[str, float]
    other: float

    def of(self, lexeme: str) -> float:
        return self.rows.get(lexeme, self.other)


@dataclass(frozen=True)
class _Read:
    at: float
    columns: dict[str, LexemeCounts]


_cache: dict[str, _Read] = {}


def column_counts(session: Session) -> dict[str, LexemeCounts]:
    """Per text column (`search_vector`, `context_vector`), its lexeme counts; empty before the table
    was first analysed."""
    key = str(session.get_bind().engine.url)
    cached = _cache.get(key)
    now = time.monotonic()
    if cached is None or now - cached.at > STATS_SECONDS:
        columns: dict[str, LexemeCounts] = {}
        for name, elements, frequencies, reltuples in session.execute(_STATISTICS):
            if not elements or not frequencies or reltuples is None or reltuples <= 0:
                continue
            # The frequencies of the elements, then their minimum, maximum and the share of nulls.
            counted = dict(zip(elements, frequencies[: len(elements)], strict=True))
            columns[name] = LexemeCounts(
                {lexeme: share * reltuples for lexeme, share in counted.items()},
                frequencies[len(elements)] * reltuples,
            )
        cached = _cache[key] = _Read(now, columns)
    return cached.columns


def most_matches(session: Session, query: ExpandedQuery) -> float | None:
    """At most how many rows hold the query (within the statistics' accuracy), for a query of several
    words; None for a single word (the planner's own estimate is as good) or without statistics.

    Every group must be matched: the least of the groups bounds the query. A group is any of its
    patterns: their sum bounds it. A phrase needs each of its words: the least of them bounds it.
    With several groups a word may be in the row's context instead (`matching`): both columns count.
    """
    patterns = query.all_positive()
    if len(query.required) == 1 and all(len(pattern.terms) == 1 for pattern in patterns):
        return None
    if any(pattern.prefix for pattern in patterns):
        return None  # a prefix stands for lexemes the statistics do not list one by one
    columns = column_counts(session)
    own = columns.get("search_vector")
    if own is None:
        return None
    counted = [own] if len(query.required) == 1 else [own, columns.get("context_vector", own)]

    def pattern_rows(pattern: Pattern) -> float:
        return min(sum(column.of(lexeme) for column in counted) for lexeme in pattern.terms)

    return min(sum(pattern_rows(pattern) for pattern in group) for group in query.required)
