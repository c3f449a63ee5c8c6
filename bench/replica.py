"""A real PostgreSQL streaming replica of a local server, made and removed by the tests
(tests/live/test_replica.py) and by the scale-out benchmark (bench/scale_out.py).

`pg_basebackup -R` copies the primary cluster into a temporary folder and writes its
`primary_conninfo`; a postmaster of the primary's version then runs it as a hot standby on a free
port of 127.0.0.1, with its socket in the same folder. On a machine where the suite runs as root,
the server runs as the `postgres` user (PostgreSQL refuses root).

The primary must accept replication connections from 127.0.0.1 (`.ci/run` adds that line to
pg_hba.conf where it is missing).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, make_url, text

from bench.common import free_port

# A hot standby must allow at least as much as its primary of these.
MATCHED_SETTINGS = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)


class ReplicationRefusedError(RuntimeError):
    """The primary does not let this machine stream its WAL."""


@dataclass
class StreamingReplica:
    primary_url: str
    """The admin URL of the primary (any database)."""
    directory: Path
    port: int
    bindir: Path

    def url_for(self, database_url: str) -> str:
        """The replica's URL of a database of the primary."""
        return (
            make_url(database_url).set(host="127.0.0.1", port=self.port).render_as_string(hide_password=False)
        )

    def sql(self, statement: str) -> Any:
        engine = create_engine(self.url_for(self.primary_url), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                return connection.execute(text(statement)).scalar()
        finally:
            engine.dispose()

    def pause_replay(self) -> None:
        self.sql("SELECT pg_wal_replay_pause()")

    def resume_replay(self) -> None:
        self.sql("SELECT pg_wal_replay_resume()")

    def catch_up(self, timeout: float = 30) -> None:
        """Wait until the replica has replayed everything the primary had written when called."""
        engine = create_engine(self.primary_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            target = connection.execute(text("SELECT pg_current_wal_lsn()::text")).scalar()
        engine.dispose()
        deadline = time.monotonic() + timeout
        while not self.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"the replica did not replay up to {target} in {timeout} s")
            time.sleep(0.05)

    def start(self) -> None:
        self._pg_ctl("start", "-w", "-t", "60", "-l", str(self.directory / "server.log"))

    def stop(self) -> None:
        self._pg_ctl("stop", "-w", "-m", "fast")

    def _pg_ctl(self, *args: str) -> None:
        _as_postgres([str(self.bindir / "pg_ctl"), "-D", str(self.directory / "data"), *args])


@contextmanager
def streaming_replica(primary_url: str) -> Iterator[StreamingReplica]:
    """A running hot standby of the server `primary_url` names; stopped and deleted afterwards."""
    url = make_url(primary_url)
    engine = create_engine(primary_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        version_num = int(connection.execute(text("SHOW server_version_num")).scalar_one())
        matched = {name: connection.execute(text(f"SHOW {name}")).scalar_one() for name in MATCHED_SETTINGS}
    engine.dispose()
    bindir = _bindir(version_num // 10000)
    directory = Path(tempfile.mkdtemp(prefix="interviews-replica-"))
    _give_to_postgres(directory)
    replica = StreamingReplica(primary_url, directory, free_port(), bindir)
    data = directory / "data"
    try:
        done = _as_postgres(
            [str(bindir / "pg_basebackup"), "-h", url.host or "127.0.0.1", "-p", str(url.port or 5432),
             "-U", url.username or "postgres", "-D", str(data), "-R", "-X", "stream", "-c", "fast",
             "--no-sync"],
            check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise ReplicationRefusedError(
                f"pg_basebackup failed ({done.stderr.strip()}); allow replication from 127.0.0.1 in "
                "the primary's pg_hba.conf (`host replication all 127.0.0.1/32 trust`), as .ci/run does"
            )
        settings = "\n".join(f"{name} = {value}" for name, value in matched.items())
        (data / "postgresql.conf").write_text(
            f"port = {replica.port}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{directory}'\nhot_standby = on\n"
            f"hot_standby_feedback = on\nfsync = off\n{settings}\n"
        )
        (data / "pg_hba.conf").write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
        (data / "pg_ident.conf").write_text("")
        _give_to_postgres(data)
        replica.start()
        replica.catch_up()
        yield replica
    finally:
        if (data / "postmaster.pid").exists():
            _as_postgres(
                [str(bindir / "pg_ctl"), "-D", str(data), "stop", "-m", "immediate", "-w"], check=False
            )
        shutil.rmtree(directory, ignore_errors=True)


def _bindir(major: int) -> Path:
    debian = Path(f"/usr/lib/postgresql/{major}/bin")
    if (debian / "pg_ctl").exists():
        return debian
    found = shutil.which("pg_ctl")
    if found is None:
        raise FileNotFoundError(f"pg_ctl of PostgreSQL {major} is not installed")
    return Path(found).parent


def _postgres_user() -> pwd.struct_passwd | None:
    """The account to run the server as when this process is root."""
    if os.geteuid() != 0:
        return None
    return pwd.getpwnam("postgres")


def _give_to_postgres(path: Path) -> None:
    account = _postgres_user()
    if account is None:
        return
    for root, folders, files in os.walk(path):
        os.chown(root, account.pw_uid, account.pw_gid)
        for name in folders + files:
            os.chown(os.path.join(root, name), account.pw_uid, account.pw_gid)


def _as_postgres(command: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
    account = _postgres_user()
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        user=account.pw_uid if account else None,
        group=account.pw_gid if account else None,
        cwd="/tmp",
        env={**os.environ, "PGAPPNAME": "interviews-tests"},
    )
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)}: {done.stderr.strip()}")
    return done
