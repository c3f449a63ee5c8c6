"""Fails a browser test when the page asks any host but the local test server, and keeps those requests
from leaving the machine."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

LOCAL_HOSTS = {"127.0.0.1"}
LOCAL_SCHEMES = {"data", "blob", "about"}


class ExternalRequestGuard:
    def __init__(self) -> None:
        self.external: list[str] = []

    def attach(self, context: Any) -> None:
        """Every request of every page and worker of `context` passes here first."""
        context.route("**/*", self._route)
        context.on("request", self._seen)

    def _is_external(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme not in LOCAL_SCHEMES and parts.hostname not in LOCAL_HOSTS

    def _seen(self, request: Any) -> None:
        if self._is_external(request.url) and request.url not in self.external:
            self.external.append(request.url)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if self._is_external(url):
            if url not in self.external:
                self.external.append(url)
            route.abort("blockedbyclient")
        else:
            route.fallback()

    def assert_no_external_request(self) -> None:
        assert not self.external, f"the page asked other hosts: {self.external}"
