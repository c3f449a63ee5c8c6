"""An interview back out as a timed transcript: WebVTT (webvtt-py), SubRip (srt) and the Podcasting 2.0
transcript JSON. One cue per question and per answer, in the interview's order, each with its speaker:
a voice tag in WebVTT, a `Name:` prefix in SubRip, `speaker` in JSON, so the importer reads it back
into the same questions and answers with the same times.

Only timed parts are written. A part with a start but no end ends where the next part starts, or at
the end of the recording, or after the time it takes to say it.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

import srt
from webvtt import Caption, WebVTT

from app.contract.document import AnswerDocument, InterviewDocument, QuestionDocument, Role

WORDS_PER_SECOND = 2.5
"""Speech runs at about 150 words a minute: how long an untimed last part is taken to last."""
PODCAST_TRANSCRIPT_VERSION = "1.0.0"
UNKNOWN_ASKER = "Interviewer"
"""Who a question is written as asked by, when the interview does not say and has no one interviewer."""


class TranscriptFormat(StrEnum):
    vtt = "vtt"
    srt = "srt"
    json = "json"


MEDIA_TYPES = {
    TranscriptFormat.vtt: "text/vtt",
    TranscriptFormat.srt: "application/x-subrip",
    TranscriptFormat.json: "application/json",
}


@dataclass(frozen=True, slots=True)
class Cue:
    speaker: str | None
    start: float
    end: float
    text: str


def cues_of(document: InterviewDocument) -> list[Cue]:
    """The timed questions and answers in order, with their speakers' names. A transcript has no
    paragraphs: an answer's become one run of text, as the importer would read them back."""
    names = {p.speaker.slug: p.speaker.name for p in document.participants}
    interviewers = [p.speaker.name for p in document.participants if p.role == Role.interviewer]
    asker = interviewers[0] if len(interviewers) == 1 else UNKNOWN_ASKER
    parts: list[tuple[str | None, QuestionDocument | AnswerDocument]] = []
    for question in document.questions:
        # a question must have a speaker: a cue without one would read back as more of the answer before
        parts.append((names.get(question.asked_by or "", asker), question))
        parts += [(names.get(answer.speaker), answer) for answer in question.answers]
    timed = [(speaker, part) for speaker, part in parts if part.start_time is not None]
    cues: list[Cue] = []
    for index, (speaker, part) in enumerate(timed):
        start = part.start_time or 0.0
        end = part.end_time
        if end is None:
            following = timed[index + 1][1].start_time if index + 1 < len(timed) else None
            duration = document.media.duration if document.media else None
            end = next(
                (t for t in (following, duration) if t is not None and t > start),
                round(start + max(1.0, len(part.text.split()) / WORDS_PER_SECOND), 3),
            )
        cues.append(Cue(speaker, start, end, " ".join(part.text.split())))
    return cues


def _clock(seconds: float) -> str:
    """`hh:mm:ss.mmm`, as WebVTT writes times."""
    milliseconds = round(seconds * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _vtt_text(text: str) -> str:
    """Cue text escaped as WebVTT wants it (`&`, `<`, `>`); `-->` cannot occur once `>` is escaped."""
    return html.escape(text, quote=False)


def to_vtt(cues: list[Cue], title: str) -> str:
    captions = []
    for cue in cues:
        voice = f"<v {_vtt_text(cue.speaker).replace('>', '')}>" if cue.speaker else ""
        captions.append(Caption(_clock(cue.start), _clock(cue.end), voice + _vtt_text(cue.text)))
    body = WebVTT(captions=captions).content
    heading = " ".join(title.split()).replace("-->", "→")
    return body.replace("WEBVTT", f"WEBVTT - {heading}", 1) if heading else body


def to_srt(cues: list[Cue]) -> str:
    composed: str = srt.compose(
        [
            srt.Subtitle(
                index=number,
                start=timedelta(seconds=cue.start),
                end=timedelta(seconds=cue.end),
                content=f"{cue.speaker}: {cue.text}" if cue.speaker else cue.text,
            )
            for number, cue in enumerate(cues, start=1)
        ],
        reindex=False,
    )
    return composed


def to_podcast_json(cues: list[Cue]) -> str:
    """The Podcasting 2.0 transcript JSON (`podcast:transcript` with type `application/json`)."""
    segments = [
        {"speaker": cue.speaker, "startTime": cue.start, "endTime": cue.end, "body": cue.text}
        if cue.speaker
        else {"startTime": cue.start, "endTime": cue.end, "body": cue.text}
        for cue in cues
    ]
    return json.dumps(
        {"version": PODCAST_TRANSCRIPT_VERSION, "segments": segments}, ensure_ascii=False, indent=1
    )


def transcript(document: InterviewDocument, format: TranscriptFormat) -> str | None:
    """The interview as a transcript in this format; None when none of it is timed."""
    cues = cues_of(document)
    if not cues:
        return None
    if format is TranscriptFormat.vtt:
        return to_vtt(cues, document.title)
    if format is TranscriptFormat.srt:
        return to_srt(cues)
    return to_podcast_json(cues)
