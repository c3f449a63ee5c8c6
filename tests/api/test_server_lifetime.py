"""What a server holds for as long as it runs, and gives back when it stops."""

from __future__ import annotations

import gc

from app.main import create_app


def test_a_server_sets_its_start_up_objects_aside_while_it_serves_and_gives_them_back(store) -> None:
    """Full collections skip what existed when the server started (its modules, routes and schemas),
    so no request waits for the collector to walk them; once it stops, they can be collected again."""
    from tests.conftest import TestClient

    assert gc.get_freeze_count() == 0
    with TestClient(create_app(), raise_server_exceptions=False) as running:
        assert gc.get_freeze_count() > 0
        assert running.get("/healthz").status_code == 200
    assert gc.get_freeze_count() == 0
