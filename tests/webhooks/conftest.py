from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.config import get_settings
from tests.conftest import Store
from tests.webhooks.receiver import Receiver


@pytest.fixture
def receiver(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Receiver]:
    """A receiver on 127.0.0.1 (which the API then accepts), and tiny retry waits for the worker."""
    monkeypatch.setenv("WEBHOOK_ALLOW_PRIVATE_URLS", "true")
    monkeypatch.setenv("WEBHOOK_RETRY_BASE_SECONDS", "0.02")
    monkeypatch.setenv("WEBHOOK_RETRY_MAX_SECONDS", "0.1")
    monkeypatch.setenv("WEBHOOK_RETRY_JITTER", "0.5")
    monkeypatch.setenv("WEBHOOK_TIMEOUT_SECONDS", "5")
    get_settings.cache_clear()
    listening = Receiver()
    listening.start()
    yield listening
    listening.stop()
    get_settings.cache_clear()
