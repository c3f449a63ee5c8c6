"""Faults during writes: every acknowledged write is stored; every other one got a problem response."""

from __future__ import annotations

import resource
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from app.storage.migrations import upgrade
from tests.conftest import Store
from tests.live.conftest import new_key
from tests.support.factories import interview_document
from tests.support.servers import uvicorn_process

LONG_ANSWER = "A long answer that fills the write-ahead log quickly. " * 300


def stored_slugs(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return set(connection.execute(text("SELECT slug FROM interviews")).scalars())
    finally:
        engine.dispose()


def write_many(base_url: str, key: dict[str, str], slugs: list[str]) -> dict[str, httpx.Response]:
    outcomes: dict[str, httpx.Response] = {}
    with httpx.Client(base_url=base_url, headers=key, timeout=30) as client:
        for slug in slugs:
            document = interview_document(slug, questions=[("Why?", [LONG_ANSWER])])
            outcomes[slug] = client.put(f"/v1/interviews/{slug}", json=document)
    return outcomes


def check_outcomes(outcomes: dict[str, httpx.Response], stored: set[str]) -> tuple[int, int]:
    """Acknowledged ⊆ stored; every refusal a problem. Returns (acknowledged, refused)."""
    acknowledged = {slug for slug, r in outcomes.items() if r.status_code == 201}
    refused = {slug: r for slug, r in outcomes.items() if r.status_code != 201}
    assert acknowledged <= stored, f"acknowledged but lost: {sorted(acknowledged - stored)}"
    for slug, response in refused.items():
        assert response.status_code == 503, (slug, response.status_code, response.text)
        assert response.headers["content-type"] == "application/problem+json"
    return len(acknowledged), len(refused)


def limit_file_size(size: int) -> Callable[[], None]:
    """For the server process: no file it writes may grow past `size` bytes, as on a full disk (writes
    fail with EFBIG, which SQLite reports as "database or disk is full")."""
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def test_a_full_disk_under_sqlite_loses_no_acknowledged_write(tmp_path: Path) -> None:
    """A database of its own, freshly migrated and checkpointed, so its files' sizes are known."""
    database = tmp_path / "small-disk.db"
    store = Store("sqlite", f"sqlite:///{database}")
    upgrade(store.url)
    key = new_key(store, "disk filler")
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.engine.dispose()
    limit = database.stat().st_size + 400_000
    slugs = [f"full-disk-{n}" for n in range(80)]
    with uvicorn_process(store.url, preexec_fn=limit_file_size(limit)) as base_url:
        outcomes = write_many(base_url, key, slugs)
        with httpx.Client(base_url=base_url) as reader:
            assert reader.get("/healthz").status_code == 200
    acknowledged, refused = check_outcomes(outcomes, stored_slugs(store.url))
    print(f"\nSQLite, full disk: {acknowledged} acknowledged and present, {refused} refused with a problem")
    assert acknowledged > 0 and refused > 0, "the disk never filled: raise the answer size"


def test_killed_postgresql_connections_lose_no_acknowledged_write(postgres_store: Store) -> None:
    postgres_store.empty()
    key = new_key(postgres_store, "connection killer")
    postgres_store.engine.dispose()
    stop = threading.Event()
    kills = 0

    def kill_connections() -> None:
        nonlocal kills
        engine = create_engine(postgres_store.url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            while not stop.is_set():
                killed = connection.execute(
                    text(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                ).scalar()
                kills += killed or 0
                time.sleep(0.15)
        engine.dispose()

    slugs = [f"killed-{n}" for n in range(80)]
    with uvicorn_process(postgres_store.url) as base_url:
        killer = threading.Thread(target=kill_connections)
        killer.start()
        try:
            outcomes = write_many(base_url, key, slugs)
        finally:
            stop.set()
            killer.join()
    acknowledged, refused = check_outcomes(outcomes, stored_slugs(postgres_store.url))
    print(
        f"\nPostgreSQL, {kills} connections killed: {acknowledged} acknowledged and present, {refused} refused"
    )
    assert acknowledged > 0 and refused > 0 and kills > 0
