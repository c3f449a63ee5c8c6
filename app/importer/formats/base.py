"""What every article format produces, so orchestration does not depend on how questions are marked."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from app.importer.paragraphs import Paragraph


@dataclass(frozen=True, slots=True)
class Exchange:
    """One question as printed, where it stands, and the raw paragraphs that answer it."""

    question: str
    line: int
    answer: list[Paragraph] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Body:
    """The paragraphs before the first question (title, lede, furniture) and the exchanges."""

    head: list[Paragraph]
    exchanges: list[Exchange]


@dataclass(frozen=True, slots=True)
class ArticleFormat:
    """A way of marking questions: `detect` scores how well it fits, `split` cuts the text by it."""

    name: str
    example: str
    detect: Callable[[Sequence[Paragraph]], int]
    split: Callable[[Sequence[Paragraph]], Body]


_ANSWER_LABEL = re.compile(
    r"^(?:answer|antwort|r[ée]ponse|respuesta|resposta|risposta|antwoord|ответ)\s*[:.\u2013—-]\s*"
    r"|^(?:a|r|\u043e)\s*:\s*",
    re.IGNORECASE,
)
_QUESTION_LABEL = re.compile(
    r"^(?:question|frage|pregunta|pergunta|domanda|vraag|вопрос)\s*[:.\u2013—-]\s*|^(?:q|f|p|в)\s*:\s*",
    re.IGNORECASE,
)


def strip_answer_label(text: str) -> str:
    """Drop an 'Answer:' style label; it marks structure and is not part of what was said."""
    return _ANSWER_LABEL.sub("", text, count=1).strip()


def strip_question_label(text: str) -> str:
    """Drop a 'Question:' style label for the same reason."""
    return _QUESTION_LABEL.sub("", text, count=1).strip()
