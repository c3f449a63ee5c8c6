"""Turns become questions with their answers: who asks is inferred, interjections stay in the answer.

Who asks, in order of evidence: role labels (Q, MODERATOR, REPORTER), people named as interviewers
(metadata, front matter, byline, lede) matched to labels, then the speakers' own ways (the one whose
turns end in '?' most often and who says least). The last is a guess and is reported as one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from app.importer.blocks import Block, with_text
from app.importer.clutter import is_clutter, is_end_of_article, is_furniture
from app.importer.labels import Kind
from app.importer.shapes import Turn, asks, asks_somewhere

INTERJECTION_MAX_WORDS = 6
"""An asking-side turn this short that asks nothing ('Okay, wow.') does not open a new question; nor
does one a little longer that opens with a back-channel word ('Yeah, there's a lot more users.')."""
BACKCHANNEL_MAX_WORDS = 16
_BACKCHANNEL = re.compile(
    r"^(?:yeah|yes|yep|right|okay|ok|oh|ah|wow|nice|sure|great|cool|exactly|indeed|interesting|i see|mm+|uh|hm+"
    r"|ja|genau|okay|aha|stimmt|oui|d'accord|ah bon|bien sûr|exactement|sí|si|vale|claro|ya|bueno|certo|esatto"
    r"|sì|da|так|понятно|tak|jasne|ok)\b[,.!…]*",
    re.IGNORECASE,
)
HANDOFF_MAX_WORDS = 8
"""An answering-side turn this short that asks ('Dr. Walensky?') hands the word on; it is no answer."""
PLEASANTRY_MAX_WORDS = 12
"""A 'question' that asks nothing, answered in fewer words than this, is a greeting or a thanks."""
LONG_PROMPT_WORDS = 30
_PROMPT = re.compile(
    r"^(?:(?:so|and|now|please|first|finally)[,.]?\s+)*(?:tell|describe|explain|talk|walk|give|share|take us"
    r"|erzählen sie|beschreiben sie|erklären sie|racontez|décrivez|expliquez|parlez|cuéntenos|cuénteme|describa"
    r"|explique|háblenos|ci racconti|ci parli|ci spieghi|расскажите|опишите|объясните|opowiedz|conte)\b",
    re.IGNORECASE,
)
"""An asking-side turn that asks without a question mark: 'Tell me about the light.'"""
PULL_QUOTE_MAX_WORDS = 40
"""A short quotation set between the paragraphs of an answer repeats it for the eye: a pull quote."""
ASKING_ROLES = (Kind.question, Kind.reporter, Kind.host)
_FLOOR = re.compile(
    r"^(?:(?:okay|ok|all right|alright|great|good|thanks|thank you|yes|so)[,.!]?\s*)*"
    r"(?:next question|let'?s take (?:some |a few )?questions|(?:the )?last question|go ahead|siguiente pregunta"
    r"|otra pregunta|n[äa]chste frage|question suivante|prossima domanda|следующий вопрос)"
    r"(?:[,.]?\s+[\w.'’-]+(?:\s+[\w.'’-]+){0,2})?\W*$",
    re.IGNORECASE,
)
"""What whoever holds the floor says between questions ('Go ahead, Steven.'): it answers nothing."""
_HANDOFF_TAIL = re.compile(
    r"(?<=[.!?…)])\s+(?:(?:okay|ok|all right|alright|great|thanks|thank you)[,.!]?\s+)*"
    r"(?:go ahead|next question|let'?s take (?:one|two|a few) more)"
    r"(?:[,.]?\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})?\s*[.!?—–-]*\s*$",
    re.IGNORECASE,
)
"""'… as we said. Go ahead, Steven.': the floor handed on at the end of an answer, which is not part of it."""
_THANKS = re.compile(
    r"^(?:(?:okay|ok|all right|great|well)[,.!]?\s*)*(?:thank you|thanks|many thanks|merci|danke|gracias|grazie"
    r"|obrigad[oa]|dziękuję|спасибо|dank je)\b[\w ,.!]*$",
    re.IGNORECASE,
)


@dataclass
class Answer:
    speaker: str | None
    blocks: list[Block]


@dataclass
class Exchange:
    question: str
    line: int
    asked_by: str | None
    answers: list[Answer] = field(default_factory=list)
    time: float | None = None
    """Seconds into the media where the question starts (a caption's or a stamp's time), if known."""
    end_time: float | None = None
    folded: int = 0
    """Interjections kept inside the answer run."""
    marked: bool = False
    """The markup marks the question: it is one even if it asks nothing ('Tell us about your team.')."""
    closed: bool = False
    """The asking side said thanks: what the other side says after it is a goodbye, not an answer."""
    merged: list[int] = field(default_factory=list)
    """Lines of further questions asked before any answer, joined to this one."""

    @property
    def answer_words(self) -> int:
        return sum(block.words for answer in self.answers for block in answer.blocks)


@dataclass(frozen=True, slots=True)
class Askers:
    keys: frozenset[str]
    guessed: bool
    reason: str


def find_askers(
    turns: Sequence[Turn], interviewers: Collection[str], interviewees: Collection[str]
) -> Askers:
    """Speaker keys of the asking side. `interviewers`/`interviewees` are label keys already matched
    to people known in those roles."""
    found = _find_askers(turns, interviewers, interviewees)
    # 'Senator Black' and 'Senator M' ask as 'Senator' does: a bare title that asks takes its namesakes.
    titles = {key for key in found.keys if len(key.split()) == 1}
    colleagues = {
        t.speaker
        for t in turns
        if t.speaker and t.speaker not in interviewees and t.speaker.split()[0] in titles
    }
    return replace(found, keys=found.keys | colleagues)


def _find_askers(
    turns: Sequence[Turn], interviewers: Collection[str], interviewees: Collection[str]
) -> Askers:
    by_role = {t.speaker for t in turns if t.kind in ASKING_ROLES and t.speaker}
    if any(t.kind in (Kind.question, Kind.reporter) for t in turns):
        # reporters ask; a moderator only gives them the floor
        by_role -= {t.speaker for t in turns if t.kind is Kind.host}
    answering = {t.speaker for t in turns if t.kind is Kind.answer} | set(interviewees)
    words: Counter[str] = Counter()
    for turn in turns:
        if turn.speaker:
            words[turn.speaker] += turn.words
    all_words = sum(words.values()) or 1
    dominant = max(words, key=lambda key: words[key], default=None)
    questioners = {t.speaker for t in turns if t.asks}
    # one person answering everyone else: guests and audience who speak up ask too
    panel = (
        {key for key in words if key != dominant and key not in answering and key in questioners}
        if dominant is not None
        and dominant not in interviewers
        and len(words) >= 3
        and words[dominant] / all_words > 0.5
        and not by_role
        else set()
    )
    if by_role or interviewers:
        return Askers(frozenset(by_role | set(interviewers) | panel), False, "labels and known interviewers")
    speakers = [t.speaker for t in turns if t.speaker is not None and t.speaker not in answering]
    if not speakers:
        return Askers(frozenset(), True, "nobody")
    total: Counter[str] = Counter(speakers)
    asking: Counter[str] = Counter(
        t.speaker for t in turns if t.speaker is not None and t.speaker in total and t.asks
    )
    if answering and len(total) == 1:
        return Askers(frozenset(total), True, "the one speaker who is not answering")
    if panel:
        return Askers(frozenset(panel), True, "everyone but the one who speaks most")

    def score(key: str) -> float:
        return 2 * asking[key] / total[key] - words[key] / all_words

    ranked = sorted(total, key=lambda key: (score(key), -words[key]), reverse=True)
    best = ranked[0]
    chosen = {best}
    # A second host: asks as often and says as little.
    for key in ranked[1:]:
        if total[key] >= 3 and asking[key] / total[key] >= 0.5 and words[key] / all_words < 0.2:
            chosen.add(key)
    if len(chosen) == len(total) and len(total) > 1:
        chosen = {best}
    return Askers(frozenset(chosen), True, "the speaker who asks most and says least")


def _is_interjection(turn: Turn) -> bool:
    if turn.asks:
        return turn.words <= 1  # 'Really?'

    text = turn.text.strip()
    return turn.words <= INTERJECTION_MAX_WORDS or (
        turn.words <= BACKCHANNEL_MAX_WORDS and bool(_BACKCHANNEL.match(text))
    )


@dataclass(frozen=True, slots=True)
class Pairing:
    exchanges: list[Exchange]
    unanswered: list[Exchange]
    """Questions nothing answered (the last one of a cut-off page, mostly): left out."""


def pair(turns: Sequence[Turn], askers: Collection[str], *, keep_opening: bool = False) -> Pairing:
    """Asking turns open questions (a second one before any answer adds to it); other turns answer.

    What comes before the first question (greetings, introductions) belongs to no exchange; an
    interjection of the asking side inside an answer is folded into it; a word handed on ('Dr. X?')
    answers nothing; greetings and thanks that ask nothing are dropped. `keep_opening` (a timed
    transcript, where nothing is page furniture): what is said before the first question opens an
    exchange of its own, so no stretch of the recording is lost."""
    exchanges: list[Exchange] = []
    current: Exchange | None = None
    several_answer = len({t.speaker for t in turns if t.speaker not in askers}) > 2
    floor = {t.speaker for t in turns if t.kind is Kind.host and t.speaker not in askers}
    for turn in turns:
        blocks = [
            block
            for index, block in enumerate(turn.blocks)
            if block.text
            and (not is_clutter(block.text) or is_end_of_article(block.text))  # kept to cut the page end
            and not _FLOOR.match(block.text)
            and not (block.quote and index > 0 and block.words <= PULL_QUOTE_MAX_WORDS)
        ]
        if not blocks or turn.speaker in floor:
            continue
        asking = turn.marked or (turn.speaker is not None and turn.speaker in askers)
        if asking:
            if (
                current is not None
                and current.answers
                and _is_interjection(turn)
                and not turn.marked
                and turn.kind is not Kind.question  # 'Q: Why?' is a question, however short
            ):
                current.folded += 1
                current.closed = bool(_THANKS.match(turn.text.strip()))
                continue
            if current is not None and not current.answers:
                joined = _joined(blocks)
                if not asks(current.question) and asks(joined) and not turn.marked:
                    # a greeting or introduction before the real question: the question starts here
                    current.question, current.line, current.asked_by = joined, turn.line, turn.speaker
                    current.time = _first_time(blocks)
                else:
                    current.question = f"{current.question} {joined}"
                    current.merged.append(turn.line)
                current.end_time = blocks[-1].end_time
                continue
            current = _opened(turn, blocks, marked=turn.marked)
            exchanges.append(current)
            continue
        if current is None and keep_opening and not exchanges:
            current = _opened(turn, blocks, marked=True)
            exchanges.append(current)
            continue
        if current is None or current.closed:
            continue
        if several_answer and turn.words <= HANDOFF_MAX_WORDS and asks(turn.text):
            continue
        if current.answers and current.answers[-1].speaker == turn.speaker:
            current.answers[-1].blocks.extend(blocks)
        else:
            current.answers.append(Answer(turn.speaker, blocks))
    kept = [e for e in exchanges if e.answers]
    unanswered = [e for e in exchanges if not e.answers and (e.marked or asks(e.question))]
    kept = [
        e
        for e in kept
        if e.marked
        or asks(e.question)
        or (_PROMPT.match(e.question) is not None)
        or (
            e.answer_words >= PLEASANTRY_MAX_WORDS
            and (_long(e.question) or asks_somewhere(e.question) or e is not kept[0])
        )
    ]
    for exchange in kept:
        _without_handoff(exchange)
    if kept:
        _cut_page_end(kept[-1])
    return Pairing(kept, unanswered)


def _without_handoff(exchange: Exchange) -> None:
    for answer in exchange.answers:
        last = answer.blocks[-1]
        text = _HANDOFF_TAIL.sub("", last.text)
        if text != last.text:
            answer.blocks[-1] = with_text(last, text)


def _long(text: str) -> bool:
    """A long statement of the asking side, or one that bids ('Tell us about…'), is a prompt even with no '?'."""
    return len(text.split()) > LONG_PROMPT_WORDS or bool(_PROMPT.match(text))


def _opened(turn: Turn, blocks: Sequence[Block], *, marked: bool) -> Exchange:
    """An exchange whose question is this turn (its kept blocks), timed from them."""
    return Exchange(
        _joined(blocks),
        turn.line,
        turn.speaker,
        time=_first_time(blocks),
        end_time=blocks[-1].end_time,
        marked=marked,
    )


def _first_time(blocks: Sequence[Block]) -> float | None:
    return next((block.time for block in blocks if block.time is not None), None)


def _joined(blocks: Sequence[Block]) -> str:
    return " ".join(block.text for block in blocks)


def _cut_page_end(exchange: Exchange) -> None:
    """After the last answer a page goes on (related links, tags, comments): cut at the first such label
    or horizontal rule, then drop short lines without sentence punctuation left at the end (link texts,
    credits), and a list left at the end unless the cut already found where the interview stops."""
    answer = exchange.answers[-1]
    cut = False
    for index, block in enumerate(answer.blocks):
        if index > 0 and (is_end_of_article(block.text) or block.after_rule):
            del answer.blocks[index:]
            cut = True
            break
    while len(answer.blocks) > 1 and (
        (answer.blocks[-1].item and not cut)
        or (is_furniture(answer.blocks[-1].text) and not (answer.blocks[-1].item and cut))
        or (answer.blocks[-1].strong and not asks(answer.blocks[-1].text))  # the outlet's bold sign-off
    ):
        answer.blocks.pop()
