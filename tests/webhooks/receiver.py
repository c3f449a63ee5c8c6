"""A real HTTP receiver on a free port of 127.0.0.1, in a thread, verifying each delivery with the
README's own verification code; it can be down (port closed), answer 500, or accept."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks.webhooks import Webhook

from tests.support.servers import ROOT, free_port


def readme_verification() -> dict[str, Any]:
    """The README's verification snippet, run as written, in a namespace of its own (its own `seen_ids`)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"<!-- webhook-verify:start -->\n```python\n(.*?)```", text, re.DOTALL)
    assert section, "README.md lost its webhook-verify markers"
    namespace: dict[str, Any] = {}
    exec(compile(section.group(1), "README.md (webhook-verify)", "exec"), namespace)
    return namespace


@dataclass
class Arrival:
    path: str
    body: bytes
    headers: dict[str, str]
    status: int
    repeat: bool = False
    """Verified, but its `webhook-id` was handled before: the README's code drops it."""

    @property
    def event(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


@dataclass
class Receiver:
    """Deliveries to `/hook/<name>` are verified with the secret registered for `<name>`."""

    port: int = field(default_factory=free_port)
    secrets: dict[str, str] = field(default_factory=dict)
    answer: int = 200
    arrivals: list[Arrival] = field(default_factory=list)
    refused: list[tuple[Arrival, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    verification: dict[str, Any] = field(default_factory=readme_verification)
    server: ThreadingHTTPServer | None = None

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/hook/{name}"

    def accepted(self, name: str | None = None) -> list[Arrival]:
        """Deliveries this receiver verified and answered 2xx, in arrival order."""
        with self.lock:
            return [
                a for a in self.arrivals if a.status == 200 and (name is None or a.path == f"/hook/{name}")
            ]

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                arrival = Arrival(self.path, body, dict(self.headers.items()), receiver.answer)
                secret = receiver.secrets.get(self.path.removeprefix("/hook/"), "whsec_AAAA")
                try:
                    if arrival.status == 200:
                        handled = receiver.verification["receive"](secret, body, arrival.headers)
                        arrival.repeat = handled is None
                    else:  # failing on purpose: checked, but not handled, so not remembered as seen
                        Webhook(secret).verify(body, arrival.headers)
                except receiver.verification["WebhookVerificationError"] as error:
                    arrival.status = 400
                    with receiver.lock:
                        receiver.refused.append((arrival, str(error)))
                with receiver.lock:
                    receiver.arrivals.append(arrival)
                self.send_response(arrival.status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        """Down: the port is closed, so a delivery meets a refused connection."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
