"""Scale-out (issue 19): two API processes over the primary and a streaming replica, against one
process over the primary alone, on the same cold read traffic, in the same run.

The replica is a real hot standby of the benchmark's PostgreSQL server (bench/replica.py), made for
this measurement and removed after it. "Two processes" are uvicorn's `--workers 2` on one port,
the kernel spreading connections over them, as two containers behind a proxy would get them. Three
set-ups are driven with the same URLs (every one distinct, so the response cache serves none):

1. one process over the primary (the baseline);
2. two processes over the primary;
3. two processes, reads on the replica (DATABASE_READ_URL), writes on the primary.

On a two-core machine that also runs the load generator and both PostgreSQL servers, the figures
show the cost or gain of the set-up there, not what separate machines would give.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from random import Random
from typing import Any

import httpx

from bench.common import NO_RESPONSE_CACHE, log, ratio, uvicorn_server
from bench.replica import ReplicationRefusedError, streaming_replica

SCENARIO = "scale-out: cold reads (interviews, lists, search)"
Drive = Callable[[str, list[str], int, float], dict[str, Any]]


def mixed_urls(*groups: list[str], count: int = 3_000) -> list[str]:
    """URLs taken from each group in turn, in a fixed shuffled order."""
    mixed = [group[n % len(group)] for n in range(count) for group in groups if group][:count]
    Random(5).shuffle(mixed)
    return mixed


def measure_scale_out(
    url: str, urls: list[str], *, duration: float, concurrency: int, drive: Drive
) -> list[dict[str, Any]]:
    """req/s and latency of the three set-ups; empty when no replica can be made here."""
    setups: list[tuple[str, int, bool]] = [
        ("1 process, primary", 1, False),
        ("2 processes, primary", 2, False),
        ("2 processes, primary + replica", 2, True),
    ]
    try:
        with streaming_replica(url) as replica:
            results: dict[str, dict[str, Any]] = {}
            for name, workers, reads_on_replica in setups:
                environment = {"DATABASE_URL": url, "REPLICA_MAX_LAG_SECONDS": "30", **NO_RESPONSE_CACHE}
                if reads_on_replica:
                    replica.catch_up()
                    environment["DATABASE_READ_URL"] = replica.url_for(url)
                log(f"postgres: {SCENARIO}: {name}")
                with uvicorn_server("app.main:create_app", environment, workers=workers) as api:
                    if reads_on_replica:
                        _wait_for_replica_reads(api.base_url)
                    results[name] = drive(api.base_url, urls, concurrency, duration)
    except ReplicationRefusedError as error:
        log(f"scale-out skipped: {error}")
        return []
    baseline = results[setups[0][0]]
    return [
        {
            "store": "postgres",
            "scenario": f"{SCENARIO}: {name}",
            "concurrency": concurrency,
            "workers": workers,
            "replica": reads_on_replica,
            "service": results[name],
            "vs_one_process_req_s": ratio(results[name]["req_s"], baseline["req_s"]),
        }
        for name, workers, reads_on_replica in setups
    ]


def _wait_for_replica_reads(base_url: str, timeout: float = 30) -> None:
    """Until every worker's `/readyz` says reads go to the replica (each has its own check)."""
    deadline = time.monotonic() + timeout
    confirmed = 0
    while confirmed < 10:
        replica = httpx.get(f"{base_url}/readyz", timeout=10).json().get("replica") or {}
        confirmed = confirmed + 1 if replica.get("reads_to") == "replica" else 0
        if time.monotonic() > deadline:
            raise RuntimeError(f"reads never went to the replica: {replica}")
        time.sleep(0.05)
