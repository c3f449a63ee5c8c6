"""The real service under uvicorn, in its own process, on a free port of 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def uvicorn_process(
    database_url: str, *, preexec_fn: Callable[[], None] | None = None, **environment: str
) -> Iterator[str]:
    """Yields the base URL once `/healthz` answers; the process is stopped (SIGTERM) afterwards.
    `preexec_fn` runs in the child before uvicorn starts (to set a resource limit, say)."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "RATE_LIMIT": "1000000/minute", **environment}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-server-header"],
        env=env,
        preexec_fn=preexec_fn,
    )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise RuntimeError("uvicorn did not start in 30 s")
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)
