"""The benchmark harness (issue 7): `make bench`.

    .venv/bin/python -m bench.run                     # 20,000 interviews, SQLite and PostgreSQL
    .venv/bin/python -m bench.run --scale --no-sqlite --no-datasette --only cold   # `make bench-scale`
    .venv/bin/python -m bench.run --count 2000 --duration 2 --no-postgres    # a quick look

Generates the corpus with the project's generator, imports it with the project's importer (both
cached, see bench/common.py), serves it with uvicorn on a free loopback port and drives it with a
bounded httpx async load generator at 1 and 16 concurrent connections. In the same run it measures
the baselines every figure is divided by:

- raw SQL: the same query through the bare driver in this process, one at a time (the floor);
- framework: a bare FastAPI endpoint (bench/bare_app.py, its own uvicorn) returning a fixed JSON
  document of the same size as the service's response;
- Datasette, serving a copy of the same SQLite file (with an FTS5 table over answers.text made by
  `sqlite-utils enable-fts`) for row lookup, a filtered table and `_search` in its lean form.

The load generator runs in this process and shares the machine's cores with the server, so the
absolute req/s are lower than a separate load machine would see; ratios between runs of the same
harness are what to compare. Results: a table on stdout, JSON in bench/results/run-<time>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import math
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any
from urllib.parse import quote, urlencode

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine

from app.corpus import CorpusMeta
from app.http.response_cache import HIT_HEADER
from bench.common import (
    CACHE_DIR,
    DEFAULT_PG_ADMIN_URL,
    NO_RESPONSE_CACHE,
    CorpusKey,
    ImportStats,
    Server,
    corpus,
    free_port,
    log,
    machine,
    postgres_available,
    postgres_database,
    ratio,
    server,
    sqlite_database,
    sqlite_url,
    summary_ms,
    uvicorn_server,
    write_results,
)
from bench.scale_out import SCENARIO as SCALE_OUT
from bench.scale_out import measure_scale_out, mixed_urls
from bench.search_bench import Case, Floor, floor_for, pick_cases

CONCURRENCY = (1, 16)
MAX_REQUESTS = 20_000
"""Upper bound of requests per measurement, whatever the duration."""
DISTINCT_URLS = 3_000
"""URLs of a cold scenario: every one different, on a server whose response cache is off."""
EXPORT_RSS_BUDGET_MB = 300.0
EXPORT_BUDGET_ANSWERS = 1_000_000
DATASETTE_DB = "bench"


@dataclass
class Scenario:
    """One operation: the service's URLs (cycled), its raw SQL floor and Datasette's counterpart."""

    name: str
    urls: list[str]
    floor: Callable[[], Any] | None = None
    datasette: list[str] | None = None
    note: str = ""
    cold: bool = False
    """Driven on a server with the response cache off: what the work itself costs."""


@dataclass
class Load:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    bytes: int = 0
    latencies: list[float] = field(default_factory=list)
    first_error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "errors": self.errors,
            "req_s": round(self.requests / self.seconds, 1) if self.seconds else 0.0,
            "mean_bytes": round(self.bytes / self.requests) if self.requests else 0,
            "first_error": self.first_error,
            **{f"{k}_ms": v for k, v in summary_ms(self.latencies).items() if k != "n"},
        }


async def _drive(base_url: str, urls: list[str], concurrency: int, duration: float, limit: int) -> Load:
    load = Load()
    counter = itertools.count()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:
        for url in urls[: max(1, min(len(urls), 4))]:  # warm-up: connections, caches
            await client.get(url)
        deadline = time.perf_counter() + duration

        async def worker() -> None:
            while time.perf_counter() < deadline:
                index = next(counter)
                if index >= limit:
                    return
                started = time.perf_counter()
                response = await client.get(urls[index % len(urls)])
                load.latencies.append(time.perf_counter() - started)
                load.requests += 1
                load.bytes += len(response.content)
                if response.status_code >= 400:
                    load.errors += 1
                    load.first_error = load.first_error or f"{response.status_code} {response.url}"

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        load.seconds = time.perf_counter() - started
    return load


WRK_SCRIPT = """
local paths = {%s}
local index = 0
request = function()
  index = index + 1
  return wrk.format("GET", paths[(index %% #paths) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("WRK %%d %%d %%d %%f %%f %%f %%f %%f\\n", summary.requests, errors,
    summary.bytes, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, latency.mean / 1e3))
end
"""


def drive(base_url: str, urls: list[str], concurrency: int, duration: float) -> dict[str, Any]:
    """req/s and latency of `urls` (cycled) at `concurrency` connections: wrk when it is installed
    (one thread: it leaves the other core to the server), else the httpx async client."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return asyncio.run(_drive(base_url, urls, concurrency, duration, MAX_REQUESTS)).to_dict()
    script = CACHE_DIR / "logs" / "paths.lua"
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(WRK_SCRIPT % ", ".join(f'"{url}"' for url in urls))
    asyncio.run(_drive(base_url, urls[:4], 1, 0.0, 4))  # warm-up
    command = [wrk, "-t1", f"-c{concurrency}", f"-d{max(1, round(duration))}s", "--timeout", "30s"]
    output = subprocess.run(
        [*command, "-s", str(script), base_url], capture_output=True, text=True, timeout=duration + 60
    ).stdout
    line = next((x for x in output.splitlines() if x.startswith("WRK ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no summary: {output[-500:]}")
    requests, errors, size, seconds, p50, p95, p99, mean = line.split()[1:]
    count = int(requests)
    return {
        "requests": count,
        "errors": int(errors),
        "req_s": round(count / float(seconds), 1),
        "mean_bytes": round(int(size) / count) if count else 0,
        "first_error": None,
        "mean_ms": round(float(mean), 3),
        "p50_ms": round(float(p50), 3),
        "p95_ms": round(float(p95), 3),
        "p99_ms": round(float(p99), 3),
        "client": "wrk",
    }


FRAMEWORK_RESULTS: dict[tuple[str, int], dict[str, Any]] = {}
"""Framework-floor figures by (response size rounded to two significant digits, connections): the
second store's responses are the same sizes, so its ratios reuse the first store's measurements."""


def floor_path(size: int) -> str:
    """The bare app's document of about `size` bytes (rounded to two significant digits)."""
    return f"/doc/{int(float(f'{max(size, 1):.2g}'))}"


def framework_floor(bare: Server, size: int, concurrency: int, duration: float) -> dict[str, Any]:
    key = (floor_path(size), concurrency)
    if key not in FRAMEWORK_RESULTS:
        FRAMEWORK_RESULTS[key] = drive(bare.base_url, [key[0]], concurrency, duration)
    return FRAMEWORK_RESULTS[key]


BUDGET_ROUNDS = 3
"""Rounds of a budgeted (cold, 16 connections) measurement: the service, then its baselines."""


def paired_rounds(
    api: Server,
    bare: Server,
    datasette: Server | None,
    urls: list[str],
    peer_urls: list[str] | None,
    concurrency: int,
    duration: float,
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None, list[dict[str, Any]]]:
    """A budgeted scenario measured in rounds, each round the service and then its baselines (the
    framework floor of the size it answered, Datasette's counterpart), so that each ratio compares
    figures taken seconds apart: one floor measured once for the whole run moved by ±20% between
    runs on these machines, as much as the margin a budget is judged by. The figures reported are
    each one's median over the rounds, and each ratio the median of the rounds' ratios."""
    services, frameworks, peers, rounds = [], [], [], []
    for _ in range(BUDGET_ROUNDS):
        service = drive(api.base_url, urls, concurrency, duration)
        framework = drive(bare.base_url, [floor_path(service["mean_bytes"])], concurrency, duration)
        peer = (
            drive(datasette.base_url, peer_urls, concurrency, duration) if datasette and peer_urls else None
        )
        services.append(service)
        frameworks.append(framework)
        if peer is not None:
            peers.append(peer)
        rounds.append(
            {
                "service_req_s": service["req_s"],
                "framework_req_s": framework["req_s"],
                "datasette_req_s": peer and peer["req_s"],
            }
        )
    return _medians(services), _medians(frameworks), _medians(peers) if peers else None, rounds


def _medians(figures: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure's median over rounds (counts summed), in the shape `drive` returns."""
    merged = dict(figures[0])
    for name, value in figures[0].items():
        values = [figure[name] for figure in figures]
        if name in ("requests", "errors"):
            merged[name] = sum(values)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            merged[name] = statistics.median(values)
        elif name == "first_error":
            merged[name] = next((v for v in values if v), None)
    return merged


def median_ratios(rounds: list[dict[str, Any]]) -> dict[str, float | None]:
    def median_of(baseline: str) -> float | None:
        ratios = [ratio(r["service_req_s"], r[baseline]) for r in rounds]
        known = [value for value in ratios if value is not None]
        return round(statistics.median(known), 2) if known else None

    return {
        "vs_framework_req_s": median_of("framework_req_s"),
        "vs_datasette_req_s": median_of("datasette_req_s"),
    }


def time_floor(call: Callable[[], Any], duration: float) -> dict[str, Any]:
    """The raw SQL floor, one call at a time in this process: ops/s and latency."""
    call()
    samples: list[float] = []
    deadline = time.perf_counter() + duration
    while time.perf_counter() < deadline and len(samples) < MAX_REQUESTS:
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    total = sum(samples)
    return {"ops_s": round(len(samples) / total, 1) if total else 0.0, **summary_ms(samples)}


# --- what to measure ---------------------------------------------------------------------------------


def sql_runner(floor: Floor, statements: list[tuple[str, dict[str, Any]]]) -> Callable[[], Any]:
    """Run statements written with `:name` parameters through the bare driver, fetching every row."""
    pg = floor.dialect == "postgresql"
    prepared = []
    for text, params in statements:
        for name in params:
            text = text.replace(f":{name}", f"%({name})s" if pg else f":{name}")
        prepared.append((text, params))

    def run() -> list[Any]:
        cursor = floor.connection.cursor()
        try:
            rows = []
            for text, params in prepared:
                cursor.execute(text, params)
                rows.append(cursor.fetchall())
            return rows
        finally:
            cursor.close()

    return run


@dataclass
class Subjects:
    """Concrete ids and slugs to ask for, looked up once in the loaded store."""

    interview_id: int
    interview_slug: str
    speaker_id: int
    speaker_slug: str
    topic_id: int
    topic_slug: str
    many_interview_slugs: list[str] = field(default_factory=list)
    year: int = 2025


def subjects(floor: Floor, meta: CorpusMeta) -> Subjects:
    cursor = floor.connection.cursor()
    cursor.execute("SELECT count(*) FROM interviews")
    middle = min(1000, cursor.fetchone()[0] // 2)
    cursor.execute(f"SELECT id, slug FROM interviews ORDER BY id LIMIT 1 OFFSET {middle}")
    interview = cursor.fetchone()
    cursor.execute(f"SELECT slug FROM interviews ORDER BY id LIMIT {DISTINCT_URLS}")
    many_slugs = [row[0] for row in cursor.fetchall()]
    guests = [s for s in meta.speakers if s["kind"] == "guest"] or meta.speakers
    speaker_slug = max(guests, key=lambda s: (s["interviews"], s["slug"]))["slug"]
    topic_slug = max(meta.topics, key=lambda t: (t["interviews"], t["slug"]))["slug"]
    cursor.close()
    floor.resolve([Case("lookup", "", None, speaker=speaker_slug, topic=topic_slug)])
    return Subjects(
        interview_id=interview[0],
        interview_slug=interview[1],
        speaker_id=floor.ids[("speakers", speaker_slug)],
        speaker_slug=speaker_slug,
        topic_id=floor.ids[("topics", topic_slug)],
        topic_slug=topic_slug,
        many_interview_slugs=many_slugs,
    )


SEARCH_ROTATION = 1_000
"""Distinct queries of the cold search mix: more than one measurement sends, so none repeats."""


def search_rotation(meta: CorpusMeta, size: int = SEARCH_ROTATION) -> list[tuple[str, bool]]:
    """Distinct queries as readers type them, (query, is a phrase), in a fixed shuffled order: topic
    words alone and in pairs, rare terms, two-word names as phrases, and common words (from 1% to
    over half of the answers)."""
    keywords = sorted({k["term"] for t in meta.topics for k in t["keywords"] if k["term"].isalpha()})
    pairs = sorted(
        {
            f"{a['term']} {b['term']}"
            for t in meta.topics
            for a, b in zip(t["keywords"], t["keywords"][1:], strict=False)
            if a["term"].isalpha() and b["term"].isalpha()
        }
    )
    rare = sorted({r["term"] for r in meta.rare_terms if r["term"].isalpha()})
    phrases = sorted(
        {
            e["term"].lower()
            for e in meta.entities
            if len(e["term"].split()) == 2 and e["term"].replace(" ", "").isalpha()
        }
    )
    common = sorted({w["term"] for w in meta.common_words if len(w["term"]) >= 3 and w["term"].isalpha()})
    random = Random(7)
    queries: list[tuple[str, bool]] = []
    for group, share, phrase in ((keywords, 0.3, False), (pairs, 0.1, False), (rare, 0.2, False),
                                 (phrases, 0.1, True), (common, 0.3, False)):  # fmt: skip
        chosen = random.sample(group, min(len(group), round(size * share)))
        queries += [(f'"{q}"' if phrase else q, phrase) for q in chosen]
    random.shuffle(queries)
    return queries


def list_urls(meta: CorpusMeta, count: int = DISTINCT_URLS) -> list[str]:
    """Distinct list pages: by topic, by speaker, by month, by language, in several sorts."""
    months = [f"{year}-{month:02d}" for year in range(2015, 2026) for month in range(1, 13)]
    sorts = ["-published_at", "title", "-updated_at"]
    urls = [f"/v1/interviews?limit=20&topic={t['slug']}" for t in meta.topics]
    urls += [f"/v1/interviews?limit=20&speaker={sp['slug']}" for sp in meta.speakers[:600]]
    urls += [f"/v1/interviews?limit=20&published_from={m}-01&published_to={m}-28" for m in months]
    urls += [f"/v1/interviews?limit=20&language={code}" for code in meta.languages]
    urls = [f"{url}&sort={sorts[n % len(sorts)]}" for n, url in enumerate(urls)]
    Random(11).shuffle(urls)
    return [f"{urls[n % len(urls)]}&n={n}" for n in range(count)]


def scenarios(floor: Floor, meta: CorpusMeta, s: Subjects, routes: set[str]) -> list[Scenario]:
    year_from, year_to = f"{s.year}-01-01", f"{s.year + 1}-01-01"
    lean = "&_size=20&_nocount=1&_nosuggest=1&_nofacet=1"
    table = f"/{DATASETTE_DB}"
    found: list[Scenario] = [
        Scenario(
            "interview (questions+answers)",
            [f"/v1/interviews/{s.interview_slug}"],
            sql_runner(
                floor,
                [
                    ("SELECT * FROM interviews WHERE id = :id", {"id": s.interview_id}),
                    (
                        "SELECT p.role, sp.id, sp.slug, sp.name FROM participants p "
                        "JOIN speakers sp ON sp.id = p.speaker_id WHERE p.interview_id = :id",
                        {"id": s.interview_id},
                    ),
                    (
                        "SELECT t.id, t.slug, t.name FROM interview_topics it "
                        "JOIN topics t ON t.id = it.topic_id WHERE it.interview_id = :id",
                        {"id": s.interview_id},
                    ),
                    (
                        "SELECT * FROM questions WHERE interview_id = :id ORDER BY position",
                        {"id": s.interview_id},
                    ),
                    (
                        "SELECT * FROM answers WHERE interview_id = :id ORDER BY question_id, position",
                        {"id": s.interview_id},
                    ),
                ],
            ),
            [f"{table}/interviews/{s.interview_id}.json"],
            note="Datasette: the interview row only",
        ),
        Scenario(
            "interview, all distinct (cold)",
            [f"/v1/interviews/{slug}" for slug in s.many_interview_slugs],
            note="every request a different interview, the response cache off",
            cold=True,
        ),
        Scenario(
            "answers by speaker",
            [f"/v1/answers?speaker={s.speaker_slug}&limit=20"],
            sql_runner(
                floor,
                [
                    (
                        "SELECT * FROM answers WHERE speaker_id = :speaker ORDER BY id LIMIT 21",
                        {"speaker": s.speaker_id},
                    )
                ],
            ),
            [f"{table}/answers.json?speaker_id={s.speaker_id}{lean}"],
        ),
        Scenario(
            "questions by topic",
            [f"/v1/questions?topic={s.topic_slug}&limit=20"],
            sql_runner(
                floor,
                [
                    (
                        "SELECT * FROM questions WHERE id IN (SELECT question_id FROM question_topics "
                        "WHERE topic_id = :topic) OR interview_id IN (SELECT interview_id FROM "
                        "interview_topics WHERE topic_id = :topic) ORDER BY id LIMIT 21",
                        {"topic": s.topic_id},
                    )
                ],
            ),
        ),
        Scenario(
            "interview list, all distinct (cold)",
            list_urls(meta),
            note="filtered by topic, speaker, month or language, sorted three ways; every URL distinct",
            cold=True,
        ),
        Scenario(
            "interviews by date range",
            [f"/v1/interviews?published_from={s.year}-01-01&published_to={s.year}-12-31&limit=20"],
            sql_runner(
                floor,
                [
                    (
                        "SELECT * FROM interviews WHERE published_at >= :low AND published_at < :high "
                        "ORDER BY published_at DESC, id DESC LIMIT 21",
                        {"low": year_from, "high": year_to},
                    )
                ],
            ),
            [
                f"{table}/interviews.json?published_at__gte={year_from}&published_at__lt={year_to}"
                f"&_sort_desc=published_at{lean}"
            ],
        ),
    ]
    cases = pick_cases(meta)
    for kind in ("common", "keyword", "rare", "phrase", "prefix", "filter:speaker"):
        chosen = cases.get(kind, [])
        if not chosen:
            continue
        floor.resolve(chosen)
        urls = ["/v1/search?" + urlencode(case.params()) for case in chosen]
        mode = "&_searchmode=raw" if kind in ("phrase", "prefix") else ""
        datasette = None
        if kind in ("common", "keyword", "rare", "phrase", "prefix"):
            datasette = [f"{table}/answers.json?_search={quote(case.q)}{mode}{lean}" for case in chosen]
        runners = [_floor_call(floor, case) for case in chosen]
        cycle = itertools.cycle(runners)
        found.append(
            Scenario(f"search {kind}", urls, lambda cycle=cycle: next(cycle)(), datasette)  # type: ignore[misc]
        )
        if kind == "keyword":
            found.append(
                Scenario(
                    "search keyword, all distinct (cold)",
                    # The same four searches, each URL made distinct by a parameter the API ignores.
                    [f"{urls[n % len(urls)]}&run={n}" for n in range(DISTINCT_URLS)],
                    lambda cycle=cycle: next(cycle)(),  # type: ignore[misc]
                    datasette,
                    note="every URL distinct, the response cache off",
                    cold=True,
                )
            )
    rotation = search_rotation(meta)
    found.append(
        Scenario(
            "search mix, all distinct (cold)",
            ["/v1/search?" + urlencode({"q": q, "limit": 20, "n": n}) for n, (q, _) in enumerate(rotation)],
            datasette=[
                f"{table}/answers.json?_search={quote(q)}{'&_searchmode=raw' if phrase else ''}{lean}"
                for q, phrase in rotation
            ],
            note=f"{len(rotation)} distinct queries: topic words, pairs, rare terms, phrases, common words",
            cold=True,
        )
    )
    if "/v1/feeds/interviews.json" in routes:
        found.append(Scenario("feed (JSON Feed)", ["/v1/feeds/interviews.json"]))
    if "/v1/changes" in routes:
        found.append(Scenario("changes page", ["/v1/changes?limit=100"]))
    else:
        log("note: /v1/changes is not served yet: skipped")
    if "/v1/export/interviews.ndjson" not in routes:
        log("note: /v1/export/interviews.ndjson is not served yet: skipped")
    return found


def measure_export(api: Server, store: str) -> dict[str, Any]:
    """One full export, streamed and counted line by line, with the server's peak RSS after it."""
    rss_before = api.peak_rss_mb()
    lines = size = 0
    started = time.perf_counter()
    with httpx.stream("GET", f"{api.base_url}/v1/export/interviews.ndjson", timeout=900) as response:
        status = response.status_code
        for line in response.iter_lines():
            lines += bool(line)
            size += len(line) + 1
    seconds = time.perf_counter() - started
    return {
        "store": store,
        "status": status,
        "interviews": lines,
        "megabytes": round(size / 1e6, 1),
        "seconds": round(seconds, 2),
        "interviews_s": round(lines / seconds, 1) if seconds else 0.0,
        "peak_rss_mb_before": rss_before,
        "peak_rss_mb_after": api.peak_rss_mb(),
    }


def check_urls(base_url: str, scenario: Scenario) -> str | None:
    """The first URL of a scenario that does not answer 200, so a load run never times errors; a
    cold scenario whose server answers a URL again from the response cache stops the run."""
    for url in [*scenario.urls, *(scenario.datasette or [])][:12]:
        full = url if url.startswith("/v1/") else None
        if full is None:
            continue
        response = httpx.get(base_url + full, timeout=120)
        if response.status_code != 200:
            return f"{response.status_code} {full}"
        if scenario.cold and httpx.get(base_url + full, timeout=120).headers.get(HIT_HEADER):
            raise RuntimeError(f"{scenario.name}: {full} came from the response cache the second time")
    return None


def _floor_call(floor: Floor, case: Case) -> Callable[[], Any]:
    return lambda: floor.run(case)


# --- Datasette over a copy of the SQLite file -------------------------------------------------------


def datasette_copy(db_path: Path) -> Path:
    """A copy of the store with an FTS5 table over answers.text, made once per database."""
    target = CACHE_DIR / f"datasette-{db_path.stem}" / f"{DATASETTE_DB}.db"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    log(f"copying {db_path.name} for Datasette and enabling FTS on answers.text ...")
    shutil.copyfile(db_path, partial)
    sqlite_utils = Path(sys.executable).parent / "sqlite-utils"
    subprocess.run(
        [str(sqlite_utils), "enable-fts", str(partial), "answers", "text", "--fts5", "--tokenize", "porter"],
        check=True,
    )
    partial.rename(target)
    return target


@contextlib.contextmanager
def datasette_server(path: Path) -> Iterator[Server]:
    port = free_port()
    binary = Path(sys.executable).parent / "datasette"
    command = [str(binary), "serve", "-i", str(path), "-h", "127.0.0.1", "-p", str(port)]
    command += ["--setting", "sql_time_limit_ms", "30000", "--setting", "max_returned_rows", "1000"]
    with server(command, port, {}, ready_path="/-/versions.json") as running:
        yield running


# --- running it --------------------------------------------------------------------------------------


def served_routes(base_url: str) -> set[str]:
    try:
        return set(httpx.get(f"{base_url}/openapi.json", timeout=30).json()["paths"])
    except (httpx.HTTPError, ValueError, KeyError):
        return set()


def bench_store(
    store: str,
    url: str,
    meta: CorpusMeta,
    *,
    duration: float,
    bare: Server,
    datasette: Server | None,
    exports: list[dict[str, Any]],
    export_only: bool = False,
    only: str | None = None,
) -> list[dict[str, Any]]:
    from app.storage.sessions import make_engine

    engine: Engine = make_engine(url)
    rows: list[dict[str, Any]] = []
    floor_duration = max(1.0, duration / 2)
    try:
        with (
            floor_for(engine) as floor,
            uvicorn_server("app.main:create_app", {"DATABASE_URL": url}) as warm,
            uvicorn_server("app.main:create_app", {"DATABASE_URL": url, **NO_RESPONSE_CACHE}) as cold,
        ):
            routes = served_routes(warm.base_url)
            chosen = [] if export_only else scenarios(floor, meta, subjects(floor, meta), routes)
            chosen = [scenario for scenario in chosen if only is None or only in scenario.name]
            for scenario in chosen:
                log(f"{store}: {scenario.name}")
                api = cold if scenario.cold else warm
                problem = check_urls(api.base_url, scenario)
                if problem is not None:
                    log(f"  skipped: {problem}")
                    continue
                floor_stats = time_floor(scenario.floor, floor_duration) if scenario.floor else None
                peer_urls = scenario.datasette if datasette is not None and store == "sqlite" else None
                for concurrency in CONCURRENCY:
                    if scenario.cold and concurrency == max(CONCURRENCY):
                        service, framework, peer, rounds = paired_rounds(
                            api, bare, datasette, scenario.urls, peer_urls, concurrency, duration
                        )
                    else:
                        service = drive(api.base_url, scenario.urls, concurrency, duration)
                        framework = framework_floor(bare, service["mean_bytes"], concurrency, duration)
                        peer = None
                        if datasette is not None and peer_urls:  # (peer_urls implies it; for mypy)
                            peer = drive(datasette.base_url, peer_urls, concurrency, duration)
                        rounds = None
                    row = {
                        "store": store,
                        "scenario": scenario.name,
                        "concurrency": concurrency,
                        "service": service,
                        "raw_sql": floor_stats,
                        "framework": framework,
                        "datasette": peer,
                        "note": scenario.note,
                        "vs_framework_req_s": ratio(service["req_s"], framework["req_s"]),
                        "vs_raw_sql_p95": ratio(service.get("p95_ms"), (floor_stats or {}).get("p95")),
                        "vs_datasette_req_s": ratio(service["req_s"], (peer or {}).get("req_s")),
                    }
                    if rounds is not None:  # the ratios of the rounds, each against its own neighbours
                        row |= {"rounds": rounds, **median_ratios(rounds)}
                    rows.append(row)
        if "/v1/export/interviews.ndjson" in routes and only is None:
            log(f"{store}: export (on a fresh server, so its peak RSS is the export's)")
            with uvicorn_server("app.main:create_app", {"DATABASE_URL": url}) as fresh:
                exports.append(measure_export(fresh, store))
    finally:
        engine.dispose()
    return rows


IMPORT_BUDGETS = {"sqlite": 10_000.0, "postgres": 5_000.0}
SCALE_INTERVIEWS = 100_000


def budgets(
    rows: list[dict[str, Any]],
    imports: list[ImportStats],
    exports: list[dict[str, Any]],
    meta: CorpusMeta,
) -> list[dict[str, Any]]:
    """Issue 15's budgets, all on cold scenarios (every URL distinct, none served from the response
    cache), at 16 connections, as ratios to baselines measured in the same run; then the export's."""

    def find(store: str, scenario: str) -> dict[str, Any] | None:
        for row in rows:
            if row["store"] == store and row["scenario"] == scenario and row["concurrency"] == 16:
                return row
        return None

    def check(budget: str, value: Any, passed: bool | None) -> None:
        checks.append({"budget": budget, "value": value, "pass": passed})

    checks: list[dict[str, Any]] = []
    scale = meta.interviews >= SCALE_INTERVIEWS
    for store, share in (("sqlite", 0.5), ("postgres", 0.35)):
        cold = find(store, "interview, all distinct (cold)")
        if cold and not scale:
            ratio_ = cold["vs_framework_req_s"] or 0.0
            value = f"{ratio_} ({cold['service']['req_s']} vs {cold['framework']['req_s']} req/s)"
            check(f"interview, cold, {store}: >= {share} x framework floor", value, ratio_ >= share)
    mix = find("sqlite", "search mix, all distinct (cold)")
    if mix and not scale:
        peer = (mix["datasette"] or {}).get("req_s")
        versus = mix["vs_datasette_req_s"]
        check(
            "search mix, cold, sqlite: req/s >= Datasette lean _search (same queries)",
            f"{versus} ({mix['service']['req_s']} vs {peer} req/s)",
            None if versus is None else versus >= 1.0,
        )
        p95 = mix["service"].get("p95_ms")
        check("search mix, cold, sqlite: p95 <= 150 ms", p95, p95 is not None and p95 <= 150)
    for store in ("sqlite", "postgres"):  # the issue names no store for lists: both are held to it
        listing = find(store, "interview list, all distinct (cold)")
        if listing and not scale:
            ratio_ = listing["vs_framework_req_s"] or 0.0
            value = f"{ratio_} ({listing['service']['req_s']} vs {listing['framework']['req_s']} req/s)"
            check(f"interview lists, cold, {store}: >= 0.5 x framework floor", value, ratio_ >= 0.5)
    for stats in imports:
        budget = IMPORT_BUDGETS[stats.store]
        rate = round(stats.answers_per_second)
        check(f"import, {stats.store}: >= {budget:,.0f} answers/s", rate, rate >= budget)
    if scale:
        for scenario, limit in (
            ("search mix, all distinct (cold)", 250),
            ("interview, all distinct (cold)", 20),
        ):
            row = find("postgres", scenario)
            p95 = row["service"].get("p95_ms") if row else None
            check(
                f"{meta.interviews:,} interviews, postgres: {scenario} p95 <= {limit} ms",
                p95,
                None if p95 is None else p95 <= limit,
            )
    else:
        check(
            f"{SCALE_INTERVIEWS:,} interviews, postgres: cold search p95 <= 250 ms, interview p95 <= 20 ms",
            "`make bench-scale`",
            None,
        )
    for export in exports:
        peak = export["peak_rss_mb_after"]
        enough = meta.answers >= EXPORT_BUDGET_ANSWERS
        check(
            f"export peak RSS < {EXPORT_RSS_BUDGET_MB:.0f} MB, {export['store']} ({meta.answers:,} "
            f"answers{'' if enough else '; the budget is for 1,000,000: `make bench-export`'})",
            peak and round(peak),
            (peak is not None and peak < EXPORT_RSS_BUDGET_MB) if enough else None,
        )
    return checks


def _num(value: Any, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"


def print_report(console: Console, rows: list[dict[str, Any]], checks: list[dict[str, Any]]) -> None:
    table = Table(title="Service vs baselines (req/s and latency in ms; ratios are service / baseline)")
    columns = ["store", "scenario", "conc", "req/s", "p50", "p95", "p99", "framework req/s", "x framework"]
    columns += ["raw SQL p95", "p95 x raw SQL", "Datasette req/s", "x Datasette"]
    for name in columns:
        table.add_column(name, justify="left" if name in ("store", "scenario") else "right")
    for row in rows:
        service = row["service"]
        table.add_row(
            row["store"],
            row["scenario"] + (" [red](errors)[/]" if service["errors"] else ""),
            str(row["concurrency"]),
            _num(service["req_s"]),
            _num(service.get("p50_ms")),
            _num(service.get("p95_ms")),
            _num(service.get("p99_ms")),
            _num(row["framework"]["req_s"]),
            _num(row["vs_framework_req_s"], 2),
            _num((row["raw_sql"] or {}).get("p95"), 2),
            _num(row["vs_raw_sql_p95"], 1),
            _num((row["datasette"] or {}).get("req_s")),
            _num(row["vs_datasette_req_s"], 2),
        )
    console.print(table)
    for row in rows:
        if row["service"]["errors"]:
            console.print(
                f"[red]{row['store']} {row['scenario']} x{row['concurrency']}: {row['service']['errors']} "
                f"errors[/] {row['service'].get('first_error') or ''}"
            )
    budget_table = Table(
        title=f"Budgets (issue 15: cold, 16 connections; each ratio the median of {BUDGET_ROUNDS} rounds,"
        " each round the service, then its baselines)"
    )
    for name in ("budget", "value", "verdict"):
        budget_table.add_column(name)
    for check in checks:
        verdict = {True: "[green]PASS[/]", False: "[red]MISS[/]", None: "n/a"}[check["pass"]]
        budget_table.add_row(check["budget"], str(check["value"]), verdict)
    console.print(budget_table)


def scale_out_urls(url: str, meta: CorpusMeta) -> list[str]:
    """The cold read mix of the scale-out scenario: distinct interviews, list pages and searches."""
    from app.storage.sessions import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            slugs = connection.exec_driver_sql(
                f"SELECT slug FROM interviews ORDER BY id LIMIT {DISTINCT_URLS}"
            ).scalars()
            interviews = [f"/v1/interviews/{slug}" for slug in slugs]
    finally:
        engine.dispose()
    searches = [
        "/v1/search?" + urlencode({"q": q, "limit": 20, "n": n})
        for n, (q, _) in enumerate(search_rotation(meta))
    ]
    return mixed_urls(interviews, list_urls(meta), searches, count=DISTINCT_URLS)


def print_scale_out(console: Console, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    table = Table(title=f"{SCALE_OUT} ({rows[0]['concurrency']} connections; every URL distinct)")
    for name in ("set-up", "req/s", "p50", "p95", "p99", "errors", "x 1 process"):
        table.add_column(name, justify="left" if name == "set-up" else "right")
    for row in rows:
        service = row["service"]
        table.add_row(
            row["scenario"].removeprefix(SCALE_OUT + ": "),
            _num(service["req_s"]),
            _num(service.get("p50_ms")),
            _num(service.get("p95_ms")),
            _num(service.get("p99_ms")),
            str(service["errors"]),
            _num(row["vs_one_process_req_s"], 2),
        )
    console.print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20_000, help="interviews (default 20000)")
    parser.add_argument("--scale", action="store_true", help="100,000 interviews")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--duration", type=float, default=3.0, help="seconds per measurement")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--only", help="scenarios whose name contains this text (a quick look at one path)")
    parser.add_argument("--no-datasette", action="store_true")
    parser.add_argument("--pg-admin-url", default=DEFAULT_PG_ADMIN_URL)
    parser.add_argument("--keep", action="store_true", help="keep the bench_<random> PostgreSQL database")
    parser.add_argument("--fresh", action="store_true", help="re-import instead of using cached databases")
    parser.add_argument(
        "--export-only",
        action="store_true",
        help="only the import and the full export (with --scale: 1M+ answers)",
    )
    args = parser.parse_args(argv)
    count = 100_000 if args.scale else args.count
    console = Console(width=max(shutil.get_terminal_size().columns, 180))
    started = time.perf_counter()
    key = CorpusKey(count, args.seed)
    corpus_path, meta = corpus(key)
    imports: list[ImportStats] = []
    db_path = None
    if not args.no_sqlite:
        db_path, sqlite_stats = sqlite_database(key, corpus_path, fresh=args.fresh)
        imports.append(sqlite_stats)
    rows: list[dict[str, Any]] = []
    scale_rows: list[dict[str, Any]] = []
    exports: list[dict[str, Any]] = []
    with contextlib.ExitStack() as stack:
        bare = stack.enter_context(uvicorn_server("bench.bare_app:app", {}, factory=False))
        datasette = None
        if not (args.no_datasette or args.export_only or db_path is None):
            datasette = stack.enter_context(datasette_server(datasette_copy(db_path)))
        options = {
            "duration": args.duration,
            "bare": bare,
            "datasette": datasette,
            "exports": exports,
            "export_only": args.export_only,
            "only": args.only,
        }
        if db_path is not None:
            rows += bench_store("sqlite", sqlite_url(db_path), meta, **options)
        if not args.no_postgres and postgres_available(args.pg_admin_url):
            pg = postgres_database(key, corpus_path, args.pg_admin_url, keep=args.keep, fresh=args.fresh)
            with pg as (url, pg_stats):
                imports.append(pg_stats)
                rows += bench_store("postgres", url, meta, **options)
                if not args.export_only and (args.only is None or args.only in SCALE_OUT):
                    urls = scale_out_urls(url, meta)
                    scale_rows = measure_scale_out(
                        url, urls, duration=args.duration, concurrency=max(CONCURRENCY), drive=drive
                    )
        elif not args.no_postgres:
            log(f"PostgreSQL at {args.pg_admin_url} is not reachable: SQLite only")
    checks = budgets(rows, imports, exports, meta)
    print_report(console, rows, checks)
    print_scale_out(console, scale_rows)
    for export in exports:
        console.print(
            f"export from {export['store']}: {export['interviews']:,} interviews, {export['megabytes']} MB in "
            f"{export['seconds']} s ({export['interviews_s']:,} interviews/s), server peak RSS "
            f"{export['peak_rss_mb_before']:.0f} MB before, {export['peak_rss_mb_after']:.0f} MB after"
        )
    for stats in imports:
        origin = "when the cached database was built" if stats.cached else "in this run"
        console.print(
            f"import into {stats.store}: {stats.answers_per_second:,.0f} answers/s (measured {origin})"
        )
    path = write_results(
        "run",
        {
            "benchmark": "run",
            "count": count,
            "seed": args.seed,
            "answers": meta.answers,
            "machine": machine(),
            "seconds": round(time.perf_counter() - started, 1),
            "imports": [stats.to_dict() for stats in imports],
            "budgets": checks,
            "exports": exports,
            "results": rows,
            "scale_out": scale_rows,
        },
    )
    console.print(f"results: {path} ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
