"""Prometheus metrics at `/metrics`: requests by route template and status, latency, the DB pool, and
the read replica's lag when there is one.

Each app gets its own registry (tests build many apps; production builds one per process). With
several worker processes, each exposes its own figures: scrape every process, or run one worker per
container as the compose file does.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from fastapi import FastAPI
from prometheus_client import CollectorRegistry, Gauge
from prometheus_fastapi_instrumentator import Instrumentator, routing
from prometheus_fastapi_instrumentator.middleware import PrometheusInstrumentatorMiddleware
from starlette.middleware import Middleware
from starlette.requests import Request

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
    instrumentator = Instrumentator(
        should_group_status_codes=False,
        excluded_handlers=[pattern.pattern for pattern, policy in POLICIES if not policy.measured],
        registry=registry,
    ).instrument(app)
    added = app.user_middleware[0]  # the middleware `instrument` has just added
    if cast(Any, added.cls) is PrometheusInstrumentatorMiddleware:
        app.user_middleware[0] = Middleware(RoutesFlattenedOnce, *added.args, **added.kwargs)  # type: ignore[arg-type]
    instrumentator.expose(app, endpoint="/metrics", include_in_schema=False)


class RoutesFlattenedOnce(PrometheusInstrumentatorMiddleware):
    """The instrumentator's middleware, finding each request's route template among the app's routes
    flattened once, when the first request comes.

    The library flattens FastAPI's included routers (`effective_route_contexts`) again for every
    request before matching the path: 42 µs of a plain interview read that takes ~330 µs in all,
    7 µs against the flattened list (bench/README.md, issue 15). The routes do not change once the
    app serves, so the flattened list is kept, and the template is still found by the library's own
    `get_route_name`, given a stand-in app that holds that list.
    """

    _flattened: SimpleNamespace | None = None

    def _get_handler(self, request: Request) -> tuple[str, bool]:
        scope = request.scope
        if self._flattened is None:
            app = scope["app"]
            routes = routing._effective_routes(app.routes)
            self._flattened = SimpleNamespace(routes=routes, router=app.router, root_path=app.root_path)
        flattened = Request({**scope, "app": self._flattened})
        name = routing.get_route_name(flattened, should_include_root_path=self.should_include_root_path)
        return (name, True) if name else (request.url.path, False)
