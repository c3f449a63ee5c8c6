"""Scratch copies of the search's hot spots with candidate fixes, timed before/after on the bench corpus.

    .venv/bin/python -m bench.experiments                 # SQLite, 20,000 interviews
    .venv/bin/python -m bench.experiments --url postgresql+psycopg://postgres@127.0.0.1/bench_x

Nothing here changes the app: each experiment runs the app's current code ("before") and a copy
with one change ("after") on the same queries, checks both give the same answer, and prints the
timings. The findings and proposals are in bench/README.md.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from functools import partial
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine, event, text
from sqlmodel import Session

from bench.common import CACHE_DIR, CorpusKey, corpus, sqlite_database, sqlite_url, summary_ms

# --- facets in one pass over the matches (now what app/search/repository.py does) ------------------

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


def time_calls(call: Callable[[], Any], repeat: int) -> dict[str, float]:
    call()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return summary_ms(samples)


def compare(before: Callable[[], Any], after: Callable[[], Any], repeat: int) -> tuple[dict[str, float], ...]:
    """Before and after, alternated call by call, so a noisy machine slows both alike."""
    before()
    after()
    samples: tuple[list[float], list[float]] = ([], [])
    for index in range(repeat * 2):
        which = index % 2 if (index // 2) % 2 == 0 else 1 - index % 2
        call = (before, after)[which]
        started = time.perf_counter()
        call()
        samples[which].append(time.perf_counter() - started)
    return summary_ms(samples[0]), summary_ms(samples[1])


def _service(engine: Engine, q: str) -> int:
    from app.search.repository import SearchFilters, search

    with Session(engine) as session:
        return search(session, q, SearchFilters(), sort="relevance", cursor=None, limit=20).total


def mmap_experiment(url: str, queries: list[str], repeat: int) -> list[dict[str, Any]]:
    """The whole service call with the app's engine vs the same engine with `mmap_size` and a larger
    page cache set on connect (the app sets neither: SQLite reads each page with a system call into a
    2 MB cache, and every match is looked up in the wide `search_documents` table)."""
    from app.storage.sessions import make_engine

    plain = make_engine(url)
    mapped = make_engine(url)

    @event.listens_for(mapped, "connect")
    def tune(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cursor.close()

    rows = []
    try:
        for q in queries:
            assert _service(plain, q) == _service(mapped, q)
            before, after = compare(partial(_service, plain, q), partial(_service, mapped, q), repeat)
            rows.append(
                {"experiment": "service, mmap + 64 MB cache", "q": q, "before": before, "after": after}
            )
    finally:
        plain.dispose()
        mapped.dispose()
    return rows


MMAP_BYTES = 1 << 30
CACHE_KIB = 65_536

NARROW_TABLE = """
CREATE TABLE search_hits (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, interview_id INT, question_id INT, answer_id INT,
    speaker_id INT, language TEXT, published_at TEXT
)
"""


def scratch_copy(source: Path) -> Path:
    """A copy of the store with `search_hits`: search_documents without the two term columns."""
    target = CACHE_DIR / f"scratch-{source.stem}.db"
    if target.exists():
        return target
    partial_path = target.with_suffix(".partial")
    shutil.copyfile(source, partial_path)
    with closing(sqlite3.connect(partial_path)) as connection:
        connection.execute(NARROW_TABLE)
        connection.execute(
            "INSERT INTO search_hits SELECT id, kind, interview_id, question_id, answer_id, speaker_id, "
            "language, published_at FROM search_documents"
        )
        connection.commit()
    partial_path.rename(target)
    return target


PAGE_SQL = """
SELECT d.id, d.kind, d.interview_id, d.question_id, d.answer_id, d.speaker_id, d.language,
       -bm25(search_index, 10.0, 1.0) * CASE WHEN d.kind = 'question' THEN 0.5 ELSE 1.0 END AS score
