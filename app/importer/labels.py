"""What a speaker label says ('Q', 'Answer', 'MR. SMITH', 'Jane Doe', 'SPIEGEL', 'stark') and whether
it is a speaker at all ('Note', 'Photo', 'Update' are not)."""

from __future__ import annotations

import re
from enum import StrEnum

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
_ANSWER = (
    r"a|answer|antwort|r[ée]ponse|respuesta|resposta|risposta|antwoord|ответ|жауап|о|ж|r|guest|interviewee"
    r"|invit[ée]e?|gast|invitad[oa]|ospite|gość"
)
_REPORTER = (
    r"reporters?|journalists?|correspondents?|press|audience(?: member)?|participant|reporter(?:in)?"
    r"|journaliste|periodista|журналист|корреспондент|тілші|from the floor|interlocutor(?:a)?|asistente"
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
    r"^(?:note|notes|nb|ps|p\.s\.|update|updated|edit|photo|photos|foto|bild|image|images|source|sources|quelle"
    r"|tags?|topics?|published|date|datum|fecha|data|by|location|keywords?|subject|category|categories|warning"
    r"|disclaimer|transcript|transcription|summary|background|editor|editor's note|read more|related|see also"
    r"|fact box|fakten|фото|источник|теги|дата|fuente|etiquetas|mots-clés|légende|caption|video|audio|watch"
    r"|listen|correction|clarification|contact|email|e-mail|phone|tel|web|website|twitter|x|facebook|instagram"
    r"|telegram|linkedin|github|mastodon|lire aussi|read also|also read|more|in short|bottom line|part \d+"
    r"|break|chapter|chapters|media|mentors?|hosts|guests|speakers?|participants?|attendees|agenda|links?"
    r"|resources|references|sponsors?|tl;?dr|bio|about|credits?|music|intro|outro|timestamp|time|duration"
    r"|length|episode|season|show notes|q&a|faq|answer key|example|examples|tip|tips|warning|important"
    r"|step \d+|note \d+|figure \d+|table \d+|url|link|download|price|cost|status|version|release|author"
    r"|autor|auteur|autore|fotos?|bildquelle|titre|título|titolo|titel)$",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^(?:[^\W\d_][\w'\u2019.-]*\.?|\(\w[\w .-]*\))$")
_PARTICLE = re.compile(r"^(?:von|van|der|den|de|da|di|del|du|la|le|bin|ibn|al|ter|ten|zu|y|e)$")


def _is_name(label: str) -> bool:
    """One to four capitalised (or all-caps) words with particles between: the shape of a speaker's name."""
    words = label.split()
    longest = MAX_LABEL_WORDS + 2 if label.isupper() else MAX_LABEL_WORDS
    if not 1 <= len(words) <= longest or _NOT_SPEAKERS.match(label):
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


def is_handle(label: str) -> bool:
    """A label that is no name by its shape but may be one by use: 'stark', 'adam3us', 'まつもと'."""
    bare = label.strip()
    return (
        0 < len(bare) <= MAX_LABEL_CHARS
        and len(bare.split()) <= 3
        and not _NOT_SPEAKERS.match(bare)
        and not any(mark in bare for mark in '.?!,;"“”«»')
        and any(char.isalpha() for char in bare)
    )


def speaker_key(label: str) -> str:
    """Labels that differ only in case, spacing or a final dot name the same speaker."""
    return " ".join(label.replace("(", " ").replace(")", " ").split()).rstrip(".").casefold()
