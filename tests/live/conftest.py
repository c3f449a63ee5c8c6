"""A real server (uvicorn in a subprocess) over each store, and keys to write with.

What these tests check — when a write is acknowledged, what concurrent clients see, what a fault
does to a connection — is what `TestClient` hides: it waits for the whole app, response and cleanup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import httpx
import pytest
from sqlmodel import Session

from app.auth.keys import Scope, create_key
from tests.conftest import Store
from tests.support.servers import uvicorn_process

Server = Callable[..., AbstractContextManager[str]]


@pytest.fixture(params=["sqlite", "postgres"])
def live_store(request: pytest.FixtureRequest) -> Store:
    """A migrated, empty store of each kind (not the app's settings: the server is another process)."""
    chosen: Store = request.getfixturevalue(f"{request.param}_store")
    chosen.empty()
    return chosen


def new_key(store: Store, name: str, scope: Scope = Scope.write) -> dict[str, str]:
    with Session(store.engine) as session:
        _, key = create_key(session, name, scope)
        session.commit()
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def writer(live_store: Store) -> dict[str, str]:
    return new_key(live_store, "live writer")


@pytest.fixture
def server(live_store: Store) -> Server:
    """`with server(**environment) as base_url:` a uvicorn process over the store."""

    def start(**environment: Any) -> AbstractContextManager[str]:
        return uvicorn_process(live_store.url, **environment)

    return start


@pytest.fixture
def http() -> Iterator[Callable[[str], httpx.Client]]:
    """Clients to close after the test: `http(base_url)`."""
    clients: list[httpx.Client] = []

    def make(base_url: str, **options: Any) -> httpx.Client:
        client = httpx.Client(base_url=base_url, timeout=options.pop("timeout", 30), **options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
