"""Scratch copies of the search's hot spots with candidate fixes, timed before/after on the bench corpus.

    .venv/bin/python -m bench.experiments                 # SQLite, 20,000 interviews
    .venv/bin/python -m bench.experiments --url postgresql+psycopg://postgres@127.0.0.1/bench_x

Nothing here changes the app: each experiment runs the app's current code ("before") and a copy
with one change ("after") on the same queries, checks both give the same answer, and prints the
timings. The findings and proposals are in bench/README.md.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine, select, text
from sqlmodel import Session

from app.search.highlight import Span
from app.search.patterns import Pattern
from app.search.text import DEFAULT_LANGUAGE, MAX_TERM_LENGTH, WORD, _stemmer, fold
from bench.common import CorpusKey, corpus, sqlite_database, sqlite_url, summary_ms

# --- snippets: stem every word of the text in one C call, compare plain strings ----------------------


def fast_match_spans(text_: str, language: str | None, patterns: list[Pattern]) -> list[Span]:
    """`app.search.highlight.match_spans` with the words stemmed in one batch and no Token objects."""
    found = [(m.start(), m.end(), f) for m in WORD.finditer(text_) if (f := fold(m.group()))]
    if not found:
        return []
    stemmer = _stemmer(language or DEFAULT_LANGUAGE)
    folded = [f for _, _, f in found]
    terms = [t[:MAX_TERM_LENGTH] for t in stemmer.stemWords(folded)] if stemmer is not None else folded
    spans: set[tuple[int, int]] = set()
    count = len(found)
    for pattern in patterns:
        first, width = pattern.terms[0], len(pattern.terms)
        for index in range(count - width + 1):
            if pattern.prefix:
                if not (terms[index].startswith(first) or folded[index].startswith(first)):
                    continue
            elif terms[index] != first:
                continue
            if width > 1 and any(terms[index + k] != pattern.terms[k] for k in range(1, width)):
                continue
            spans.add((found[index][0], found[index + width - 1][1]))
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(end, merged[-1].end))
        else:
            merged.append(Span(start, end))
    return merged


def time_calls(call: Callable[[], Any], repeat: int) -> dict[str, float]:
    call()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return summary_ms(samples)


def _highlight_all(function: Callable[..., list[Span]], page: Any, patterns: list[Pattern]) -> None:
    for body, language in page:
        function(body, language, patterns)


def snippet_experiment(engine: Engine, queries: list[str], repeat: int) -> list[dict[str, Any]]:
    """Highlighting the 20 hits of a page: the app's match_spans vs the batch-stemmed copy."""
    from app.search.highlight import match_spans
    from app.search.repository import expanded_query
    from app.search.sqlite import match_expression

    rows = []
    with Session(engine) as session:
        for q in queries:
            query = expanded_query(session, q, None)
            assert query is not None
            page = session.execute(
                text(
                    "SELECT a.text, d.language FROM search_index JOIN search_documents d "
                    "ON d.id = search_index.rowid JOIN answers a ON a.id = d.answer_id "
                    "WHERE search_index MATCH :q ORDER BY bm25(search_index, 10.0, 1.0) LIMIT 20"
                ),
                {"q": match_expression(query)},
            ).all()
            patterns = query.all_positive()
            for body, language in page:
                assert match_spans(body, language, patterns) == fast_match_spans(body, language, patterns)
            before = time_calls(partial(_highlight_all, match_spans, page, patterns), repeat)
            after = time_calls(partial(_highlight_all, fast_match_spans, page, patterns), repeat)
            rows.append({"experiment": "snippets (20 hits)", "q": q, "before": before, "after": after})
    return rows


# --- facets: one pass over the matches, topics counted per interview and per question ----------------

FACETS_ONE_PASS = """
WITH hits AS MATERIALIZED (
    SELECT d.id, d.kind, d.speaker_id, d.interview_id, d.question_id, substr(d.published_at, 1, 4) AS year
    FROM search_index JOIN search_documents d ON d.id = search_index.rowid
    WHERE search_index MATCH :q AND d.kind IN ('answer', 'question', 'interview')
),
per_interview AS (SELECT interview_id, count(*) AS n FROM hits GROUP BY interview_id),
per_question AS (
    SELECT interview_id, question_id, count(*) AS n FROM hits
    WHERE question_id IS NOT NULL GROUP BY question_id
),
topic_counts AS (
    SELECT it.topic_id, pi.n FROM per_interview pi JOIN interview_topics it ON it.interview_id = pi.interview_id
    UNION ALL
    SELECT qt.topic_id, pq.n FROM per_question pq JOIN question_topics qt ON qt.question_id = pq.question_id
    WHERE NOT EXISTS (
        SELECT 1 FROM interview_topics it2 WHERE it2.interview_id = pq.interview_id AND it2.topic_id = qt.topic_id
    )
)
SELECT 'type', kind, count(*) FROM hits GROUP BY kind
UNION ALL SELECT 'year', year, count(*) FROM hits WHERE year IS NOT NULL GROUP BY year
UNION ALL SELECT * FROM (
    SELECT 'speaker', CAST(speaker_id AS TEXT), count(*) AS n FROM hits
    WHERE speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY n DESC, speaker_id LIMIT 10
)
UNION ALL SELECT * FROM (
    SELECT 'topic', CAST(topic_id AS TEXT), sum(n) AS total FROM topic_counts
    GROUP BY topic_id ORDER BY total DESC, topic_id LIMIT 10
)
"""
"""The matches are joined to `search_documents` once (the app joins them twice), and the topic facet
adds up hits per interview and per question before joining the topic links, instead of joining
every hit to its links and counting DISTINCT hit ids. A question topic that is also the interview's
topic is skipped, which is what DISTINCT did."""


