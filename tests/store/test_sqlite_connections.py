"""Every SQLite connection the service opens is set up as documented: WAL, enforced foreign keys, and
reads through a memory map of the size `SQLITE_MMAP_MB` says."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from app.config import Settings
from app.storage.sessions import make_engine


@pytest.mark.parametrize(
    ("mmap_mb", "expected_bytes"), [(None, 1_024 * 1024 * 1024), (0, 0), (64, 64 * 1024 * 1024)]
)
def test_sqlite_connections_read_through_the_configured_memory_map(
    tmp_path: Path, mmap_mb: int | None, expected_bytes: int
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    settings = Settings(database_url=url, **({} if mmap_mb is None else {"sqlite_mmap_mb": mmap_mb}))
    engine = make_engine(url, settings)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA mmap_size")).scalar_one() == expected_bytes
            assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    finally:
        engine.dispose()
