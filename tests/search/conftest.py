"""API keys for write tests, made with the same code as `interviews keys create`."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from app.auth.keys import Scope, create_key
from tests.conftest import Store


@pytest.fixture
def keys(store: Store) -> dict[str, dict[str, str]]:
    """Authorization headers for a read, a write and an admin key."""
    headers = {}
    with Session(store.engine) as session:
        for scope in Scope:
            _, key = create_key(session, f"{scope.value} key", scope)
            headers[scope.value] = {"Authorization": f"Bearer {key}"}
        session.commit()
    return headers
