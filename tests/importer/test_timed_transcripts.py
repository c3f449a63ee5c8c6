"""Timed transcripts: real WebVTT and Podcasting 2.0 JSON files (tests/importer/media, with expectations
written from the raw files before the importer read them) import with speakers and times, and an
interview exported as VTT, SRT or JSON reads back, with a caption library and with the importer, as
the same cues."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
import srt
import webvtt
from hypothesis import given, settings
from hypothesis import strategies as st

from app.contract.document import InterviewDocument
from app.importer import parse
from app.importer.errors import ArticleError
from app.importer.metadata import ArticleMetadata
from app.interviews.transcripts import Cue, TranscriptFormat, cues_of, transcript
from tests.importer.test_importer_roundtrip import interviews

MEDIA = Path(__file__).resolve().parent / "media"
REAL = sorted(path.name.removesuffix(".expected.json") for path in MEDIA.glob("*.expected.json"))
GIVEN = ArticleMetadata(title="A timed interview", media_url="https://media.example.org/episode.mp3")


@functools.cache
def imported(name: str) -> InterviewDocument:
    return parse((MEDIA / name).read_text(encoding="utf-8"), GIVEN).document


def expected(name: str) -> dict[str, Any]:
    return json.loads((MEDIA / f"{name}.expected.json").read_text(encoding="utf-8"))


def test_the_corpus_holds_a_real_webvtt_file_and_a_real_podcast_json_transcript() -> None:
    assert {Path(name).suffix for name in REAL} == {".vtt", ".json"}
    sources = (MEDIA / "SOURCES.md").read_text(encoding="utf-8")
    assert all(name in sources for name in REAL)


@pytest.mark.parametrize("name", REAL)
def test_real_transcripts_import_with_their_speakers_and_times(name: str) -> None:
    """Each turn the expectations list is a question or an answer by the same speaker, with its times,
    or lies inside one (an interjection of the asking side kept inside an answer joins the turns
    around it)."""
    document = imported(name)
    wanted = expected(name)
    assert {p.speaker.name for p in document.participants} == set(wanted["speakers"])
    assert document.media is not None and document.media.type == "audio/mpeg"
    cues = cues_of(document)
    exact = 0
    for turn in wanted["turns"]:
        holding = [
            cue
            for cue in cues
            if cue.speaker == turn["speaker"]
            and cue.start <= turn["start"]
            and turn["end"] <= cue.end
            and turn["first40"] in cue.text
            and turn["last40"] in cue.text
        ]
        assert holding, f"{turn} is in no question or answer"
        exact += any((c.start, c.end) == (turn["start"], turn["end"]) for c in holding)
    assert exact >= len(wanted["turns"]) - 1


@pytest.mark.parametrize("name", REAL)
def test_guessed_roles_are_reported(name: str) -> None:
    document = imported(name)
    assert "roles-guessed" in {w.code for w in document.import_warnings}


def test_what_is_said_before_the_first_question_is_kept() -> None:
    """In a timed transcript nothing is page furniture: the opening is the first exchange."""
    for name in REAL:
        document = imported(name)
        first = expected(name)["turns"][0]
        opening = document.questions[0]
        assert (opening.start_time, opening.text[:40]) == (first["start"], first["first40"])


def library_cues(text: str, format: TranscriptFormat) -> list[Cue]:
    """The cues as a caption library (not the importer) reads them."""
    if format is TranscriptFormat.vtt:
        return [
            Cue(
                c.voice,
                round(c.start_in_seconds + int(c.start[-3:]) / 1000, 3),
                round(c.end_in_seconds + int(c.end[-3:]) / 1000, 3),
                c.text,
            )
            for c in webvtt.from_string(text).captions
        ]
    if format is TranscriptFormat.srt:
        cues = []
        for subtitle in srt.parse(text):
            speaker, _, body = subtitle.content.partition(": ")
            cues.append(Cue(speaker, subtitle.start.total_seconds(), subtitle.end.total_seconds(), body))
        return cues
    data = json.loads(text)
    assert data["version"] == "1.0.0"
    return [Cue(s.get("speaker"), s["startTime"], s["endTime"], s["body"]) for s in data["segments"]]


def unescaped(cues: list[Cue]) -> list[Cue]:
    import html

    return [Cue(c.speaker and html.unescape(c.speaker), c.start, c.end, html.unescape(c.text)) for c in cues]


@pytest.mark.parametrize("format", list(TranscriptFormat))
@pytest.mark.parametrize("name", REAL)
def test_exports_read_back_as_the_same_cues(name: str, format: TranscriptFormat) -> None:
    document = imported(name)
    text = transcript(document, format)
    assert text is not None
    cues = library_cues(text, format)
    if format is TranscriptFormat.vtt:
        cues = unescaped(cues)
    assert [(c.speaker, c.start, c.end, c.text) for c in cues] == [
        (c.speaker, c.start, c.end, c.text) for c in cues_of(document)
    ]
    again = parse(text, GIVEN).document
    assert cues_of(again) == cues_of(document), "import of the export is not the same interview"
    assert transcript(again, format) == text


def timed(document: InterviewDocument, gaps: list[tuple[int, int]]) -> InterviewDocument:
    """The document with every question and answer timed, in order: (silence before, length) in ms."""
    clock = 0
    spans = iter(gaps)

    def span() -> dict[str, float]:
        nonlocal clock
        silence, length = next(spans)
        start = clock + silence
        clock = start + length
        return {"start_time": start / 1000, "end_time": clock / 1000}

    questions = []
    for question in document.questions:
        times = span()
        answers = [answer.model_copy(update=span()) for answer in question.answers]
        questions.append(question.model_copy(update={**times, "answers": answers}))
    return InterviewDocument.model_validate(document.model_copy(update={"questions": questions}).model_dump())


timings = st.lists(st.tuples(st.integers(0, 5_000), st.integers(1, 600_000)), min_size=30, max_size=30)


@pytest.mark.parametrize("format", list(TranscriptFormat))
@settings(max_examples=40, deadline=None)
@given(document=interviews(), gaps=timings)
def test_generated_timed_interviews_survive_export_and_import(
    format: TranscriptFormat, document: InterviewDocument, gaps: list[tuple[int, int]]
) -> None:
    document = timed(document, gaps)
    text = transcript(document, format)
    assert text is not None
    library = library_cues(text, format)
    if format is TranscriptFormat.vtt:
        library = unescaped(library)
    assert library == cues_of(document)
    parsed = parse(text, GIVEN).document
    assert cues_of(parsed) == cues_of(document), text
    assert [(q.start_time, q.end_time) for q in parsed.questions] == [
        (q.start_time, q.end_time) for q in document.questions
    ]


def test_an_interview_without_times_has_no_transcript() -> None:
    document = parse("Q: Why?\n\nA: Because the light keeps the ships off the rocks.\n").document
    assert all(transcript(document, format) is None for format in TranscriptFormat)


def test_stamped_text_gives_each_part_the_time_until_the_next() -> None:
    text = (
        "(00:05) Jane Roe: How old is the light?\n\n"
        "[00:09] Tom Ash: Older than me, and I am seventy years old this winter.\n\n"
        "[01:02:03] Jane Roe: Do you ever sleep at all?\n\n"
        "[01:02:10] Tom Ash: In winter, hardly, because the storms come every night.\n"
    )
    document = parse(text, GIVEN).document
    parts = [
        (q.start_time, q.end_time, [(a.start_time, a.end_time) for a in q.answers])
        for q in document.questions
    ]
    assert parts == [(5.0, 9.0, [(9.0, 3723.0)]), (3723.0, 3730.0, [(3730.0, None)])]
    assert "(" not in document.questions[0].text and "[" not in document.questions[1].text
    vtt = transcript(document, TranscriptFormat.vtt)
    assert vtt is not None and "01:02:10.000 --> " in vtt


def test_the_webvtt_header_names_the_interview() -> None:
    text = "WEBVTT - Episode 42: the keeper\n\n00:00:01.000 --> 00:00:03.000\n<v Jane Roe>How old is the light?\n\n"
    text += "00:00:03.500 --> 00:00:06.000\n<v Tom Ash>Older than me, and I am seventy.\n"
    document = parse(text).document
    assert document.title == "Episode 42: the keeper"
    assert "title-missing" not in {w.code for w in document.import_warnings}


def _unmarked_captions(lines: list[str]) -> str:
    cues = [f"00:00:{2 * i:02d}.000 --> 00:00:{2 * i + 2:02d}.000\n{line}\n" for i, line in enumerate(lines)]
    return "WEBVTT\n\n" + "\n".join(cues)


def test_captions_naming_no_speaker_are_read_by_their_question_marks_and_say_so() -> None:
    text = _unmarked_captions(
        [
            "Welcome to the show, where we talk about lighthouses.",
            "How old is the light",  # a sentence broken over two cues
            "on the northern cape?",
            "Older than me, and I am seventy.",
            "The lamp came from Paris.",
            "Do you ever sleep at all?",
            "In winter, hardly.",
        ]
    )
    parsed = parse(text)
    document = parsed.document
    assert [q.text for q in document.questions] == [
        "How old is the light on the northern cape?",
        "Do you ever sleep at all?",
    ]
    assert [a.text for a in document.questions[0].answers] == [
        "Older than me, and I am seventy. The lamp came from Paris."
    ]
    assert document.questions[0].start_time == 2.0 and document.questions[0].answers[0].end_time == 10.0
    guessed = [w for w in document.import_warnings if w.code == "turns-guessed"]
    assert guessed and "voice tags" in guessed[0].message
    assert parsed.confidence <= 0.7


def test_captions_with_neither_speakers_nor_questions_are_still_refused() -> None:
    text = _unmarked_captions(["The lamp came from Paris.", "It was lit in 1850.", "It still turns."])
    with pytest.raises(ArticleError, match="no dialogue"):
        parse(text)
