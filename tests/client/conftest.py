from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.servers import LiveServer, demo_server


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with demo_server(tmp_path_factory.mktemp("live")) as server:
        yield server
