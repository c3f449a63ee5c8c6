"""Whether reads may go to the PostgreSQL streaming replica (DATABASE_READ_URL), watched from each process.

A thread of the process asks both servers, every REPLICA_CHECK_SECONDS, how far their WAL has come:
the primary's write position (`pg_current_wal_lsn()`) and the replica's replay position
(`pg_last_wal_replay_lsn()`). Every primary position seen is kept with the time it was seen, until the
replica has replayed past it; the oldest one not yet replayed says how long the replica has been
behind. Reads go to the replica only while it answers and is less than REPLICA_MAX_LAG_SECONDS
behind; otherwise, and until the first check, they go to the primary.

Read-your-writes: a write's response carries the primary's position just after its commit (a
consistency token, see app/http/read_your_writes.py). A read presenting a token goes to the replica
only when the last check saw the replica replay at least that far; otherwise to the primary. A
token older than the lag bound needs no check: a replica within the bound has replayed it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

import psycopg
from sqlalchemy import URL, make_url

from app.config import Settings

logger = logging.getLogger(__name__)

PRIMARY_POSITION = "SELECT pg_current_wal_lsn()::text"
REPLICA_POSITION = "SELECT pg_last_wal_replay_lsn()::text, pg_is_wal_replay_paused(), pg_is_in_recovery()"


def parse_position(text: str) -> int:
    """A WAL position (`16/B374D848`) as one number; ValueError when it is not one."""
    high, separator, low = text.strip().partition("/")
    if not separator or not high or not low or len(high) > 8 or len(low) > 8:
        raise ValueError(f"not a WAL position: {text!r}")
    return (int(high, 16) << 32) | int(low, 16)


def format_position(position: int) -> str:
    return f"{position >> 32:X}/{position & 0xFFFFFFFF:X}"


class ReplicaStatus(StrEnum):
    unchecked = "unchecked"
    """No check has finished yet: reads go to the primary."""
    streaming = "streaming"
    paused = "paused"
    """Replay is paused (`pg_wal_replay_pause()`); usable while within the lag bound."""
    lagging = "lagging"
    """More than REPLICA_MAX_LAG_SECONDS behind: reads go to the primary."""
    down = "down"
    """Does not answer, or is not a standby: reads go to the primary."""


@dataclass(frozen=True, slots=True)
class ReplicaState:
    status: ReplicaStatus
    replayed: int | None = None
    """The replica's replay position at the last check."""
    lag_bytes: int | None = None
    lag_seconds: float | None = None
    checked_at: float | None = None
    """`time.time()` of the last check."""
    error: str | None = None

    @property
    def usable(self) -> bool:
        return self.status in (ReplicaStatus.streaming, ReplicaStatus.paused)


class ReplicaMonitor:
    """Checks one replica against its primary in a thread of its own, from the first use on."""

    def __init__(
        self, primary_conninfo: str, replica_conninfo: str, *, max_lag_seconds: float,
        check_seconds: float, connect_timeout_seconds: int,
    ) -> None:  # fmt: skip
        self.primary_conninfo = primary_conninfo
        self.replica_conninfo = replica_conninfo
        self.max_lag_seconds = max_lag_seconds
        self.check_seconds = check_seconds
        self.connect_timeout_seconds = connect_timeout_seconds
        self.state = ReplicaState(ReplicaStatus.unchecked)
        self._unreplayed: deque[tuple[float, int]] = deque()
        """Primary positions seen, with when, that the replica had not replayed at the last check."""
        self._connections: dict[str, psycopg.Connection[Any]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="replica-monitor", daemon=True)
        self._thread.start()

    def reads_may_use_replica(self, token: int | None) -> bool:
        """Whether a read (of a client whose last write was at `token`, if any) may go to the replica."""
        state = self.state
        if not state.usable:
            return False
        return token is None or (state.replayed is not None and state.replayed >= token)

    def check(self) -> ReplicaState:
        """Ask both servers now; the new state (also kept as `self.state`)."""
        now = time.time()
        try:
            (primary_text,) = self._ask(self.primary_conninfo, PRIMARY_POSITION)
        except (OSError, psycopg.Error) as error:
            # With the primary away, lag cannot be known: keep the replica's last judgement, as reads
            # have nowhere better to go.
            logger.warning("replica check: the primary does not answer: %s", error)
            return self.state
        try:
            replayed_text, paused, in_recovery = self._ask(self.replica_conninfo, REPLICA_POSITION)
        except (OSError, psycopg.Error) as error:
            self.state = ReplicaState(ReplicaStatus.down, checked_at=now, error=_first_line(error))
            return self.state
        if not in_recovery or replayed_text is None:
            self.state = ReplicaState(
                ReplicaStatus.down, checked_at=now, error="DATABASE_READ_URL is not a standby server"
            )
            return self.state
        primary, replayed = parse_position(primary_text), parse_position(replayed_text)
        self._unreplayed.append((now, primary))
        while self._unreplayed and self._unreplayed[0][1] <= replayed:
            self._unreplayed.popleft()
        lag_seconds = now - self._unreplayed[0][0] if self._unreplayed else 0.0
        if lag_seconds > self.max_lag_seconds:
            status = ReplicaStatus.lagging
        else:
            status = ReplicaStatus.paused if paused else ReplicaStatus.streaming
        self.state = ReplicaState(
            status, replayed, max(0, primary - replayed), round(lag_seconds, 3), checked_at=now
        )
        return self.state

    def _ask(self, conninfo: str, query: str) -> tuple[Any, ...]:
        connection = self._connections.get(conninfo)
        try:
            if connection is None or connection.closed:
                connection = psycopg.connect(
                    conninfo, autocommit=True, connect_timeout=self.connect_timeout_seconds
                )
                self._connections[conninfo] = connection
            row = connection.execute(query).fetchone()
        except (OSError, psycopg.Error):
            if connection is not None:
                connection.close()
            self._connections.pop(conninfo, None)
            raise
        assert row is not None
        return tuple(row)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.check()
            except Exception:  # a bug here must not end the checks: reads would stay where they are
                logger.exception("replica check failed")
            self._stop.wait(self.check_seconds)
        for connection in self._connections.values():
            connection.close()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


@lru_cache(maxsize=64)
def conninfo_of(url: str | URL) -> str:
    """A libpq connection string from a SQLAlchemy URL (for psycopg connections outside the pools).
    Remembered: the asynchronous reads ask for it on every read (3% of a cold interview's time)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


_monitors: dict[tuple[str, str], ReplicaMonitor] = {}
_monitors_lock = threading.Lock()


def monitor_for(primary_url: str, replica_url: str, settings: Settings) -> ReplicaMonitor:
    """One monitor per primary and replica for the life of the process, started on first use."""
    with _monitors_lock:
        monitor = _monitors.get((primary_url, replica_url))
        if monitor is None:
            monitor = _monitors[(primary_url, replica_url)] = ReplicaMonitor(
                conninfo_of(primary_url), conninfo_of(replica_url),
                max_lag_seconds=settings.replica_max_lag_seconds,
                check_seconds=settings.replica_check_seconds,
                connect_timeout_seconds=settings.connect_timeout_seconds,
            )  # fmt: skip
        return monitor


def stop_monitors() -> None:
    """Stop every monitor's thread (tests that replace databases under the app)."""
    with _monitors_lock:
        for monitor in _monitors.values():
            monitor.stop()
        _monitors.clear()
