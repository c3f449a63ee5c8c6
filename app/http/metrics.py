"""Prometheus metrics at `/metrics`: requests by route template and status, latency, the DB pool, and
the read replica's lag when there is one.

Each app gets its own registry (tests build many apps; production builds one per process). With
several worker processes, each exposes its own figures: scrape every process, or run one worker per
container as the compose file does.
"""

from __future__ import annotations

from fastapi import FastAPI
from prometheus_client import CollectorRegistry, Gauge
from prometheus_fastapi_instrumentator import Instrumentator

from app.http.policies import POLICIES
from app.storage.sessions import get_engine, replica_monitor


def pool_connections_in_use() -> float:
    checked_out = getattr(get_engine().pool, "checkedout", None)
    return float(checked_out()) if callable(checked_out) else 0.0


def install_metrics(app: FastAPI) -> None:
    registry = CollectorRegistry()
    Gauge(
        "db_pool_connections_in_use", "Database connections checked out of the pool", registry=registry
    ).set_function(pool_connections_in_use)
    monitor = replica_monitor()
    if monitor is not None:
        Gauge(
            "replica_lag_seconds",
            "How long the read replica has been missing WAL the primary had written (last check)",
            registry=registry,
        ).set_function(lambda: monitor.state.lag_seconds or 0.0)
        Gauge(
            "replica_serves_reads", "1 while reads go to the replica, 0 while they go to the primary",
            registry=registry,
        ).set_function(lambda: float(monitor.state.usable))  # fmt: skip
    Instrumentator(
        should_group_status_codes=False,
        excluded_handlers=[pattern.pattern for pattern, policy in POLICIES if not policy.measured],
        registry=registry,
    ).instrument(app).expose(app, endpoint="/metrics", include_in_schema=False)
