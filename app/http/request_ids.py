"""Request ids and structured logs.

Every request gets an id: the client's `X-Request-ID` when it is a sane token, a new one otherwise.
It is echoed in the response, written in every log line of the request, and added to problem bodies,
so a user reporting an error can quote it.
"""

from __future__ import annotations

import re
from typing import Any

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI

REQUEST_ID_HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")


def install_request_ids(app: FastAPI) -> None:
    app.add_middleware(
        CorrelationIdMiddleware,
        header_name=REQUEST_ID_HEADER,
        validator=lambda value: bool(SANE_REQUEST_ID.match(value)),
    )


def logging_config(level: str = "INFO", *, json_lines: bool = True) -> dict[str, Any]:
    """Log lines on standard error for the app and uvicorn, each with the request id: JSON lines for
    a log collector, or plain text a person reads on a terminal. Alembic's per-connection chatter
    (two lines on every readiness check) is left out."""
    formatter = "json" if json_lines else "text"
    handler = {
        "stderr": {"class": "logging.StreamHandler", "formatter": formatter, "filters": ["request_id"]}
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "asgi_correlation_id.CorrelationIdFilter", "default_value": "-"}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "correlation_id": "request_id"},
            },
            "text": {"format": "%(asctime)s %(levelname)-7s %(correlation_id)s %(name)s: %(message)s"},
        },
        "handlers": handler,
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.error": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.access": {"handlers": ["stderr"], "level": level, "propagate": False},
            "alembic": {"level": "WARNING"},
        },
    }
