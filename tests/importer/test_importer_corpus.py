"""Accuracy on hand-written transcripts in every format and several languages, with their clutter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.importer import load_article
from bench.accuracy import articles, evaluate, main, total_share

CORPUS = Path(__file__).resolve().parent / "corpus"
MIN_SHARE = 0.95


def test_corpus_is_broad() -> None:
    paths = articles(CORPUS)
    assert len(paths) >= 12
    assert {p.suffix for p in paths} == {".txt", ".md", ".html"}
    languages = {json.loads(p.with_name(p.stem + ".expected.json").read_text())["language"] for p in paths}
    assert languages >= {"en", "ru", "de", "fr", "kk", "es"}


def test_question_answer_pairs_are_recovered_exactly() -> None:
    scores = evaluate(CORPUS)
    assert total_share(scores) >= MIN_SHARE, [s for s in scores if s.share < 1]
    unnamed = [s.name for s in scores if s.speakers[0] < s.speakers[1]]
    assert not unnamed, unnamed


@pytest.mark.parametrize("path", articles(CORPUS), ids=lambda p: p.name)
def test_language_is_detected(path: Path) -> None:
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    assert load_article(path).language == expected["language"]


def test_accuracy_script_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(CORPUS)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["file", "expected", "found", "right"]
    assert lines[-2].startswith("total")
    assert lines[-1].startswith("right ") and "0 of" in lines[-1] and "documents refused" in lines[-1]


def test_accuracy_script_on_an_empty_folder(tmp_path: Path) -> None:
    assert main([str(tmp_path)]) == 1
