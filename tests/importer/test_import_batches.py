"""A file import stores its documents a batch at a time: the result is what storing them one by one gives."""

from __future__ import annotations

import gc
import json
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from app.collector import older_objects_set_aside
from app.corpus import generate_documents
from app.imports import service as importing
from app.imports.service import import_source
from app.storage.migrations import upgrade
from app.storage.sessions import make_engine

TABLES = ["speakers", "topics", "interviews", "participants", "interview_topics", "questions", "answers"]
TABLES += ["question_topics", "search_documents", "changes"]
TIMESTAMPS = {"created_at", "updated_at", "at"}


def fresh_sqlite(path: Path) -> Engine:
    url = f"sqlite:///{path}"
    upgrade(url)
    return make_engine(url)


def contents(engine: Engine) -> dict[str, list[Any]]:
    """Every row of the written tables, ids included, timestamps left out."""
    result: dict[str, list[Any]] = {}
    with engine.connect() as connection:
        for table in TABLES:
            columns = [row[1] for row in connection.exec_driver_sql(f"PRAGMA table_info({table})")]
            kept = ", ".join(column for column in columns if column not in TIMESTAMPS)
            result[table] = [
                tuple(row) for row in connection.execute(text(f"SELECT {kept} FROM {table} ORDER BY 1, 2"))
            ]
    return result


def documents() -> list[dict[str, Any]]:
    """New interviews, then some again unchanged, changed, repeated, and with changed speaker details."""
    first = list(generate_documents(30, seed=5))
    again = [json.loads(json.dumps(document)) for document in first[20:]]
    again[1]["title"] += " (revised)"
    again[2]["participants"][0]["speaker"]["title"] = "Another title"
    again[3]["questions"] = again[3]["questions"][:1]
    return [*first, *again, again[1], *generate_documents(5, seed=6)]


def write_ndjson(path: Path, items: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(item) + "\n" for item in items))
    return path


@pytest.mark.parametrize("batch_size", [1, 7])
def test_batches_store_what_one_by_one_stores(
    tmp_path: Path, batch_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_ndjson(tmp_path / "documents.ndjson", documents())
    one_by_one = fresh_sqlite(tmp_path / "one.db")
    monkeypatch.setattr(importing, "STORE_BATCH_SIZE", 1)
    reference = import_source(one_by_one, str(source))
    batched = fresh_sqlite(tmp_path / "batched.db")
    monkeypatch.setattr(importing, "STORE_BATCH_SIZE", batch_size)
    report = import_source(batched, str(source))
    assert report.committed and report.counts == reference.counts and report.answers == reference.answers
    assert contents(batched) == contents(one_by_one)


def test_the_import_page_cache_is_given_back(tmp_path: Path) -> None:
    engine = fresh_sqlite(tmp_path / "cache.db")
    with engine.connect() as connection:
        usual = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    source = write_ndjson(tmp_path / "documents.ndjson", list(generate_documents(3, seed=1)))
    assert import_source(engine, str(source)).committed
    assert engine.pool.checkedin() == 1  # the import ran on the one pooled connection
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == usual


def test_an_import_sets_older_objects_aside_while_it_runs_and_gives_them_back(tmp_path: Path) -> None:
    """Full collections skip what the process held before the import; afterwards, whether the
    import committed, refused a record or raised, nothing stays set aside (it would never be collected)."""
    engine = fresh_sqlite(tmp_path / "collector.db")
    good = write_ndjson(tmp_path / "good.ndjson", list(generate_documents(3, seed=2)))
    bad = write_ndjson(tmp_path / "bad.ndjson", [*generate_documents(2, seed=3), {"slug": "no-title"}])
    assert gc.get_freeze_count() == 0
    set_aside_during: list[int] = []
    report = import_source(
        engine, str(good), on_progress=lambda _: set_aside_during.append(gc.get_freeze_count())
    )
    assert report.committed and min(set_aside_during) > 0
    assert gc.get_freeze_count() == 0
    failed = import_source(engine, str(bad))
    assert not failed.committed and failed.bad_records
    assert gc.get_freeze_count() == 0
    with pytest.raises(FileNotFoundError):
        import_source(engine, str(tmp_path / "missing.ndjson"))
    assert gc.get_freeze_count() == 0


def test_overlapping_imports_give_older_objects_back_when_the_last_one_ends() -> None:
    first, second = ExitStack(), ExitStack()
    first.enter_context(older_objects_set_aside())
    second.enter_context(older_objects_set_aside())
    first.close()  # the first one ends while the second still runs
    assert gc.get_freeze_count() > 0
    second.close()
    assert gc.get_freeze_count() == 0
