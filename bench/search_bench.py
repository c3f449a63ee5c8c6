"""Search latency (issue 4, item 6): the service's ranked page with snippets and facets, next to the
raw SQL floor of the same full-text match, on SQLite and PostgreSQL, over the project's own corpus.

    .venv/bin/python -m bench.search_bench                  # 20,000 interviews, both stores, HTTP too
    .venv/bin/python -m bench.search_bench --count 2000 --iterations 10 --no-postgres

For each query class (common word, topic keyword, rare term, phrase, prefix, filtered by speaker,
topic or date) it picks terms from the corpus meta by their measured answer share, then times
(a) `app.search.repository.search()` in this process, (b) the same match ranked top 20 by
bm25 / ts_rank_cd as raw SQL through the driver (no facets, no snippets: the floor), and (c) the
`/v1/search` endpoint over HTTP on a uvicorn server. The three are interleaved per iteration, so
the machine's noise hits them alike; ratios to the floor are what to compare between runs.
"""

from __future__ import annotations

import argparse
import math
import random
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine
from sqlmodel import Session

from app.corpus import CorpusMeta
from bench.common import (
    DEFAULT_PG_ADMIN_URL,
    NO_RESPONSE_CACHE,
    CorpusKey,
    ImportStats,
    corpus,
    log,
    machine,
    postgres_available,
    postgres_database,
    ratio,
    sqlite_database,
    sqlite_url,
    summary_ms,
    uvicorn_server,
    write_results,
)

PAGE = 20
P95_TARGET_MS = 50.0
FLOOR_RATIO_TARGET = 3.0
TERMS_PER_CLASS = 4
CLASSES = (
    "common",
    "keyword",
    "rare",
    "phrase",
    "prefix",
    "filter:speaker",
    "filter:topic",
    "filter:date",
)
CLASS_HELP = {
    "common": "common word, 10-25% of answers",
    "keyword": "topic keyword, 1-5% of answers",
    "rare": "rare term, ~0.01% of answers",
    "phrase": "two-word phrase (a named entity)",
    "prefix": "prefix of a topic keyword, `word*`",
    "filter:speaker": "topic keyword + the speaker most often interviewed",
    "filter:topic": "topic keyword + its own topic",
    "filter:date": "topic keyword + one year of publication",
}


@dataclass
class Case:
    """One query to time: the text, the list filters, and what the meta says about its selectivity."""

    kind: str
    q: str
    share: float | None
    speaker: str | None = None
    topic: str | None = None
    published_from: date | None = None
    published_to: date | None = None
    matches: int = 0
    """Search rows (answers, questions, interviews) the query matches in the store, counted once."""

    def params(self) -> dict[str, Any]:
        params: dict[str, Any] = {"q": self.q, "limit": PAGE}
        if self.speaker:
            params["speaker"] = self.speaker
        if self.topic:
            params["topic"] = self.topic
        if self.published_from:
            params["published_from"] = self.published_from.isoformat()
        if self.published_to:
            params["published_to"] = self.published_to.isoformat()
        return params

    def label(self) -> str:
        extra = [f"{k}={v}" for k, v in self.params().items() if k not in ("q", "limit")]
        return " ".join([self.q, *extra])


