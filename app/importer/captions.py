"""Captions and timed transcripts become speaker turns: WebVTT (webvtt-py), SRT (srt), and transcript
JSON (Podcasting 2.0 `segments`, or a list of segments with `speaker`/`voice`, start and end times).

Cues are merged into turns by speaker: a voice tag (`<v Jane Doe>`), a `Name:` opening the cue, or the
JSON `speaker`. A cue without one continues the turn before it. Each turn keeps its start and end time.

A file where no cue names its speaker (automatic captions) is still a dialogue: sentences that end in
a question mark are read as the questions and the sentences up to the next question as the answer.
That is a guess, and `CaptionTurns.guessed` says so, for the importer to warn.
"""

from __future__ import annotations

import html
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

import srt
import webvtt
from webvtt.errors import MalformedFileError

from app.importer.blocks import Block, normalise, seconds
from app.importer.errors import ArticleError

_VTT = re.compile(r"^\ufeff?WEBVTT\b")
_VTT_HEADER = re.compile(r"\A\ufeff?WEBVTT[ \t]+(?P<title>[^\n]*\S)")
_SRT = re.compile(r"\A\ufeff?\s*\d+\s*\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")
_CUE_LABEL = re.compile(r"^(?:>>\s*)?(?P<label>[^\s:][^:\n]{0,40}?)\s*:\s+(?P<text>\S.*)$", re.DOTALL)
_SPEAKER_CHANGE = re.compile(r"^(?:>>|-\s)")
_TAGS = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"[.!?…]['\")’”»]*$")

Cue = tuple[str | None, float | None, float | None, str]


@dataclass
class _Turn:
    speaker: str | None
    start: float | None
    end: float | None
    parts: list[str] = field(default_factory=list)


def kind_of(text: str) -> str | None:
    """'vtt', 'srt' or 'json' when the text is a caption file or a transcript JSON, else None."""
    head = text.lstrip()[:200]
    if _VTT.match(text.lstrip()):
        return "vtt"
    if _SRT.match(text):
        return "srt"
    if head.startswith("{") and '"segments"' not in text:
        return None  # an object is a transcript only by its segments: spare parsing an interview document
    if head.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # not JSON, or nested too deep to be a transcript
            return None
        return "json" if _segments(data) is not None else None
    return None


def title_of(text: str, kind: str) -> str | None:
    """What a WebVTT file's first line says after `WEBVTT` (`WEBVTT - Episode 42`), as its title."""
    match = _VTT_HEADER.match(text.lstrip()) if kind == "vtt" else None
    return match["title"].lstrip("-–— \t").strip() or None if match else None


def _segments(data: Any) -> list[dict[str, Any]] | None:
    """The segment list of a transcript JSON, if it is one."""
    if isinstance(data, dict) and isinstance(data.get("segments"), list):
        data = data["segments"]
    sample = data[:20] if isinstance(data, list) else []
    if (
        sample
        and all(isinstance(item, dict) for item in sample)
        and any("body" in i or "text" in i for i in sample)
    ):
        return data  # type: ignore[no-any-return]
    return None


def _time(value: Any) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        return seconds(value)
    return None


def _labelled(text: str, known: set[str]) -> tuple[str | None, str]:
    """A cue's own speaker: 'Name: …' (a short label) or '>> Name: …'."""
    match = _CUE_LABEL.match(text)
    if match and len(match["label"].split()) <= 4 and not match["label"][:1].isdigit():
        label = match["label"].strip()
        if label[:1].isupper() or label in known:
            return label, match["text"]
    return None, text


@dataclass
class _Sentence:
    start: float | None
    end: float | None
    parts: list[str] = field(default_factory=list)

    @property
    def asks(self) -> bool:
        return self.parts[-1].rstrip("'\")’”» ").endswith("?")


def _cleaned(cues: list[Cue]) -> list[Cue]:
    cleaned = []
    for speaker, start, end, text in cues:
        text = normalise(_TAGS.sub("", text.replace("\n", " ")))
        if text:
            cleaned.append((speaker, start, end, text))
    return cleaned


def _sentences(cues: list[Cue]) -> list[_Sentence]:
    """Cues joined until one ends a sentence: a caption often breaks a sentence over several cues."""
    sentences: list[_Sentence] = []
    for _speaker, start, end, text in cues:
        if sentences and not _SENTENCE_END.search(sentences[-1].parts[-1]):
            sentences[-1].parts.append(text)
            sentences[-1].end = end if end is not None else sentences[-1].end
        else:
            sentences.append(_Sentence(start, end, [text]))
    return sentences


