"""`interviews import` and `export`: one transaction per file, line-numbered errors, idempotent by slug."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from app.cli import main
from app.models import Answer, Interview
from tests.conftest import FIXTURES, SAMPLES, Store
from tests.support.factories import interview_document


def count(store: Store, table) -> int:
    with Session(store.engine) as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def write_ndjson(path: Path, documents: list[dict | str]) -> Path:
    lines = [d if isinstance(d, str) else json.dumps(d) for d in documents]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_bad_record_stores_nothing_and_names_its_line(store, tmp_path, capsys) -> None:
    bad_speaker = interview_document("bad-one")
    bad_speaker["questions"][0]["answers"][0]["speaker"] = "stranger"
    path = write_ndjson(
        tmp_path / "mixed.ndjson",
        [interview_document("good-one"), bad_speaker, "{not json", interview_document("good-two")],
    )
    assert main(["import", str(path)]) == 1
    errors = capsys.readouterr().err
    assert "mixed.ndjson, line 2: question 1, answer 1: speaker 'stranger' is not a participant" in errors
    assert "mixed.ndjson, line 3: not valid JSON" in errors
    assert "nothing stored" in errors
    assert count(store, Interview) == 0


def test_json_that_is_not_strict_json_is_refused_with_its_place(store, tmp_path, capsys) -> None:
    """`NaN` is not JSON (a JavaScript reader would choke on the export), and a document nested a
    thousand levels deep is no interview: both are named by line, and nothing is stored."""
    not_a_number = json.dumps(interview_document("nan-time")).replace('"title"', '"duration": NaN, "title"')
    path = write_ndjson(
        tmp_path / "strict.ndjson",
        [interview_document("fine"), not_a_number, "[" * 2_000 + "]" * 2_000, '{"slug": "x",}'],
    )
    assert main(["import", str(path)]) == 1
    errors = capsys.readouterr().err
    assert "strict.ndjson, line 2: not valid JSON (" in errors and "line 1, column" in errors
    assert "strict.ndjson, line 3: JSON nested too deeply to be an interview document" in errors
    assert "strict.ndjson, line 4: not valid JSON (trailing comma" in errors
    assert count(store, Interview) == 0


def test_skip_invalid_stores_the_good_records_and_reports_the_rest(store, tmp_path, capsys) -> None:
    path = write_ndjson(
        tmp_path / "mixed.ndjson",
        [interview_document("good-one"), {"slug": "Not A Slug", "title": ""}, interview_document("good-two")],
    )
    assert main(["import", "--skip-invalid", str(path)]) == 0
    errors = capsys.readouterr().err
    assert "mixed.ndjson, line 2: slug: String should match pattern" in errors
    assert "title: String should have at least 1 character" in errors
    assert count(store, Interview) == 2


def test_import_is_idempotent_and_replaces_by_slug(store, tmp_path, capsys) -> None:
    path = write_ndjson(
        tmp_path / "one.ndjson", [interview_document("talk", questions=[("Q?", ["A1", "A2"])])]
    )
    assert main(["import", str(path)]) == 0
    assert main(["import", str(path)]) == 0
    assert count(store, Interview) == 1 and count(store, Answer) == 2
    assert "│ 0       │ 0       │ 1" in capsys.readouterr().err.split("one.ndjson")[-1]
    write_ndjson(path, [interview_document("talk", questions=[("Q?", ["Only one now"])])])
    assert main(["import", str(path)]) == 0
    assert count(store, Interview) == 1 and count(store, Answer) == 1


def test_json_array_files_and_reference_generator_output_import(store, tmp_path) -> None:
    array = tmp_path / "two.json"
    array.write_text(
        json.dumps([interview_document("a-talk"), interview_document("b-talk")]), encoding="utf-8"
    )
    assert main(["import", str(array), str(FIXTURES / "reference-generator-sample.ndjson")]) == 0
    assert count(store, Interview) == 5


def test_export_then_import_into_an_empty_database_gives_the_same_documents(store, tmp_path) -> None:
    source = write_ndjson(
        tmp_path / "in.ndjson",
        [interview_document("first", topics=["trade"]), interview_document("second", published_at=None)],
    )
    assert main(["import", str(source), str(SAMPLES / "eu-reporter-vassilenko-2025.txt")]) == 0
    exported = tmp_path / "out.ndjson"
    assert main(["export", "--output", str(exported)]) == 0
    first_export = exported.read_text(encoding="utf-8")
    store.empty()
    assert main(["import", str(exported)]) == 0
    assert main(["export", "--output", str(exported)]) == 0
    assert exported.read_text(encoding="utf-8") == first_export
    assert len(first_export.splitlines()) == 3


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00garbage", b"[1, 2]"])
def test_unreadable_files_are_reported_not_raised(store, tmp_path, content, capsys) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    assert main(["import", str(path)]) == 1
    assert "broken.json" in capsys.readouterr().err
    assert count(store, Interview) == 0
