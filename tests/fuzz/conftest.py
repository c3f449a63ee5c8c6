"""Fixtures for fuzzing: some data for reads to find and an admin key for writes."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from app.auth.keys import Scope, create_key
from tests.support.factories import interview_document


@pytest.fixture
def write_headers(store, load) -> dict[str, str]:
    """Some data for reads to find, and a key for writes."""
    load([interview_document("fuzz-target", topics=["trade"]), interview_document("second-target")])
    with Session(store.engine) as session:
        _, key = create_key(session, "schemathesis", Scope.admin)
        session.commit()
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def keys_for_fuzz(write_headers: dict[str, str]) -> dict[str, str]:
    return write_headers


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.fuzz.test_schemathesis import CASES_RUN

    if CASES_RUN[0]:
        terminalreporter.write_line(f"schemathesis: {CASES_RUN[0]} generated requests checked")
