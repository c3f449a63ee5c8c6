"""Faults a production run meets: the database restarting, a killed import, many SQLite writers."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from app.corpus import write_corpus
from app.storage.migrations import upgrade
from tests.conftest import POSTGRES_URL, REQUIRE_POSTGRES, Store
from tests.support.servers import free_port, uvicorn_process

PG_BIN = (
    next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)
    if Path("/usr/lib/postgresql").exists()
    else None
)


def postgres_control(data: Path, port: int) -> list[str]:
    options = f"-p {port} -k /tmp -c listen_addresses=127.0.0.1"
    return [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(data / "server.log"), "-o", options, "-w"]  # type: ignore[operator]


def as_postgres_user(*command: str) -> list[str]:
    """PostgreSQL refuses to run as root; the test machine runs tests as root."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


@pytest.fixture
def own_postgres() -> Iterator[tuple[str, Path, int]]:
    """A throwaway PostgreSQL server of our own, which the test may stop and start at will."""
    if PG_BIN is None or POSTGRES_URL is None:
        if REQUIRE_POSTGRES:
            pytest.fail("PostgreSQL binaries are needed for the fault tests")
        pytest.skip("PostgreSQL binaries are not installed")
    # Not under pytest's tmp_path: the postgres user must be able to reach the folder.
    home = Path(tempfile.mkdtemp(prefix="interviews-pg-"))
    home.chmod(0o755)
    data = home / "data"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    port = free_port()
    subprocess.run(
        as_postgres_user(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"),
        check=True,
        capture_output=True,
    )
    pg_ctl = postgres_control(data, port)
    # The server inherits pg_ctl's output: a log file and /dev/null, never a pipe that would not close.
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    subprocess.run(as_postgres_user(*pg_ctl, "start"), check=True, **quiet)  # type: ignore[call-overload]
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", data, port
    finally:
        subprocess.run(
            as_postgres_user(*pg_ctl, "-m", "immediate", "stop"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(home, ignore_errors=True)


def test_database_restart_fails_fast_and_recovers_by_itself(own_postgres) -> None:
    url, data, port = own_postgres
    upgrade(url)
    pg_ctl = postgres_control(data, port)
    with uvicorn_process(url) as base_url, httpx.Client(base_url=base_url, timeout=15) as http:
        assert http.get("/v1/interviews").status_code == 200
        assert http.get("/v1/interviews/some-talk").status_code == 404  # the pools now hold connections
        subprocess.run(as_postgres_user(*pg_ctl, "-m", "fast", "stop"), check=True, stdout=subprocess.DEVNULL)
        for path in ("/v1/interviews", "/v1/interviews/some-talk", "/v1/interviews"):
            started = time.monotonic()
            response = http.get(path)
            assert response.status_code == 503, response.text
            assert response.headers["content-type"] == "application/problem+json"
            assert time.monotonic() - started < 10
        assert http.get("/readyz").status_code == 503
        subprocess.run(
            as_postgres_user(*pg_ctl, "start"),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        recovered_at = None
        started = time.monotonic()
        while time.monotonic() - started < 5:
            if http.get("/v1/interviews").status_code == 200 and http.get("/readyz").status_code == 200:
                recovered_at = time.monotonic() - started
                break
            time.sleep(0.1)
        assert recovered_at is not None, "the service did not recover within 5 s"
        assert http.get("/v1/interviews/some-talk").status_code == 404


def writing_uncommitted(store: Store) -> bool:
    """True once a writer holds an open transaction that has written: on PostgreSQL a backend with a
    transaction id; on SQLite, the write lock is taken (another writer is refused at once)."""
    if store.name == "postgres":
        with store.engine.connect() as connection:
            query = (
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
            )
            return bool(connection.execute(text(query)).scalar())
    probe = sqlite3.connect(store.url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_an_import_killed_midway_leaves_no_partial_interview(kind, request, tmp_path) -> None:
    store = request.getfixturevalue(f"{kind}_store")
    store.empty()
    corpus = tmp_path / "big.ndjson"
    write_corpus(corpus, 3000, seed=4)
    env = {**os.environ, "DATABASE_URL": store.url}
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "import", str(corpus)], env=env, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while not writing_uncommitted(store):
        assert process.poll() is None, "the import finished before it could be killed; use a larger corpus"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    engine = create_engine(store.url)
    with engine.connect() as connection:
        counts = [
            connection.execute(text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("interviews", "questions", "answers")
        ]
        if kind == "sqlite":
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    engine.dispose()
    assert counts == [0, 0, 0]