def _spread(items: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """`count` items evenly spread over a list sorted by share, so a class covers its whole range."""
    items = sorted(items, key=lambda item: (item["share"], item["term"]))
    if len(items) <= count:
        return items
    step = (len(items) - 1) / max(count - 1, 1)
    return [items[round(i * step)] for i in range(count)]


def pick_cases(meta: CorpusMeta, per_class: int = TERMS_PER_CLASS) -> dict[str, list[Case]]:
    """Terms of each class chosen from the meta by their measured share of answers."""
    common = [w for w in meta.common_words if 0.10 <= w["share"] <= 0.25 and len(w["term"]) >= 4]
    keywords = [
        {**k, "topic": t["slug"]}
        for t in meta.topics
        for k in t["keywords"]
        if 0.01 <= k["share"] <= 0.05 and k["term"].isalpha()
    ]
    rare = sorted(meta.rare_terms, key=lambda r: (abs(math.log(max(r["share"], 1e-7) / 1e-4)), r["term"]))
    phrases = [
        e
        for e in meta.entities
        if len(e["term"].split()) == 2
        and e["term"].replace(" ", "").isalpha()
        and 0.005 <= e["share"] <= 0.05
    ]
    chosen_keywords = _spread(keywords, per_class)
    guests = [s for s in meta.speakers if s["kind"] == "guest"] or meta.speakers
    speaker = max(guests, key=lambda s: (s["interviews"], s["slug"]))["slug"]
    year = _busiest_year(meta)
    cases: dict[str, list[Case]] = {
        "common": [Case("common", w["term"], w["share"]) for w in _spread(common, per_class)],
        "keyword": [Case("keyword", k["term"], k["share"]) for k in chosen_keywords],
        "rare": [Case("rare", r["term"], r["share"]) for r in rare[:per_class]],
        "phrase": [Case("phrase", f'"{e["term"].lower()}"', e["share"]) for e in _spread(phrases, per_class)],
        "prefix": [
            Case("prefix", k["term"][:5] + "*", None)
            for k in _spread([k for k in keywords if len(k["term"]) >= 7], per_class)
        ],
        "filter:speaker": [
            Case("filter:speaker", k["term"], k["share"], speaker=speaker) for k in chosen_keywords
        ],
        "filter:topic": [
            Case("filter:topic", k["term"], k["share"], topic=k["topic"]) for k in chosen_keywords
        ],
        "filter:date": [
            Case(
                "filter:date",
                k["term"],
                k["share"],
                published_from=date(year, 1, 1),
                published_to=date(year, 12, 31),
            )
            for k in chosen_keywords
        ],
    }
    return {kind: found for kind, found in cases.items() if found}


def _busiest_year(meta: CorpusMeta) -> int:
    """The generator weighs later years more; the second-to-last is the fullest complete one."""
    del meta
    return 2025


# --- the raw SQL floor ------------------------------------------------------------------------------


@dataclass
class Floor:
    """The same full-text match as the service, ranked top 20 through the bare driver, nothing else."""

    dialect: str
    connection: Any
    languages: tuple[str | None, ...]
    ids: dict[tuple[str, str], int] = field(default_factory=dict)

    def statement(self, case: Case, *, count: bool = False) -> tuple[str, dict[str, Any]]:
        from app.search import postgres, sqlite
        from app.search.patterns import expand
        from app.search.query import parse_query

        query = expand(parse_query(case.q), self.languages)
        pg = self.dialect == "postgresql"
        params: dict[str, Any] = {}
        where: list[str] = []
        if pg:
            params["q"] = postgres.tsquery_text(query)
            source = "search_documents d, to_tsquery('simple'::regconfig, %(q)s) q"
            where.append("d.search_vector @@ q")
            rank = "ts_rank_cd(d.search_vector, q) DESC"
            score = "ts_rank_cd(d.search_vector, q)"
        else:
            params["q"] = sqlite.match_expression(query)
            source = "search_index JOIN search_documents d ON d.id = search_index.rowid"
            where.append("search_index MATCH :q")
            rank = "bm25(search_index, 10.0, 1.0)"
            score = rank
        where.append("d.kind IN ('answer', 'question', 'interview')")
        if case.speaker:
            params["speaker_id"] = self.ids[("speakers", case.speaker)]
            where.append("d.speaker_id = :speaker_id")
        if case.topic:
            params["topic_id"] = self.ids[("topics", case.topic)]
            where.append(
                "(d.question_id IN (SELECT question_id FROM question_topics WHERE topic_id = :topic_id)"
                " OR d.interview_id IN (SELECT interview_id FROM interview_topics WHERE topic_id = :topic_id))"
            )
        if case.published_from:
            params["published_from"] = case.published_from.isoformat()
            where.append("d.published_at >= :published_from")
        if case.published_to:
            params["published_before"] = (case.published_to + timedelta(days=1)).isoformat()
            where.append("d.published_at < :published_before")
        conditions = " AND ".join(where)
        if count:
            text = f"SELECT count(*) FROM {source} WHERE {conditions}"
        else:
            text = (
                f"SELECT d.id, {score} AS score FROM {source} WHERE {conditions} ORDER BY {rank} LIMIT {PAGE}"
            )
        if pg:
            for name in params:
                text = text.replace(f":{name}", f"%({name})s")
        return text, params

    def resolve(self, cases: list[Case]) -> None:
        """Speaker and topic ids by slug, looked up before timing: the floor knows them already."""
        cursor = self.connection.cursor()
        marker = "%s" if self.dialect == "postgresql" else "?"
        for case in cases:
            for table, slug in (("speakers", case.speaker), ("topics", case.topic)):
                if slug and (table, slug) not in self.ids:
                    cursor.execute(f"SELECT id FROM {table} WHERE slug = {marker}", (slug,))
                    row = cursor.fetchone()
                    self.ids[(table, slug)] = row[0] if row else -1
        cursor.close()

    def run(self, case: Case, *, count: bool = False) -> list[Any]:
        text, params = self.statement(case, count=count)
        cursor = self.connection.cursor()
        try:
            cursor.execute(text, params)
            return list(cursor.fetchall())
        finally:
            cursor.close()


@contextmanager
def floor_for(engine: Engine) -> Iterator[Floor]:
    from app.search.repository import searched_languages

    with Session(engine) as session:
        languages = searched_languages(session, None)
    raw = engine.raw_connection()
    try:
        if engine.dialect.name == "postgresql":
            raw.driver_connection.autocommit = True  # type: ignore[union-attr]
        yield Floor(engine.dialect.name, raw.driver_connection, languages)
    finally:
        raw.close()


# --- the timed paths --------------------------------------------------------------------------------


def service_call(engine: Engine) -> Callable[[Case], int]:
    from app.search.repository import SearchFilters, search

    def call(case: Case) -> int:
        filters = SearchFilters(
            speaker=[case.speaker] if case.speaker else None,
            topic=[case.topic] if case.topic else None,
            published_from=case.published_from,
            published_to=case.published_to,
        )
        with Session(engine, expire_on_commit=False) as session:
            page = search(session, case.q, filters, sort="relevance", cursor=None, limit=PAGE)
            session.commit()  # as the per-request session does
        return page.total

    return call


def http_call(client: httpx.Client) -> Callable[[Case], int]:
    def call(case: Case) -> int:
        response = client.get("/v1/search", params=case.params())
        response.raise_for_status()
        total: int = response.json()["total"]
        return total

    return call


@dataclass
class Timings:
    floor: list[float] = field(default_factory=list)
    service: list[float] = field(default_factory=list)
    http: list[float] = field(default_factory=list)


def time_class(
    cases: list[Case],
    paths: dict[str, Callable[[Case], Any]],
    *,
    iterations: int,
    max_seconds: float,
    min_iterations: int = 5,
) -> Timings:
    """Interleaved timings of each path, cycling through the cases; bounded by count and by time."""
    timings = Timings()
    for case in cases:  # warm-up: caches, prepared statements, lazy imports
        for call in paths.values():
            call(case)
    started = time.perf_counter()
    order = list(paths)
    for index in range(iterations):
        case = cases[index % len(cases)]
        random.Random(index).shuffle(order)
        for name in order:
            begin = time.perf_counter()
            paths[name](case)
            getattr(timings, name).append(time.perf_counter() - begin)
        if index + 1 >= min_iterations and time.perf_counter() - started > max_seconds:
            break
    return timings


def bench_store(
    store: str,
    url: str,
    cases: dict[str, list[Case]],
    *,
    iterations: int,
    max_seconds: float,
    http: bool,
) -> list[dict[str, Any]]:
    from app.storage.sessions import make_engine

    engine = make_engine(url)
    rows: list[dict[str, Any]] = []
    try:
        with ExitStack() as stack:
            floor = stack.enter_context(floor_for(engine))
            floor.resolve([case for found in cases.values() for case in found])
            client = None
            if http:
                # Each case is asked for again every iteration: answered from the response cache, it
                # would time the cache, not the search.
                environment = {"DATABASE_URL": url, **NO_RESPONSE_CACHE}
                running = stack.enter_context(uvicorn_server("app.main:create_app", environment))
                client = stack.enter_context(httpx.Client(base_url=running.base_url, timeout=60))
            service = service_call(engine)
            for kind, found in cases.items():
                for case in found:
                    case.matches = int(floor.run(case, count=True)[0][0])
                    total = service(case)
                    if total != case.matches:
                        log(
                            f"  note: {store} {case.label()!r}: service total {total} != floor count {case.matches}"
                        )
                paths: dict[str, Callable[[Case], Any]] = {"floor": floor.run, "service": service}
                if client is not None:
                    paths["http"] = http_call(client)
                log(f"{store}: timing {kind} ({', '.join(c.q for c in found)})")
                timings = time_class(found, paths, iterations=iterations, max_seconds=max_seconds)
                rows.append(result_row(store, kind, found, timings))
    finally:
        engine.dispose()
    return rows


def result_row(store: str, kind: str, cases: list[Case], timings: Timings) -> dict[str, Any]:
    floor, service, http = (summary_ms(t) for t in (timings.floor, timings.service, timings.http))
    row: dict[str, Any] = {
        "store": store,
        "class": kind,
        "description": CLASS_HELP[kind],
        "queries": [{"q": c.label(), "meta_share": c.share, "matches": c.matches} for c in cases],
        "mean_matches": round(sum(c.matches for c in cases) / len(cases)),
        "floor_ms": floor,
        "service_ms": service,
        "http_ms": http if http.get("n") else None,
        "service_to_floor_p50": ratio(service.get("p50"), floor.get("p50")),
        "service_to_floor_p95": ratio(service.get("p95"), floor.get("p95")),
        "http_to_floor_p95": ratio(http.get("p95"), floor.get("p95")) if http.get("n") else None,
    }
    row["pass_p95"] = service["p95"] < P95_TARGET_MS
    row["pass_ratio"] = (row["service_to_floor_p95"] or math.inf) <= FLOOR_RATIO_TARGET
    return row


# --- output -----------------------------------------------------------------------------------------


def _ms(stats: dict[str, float] | None, key: str) -> str:
    if not stats or key not in stats:
        return "-"
    value = stats[key]
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def _verdict(ok: bool) -> str:
    return "[green]pass[/]" if ok else "[red]MISS[/]"


def print_table(console: Console, rows: list[dict[str, Any]], imports: list[ImportStats], count: int) -> None:
    table = Table(
        title=f"Search, {count:,} interviews: 20-hit page with snippets and facets vs the raw SQL floor (ms)",
        caption=f"targets: service p95 < {P95_TARGET_MS:.0f} ms (SQLite), service p95 <= "
        f"{FLOOR_RATIO_TARGET:.0f}x floor p95",
    )
    for name in ("store", "class", "matches", "floor p50", "floor p95", "service p50", "service p95"):
        table.add_column(name, justify="left" if name in ("store", "class") else "right")
    for name in ("http p50", "http p95", "svc/floor p95", "p95<50", "<=3x"):
        table.add_column(name, justify="right")
    for row in rows:
        table.add_row(
            row["store"],
            row["class"],
            f"{row['mean_matches']:,}",
            _ms(row["floor_ms"], "p50"),
            _ms(row["floor_ms"], "p95"),
            _ms(row["service_ms"], "p50"),
            _ms(row["service_ms"], "p95"),
            _ms(row["http_ms"], "p50"),
            _ms(row["http_ms"], "p95"),
            f"{row['service_to_floor_p95']}x",
            _verdict(row["pass_p95"]),
            _verdict(row["pass_ratio"]),
        )
    console.print(table)
    for stats in imports:
        origin = "measured when the cached database was built" if stats.cached else "measured in this run"
        console.print(
            f"import into {stats.store}: {stats.answers:,} answers in {stats.seconds:.1f} s = "
            f"[bold]{stats.answers_per_second:,.0f} answers/s[/] ({origin})"
        )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.search_bench", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--count", type=int, default=20_000, help="interviews in the corpus (default 20000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--iterations", type=int, default=40, help="timed queries per class and path")
    parser.add_argument("--max-seconds", type=float, default=45.0, help="time cap per class and store")
    parser.add_argument("--classes", nargs="*", choices=CLASSES, default=list(CLASSES))
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP path (no uvicorn)")
    parser.add_argument("--pg-admin-url", default=DEFAULT_PG_ADMIN_URL)
    parser.add_argument("--keep", action="store_true", help="keep the bench_<random> PostgreSQL database")
    parser.add_argument("--fresh", action="store_true", help="re-import instead of using cached databases")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    console = Console(width=max(shutil.get_terminal_size().columns, 160))
    key = CorpusKey(args.count, args.seed)
    corpus_path, meta = corpus(key)
    cases = {kind: found for kind, found in pick_cases(meta).items() if kind in args.classes}
    imports: list[ImportStats] = []
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    db_path, sqlite_stats = sqlite_database(key, corpus_path, fresh=args.fresh)
    imports.append(sqlite_stats)
    options = {"iterations": args.iterations, "max_seconds": args.max_seconds, "http": not args.no_http}
    rows += bench_store("sqlite", sqlite_url(db_path), cases, **options)
    if args.no_postgres:
        pass
    elif not postgres_available(args.pg_admin_url):
        log(f"PostgreSQL at {args.pg_admin_url} is not reachable: SQLite only")
    else:
        with postgres_database(key, corpus_path, args.pg_admin_url, keep=args.keep, fresh=args.fresh) as (
            url,
            pg_stats,
        ):
            imports.append(pg_stats)
            rows += bench_store("postgres", url, cases, **options)
    print_table(console, rows, imports, args.count)
    sqlite_rows = [row for row in rows if row["store"] == "sqlite"]
    verdict = {
        "sqlite_p95_under_50ms": all(row["pass_p95"] for row in sqlite_rows),
        "sqlite_within_3x_floor": all(row["pass_ratio"] for row in sqlite_rows),
        "postgres_within_3x_floor": all(row["pass_ratio"] for row in rows if row["store"] == "postgres"),
    }
    path = write_results(
        "search",
        {
            "benchmark": "search",
            "count": args.count,
            "seed": args.seed,
            "answers": meta.answers,
            "machine": machine(),
            "seconds": round(time.perf_counter() - started, 1),
            "targets": {"p95_ms": P95_TARGET_MS, "floor_ratio": FLOOR_RATIO_TARGET},
            "verdict": verdict,
            "imports": [stats.to_dict() for stats in imports],
            "results": rows,
        },
    )
    console.print(f"verdict: {verdict}\nresults: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