FROM search_index JOIN {table} d ON d.id = search_index.rowid
WHERE search_index MATCH :q AND d.kind IN ('answer', 'question', 'interview')
ORDER BY score DESC, d.id DESC LIMIT 21
"""


def narrow_experiment(db_path: Path, queries: list[str], repeat: int) -> list[dict[str, Any]]:
    """The page query and the one-pass facets joined to the wide `search_documents` vs `search_hits`."""
    from app.search.patterns import expand
    from app.search.query import parse_query
    from app.search.sqlite import match_expression

    scratch = scratch_copy(db_path)
    rows = []
    with closing(sqlite3.connect(scratch)) as connection:
        languages = tuple(
            sorted({r[0] or "en" for r in connection.execute("SELECT DISTINCT language FROM interviews")})
        )

        def run(table: str, match: str) -> list[Any]:
            page = connection.execute(PAGE_SQL.format(table=table), {"q": match}).fetchall()
            facets = FACETS_ONE_PASS.replace("JOIN search_documents d", f"JOIN {table} d")
            return [page, connection.execute(facets, {"q": match}).fetchall()]

        for q in queries:
            match = match_expression(expand(parse_query(q), languages))
            assert run("search_documents", match) == run("search_hits", match)
            before, after = compare(
                partial(run, "search_documents", match), partial(run, "search_hits", match), repeat
            )
            rows.append(
                {"experiment": "page+facets SQL, narrow table", "q": q, "before": before, "after": after}
            )
    return rows


# --- page and facets from one match --------------------------------------------------------------------

COMBINED = FACETS_ONE_PASS.replace(
    "SELECT d.id, d.kind, d.speaker_id, d.interview_id, d.question_id, substr(d.published_at, 1, 4) AS year",
    "SELECT d.id, d.kind, d.speaker_id, d.interview_id, d.question_id, d.answer_id, d.language, "
    "substr(d.published_at, 1, 4) AS year, "
    "-bm25(search_index, 10.0, 1.0) * CASE WHEN d.kind = 'question' THEN 0.5 ELSE 1.0 END AS score",
).replace(
    "SELECT 'type', kind, count(*) FROM hits GROUP BY kind",
    "SELECT * FROM (SELECT 'hit', id, score FROM hits ORDER BY score DESC, id DESC LIMIT 21)\n"
    "UNION ALL SELECT 'type', kind, count(*) FROM hits GROUP BY kind",
)
"""Page rows (tagged `hit`) and facet counts from one statement: the FTS match, bm25 and the join to
`search_documents` run once instead of twice. (The real page needs the other columns of those 21
rows, fetched by id afterwards, a primary-key lookup.)"""


def combined_experiment(engine: Engine, queries: list[str], repeat: int) -> list[dict[str, Any]]:
    from app.search.repository import expanded_query
    from app.search.sqlite import match_expression

    rows = []
    with engine.connect() as connection:

        def separate(match: str) -> list[Any]:
            page = connection.execute(text(PAGE_SQL.format(table="search_documents")), {"q": match}).all()
            return [page, connection.execute(text(FACETS_ONE_PASS), {"q": match}).all()]

        def combined(match: str) -> list[Any]:
            return list(connection.execute(text(COMBINED), {"q": match}).all())

        for q in queries:
            with Session(engine) as session:
                query = expanded_query(session, q, None)
            assert query is not None
            match = match_expression(query)
            before, after = compare(partial(separate, match), partial(combined, match), repeat)
            rows.append(
                {"experiment": "page + facets in one statement", "q": q, "before": before, "after": after}
            )
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
    from app.storage.sessions import make_engine

    parser = argparse.ArgumentParser(prog="python -m bench.experiments")
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--url")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--q", nargs="*", default=["first", "oil", "refin*", '"united states"'])
    parser.add_argument(
        "--only",
        nargs="*",
        default=["combined", "mmap", "narrow", "languages"],
        help="experiments",
    )
    args = parser.parse_args(argv)
    url = args.url
    db_path = None
    if url is None:
        key = CorpusKey(args.count, 42)
        path, _ = corpus(key)
        db_path = sqlite_database(key, path)[0]
        url = sqlite_url(db_path)
    engine = make_engine(url)
    rows: list[dict[str, Any]] = []
    if engine.dialect.name == "sqlite":
        if "combined" in args.only:
            rows += combined_experiment(engine, args.q, args.repeat)
        if "mmap" in args.only:
            rows += mmap_experiment(url, args.q, args.repeat)
        if "narrow" in args.only and db_path is not None:
            rows += narrow_experiment(db_path, args.q, args.repeat)
    if "languages" in args.only:
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
