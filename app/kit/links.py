"""Absolute links the API hands out (feeds): on PUBLIC_BASE_URL when set, else where the request came."""

from __future__ import annotations

from fastapi import Request

from app.config import get_settings


def public_base_url(request: Request) -> str:
    """No trailing slash. Unset, the request's own scheme, host and port (and root path) are used, so
    `make run PORT=…` or a proxy that forwards the Host header gets working links with no setting."""
    configured = get_settings().public_base_url
    return (configured or str(request.base_url)).rstrip("/")
