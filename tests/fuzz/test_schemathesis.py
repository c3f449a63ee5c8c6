"""Schemathesis generates requests for every operation of the app's own OpenAPI document.

It fails on any 5xx, any response that does not match its documented schema, and any status code
the document does not list. Writes run with a valid write key.
"""

from __future__ import annotations

import json

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from app.main import create_app

EXAMPLES_PER_OPERATION = 30
CASES_RUN = [0]  # read by the summary hook in conftest.py
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.response_schema_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
]


@schemathesis.serializer("application/x-ndjson", "application/x-subrip")
def ndjson(_context: schemathesis.SerializationContext, value: object) -> bytes:
    """Generated NDJSON and SubRip bodies: a string as it is, anything else as one JSON line."""
    return (value if isinstance(value, str) else json.dumps(value)).encode("utf-8", "surrogatepass")


schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_every_operation_keeps_its_documented_promises(case, write_headers) -> None:
    CASES_RUN[0] += 1
    case.call_and_validate(headers=write_headers, checks=CHECKS)