def _app_facets(engine: Engine, match: str) -> list[tuple[str, str, int]]:
    from app.search.repository import documents, search_facets
    from app.search.sqlite import search_index

    with Session(engine) as session:
        source = search_index.join(documents, documents.c.id == search_index.c.rowid)
        condition = text("search_index MATCH :fts_match").bindparams(fts_match=match)
        ids = (
            select(documents.c.id)
            .select_from(source)
            .where(condition, documents.c.kind.in_(["answer", "question", "interview"]))
        )
        facets, _total = search_facets(session, ids)
    flat = [("type", f.value, f.count) for f in facets.type] + [
        ("year", f.value, f.count) for f in facets.year
    ]
    flat += [("speaker", f.value, f.count) for f in facets.speaker]
    flat += [("topic", f.value, f.count) for f in facets.topic]
    return flat


def _one_pass_facets(engine: Engine, match: str) -> list[tuple[str, str, int]]:
    with engine.connect() as connection:
        rows = connection.execute(text(FACETS_ONE_PASS), {"q": match}).all()
        speakers = dict(connection.execute(text("SELECT id, slug FROM speakers")).all()) if rows else {}
        topics = dict(connection.execute(text("SELECT id, slug FROM topics")).all()) if rows else {}
    names = {"speaker": speakers, "topic": topics}
    return [
        (facet, names[facet][int(value)] if facet in names else value, int(count))
        for facet, value, count in rows
    ]


def facets_experiment(engine: Engine, queries: list[str], repeat: int) -> list[dict[str, Any]]:
    from app.search.repository import expanded_query
    from app.search.sqlite import match_expression

    rows = []
    for q in queries:
        with Session(engine) as session:
            query = expanded_query(session, q, None)
        assert query is not None
        match = match_expression(query)
        before_counts = sorted(_app_facets(engine, match))
        after_counts = sorted(_one_pass_facets(engine, match))
        same = before_counts == after_counts
        if not same:  # ties at the 10th value may be broken differently; compare the counts
            same = sorted(c for *_, c in before_counts) == sorted(c for *_, c in after_counts)
        before = time_calls(partial(_app_facets, engine, match), repeat)
        after = time_calls(partial(_one_pass_facets, engine, match), repeat)
        rows.append({"experiment": "facets", "q": q, "before": before, "after": after, "same": same})
    return rows


# --- the languages query ------------------------------------------------------------------------------


def languages_experiment(engine: Engine, repeat: int) -> list[dict[str, Any]]:
    """`SELECT DISTINCT language FROM interviews` on every search vs the same from an index."""
    statement = text("SELECT DISTINCT language FROM interviews")
    with Session(engine) as session:
        before = time_calls(lambda: session.execute(statement).all(), repeat)
        expected = sorted(map(str, session.execute(statement).scalars()))
    return [{"experiment": "languages query", "q": "-", "before": before, "after": None, "values": expected}]


def main(argv: list[str] | None = None) -> int:
    from app.db import make_engine

    parser = argparse.ArgumentParser(prog="python -m bench.experiments")
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--url")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--q", nargs="*", default=["first", "oil", "refin*", '"united states"'])
    args = parser.parse_args(argv)
    url = args.url
    if url is None:
        key = CorpusKey(args.count, 42)
        path, _ = corpus(key)
        url = sqlite_url(sqlite_database(key, path)[0])
    engine = make_engine(url)
    rows: list[dict[str, Any]] = []
    if engine.dialect.name == "sqlite":
        rows += facets_experiment(engine, args.q, args.repeat)
        rows += snippet_experiment(engine, args.q, args.repeat)
    rows += languages_experiment(engine, args.repeat)
    table = Table(title="experiments: before / after (ms)")
    for name in ("experiment", "q", "before p50", "before p95", "after p50", "after p95", "same result"):
        table.add_column(name)
    for row in rows:
        after = row["after"] or {}
        table.add_row(
            row["experiment"],
            row["q"],
            f"{row['before']['p50']:.2f}",
            f"{row['before']['p95']:.2f}",
            f"{after.get('p50', float('nan')):.2f}",
            f"{after.get('p95', float('nan')):.2f}",
            str(row.get("same", "-")),
        )
    Console(width=160).print(table)
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
