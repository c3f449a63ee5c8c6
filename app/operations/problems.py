"""Problems of the service itself rather than of a request."""

from __future__ import annotations

from fastapi_problem.error import StatusProblem


class NotReady(StatusProblem):
    title = "Service unavailable"
    type_ = "not-ready"
    status = 503
