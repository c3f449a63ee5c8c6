"""What every benchmark here shares: the cached corpus and databases, a uvicorn server, and statistics.

Everything is keyed by corpus size, seed, generator version and a fingerprint of the schema and text
analysis, so a rerun reuses the corpus, the SQLite file and a PostgreSQL template database, and a
change to the migrations or the analysis rebuilds them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg
from psycopg import sql

from app.corpus import CorpusMeta, meta_path, write_corpus
from app.corpus.generator import GENERATOR_VERSION

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
CACHE_DIR = Path(os.environ.get("BENCH_CACHE_DIR", BENCH_DIR / ".cache"))
RESULTS_DIR = BENCH_DIR / "results"
DEFAULT_PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
SERVICE_ENV = {"RATE_LIMIT": "100000000/minute"}
"""The service's own per-client rate limit (120/minute by default) would turn a load run into 429s."""
NO_RESPONSE_CACHE = {"RESPONSE_CACHE_MB": "0"}
"""For servers whose figures must not come from the response cache: cold scenarios send each URL more
than once (wrk cycles through the list, and the 16-connection run follows the 1-connection one)."""
FINGERPRINT_SOURCES = (
    "migrations/versions",
    "app/storage/terms.py",
    "app/storage/search_index.py",
    "app/models",
)
"""Files whose change makes a cached database stale: the schema and the analysis that fills it."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def schema_fingerprint() -> str:
    digest = hashlib.sha256()
    for source in FINGERPRINT_SOURCES:
        path = ROOT / source
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(ROOT).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:10]


@dataclass(frozen=True)
class CorpusKey:
    count: int
    seed: int

    @property
    def corpus_name(self) -> str:
        return f"corpus-{self.count}-{self.seed}-v{GENERATOR_VERSION}"

    @property
    def database_name(self) -> str:
        return f"{self.count}_{self.seed}_v{GENERATOR_VERSION}_{schema_fingerprint()}"


@dataclass
class ImportStats:
    """How long the project importer took to load the corpus into a store (measured when it ran)."""

    store: str
    answers: int
    seconds: float
    cached: bool = False

    @property
    def answers_per_second(self) -> float:
        return self.answers / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "answers_per_second": round(self.answers_per_second, 1)}


def corpus(key: CorpusKey) -> tuple[Path, CorpusMeta]:
    """The NDJSON corpus and its meta, generated once per key with the project's own generator."""
    path = CACHE_DIR / f"{key.corpus_name}.ndjson"
    if not (path.exists() and meta_path(path).exists()):
        log(f"generating {key.count} interviews (seed {key.seed}) -> {path}")
        started = time.perf_counter()
        write_corpus(path, key.count, key.seed)
        log(f"  generated in {time.perf_counter() - started:.1f} s")
    return path, CorpusMeta.read(meta_path(path))


def _import(url: str, path: Path, store: str) -> ImportStats:
    from app.imports.service import import_source
    from app.storage.migrations import upgrade
    from app.storage.sessions import make_engine

    upgrade(url)
    engine = make_engine(url)
    try:
        log(f"importing {path.name} into {store} ...")
        started = time.perf_counter()
        report = import_source(engine, str(path))
        seconds = time.perf_counter() - started
        if not report.committed:
            raise RuntimeError(f"import into {store} failed: {report.bad_records[:3]}")
        log(f"  {report.answers} answers in {seconds:.1f} s ({report.answers / seconds:,.0f} answers/s)")
        return ImportStats(store, report.answers, seconds)
    finally:
        engine.dispose()


def _read_stats(path: Path) -> ImportStats | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    data.pop("answers_per_second", None)
    return ImportStats(**{**data, "cached": True})