def _guessed_turns(cues: list[Cue]) -> list[_Turn]:
    """Turns of a file that names no speaker: each run of questions is one turn, and what follows it
    up to the next question is the other voice's turn. What comes before the first question is the
    introduction, one turn of its own."""
    turns: list[_Turn] = []
    for sentence in _sentences(cues):
        speaker = "?" if sentence.asks else ""
        if turns and turns[-1].speaker == speaker:
            turns[-1].parts.extend(sentence.parts)
            turns[-1].end = sentence.end if sentence.end is not None else turns[-1].end
        else:
            turns.append(_Turn(speaker, sentence.start, sentence.end, list(sentence.parts)))
    return turns


def _merge(cues: list[Cue]) -> list[_Turn]:
    turns: list[_Turn] = []
    for speaker, start, end, text in cues:
        if turns and (speaker is None or speaker == turns[-1].speaker):
            turns[-1].parts.append(text)
            turns[-1].end = end if end is not None else turns[-1].end
        else:
            turns.append(_Turn(speaker, start, end, [text]))
    return turns


def _from_vtt(text: str) -> list[Cue]:
    try:
        captions = webvtt.from_string(text).captions
    except MalformedFileError as error:
        raise ArticleError(f"the WebVTT captions could not be read: {error}") from error
    known: set[str] = set()
    cues: list[Cue] = []
    for caption in captions:
        # WebVTT escapes `&`, `<` and `>` in cue text and voice names
        speaker = html.unescape(caption.voice) if caption.voice else None
        body = html.unescape(_TAGS.sub("", caption.text))
        if speaker is None:
            speaker, body = _labelled(body, known)
        if speaker:
            known.add(speaker)
        cues.append((speaker, seconds(caption.start), seconds(caption.end), body))
    return cues


def _from_srt(text: str) -> list[Cue]:
    try:
        subtitles = list(srt.parse(text))
    except srt.SRTParseError as error:
        raise ArticleError(f"the SRT captions could not be read: {error}") from error
    known: set[str] = set()
    cues: list[Cue] = []
    for subtitle in subtitles:
        speaker, body = _labelled(subtitle.content, known)
        if speaker:
            known.add(speaker)
        cues.append((speaker, subtitle.start.total_seconds(), subtitle.end.total_seconds(), body))
    return cues


def _from_json(text: str) -> list[Cue]:
    segments = _segments(json.loads(text)) or []
    cues: list[Cue] = []
    for segment in segments:
        speaker = segment.get("speaker") or segment.get("voice")
        voice = segment.get("voice")
        if voice and (speaker is None or str(speaker).isdigit()):
            speaker = voice
        start = _time(segment.get("startTime", segment.get("start")))
        end = _time(segment.get("endTime", segment.get("end")))
        body = str(segment.get("body", segment.get("text", "")))
        cues.append((str(speaker) if speaker is not None else None, start, end, body))
    return cues


@dataclass(frozen=True)
class CaptionTurns:
    blocks: list[Block]
    guessed: bool
    """No cue named its speaker: questions and answers were told apart by question marks alone."""


def caption_blocks(text: str, kind: str) -> CaptionTurns:
    """One block per speaker turn, labelled with the speaker and timed. In a file that names no
    speaker, a run of questions is a bold block (a question) and the sentences after it one plain
    block (its answer)."""
    reader = {"vtt": _from_vtt, "srt": _from_srt, "json": _from_json}[kind]
    cues = _cleaned(reader(text))
    if cues and all(speaker is None for speaker, *_ in cues):
        turns = _guessed_turns(cues)
        blocks = [
            Block(
                text=" ".join(turn.parts),
                line=index,
                strong=turn.speaker == "?",
                time=turn.start,
                end_time=turn.end,
            )
            for index, turn in enumerate(turns, start=1)
        ]
        return CaptionTurns(blocks, guessed=any(block.strong for block in blocks))
    blocks = [
        Block(
            text=" ".join(turn.parts),
            line=index,
            label=turn.speaker,
            printed_label=f"{turn.speaker}:" if turn.speaker else None,
            time=turn.start,
            end_time=turn.end,
        )
        for index, turn in enumerate(_merge(cues), start=1)
    ]
    return CaptionTurns(blocks, guessed=False)


def read_text(data: str) -> io.StringIO:
    return io.StringIO(data)
