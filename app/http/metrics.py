"""Prometheus metrics at `/metrics`: requests by route template and status, latency, and the DB pool.

Each app gets its own registry (tests build many apps; production builds one per process). With
several worker processes, each exposes its own figures: scrape every process, or run one worker per
container as the compose file does.
"""

from __future__ import annotations

from fastapi import FastAPI
from prometheus_client import CollectorRegistry, Gauge
from prometheus_fastapi_instrumentator import Instrumentator

from app.http.policies import POLICIES
from app.storage.sessions import get_engine


def pool_connections_in_use() -> float:
    checked_out = getattr(get_engine().pool, "checkedout", None)
    return float(checked_out()) if callable(checked_out) else 0.0


def install_metrics(app: FastAPI) -> None:
    registry = CollectorRegistry()
    Gauge(
        "db_pool_connections_in_use", "Database connections checked out of the pool", registry=registry
    ).set_function(pool_connections_in_use)
    Instrumentator(
        should_group_status_codes=False,
        excluded_handlers=[pattern.pattern for pattern, policy in POLICIES if not policy.measured],
        registry=registry,
    ).instrument(app).expose(app, endpoint="/metrics", include_in_schema=False)
