"""Recognise the label that opens a paragraph ('Q:', 'Answer:', 'MR. SMITH:', 'Jane Doe:') and its kind."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from app.importer.paragraphs import Paragraph

MAX_LABEL_WORDS = 4
MAX_LABEL_CHARS = 40


class Kind(StrEnum):
    """What a label says about its paragraph."""

    question = "question"  # Q:, Question:, Frage:, Вопрос: (also stands for reporters in a briefing)
    answer = "answer"  # A:, Answer:, Antwort:, Ответ: (the article's one interviewee)
    reporter = "reporter"  # REPORTER:, JOURNALIST: (one of many askers)
    host = "host"  # MODERATOR:, INTERVIEWER:, HOST: (an asker named by role)
    name = "name"  # MR. SMITH:, Jane Doe: (a speaker by name)


_QUESTION = r"q|question|questions|frage|pregunta|pergunta|domanda|vraag|вопрос|сұрақ|в|f|p"
_ANSWER = r"a|answer|antwort|r[ée]ponse|respuesta|resposta|risposta|antwoord|ответ|жауап|о|ж|r"
_REPORTER = (
    r"reporters?|journalists?|correspondents?|press|audience(?: member)?|participant|reporter(?:in)?"
    r"|journaliste|periodista|журналист|корреспондент|тілші|from the floor"
)
_HOST = (
    r"moderator(?:in)?|interviewer(?:in)?|host|anchor|presenter|chair(?:man|woman|person)?"
    r"|mod[ée]rat(?:eur|rice)|animat(?:eur|rice)|pr[ée]sentat(?:eur|rice)|intervieweur"
    r"|moderador(?:a)?|entrevistador(?:a)?|presentador(?:a)?|модератор|ведущ(?:ий|ая)|интервьюер|жүргізуші"
)
_KINDS = (
    (Kind.question, re.compile(rf"^(?:{_QUESTION})$", re.IGNORECASE)),
    (Kind.answer, re.compile(rf"^(?:{_ANSWER})$", re.IGNORECASE)),
    (Kind.reporter, re.compile(rf"^(?:{_REPORTER})$", re.IGNORECASE)),
    (Kind.host, re.compile(rf"^(?:{_HOST})$", re.IGNORECASE)),
)
_NOT_SPEAKERS = re.compile(
    r"^(?:note|notes|update|updated|photo|photos|foto|bild|image|source|sources|quelle|tags?|topics?"
    r"|published|date|datum|by|location|keywords?|subject|category|warning|disclaimer|transcript"
    r"|summary|background|editor|editor's note|read more|related|see also|fact box|fakten|фото"
    r"|источник|теги|дата|fuente|etiquetas|mots-clés|légende|caption|video|audio|watch|listen"
    r"|correction|clarification|contact|email|e-mail|phone|tel|web|website|twitter|x|facebook"
    r"|instagram|telegram|lire aussi|read also|also read|more|in short|bottom line|part \d+)$",
    re.IGNORECASE,
)
_LABELLED = re.compile(rf"^(?P<label>[^\s:?!][^:?!]{{0,{MAX_LABEL_CHARS}}}?)\s*:\s+(?P<text>\S.*)$")
_DOTTED_Q = re.compile(r"^(?P<label>[Qq])\.\s+(?P<text>\S.*)$")
_NAME_WORD = re.compile(r"^(?:[^\W\d_][\w'\u2019.-]*\.?|\(\w[\w .-]*\))$")
_PARTICLE = re.compile(r"^(?:von|van|der|den|de|da|di|del|du|la|le|bin|ibn|al|ter|ten|zu|y|e)$")


@dataclass(frozen=True, slots=True)
class Label:
    """A paragraph's opening label: the label as printed, its kind and the text after it."""

    label: str
    kind: Kind
    text: str


def _is_name(label: str) -> bool:
    """One to four capitalised (or all-caps) words with particles between: the shape of a speaker's name."""
    words = label.split()
    if not 1 <= len(words) <= MAX_LABEL_WORDS or _NOT_SPEAKERS.match(label):
        return False
    capitalised = [w for w in words if not _PARTICLE.match(w)]
    return bool(capitalised) and all(_NAME_WORD.match(w) and w.lstrip("(")[0].isupper() for w in capitalised)


def kind_of(label: str) -> Kind | None:
    """The kind of a label as printed, or None when it is not a speaker label at all."""
    bare = label.strip().rstrip(".")
    for kind, pattern in _KINDS:
        if pattern.match(bare):
            return kind
    return Kind.name if _is_name(bare) else None


def read_label(paragraph: Paragraph) -> Label | None:
    """The speaker label opening a paragraph, or None; one-letter labels other than Q need a colon."""
    match = _LABELLED.match(paragraph.text) or _DOTTED_Q.match(paragraph.text)
    if match is None:
        return None
    kind = kind_of(match["label"])
    if kind is None:
        return None
    return Label(match["label"].strip(), kind, match["text"].strip())


def speaker_key(label: str) -> str:
    """Labels that differ only in case, spacing or a final dot name the same speaker."""
    return " ".join(label.replace("(", " ").replace(")", " ").split()).rstrip(".").casefold()
