"""Articles whose questions are numbered paragraphs ending in a question mark: '1. …?' then answers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.importer.errors import ArticleError
from app.importer.formats.base import (
    ArticleFormat,
    Body,
    Exchange,
    Reply,
    strip_answer_label,
    strip_question_label,
)
from app.importer.formats.labels import Kind, read_label, speaker_key
from app.importer.paragraphs import Paragraph

_NUMBERED_QUESTION = re.compile(r"^(?P<number>\d{1,3})\s*[.)]\s+(?P<text>\S.*[?\uff1f][\"'”\u2019»)\]]*)$")


def _numbered(paragraph: Paragraph) -> tuple[int, str] | None:
    """The number and text of a paragraph shaped like a numbered question, else None."""
    match = _NUMBERED_QUESTION.match(paragraph.text)
    return (int(match["number"]), match["text"]) if match else None


def question_indexes(paragraphs: Sequence[Paragraph]) -> list[int]:
    """The first numbered question, then each next number in turn; lower numbers (a list inside an answer)
    stay answer text, and a skipped number is an error rather than a question silently merged away."""
    indexes: list[int] = []
    expected: int | None = None
    for index, paragraph in enumerate(paragraphs):
        found = _numbered(paragraph)
        if found is None:
            continue
        number, _ = found
        if expected is None or number == expected:
            indexes.append(index)
            expected = number + 1
        elif number > expected:
            raise ArticleError(
                f"question numbering jumps from {expected - 1} to {number} at line {paragraph.line}; "
                f"question {expected} is missing or does not end with '?'"
            )
    return indexes


def detect(paragraphs: Sequence[Paragraph]) -> int:
    """Score: how many paragraphs look like numbered questions."""
    return sum(1 for paragraph in paragraphs if _numbered(paragraph))


def split(paragraphs: Sequence[Paragraph]) -> Body:
    """Cut the text at each numbered question; everything up to the next one is its answer."""
    indexes = question_indexes(paragraphs)
    if not indexes:
        raise ArticleError(f"no {FORMAT.name} found (looked for lines like {FORMAT.example})")
    exchanges: list[Exchange] = []
    labels: dict[str, str] = {}
    for position, start in enumerate(indexes):
        end = indexes[position + 1] if position + 1 < len(indexes) else len(paragraphs)
        question = paragraphs[start]
        found = _numbered(question)
        assert found is not None  # question_indexes only returns numbered questions
        answer = [
            Paragraph(text, paragraph.line)
            for paragraph in paragraphs[start + 1 : end]
            if (text := strip_answer_label(paragraph.text))
        ]
        replies = split_replies(answer)
        labels.update({reply.speaker: label for reply, label in replies if reply.speaker})
        exchanges.append(
            Exchange(strip_question_label(found[1]), question.line, [reply for reply, _ in replies])
        )
    return Body(head=list(paragraphs[: indexes[0]]), exchanges=exchanges, labels=labels)


def split_replies(answer: list[Paragraph]) -> list[tuple[Reply, str]]:
    """An answer whose first paragraph opens with a speaker's name ('Jane Doe: …') is a panel: every
    such label starts that speaker's reply. Otherwise it is the one interviewee's reply."""
    first = read_label(answer[0]) if answer else None
    if first is None or first.kind not in (Kind.name, Kind.host):
        return [(Reply(None, answer), "")]
    replies: list[tuple[Reply, str]] = []
    for paragraph in answer:
        label = read_label(paragraph)
        if label is not None and label.kind in (Kind.name, Kind.host):
            replies.append(
                (Reply(speaker_key(label.label), [Paragraph(label.text, paragraph.line)]), label.label)
            )
        else:
            replies[-1][0].paragraphs.append(paragraph)
    return replies


FORMAT = ArticleFormat(
    name="numbered questions", key="numbered", example="'1. …?'", detect=detect, split=split
)