def sqlite_database(key: CorpusKey, corpus_path: Path, *, fresh: bool = False) -> tuple[Path, ImportStats]:
    """A SQLite file holding the corpus, imported by the project importer into a fresh file once per key."""
    path = CACHE_DIR / f"sqlite-{key.database_name}.db"
    stats_path = path.with_suffix(".import.json")
    stats = None if fresh else _read_stats(stats_path)
    if stats is not None and path.exists():
        return path, stats
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    stats = _import(f"sqlite:///{partial}", corpus_path, "sqlite")
    import sqlite3

    with contextlib.closing(sqlite3.connect(partial)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.replace(partial, path)
    stats_path.write_text(json.dumps(stats.to_dict(), indent=1))
    return path, stats


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def cached_sqlite_url(count: int, seed: int = 42) -> str:
    """The SQLite store of the corpus of `count` interviews, generated and imported when missing."""
    key = CorpusKey(count, seed)
    path, _ = corpus(key)
    return sqlite_url(sqlite_database(key, path)[0])


def _admin(admin_url: str) -> psycopg.Connection[Any]:
    return psycopg.connect(admin_url, autocommit=True, connect_timeout=5)


def _database_exists(connection: psycopg.Connection[Any], name: str) -> bool:
    return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def database_url(admin_url: str, name: str, driver: str = "postgresql+psycopg") -> str:
    """`admin_url` pointed at another database."""
    base, _, _ = admin_url.rpartition("/")
    _, _, rest = base.partition("://")
    return f"{driver}://{rest}/{name}"


def postgres_available(admin_url: str) -> bool:
    try:
        with _admin(admin_url):
            return True
    except psycopg.OperationalError:
        return False


@contextlib.contextmanager
def postgres_database(
    key: CorpusKey, corpus_path: Path, admin_url: str, *, keep: bool = False, fresh: bool = False
) -> Iterator[tuple[str, ImportStats]]:
    """A fresh `bench_<random>` database with the corpus, dropped afterwards unless `keep`.

    The first run imports with the project importer and saves the result as a template database
    (`bench_cache_<key>`); later runs copy the template, which takes seconds instead of minutes.
    """
    name = f"bench_{secrets.token_hex(4)}"
    template = f"bench_cache_{key.database_name}"
    stats_path = CACHE_DIR / f"postgres-{key.database_name}.import.json"
    url = database_url(admin_url, name)
    with _admin(admin_url) as admin:
        if fresh and _database_exists(admin, template):
            admin.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(template)))
        stats = _read_stats(stats_path)
        cached = stats is not None and _database_exists(admin, template)
        if cached:
            log(f"copying cached PostgreSQL database {template} -> {name}")
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            )
        else:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        if not cached:
            stats = _import(url, corpus_path, "postgres")
            with psycopg.connect(database_url(admin_url, name, "postgresql"), autocommit=True) as connection:
                connection.execute("VACUUM ANALYZE")  # what autovacuum would soon do on its own
            with _admin(admin_url) as admin:
                admin.execute(
                    sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                        sql.Identifier(template), sql.Identifier(name)
                    )
                )
            stats_path.write_text(json.dumps(stats.to_dict(), indent=1))
        assert stats is not None
        yield url, stats
    finally:
        if keep:
            log(f"kept PostgreSQL database {name} ({url})")
        else:
            with _admin(admin_url) as admin:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def uvicorn_server(
    app: str,
    env: dict[str, str],
    *,
    factory: bool = True,
    ready_path: str = "/healthz",
    timeout: float = 60.0,
    workers: int = 1,
) -> Iterator[Server]:
    """A uvicorn server on a free loopback port, stopped afterwards: one process, or `workers`
    processes sharing the port (the kernel spreads connections over them)."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port)]
    command += ["--log-level", "warning", "--no-access-log", *(["--factory"] if factory else [])]
    command += ["--workers", str(workers)] if workers > 1 else []
    with server(command, port, {**SERVICE_ENV, **env}, ready_path=ready_path, timeout=timeout) as running:
        yield running


@dataclass
class Server:
    base_url: str
    process: subprocess.Popen[bytes]

    def peak_rss_mb(self) -> float | None:
        """The process's peak resident set size (Linux `VmHWM`), in MB."""
        try:
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None


@contextlib.contextmanager
def server(
    command: list[str], port: int, env: dict[str, str], *, ready_path: str = "/", timeout: float = 60.0
) -> Iterator[Server]:
    """Any HTTP server process listening on `port` of the loopback; yields when it answers `ready_path`.

    Its output goes to bench/.cache/logs/<program>-<port>.log, out of the way of the report.
    """
    logs = CACHE_DIR / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    program = Path(command[0]).name if command[1:2] != ["-m"] else command[2]
    with (logs / f"{program}-{port}.log").open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **env}, stdout=output, stderr=subprocess.STDOUT
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_ready(base + ready_path, process, timeout)
            yield Server(base, process)
        finally:
            stop(process)


def wait_until_ready(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=2).status_code < 500:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not sorted_values:
        return math.nan
    position = (len(sorted_values) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    """n, mean, p50, p95, p99 and max of durations given in seconds, in milliseconds."""
    values = sorted(s * 1000 for s in seconds)
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "mean": round(sum(values) / len(values), 3),
        "p50": round(percentile(values, 0.5), 3),
        "p95": round(percentile(values, 0.95), 3),
        "p99": round(percentile(values, 0.99), 3),
        "max": round(values[-1], 3),
    }


def ratio(value: float | None, baseline: float | None) -> float | None:
    if value is None or baseline is None or baseline <= 0 or math.isnan(value) or math.isnan(baseline):
        return None
    return round(value / baseline, 2)


def write_results(kind: str, payload: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = RESULTS_DIR / f"{kind}-{stamp}.json"
    path.write_text(json.dumps(payload, indent=1, default=str) + "\n")
    return path


def machine() -> dict[str, Any]:
    import platform
    import sqlite3

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "sqlite": sqlite3.sqlite_version,
        "load_average": os.getloadavg(),
    }


def copy_file(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    shutil.copyfile(source, target)
