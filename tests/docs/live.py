"""The real service under uvicorn, on a free port of 127.0.0.1, over a migrated SQLite file holding the
demo interview: made with the `interviews` command exactly as the README says."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
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


@contextmanager
def demo_server(directory: Path) -> Iterator[LiveServer]:
    """Migrate a new SQLite file, import the demo, serve it; stop the server afterwards."""
    database_url = f"sqlite:///{directory / 'interviews.db'}"
    environment = {**os.environ, "DATABASE_URL": database_url, "RATE_LIMIT": "1000000/minute"}
    environment.pop("REQUIRE_API_KEY_FOR_READS", None)
    port = free_port()
    server = LiveServer(f"http://127.0.0.1:{port}", database_url, environment)
    server.interviews("migrate")
    server.interviews("demo")
    log = (directory / "uvicorn.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"],
        env=environment,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{server.base_url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start: {(directory / 'uvicorn.log').read_text()}")
            time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
