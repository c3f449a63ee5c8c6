"""Every SQLite connection the service opens is set up as documented: WAL, enforced foreign keys,
reads through a memory map of the size `SQLITE_MMAP_MB` says, and each read in one snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.config import Settings
from app.storage.sessions import WRITER_OPTION, make_engine


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


def test_a_read_sees_one_snapshot_while_a_writer_commits(tmp_path: Path) -> None:
    """A reader's statements agree with each other: a commit between them is not seen until it ends."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = make_engine(url, Settings(database_url=url))
    writer = engine.execution_options(**{WRITER_OPTION: True})
    try:
        with writer.begin() as connection:
            connection.execute(text("CREATE TABLE notes (n INTEGER)"))
            connection.execute(text("INSERT INTO notes VALUES (1)"))
        with Session(engine) as reader:
            assert reader.execute(text("SELECT count(*) FROM notes")).scalar_one() == 1
            with writer.begin() as connection:  # while the reader is between two statements
                connection.execute(text("INSERT INTO notes VALUES (2)"))
            assert reader.execute(text("SELECT count(*) FROM notes")).scalar_one() == 1
        with Session(engine) as reader:
            assert reader.execute(text("SELECT count(*) FROM notes")).scalar_one() == 2
    finally:
        engine.dispose()
