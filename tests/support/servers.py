"""The real service under uvicorn, in its own process, on a free port of 127.0.0.1: over a given
database (`uvicorn_process`), or over a new SQLite file holding the demo interview, made with the
`interviews` command exactly as the README says (`demo_server`)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
INTERVIEWS = Path(sys.executable).parent / "interviews"


@dataclass(frozen=True)
class LiveServer:
    base_url: str
    database_url: str
    environment: dict[str, str]

    def interviews(self, *args: str) -> str:
        """Run the `interviews` command against this server's database; its standard output."""
        done = subprocess.run(
            [str(INTERVIEWS), *args],
            env=self.environment,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, f"interviews {' '.join(args)}: {done.stderr}"
        return done.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def server_environment(database_url: str, **environment: str) -> dict[str, str]:
    """This process's environment for a server over `database_url`, without this suite's limits."""
    env = {**os.environ, "DATABASE_URL": database_url, "RATE_LIMIT": "1000000/minute", **environment}
    if "REQUIRE_API_KEY_FOR_READS" not in environment:
        env.pop("REQUIRE_API_KEY_FOR_READS", None)
    return env


@contextmanager
def uvicorn_process(
    database_url: str,
    *,
    preexec_fn: Callable[[], None] | None = None,
    log: Path | None = None,
    **environment: str,
) -> Iterator[str]:
    """Yields the base URL once `/readyz` answers; the process is stopped (SIGTERM) afterwards.
    `preexec_fn` runs in the child before uvicorn starts (to set a resource limit, say); `log` takes
    its output (else it goes to this process's)."""
    port = free_port()
    output = log.open("w") if log is not None else None
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-server-header"],
        env=server_environment(database_url, **environment),
        cwd=ROOT,
        preexec_fn=preexec_fn,
        stdout=output,
        stderr=subprocess.STDOUT if output else None,
    )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not _answers(f"{base_url}/readyz"):
            if process.poll() is not None or time.monotonic() > deadline:
                told = f": {log.read_text()}" if log is not None else ""
                raise RuntimeError(f"uvicorn did not start{told}")
            time.sleep(0.1)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if output is not None:
            output.close()


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.TransportError:
        return False


@contextmanager
def demo_server(directory: Path) -> Iterator[LiveServer]:
    """Migrate a new SQLite file, import the demo, serve it; stop the server afterwards."""
    database_url = f"sqlite:///{directory / 'interviews.db'}"
    environment = server_environment(database_url)
    prepared = LiveServer("", database_url, environment)
    prepared.interviews("migrate")
    prepared.interviews("demo")
    with uvicorn_process(database_url, log=directory / "uvicorn.log") as base_url:
        yield LiveServer(base_url, database_url, environment)
