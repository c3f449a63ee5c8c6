"""One table of what each route gets from the middlewares: HTTP caching, the response cache, the rate
limit, metrics, and which database its reads see. The first row whose pattern matches the path wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class RoutePolicy:
    max_age: int | None
    """Seconds in `Cache-Control: max-age` for a 200 GET; None means `no-store`, 0 means `no-cache`."""
    response_cache: bool
    """Anonymous 200 GETs may be kept in memory and served again until the data changes."""
    reads_primary: bool = False
    """Reads must see every commit at once (a partner's cursor), so never a lagging replica."""
    single_read: bool = False
    """A GET is one statement (a stored rendering): it needs no snapshot transaction."""
    rate_limited: bool = True
    measured: bool = True
    """Counted in /metrics."""


OPERATIONS = RoutePolicy(max_age=None, response_cache=False, rate_limited=False, measured=False)
SINGLE_RESOURCE = RoutePolicy(max_age=300, response_cache=True)
LIST = RoutePolicy(max_age=30, response_cache=True)

POLICIES: list[tuple[re.Pattern[str], RoutePolicy]] = [
    (re.compile(r"^/(healthz|readyz|metrics)$"), OPERATIONS),
    (
        re.compile(r"^/static/"),
        RoutePolicy(max_age=30, response_cache=False, rate_limited=False, measured=False),
    ),
    (re.compile(r"^/v1/export/"), RoutePolicy(max_age=0, response_cache=False, reads_primary=True)),
    (re.compile(r"^/v1/changes$"), RoutePolicy(max_age=5, response_cache=True, reads_primary=True)),
    (re.compile(r"^/v1/(audit|imports)$"), RoutePolicy(max_age=30, response_cache=False)),
    # Per key, and changed by the worker at any moment: never cached, read where it is written.
    (re.compile(r"^/v1/webhooks(/|$)"), RoutePolicy(max_age=None, response_cache=False, reads_primary=True)),
    (re.compile(r"^/v1/interviews/[^/]+$"), RoutePolicy(max_age=300, response_cache=True, single_read=True)),
    (re.compile(r"^/v1/(interviews|questions|answers|speakers|topics)/[^/]+$"), SINGLE_RESOURCE),
    # The public HTML pages (app/pages/): cached as the JSON they show.
    (re.compile(r"^/(interviews|speakers|topics)/[^/]+$"), SINGLE_RESOURCE),
    (re.compile(r"^/search$"), LIST),
    (re.compile(r"^/v1/"), LIST),
]
OTHER = RoutePolicy(max_age=30, response_cache=False)
"""The front page and the docs."""


@lru_cache(maxsize=4096)
def policy_for(path: str) -> RoutePolicy:
    for pattern, policy in POLICIES:
        if pattern.match(path):
            return policy
    return OTHER


def cache_control(path: str, *, credentials: bool) -> str:
    """`private` instead of `public` when the request carried credentials."""
    max_age = policy_for(path).max_age
    if max_age is None:
        return "no-store"
    if max_age == 0:
        return "no-cache"
    return f"{'private' if credentials else 'public'}, max-age={max_age}"
