"""The corpus generator: determinism, validity against the document schema, shape and selectivity.

Benchmarks compare runs on corpora generated from a seed, so the output must be byte-stable,
and search benchmarks pick terms by the selectivity the meta promises, so that is measured here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from app.contract.document import SLUG_PATTERN, InterviewDocument
from app.corpus import CorpusMeta, generate_documents, meta_path, write_corpus
from app.corpus.generator import world

SAMPLE = 2_000
WORD = re.compile(r"[a-z0-9]+")


def dump(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


@pytest.fixture(scope="module")
def sample() -> list[dict[str, Any]]:
    return list(generate_documents(SAMPLE))


@pytest.fixture(scope="module")
def answer_words(sample: list[dict[str, Any]]) -> list[set[str]]:
    """The set of lowercase words of each answer, as a case-insensitive whole-word search sees it."""
    return [
        set(WORD.findall(answer["text"].lower()))
        for document in sample
        for question in document["questions"]
        for answer in question["answers"]
    ]


def share(answer_words: list[set[str]], *forms: str) -> float:
    """Fraction of answers containing any of `forms`."""
    return sum(1 for words in answer_words if not words.isdisjoint(forms)) / len(answer_words)


def test_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    first = tmp_path / "a" / "corpus.ndjson"
    second = tmp_path / "b" / "corpus.ndjson"
    write_corpus(first, 150, seed=3)
    write_corpus(second, 150, seed=3)
    assert first.read_bytes() == second.read_bytes()
    assert meta_path(first).read_bytes() == meta_path(second).read_bytes()


def test_a_shorter_corpus_is_a_prefix_of_a_longer_one(tmp_path: Path, sample: list[dict[str, Any]]) -> None:
    short = tmp_path / "short.ndjson"
    write_corpus(short, 120)
    lines = short.read_text(encoding="utf-8").splitlines()
    assert lines == [dump(document) for document in sample[:120]]
    assert [dump(d) for d in generate_documents(40)] == lines[:40]


def test_another_seed_gives_other_documents(sample: list[dict[str, Any]]) -> None:
    assert [dump(d) for d in generate_documents(5, seed=43)] != [dump(d) for d in sample[:5]]


def test_documents_validate_against_the_schema(sample: list[dict[str, Any]]) -> None:
    for document in sample[:300]:
        InterviewDocument.model_validate(document)


def test_json_round_trip_and_non_ascii(tmp_path: Path) -> None:
    path = tmp_path / "corpus.ndjson"
    write_corpus(path, 300)
    text = path.read_text(encoding="utf-8")
    assert "\\u" not in text  # ensure_ascii=False: non-ASCII stays readable
    assert any(ord(char) > 127 for char in text)
    for line in text.splitlines():
        InterviewDocument.model_validate_json(line)


def test_a_speaker_slug_always_means_the_same_person(sample: list[dict[str, Any]]) -> None:
    seen: dict[str, dict[str, Any]] = {}
    for document in sample:
        for participant in document["participants"]:
            speaker = participant["speaker"]
            assert seen.setdefault(speaker["slug"], speaker) == speaker
    assert 500 < len(seen) <= 2_000


def test_slugs_are_unique_and_well_formed(sample: list[dict[str, Any]]) -> None:
    slugs = [document["slug"] for document in sample]
    assert len(set(slugs)) == len(slugs)
    pattern = re.compile(SLUG_PATTERN)
    topic_slugs = {t["slug"] for d in sample for t in d["topics"]}
    assert all(pattern.match(slug) for slug in [*slugs, *topic_slugs])


def test_sizes_match_the_target(sample: list[dict[str, Any]]) -> None:
    questions = [len(d["questions"]) for d in sample]
    answers = [sum(len(q["answers"]) for q in d["questions"]) for d in sample]
    assert 8 <= sum(questions) / SAMPLE <= 16
    assert 11.5 <= sum(answers) / SAMPLE <= 13.5  # 20,000 interviews ~ 250,000 answers
    lengths = [len(a["text"].split()) for d in sample[:200] for q in d["questions"] for a in q["answers"]]
    assert min(lengths) >= 40
    assert max(lengths) <= 210  # up to 200 draws, a few of them two-word names
    assert 90 <= sum(lengths) / len(lengths) <= 130


def test_panels_have_a_moderator_and_several_answers(sample: list[dict[str, Any]]) -> None:
    panels = [d for d in sample if any(p["role"] == "moderator" for p in d["participants"])]
    assert 0.05 < len(panels) / SAMPLE < 0.2
    for panel in panels:
        assert sum(p["role"] == "interviewee" for p in panel["participants"]) >= 2
        for question in panel["questions"]:
            speakers = [a["speaker"] for a in question["answers"]]
            assert len(speakers) >= 2
            assert len(set(speakers)) == len(speakers)


def test_metadata_is_varied(sample: list[dict[str, Any]]) -> None:
    languages = Counter(d["language"] for d in sample)
    assert 0.75 < languages["en"] / SAMPLE < 0.95
    assert len(languages) >= 5
    kinds = Counter(
        "none" if value is None else "date-time" if value.endswith("Z") else "date"
        for value in (d["published_at"] for d in sample)
    )
    assert kinds["date-time"] > kinds["date"] > kinds["none"] > 0
    years = {int(d["published_at"][:4]) for d in sample if d["published_at"]}
    assert min(years) == 2010
    assert max(years) == 2026
    assert sum(1 for d in sample for q in d["questions"] if q.get("topics")) > 0


def test_common_words_match_ten_to_twenty_five_percent(answer_words: list[set[str]]) -> None:
    candidates = [word for word, expected in world(42).common_words if 0.12 <= expected <= 0.23]
    assert len(candidates) >= 20
    for word in candidates:
        assert 0.10 <= share(answer_words, word) <= 0.25, word


def test_topic_keywords_match_one_to_ten_percent(answer_words: list[set[str]]) -> None:
    themes = {topic.theme: topic for topic in world(42).topics}
    headline = [share(answer_words, *topic.keywords[0]) for topic in themes.values()]
    within = [value for value in headline if 0.01 <= value <= 0.10]
    assert len(within) >= 0.7 * len(headline)
    everything = [share(answer_words, *family) for topic in themes.values() for family in topic.keywords]
    assert max(everything) < 0.15


def test_inflections_make_stemming_matter(answer_words: list[set[str]]) -> None:
    """A stemming search (`export` finds `exported`) matches clearly more than the bare form."""
    assert share(answer_words, "export", "exports", "exporting", "exported") > 1.5 * share(
        answer_words, "export"
    )
    assert share(answer_words, "report", "reports", "reported", "reporting") > share(answer_words, "report")


def test_rare_terms_are_rare(answer_words: list[set[str]]) -> None:
    rare = world(42).rare_terms
    shares = [share(answer_words, term) for term in rare]
    assert max(shares) < 0.002
    assert sum(shares) / len(shares) < 0.0003  # ~0.01% each
    assert sum(1 for value in shares if value > 0) > len(rare) / 4  # but they do occur


def test_meta_counts_what_was_written(tmp_path: Path) -> None:
    path = tmp_path / "corpus.ndjson"
    ticks: list[int] = []
    meta = write_corpus(path, 300, progress=ticks.append)
    assert ticks[-1] == 300
    documents = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    answers = [a["text"] for d in documents for q in d["questions"] for a in q["answers"]]
    words = [set(WORD.findall(text.lower())) for text in answers]
    assert meta.interviews == len(documents) == 300
    assert meta.questions == sum(len(d["questions"]) for d in documents)
    assert meta.answers == len(answers)
    assert meta.answer_words == sum(len(text.split()) for text in answers)
    assert CorpusMeta.read(meta_path(path)) == meta
    assert len(meta.speakers) == 2_000
    assert all(topic["keywords"] for topic in meta.topics)

    def counted(*forms: str) -> int:
        return sum(1 for answer in words if not answer.isdisjoint(forms))

    for topic in meta.topics[:40]:
        for keyword in topic["keywords"]:
            assert keyword["answers"] == counted(*keyword["forms"]), keyword
    for entry in [*meta.rare_terms, *meta.common_words[::10]]:
        assert entry["answers"] == counted(entry["term"]), entry
    for entity in meta.entities:
        if " " not in entity["term"]:
            assert entity["answers"] == counted(entity["term"].lower()), entity
    slugs = {p["speaker"]["slug"] for d in documents for p in d["participants"]}
    assert {s["slug"] for s in meta.speakers if s["interviews"]} == slugs
