"""Write an interview document back as article text in each supported format.

Used to check the parsers (render, parse, compare) and to produce readable plain-text exports.
"""

from __future__ import annotations

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


def render_numbered(document: InterviewDocument) -> str:
    """'1. Question?' then the answer; several answerers are told apart by 'Name:' labels."""
    names = _names(document)
    panel = len(_answerers(document)) > 1
    blocks = [head(document)]
    for question in document.questions:
        answers = _answers(question, names, None) if panel else question.answers[0].text
        blocks.append(f"{question.position}. {question.text}\n\n{answers}\n")
    return "\n".join(blocks)


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


RENDERERS: dict[str, Callable[[InterviewDocument], str]] = {
    "numbered": render_numbered,
    "qa": render_qa,
    "turns": render_turns,
}
"""Renderer by format key, matching the keys `parse_article(format=…)` accepts."""
