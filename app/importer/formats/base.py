"""What every article format produces, so orchestration does not depend on how questions are marked."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from app.importer.formats.labels import Kind
from app.importer.paragraphs import Paragraph

QUESTION_MARKS = ("?", "？", ";")
"""A sentence that asks ends in one of these (';' is the Greek question mark)."""


def asks(text: str) -> bool:
    """Whether a paragraph ends by asking, closing quotes and brackets aside."""
    return text.rstrip("\"'”»)] ").endswith(QUESTION_MARKS)


@dataclass(frozen=True, slots=True)
class Turn:
    """What one speaker says before the next label; `key` identifies the speaker, `label` is as printed."""

    key: str
    label: str
    kind: Kind
    paragraphs: list[Paragraph]

    @property
    def line(self) -> int:
        return self.paragraphs[0].line

    @property
    def asks(self) -> bool:
        return asks(self.paragraphs[-1].text)


@dataclass(frozen=True, slots=True)
class Reply:
    """One speaker's answer; `speaker` is the label as printed, None for the article's one interviewee."""

    speaker: str | None
    paragraphs: list[Paragraph]


@dataclass(frozen=True, slots=True)
class Exchange:
    """One question as printed, where it stands, who asked (label or None) and the replies to it."""

    question: str
    line: int
    replies: list[Reply] = field(default_factory=list)
    asked_by: str | None = None

    @property
    def answer(self) -> list[Paragraph]:
        """All reply paragraphs in order, for formats and tests that think of one answer."""
        return [paragraph for reply in self.replies for paragraph in reply.paragraphs]


@dataclass(frozen=True, slots=True)
class Body:
    """The paragraphs before the first question (title, lede, furniture) and the exchanges.

    Speaker-labelled formats also keep their `turns`, the speaker keys that ask (`askers`), those that
    stand for many reporters (`reporters`) and each key's label as printed (`labels`), so that the cast
    found in the lede or given in metadata can re-decide who asks.
    """

    head: list[Paragraph]
    exchanges: list[Exchange]
    turns: list[Turn] | None = None
    askers: frozenset[str] = frozenset()
    reporters: frozenset[str] = frozenset()
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ArticleFormat:
    """A way of marking questions: `detect` scores how well it fits, `split` cuts the text by it."""

    name: str
    key: str
    example: str
    detect: Callable[[Sequence[Paragraph]], int]
    split: Callable[[Sequence[Paragraph]], Body]


_ANSWER_LABEL = re.compile(
    r"^(?:answer|antwort|r[ée]ponse|respuesta|resposta|risposta|antwoord|ответ|жауап)\s*[:.\u2013—-]\s*"
    r"|^(?:a|r|\u043e|ж)\s*:\s*",
    re.IGNORECASE,
)
_QUESTION_LABEL = re.compile(
    r"^(?:question|frage|pregunta|pergunta|domanda|vraag|вопрос|сұрақ)\s*[:.\u2013—-]\s*"
    r"|^(?:q\s*[:.]|[fpвс]\s*:)\s*",
    re.IGNORECASE,
)


def strip_answer_label(text: str) -> str:
    """Drop an 'Answer:' style label; it marks structure and is not part of what was said."""
    return _ANSWER_LABEL.sub("", text, count=1).strip()


def strip_question_label(text: str) -> str:
    """Drop a 'Question:' style label for the same reason."""
    return _QUESTION_LABEL.sub("", text, count=1).strip()
