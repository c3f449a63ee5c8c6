"""Write an interview document back as article text in each supported shape and container.

Used to check the parsers (render, parse, compare) and to produce readable plain-text exports.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from app.contract.document import InterviewDocument, QuestionDocument, Role, SpeakerDocument


def _names(document: InterviewDocument) -> dict[str, SpeakerDocument]:
    return {speaker.slug: speaker for speaker in document.speakers()}


def _asker(document: InterviewDocument) -> SpeakerDocument | None:
    """The interviewer (or moderator), who is named in the lede so that parsing knows who asks."""
    for role in (Role.interviewer, Role.moderator):
        for participant in document.participants:
            if participant.role is role:
                return participant.speaker
    return None


def _answerers(document: InterviewDocument) -> list[str]:
    """Slugs of everyone who answers, in order of first answer."""
    seen: dict[str, None] = {}
    for question in document.questions:
        for answer in question.answers:
            seen.setdefault(answer.speaker)
    return list(seen)


def head(document: InterviewDocument) -> str:
    """Title and a lede in the 'X spoke with Y' phrasing that the importer reads people from."""
    asker = _asker(document)
    answerers = _answerers(document)
    names = _names(document)
    lines = [document.title, ""]
    if asker is not None and answerers:
        lines += [f"{asker.name} spoke with {names[answerers[0]].name} about the questions below.", ""]
    return "\n".join(lines)


def _answers(question: QuestionDocument, names: dict[str, SpeakerDocument], label: str | None) -> str:
    """Each answer's paragraphs; labelled with the speaker's name (or `label`) on its first paragraph."""
    parts = []
    for answer in question.answers:
        prefix = f"{label or names[answer.speaker].name}: "
        parts.append(prefix + answer.text)
    return "\n\n".join(parts)


def _marked(document: InterviewDocument, mark: Callable[[str], str]) -> str:
    """Each question marked by `mark`, then its answer ('Name:' labels when several people answer)."""
    names = _names(document)
    panel = len(_answerers(document)) > 1
    blocks = [head(document)]
    for question in document.questions:
        answers = _answers(question, names, None) if panel else question.answers[0].text
        blocks.append(f"{mark(question.text)}\n\n{answers}\n")
    return "\n".join(blocks)


def render_numbered(document: InterviewDocument) -> str:
    """'1. Question?' then the answer; several answerers are told apart by 'Name:' labels."""
    numbers = iter(range(1, len(document.questions) + 1))
    return _marked(document, lambda text: f"{next(numbers)}. {text}")


def render_qa(document: InterviewDocument) -> str:
    """'Q: …' then 'A: …' (or 'Name: …' when several people answer)."""
    names = _names(document)
    panel = len(_answerers(document)) > 1
    blocks = [head(document)]
    for question in document.questions:
        blocks.append(f"Q: {question.text}\n\n{_answers(question, names, None if panel else 'A')}\n")
    return "\n".join(blocks)


def render_turns(document: InterviewDocument) -> str:
    """Every turn opens with its speaker's name: the asker's question, then each answer."""
    names = _names(document)
    asker = _asker(document)
    blocks = [head(document)]
    for question in document.questions:
        by = names[question.asked_by] if question.asked_by else asker
        who = by.name if by is not None else "Interviewer"
        blocks.append(f"{who}: {question.text}\n\n{_answers(question, names, None)}\n")
    return "\n".join(blocks)


def render_bold(document: InterviewDocument) -> str:
    """Markdown with each question in bold: '**Question?**', then the answer."""
    return _marked(document, lambda text: f"**{text}**")


def render_heading(document: InterviewDocument) -> str:
    """Markdown with each question as a heading: '### Question?', then the answer."""
    return _marked(document, lambda text: f"### {text}")


def render_html(document: InterviewDocument) -> str:
    """A web page: navigation, a headline, a lede, bold questions and answer paragraphs in an
    `<article>`, then a footer; what a newsroom's site serves."""
    names = _names(document)
    panel = len(_answerers(document)) > 1
    lede = head(document).split("\n\n", 1)[1].strip() if "\n\n" in head(document) else ""
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>{html.escape(document.title)} | The Harbour Times</title></head><body>",
        "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>",
        f"<article><h1>{html.escape(document.title)}</h1>",
        f"<p>{html.escape(lede)}</p>" if lede else "",
    ]
    for question in document.questions:
        parts.append(f"<p><strong>{html.escape(question.text)}</strong></p>")
        for answer in question.answers:
            for index, paragraph in enumerate(answer.text.split("\n\n")):
                label = f"{names[answer.speaker].name}: " if panel and index == 0 else ""
                parts.append(f"<p>{html.escape(label + paragraph)}</p>")
    parts.append(
        "</article><footer><p>© 2025 The Harbour Times. All rights reserved.</p></footer></body></html>"
    )
    return "\n".join(parts)


def _stamp(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.000"


def render_vtt(document: InterviewDocument) -> str:
    """WebVTT captions, a cue per paragraph with the speaker's voice tag (`<v Name>`)."""
    names = _names(document)
    asker = _asker(document)
    cues: list[tuple[str, str]] = []
    for question in document.questions:
        by = names[question.asked_by] if question.asked_by else asker
        cues.append((by.name if by is not None else "Interviewer", question.text))
        for answer in question.answers:
            cues += [(names[answer.speaker].name, part) for part in answer.text.split("\n\n")]
    lines = ["WEBVTT", ""]
    for index, (voice, text) in enumerate(cues):
        lines += [f"{_stamp(2 * index)} --> {_stamp(2 * index + 2)}", f"<v {voice}>{text}", ""]
    return "\n".join(lines)


RENDERERS: dict[str, Callable[[InterviewDocument], str]] = {
    "numbered": render_numbered,
    "qa": render_qa,
    "turns": render_turns,
    "bold": render_bold,
    "heading": render_heading,
}
"""Renderer by format key, matching the keys `parse_article(format=…)` accepts."""
CONTAINERS: dict[str, Callable[[InterviewDocument], str]] = {"html": render_html, "captions": render_vtt}
"""Renderers of other containers: a web page (bold questions), WebVTT captions (voices, no head)."""
