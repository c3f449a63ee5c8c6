"""An interview as readable text: the questions and answers in HTML (escaped) and in plain text."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime, time

from app.contract.document import InterviewDocument
from app.kit.page_links import interview_page


def interview_url(base: str, slug: str) -> str:
    """The canonical URL of an interview's single view: also each entry's permanent id."""
    return f"{base}/v1/interviews/{slug}"


def interview_page_url(base: str, slug: str) -> str:
    """The interview's public HTML page: where a feed reader sends a person (the entry's link)."""
    return base + interview_page(slug)


def speaker_url(base: str, slug: str) -> str:
    return f"{base}/v1/speakers/{slug}"


def topics_scheme(base: str) -> str:
    """The scheme of feed categories: a topic's term appended to it is the topic's URL."""
    return f"{base}/v1/topics/"


def as_datetime(value: date | datetime | None) -> datetime | None:
    """A publication date as a UTC date-time (a bare date means its midnight), as feeds require."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time(0, 0), tzinfo=UTC)


def rfc3339(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _names(document: InterviewDocument) -> dict[str, str]:
    return {p.speaker.slug: p.speaker.name for p in document.participants}


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _html_turn(speaker: str | None, text: str) -> str:
    paragraphs = [html.escape(paragraph) for paragraph in _paragraphs(text)] or [""]
    if speaker:
        paragraphs[0] = f"<strong>{html.escape(speaker)}:</strong> {paragraphs[0]}"
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def content_html(document: InterviewDocument) -> str:
    """Each question as a numbered heading with who asked it, then each answer with who gave it."""
    names = _names(document)
    parts: list[str] = []
    for question in document.questions:
        parts.append(f"<h3>Question {question.position}</h3>")
        parts.append(_html_turn(names.get(question.asked_by or ""), question.text))
        parts.extend(_html_turn(names.get(answer.speaker), answer.text) for answer in question.answers)
    return "\n".join(parts)


def content_text(document: InterviewDocument) -> str:
    names = _names(document)
    parts: list[str] = []
    for question in document.questions:
        asker = names.get(question.asked_by or "")
        parts.append(f"{question.position}. " + (f"{asker}: " if asker else "") + question.text)
        parts.extend(
            f"{names.get(answer.speaker, answer.speaker)}: {answer.text}" for answer in question.answers
        )
    return "\n\n".join(parts)
