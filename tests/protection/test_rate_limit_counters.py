"""The in-process rate-limit counters (app/http/rate_limit.py): limits' moving window, with expired
entries dropped once a second by a request rather than every 10 ms by a new thread."""

from __future__ import annotations

import threading
import time

import pytest
from limits import parse, strategies

from app.http.rate_limit import PRUNE_EVERY_SECONDS, PrunedEverySecond


def test_counting_requests_starts_no_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    limiter = strategies.MovingWindowRateLimiter(PrunedEverySecond("memory://"))
    time.sleep(0.05)  # the library's first timer (10 ms, started with the store) has run out
    started: list[threading.Thread] = []
    monkeypatch.setattr(threading.Thread, "start", lambda thread: started.append(thread))
    allowed = [limiter.hit(parse("3/minute"), "addr:192.0.2.1") for _ in range(5)]
    assert allowed == [True, True, True, False, False]
    assert started == []


def test_expired_entries_are_dropped_and_the_window_moves_on() -> None:
    counters = PrunedEverySecond("memory://")
    limiter = strategies.MovingWindowRateLimiter(counters)
    item = parse("3/second")
    assert all(limiter.hit(item, "addr:192.0.2.1") for _ in range(3))
    assert not limiter.hit(item, "addr:192.0.2.1")
    time.sleep(max(1.05, PRUNE_EVERY_SECONDS + 0.05))
    assert limiter.hit(item, "addr:192.0.2.1"), "a moving window of one second has moved on"
    assert sum(len(entries) for entries in counters.events.values()) == 1, "the old entries are gone"
