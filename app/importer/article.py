"""An article, transcript or caption file in, an `InterviewDocument` out; pure, no database.

The steps: read the container (HTML page, Markdown or text with front matter, captions, transcript
JSON) into blocks; read the blocks as turns in the shape that finds the most questions; decide who
asks; pair questions with answers; name the people. What had to be guessed becomes a warning with a
code and the line it concerns, and lowers the confidence. Only a text with no dialogue at all is
refused.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from app.contract.document import (
    AnswerDocument,
    ImportWarning,
    InterviewDocument,
    QuestionDocument,
    Role,
    SourceDocument,
    TopicDocument,
)
from app.importer import captions, threads
from app.importer.blocks import Block, markdown_blocks, normalise
from app.importer.cast import (
    UNKNOWN_INTERVIEWEE,
    Known,
    build_cast,
    guest_in_title,
    known_people,
    make_slug,
    match_labels,
    named_in_full,
    speaker_of,
)
from app.importer.clutter import is_clutter, is_furniture
from app.importer.dates import find_date
from app.importer.errors import ArticleError
from app.importer.exchanges import Askers, Exchange, Pairing, find_askers, pair
from app.importer.front_matter import read_front_matter
from app.importer.html import html_to_text, inline_html_to_markdown, is_html
from app.importer.inputs import MAX_BYTES, check_size, check_text, decode
from app.importer.language import detect_language
from app.importer.layouts import restructured
from app.importer.metadata import ArticleMetadata, TopicMeta
from app.importer.people import BYLINE, find_cast
from app.importer.shapes import FORMAT_KEYS, Reading, asks, asks_somewhere, candidates

ANSWER_SEPARATOR = "\n\n"
TITLE_MAX_WORDS = 20
TITLE_MIN_WORDS = 2
LEDE_MIN_WORDS = 15


@dataclass
class ParsedArticle:
    """The document, what was guessed, and how sure the importer is (0 to 1)."""

    document: InterviewDocument
    warnings: list[ImportWarning] = field(default_factory=list)
    confidence: float = 1.0
    shape: str = ""


@dataclass
class _Notes:
    warnings: list[ImportWarning] = field(default_factory=list)
    doubt: float = 0.0

    def add(self, code: str, message: str, line: int | None = None, *, doubt: float = 0.0) -> None:
        self.warnings.append(ImportWarning(code=code, message=message[:1000], line=line))
        self.doubt += doubt


@dataclass(frozen=True)
class _Container:
    """What reading the container gave: the blocks, the metadata it states, people listed in front
    matter, whether these are captions (and turns guessed in captions naming no speaker), and
    front-matter keys that were not understood."""

    blocks: list[Block]
    metadata: ArticleMetadata
    listed: tuple[str, ...] = ()
    captions: bool = False
    turns_guessed: bool = False
    ignored: tuple[str, ...] = ()


def _container(text: str) -> _Container:
    kind = captions.kind_of(text)
    if kind is not None:
        header = ArticleMetadata(title=captions.title_of(text, kind))
        turns = captions.caption_blocks(text, kind)
        return _Container(turns.blocks, header, captions=True, turns_guessed=turns.guessed)
    page = ArticleMetadata()
    if is_html(text):
        text, found = html_to_text(text)
        page = found.as_metadata()
    front, body = read_front_matter(text)
    body = threads.as_turns(body) or body
    given = page.overlay(front.metadata)
    blocks = restructured(markdown_blocks(inline_html_to_markdown(body), first_line=front.lines + 1))
    return _Container(blocks, given, front.people, ignored=tuple(front.ignored))


def _title(given: ArticleMetadata, head: list[Block], name: str | None, notes: _Notes) -> str:
    if given.title:
        return normalise(html.unescape(given.title))
    for block in head:
        if block.heading and block.heading <= 2 and not asks(block.text) and not is_clutter(block.text):
            return block.text
    for block in head:
        text = block.text
        if (
            TITLE_MIN_WORDS <= block.words <= TITLE_MAX_WORDS
            and not is_clutter(text)
            and not BYLINE.match(text)
            and len(text) >= 10
            and not text.endswith((".", ":"))
            and find_date([text]) is None
        ):
            notes.add(
                "title-guessed",
                f"no headline was marked; the first short line is the title: {text!r}",
                block.line,
            )
            return text
    if name:
        notes.add(
            "title-from-file-name", f"no headline found; the file name {name!r} is the title", doubt=0.05
        )
        return name
    notes.add("title-missing", "no headline found; give `title`", doubt=0.1)
    return "Untitled interview"


def _lede(head: list[Block]) -> str | None:
    for block in head:
        if block.words >= LEDE_MIN_WORDS and not is_clutter(block.text) and not block.heading:
            return block.text
    return None


def _answers_of(
    exchange: Exchange, by_key: dict[str, str], answerer: str | None, position: int, outro_names: list[str]
) -> list[AnswerDocument]:
    """The exchange's answers by speaker slug. In the last one (`outro_names` given), a closing note about
    the answerer in the third person ('We thank Dr. Barry…') is the article's, not the answer's."""
    if outro_names and exchange.answers:
        blocks = exchange.answers[-1].blocks
        for index in range(1, len(blocks)):
            if any(re.search(rf"\b{re.escape(name)}\b", blocks[index].text) for name in outro_names):
                del blocks[index:]
                break
    answers: list[AnswerDocument] = []
    for answer in exchange.answers:
        speaker = by_key.get(answer.speaker or "", answerer)
        if speaker is None:
            raise ArticleError(f"question {position} (line {exchange.line}): nobody known answers it")
        kept = [block for block in answer.blocks if not is_clutter(block.text)]
        text = ANSWER_SEPARATOR.join(block.text for block in kept)
        if not text:
            continue
        start, end = _span(
            next((block.time for block in kept if block.time is not None), None), kept[-1].end_time
        )
        if answers and answers[-1].speaker == speaker:
            earlier = answers[-1]
            answers[-1] = earlier.model_copy(
                update={
                    "text": earlier.text + ANSWER_SEPARATOR + text,
                    "start_time": earlier.start_time if earlier.start_time is not None else start,
                    "end_time": end,
                }
            )
        else:
            answers.append(
                AnswerDocument(
                    position=len(answers) + 1, speaker=speaker, text=text, start_time=start, end_time=end
                )
            )
    return answers


def _span(start: float | None, end: float | None) -> tuple[float | None, float | None]:
    """A start and an end that a document accepts: an end before the start (cues out of order) is dropped."""
    if start is not None and end is not None and end < start:
        return start, None
    return start, end


def _timed(questions: list[QuestionDocument]) -> list[QuestionDocument]:
    """Times as a player needs them: where only starts are known (`[12:30]` stamps), each part ends
    where the next one starts; a time that would run backwards (a stamp out of order) is dropped."""
    parts: list[QuestionDocument | AnswerDocument] = []
    for question in questions:
        parts += [question, *question.answers]
    if all(p.start_time is None for p in parts):
        return questions
    fixed: dict[int, dict[str, float | None]] = {}
    for index, part in enumerate(parts):
        start, end = part.start_time, part.end_time
        if start is not None and end is None:
            following = next((p.start_time for p in parts[index + 1 :] if p.start_time is not None), None)
            end = following if following is not None and following >= start else None
        if start is not None and end is not None and end < start:
            end = None
        fixed[id(part)] = {"start_time": start, "end_time": end}
    return [
        q.model_copy(
            update={
                **fixed[id(q)],
                "answers": [a.model_copy(update=fixed[id(a)]) for a in q.answers],
            }
        )
        for q in questions
    ]


def _question_topics(metadata: ArticleMetadata, count: int) -> dict[int, list[TopicDocument]]:
    known = {
        t.slug: TopicDocument(slug=t.slug, name=t.name, description=t.description)
        for t in metadata.topics or []
    }
    result: dict[int, list[TopicDocument]] = {}
    for position, topics in (metadata.question_topics or {}).items():
        if not 1 <= position <= count:
            raise ArticleError(f"question_topics names question {position}, but the article has {count}")
        resolved = []
        for topic in topics:
            if isinstance(topic, TopicMeta):
                resolved.append(
                    TopicDocument(slug=topic.slug, name=topic.name, description=topic.description)
                )
            elif topic in known:
                resolved.append(known[topic])
            else:
                raise ArticleError(
                    f"question_topics: topic '{topic}' of question {position} is not among `topics`"
                )
        result[position] = resolved
    return result


def _no_dialogue(blocks: list[Block], readings: list[Reading], unanswered: list[Exchange]) -> ArticleError:
    where = f"{len(blocks)} paragraphs" + (
        f" (lines {blocks[0].line} to {blocks[-1].line})" if blocks else ""
    )
    if unanswered:
        lines = ", ".join(str(e.line) for e in unanswered[:10])
        return ArticleError(
            f"no answered question in {where}: nothing answers the question(s) at line {lines} "
            f"({_quoted(unanswered[0].question)})"
        )
    labels = {key: label for reading in readings for key, label in reading.labels.items()}
    speakers = ", ".join(labels.values()) if labels else "none"
    if labels:
        return ArticleError(
            f"no question found in {where}: speaker turns were found (speakers: {speakers}) but none "
            "of them asks anything; give `format` or mark the questions"
        )
    return ArticleError(
        f"no dialogue found in {where}: looked for speaker turns ('Name: …', '**Q:** …', captions with "
        f"voices; speakers seen: {speakers}), questions in bold or in headings followed by answers, "
        "numbered questions ('1. …?'), and dash interviews ('–¿…?')"
    )


@dataclass(frozen=True, slots=True)
class _Interpretation:
    """A reading with its people, who asks in it, and the exchanges it gives."""

    reading: Reading
    known: list[Known]
    matched: dict[str, Known]
    """Speaker label keys matched to the people known."""
    askers: Askers
    pairing: Pairing
    outlet: str | None

    @property
    def exchanges(self) -> int:
        return len(self.pairing.exchanges)


def _interpret(reading: Reading, given: ArticleMetadata, listed: tuple[str, ...]) -> _Interpretation:
    """A reading's people, who asks in it, and the exchanges it gives."""
    head_text = [block.text for block in reading.head]
    cast = find_cast(head_text[:15])
    title_hint = (
        given.title
        or next((b.text for b in reading.head if b.heading), None)
        or (head_text[0] if head_text else None)
    )
    known = known_people(given, cast, listed, guest_in_title(title_hint))
    matched = match_labels(reading.labels, known)
    matched |= named_in_full(reading.labels, matched, [title_hint or "", *head_text[:15]])
    if reading.shape == "questions":
        # the markup says what is asked; labels on marked questions name who asks
        marked_by = frozenset(t.speaker for t in reading.turns if t.marked and t.speaker)
        askers = Askers(marked_by, False, "the markup")
    else:
        askers = find_askers(
            reading.turns,
            [key for key, k in matched.items() if k.role in (Role.interviewer, Role.moderator)],
            [key for key, k in matched.items() if k.role is Role.interviewee],
        )
    timed = any(block.time is not None for turn in reading.turns for block in turn.blocks)
    pairing = pair(reading.turns, askers.keys, keep_opening=timed)
    return _Interpretation(reading, known, matched, askers, pairing, cast.outlet)


MARKUP_MIN_QUESTIONS = 3
MARKUP_MIN_SHARE = 0.5
MARKUP_ASKING_SHARE = 0.75
"""Marked questions replace guessed turns only when nearly all of them ask."""


def _choose(interpreted: list[_Interpretation]) -> _Interpretation:
    """The reading with the most exchanges; on a tie, the one that did not guess who asks. Questions the
    markup marks beat turns whose asker had to be guessed when they give at least half as many
    exchanges and nearly all of them ask: then the labels name the answerers ('1. …?' then 'Ann: …', 'Bo: …').
    Chapter headings between a podcast's turns ('Why humanoids?', 'Wrapping up') mostly do not ask."""
    best = max(interpreted, key=lambda item: (item.exchanges, not item.askers.guessed))
    if best.reading.shape == "turns" and best.askers.guessed:
        for other in interpreted:
            exchanges = other.pairing.exchanges
            if (
                other.reading.shape == "questions"
                and other.exchanges >= MARKUP_MIN_QUESTIONS
                and other.exchanges >= MARKUP_MIN_SHARE * best.exchanges
                and sum(asks_somewhere(e.question) for e in exchanges) >= MARKUP_ASKING_SHARE * len(exchanges)
            ):
                return other
    return best


def parse(
    text: str,
    metadata: ArticleMetadata | None = None,
    *,
    format: str | None = None,
    max_bytes: int = MAX_BYTES,
    name: str | None = None,
) -> ParsedArticle:
    """Parse an interview; `metadata` wins over what the text says; `format` forces a shape."""
    check_size(len(text.encode("utf-8", errors="replace")), max_bytes)
    check_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    if format is not None and format not in FORMAT_KEYS:
        raise ArticleError(f"unknown format {format!r}; known formats: {', '.join(FORMAT_KEYS)}")
    notes = _Notes()
    container = _container(text)
    blocks, listed, ignored = container.blocks, container.listed, container.ignored
    given = container.metadata.overlay(metadata)
    if ignored:
        notes.add("front-matter-ignored", f"front matter keys not used: {', '.join(ignored[:20])}", 1)
    if not blocks:
        raise ArticleError("the article is empty: no text found")
    if container.turns_guessed:
        notes.add(
            "turns-guessed",
            "no caption names its speaker: sentences ending in '?' were read as questions and what "
            "follows each as its answer; check the turns, or add voice tags (<v Name>)",
            doubt=0.3,
        )
    readings = candidates(blocks, captions=container.captions, forced=format or given.format)
    interpreted = [_interpret(reading, given, listed) for reading in readings]
    # the most exchanges; on a tie, the reading that did not have to guess who asks
    chosen = _choose(interpreted)
    reading, known, matched, askers, pairing = (
        chosen.reading, chosen.known, chosen.matched, chosen.askers, chosen.pairing
    )  # fmt: skip
    exchanges = pairing.exchanges
    head_text = [block.text for block in reading.head]
    if not exchanges:
        raise _no_dialogue(blocks, readings, pairing.unanswered)
    unanswered = list(pairing.unanswered)
    for exchange in unanswered:
        notes.add(
            "question-unanswered",
            f"left out a question nothing answers: {_quoted(exchange.question)}",
            exchange.line,
            doubt=0.05,
        )
    for exchange in exchanges:
        for line in exchange.merged:
            notes.add(
                "questions-merged",
                f"a question came before any answer and was joined to the one at line {exchange.line}",
                line,
                doubt=0.05,
            )
    for line in reading.gaps:
        notes.add("numbering-gap", "the numbering of the questions skips here", line, doubt=0.05)
    if askers.guessed and reading.shape == "turns":
        names = ", ".join(reading.labels[key] for key in sorted(askers.keys)) or "nobody"
        notes.add(
            "roles-guessed",
            f"who asks was inferred from the turns ({askers.reason}): {names}",
            exchanges[0].line,
            doubt=0.15,
        )
    folded = sum(e.folded for e in exchanges)
    if folded:
        notes.add(
            "interjections-folded",
            f"{folded} short remarks of the asking side were kept inside answers, not read as questions",
        )
    unlabelled_answers = any(
        a.speaker is None or a.speaker not in reading.labels for e in exchanges for a in e.answers
    )
    unlabelled_questions = any(e.asked_by is None for e in exchanges)
    people = build_cast(
        reading.labels, askers.keys, known, matched,
        unlabelled_questions=unlabelled_questions, unlabelled_answers=unlabelled_answers,
    )  # fmt: skip
    if unlabelled_answers and people.answerer == speaker_of(UNKNOWN_INTERVIEWEE).slug:
        notes.add("interviewee-unknown", "the text does not say who answers; give `interviewee`", doubt=0.2)
    if unlabelled_questions and people.asker is None:
        notes.add("interviewer-unknown", "the text does not say who asks; give `interviewer`", doubt=0.05)
    title = _title(given, reading.head, name, notes)
    topics = _question_topics(given, len(exchanges))
    questions: list[QuestionDocument] = []
    answerer_names = [
        part
        for p in people.participants
        if p.role is Role.interviewee
        for part in p.speaker.name.split()[-1:]
        if len(part) > 2
    ]
    for position, exchange in enumerate(exchanges, start=1):
        last = position == len(exchanges)
        answers = _answers_of(
            exchange, people.by_key, people.answerer, position, answerer_names if last else []
        )
        if not answers:  # only clutter answered it
            unanswered.append(exchange)
            notes.add(
                "question-unanswered",
                f"left out a question only page clutter answers: {_quoted(exchange.question)}",
                exchange.line,
                doubt=0.05,
            )
            continue
        asked_by = people.by_key.get(exchange.asked_by or "", people.asker)
        start, end = _span(exchange.time, exchange.end_time)
        questions.append(
            QuestionDocument(
                position=len(questions) + 1,
                text=exchange.question,
                asked_by=asked_by,
                topics=topics.get(position, []),
                answers=answers,
                start_time=start,
                end_time=end,
            )
        )
    if not questions:
        raise _no_dialogue(blocks, readings, unanswered)
    if len(questions) == 1:
        notes.add("one-question", "only one question was found", exchanges[0].line, doubt=0.15)
    spoken = " ".join([q.text for q in questions] + [a.text for q in questions for a in q.answers])
    published = given.published_at or find_date(head_text[:12]) or _date_in_url(given.source_url)
    if published is None:
        notes.add("date-missing", "the text gives no publication date; give `published_at`")
    source_name = given.source_name or chosen.outlet
    used = {p.speaker.slug for p in people.participants if _speaks(p.speaker.slug, questions)}
    participants = [p for p in people.participants if p.speaker.slug in used or p.role.value != "interviewee"]
    try:
        document = InterviewDocument(
            slug=given.slug or make_slug(title, "title"),
            title=title[:500],
            summary=given.summary or _lede(reading.head),
            language=given.language or detect_language(spoken),
            published_at=published,
            location=given.location,
            event=given.event,
            media=given.media(),
            source=SourceDocument(name=source_name, url=given.source_url)
            if source_name or given.source_url
            else None,
            participants=participants,
            topics=[
                TopicDocument(slug=t.slug, name=t.name, description=t.description) for t in given.topics or []
            ],
            questions=_timed(questions),
            import_warnings=notes.warnings[:100],
        )
    except ValidationError as error:
        raise ArticleError(f"the imported interview is not valid: {error}") from error
    confidence = max(0.0, round(1.0 - notes.doubt, 2))
    return ParsedArticle(document, notes.warnings, confidence, reading.shape)


def _quoted(text: str, limit: int = 80) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _date_in_url(url: str | None) -> date | None:
    """/2017/10/13/ in an article's address: how most publishing systems file posts."""
    match = re.search(r"/((?:19|20)\d\d)/([01]\d)/([0-3]\d)/", url or "")
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _speaks(slug: str, questions: list[QuestionDocument]) -> bool:
    return any(q.asked_by == slug or any(a.speaker == slug for a in q.answers) for q in questions)


def parse_article(
    text: str,
    metadata: ArticleMetadata | None = None,
    *,
    format: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> InterviewDocument:
    """The document alone (its `import_warnings` say what was guessed)."""
    return parse(text, metadata, format=format, max_bytes=max_bytes).document


def load_article(
    path: Path,
    metadata: ArticleMetadata | None = None,
    *,
    format: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> InterviewDocument:
    """Read a UTF-8 file; its sidecar `<name>.meta.yaml` wins over what the file says, `metadata` over both."""
    return load(path, metadata, format=format, max_bytes=max_bytes).document


def load(
    path: Path,
    metadata: ArticleMetadata | None = None,
    *,
    format: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> ParsedArticle:
    from app.importer.sidecar import read_sidecar

    try:
        check_size(path.stat().st_size, max_bytes, str(path))
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{path}: cannot read the file ({error.strerror or error})") from error
    text = decode(data, str(path), max_bytes)
    sidecar = read_sidecar(path)
    given = sidecar.overlay(metadata) if sidecar is not None else metadata
    name = path.name.split(".")[0].replace("-", " ").replace("_", " ").strip() or None
    return parse(text, given, format=format, max_bytes=max_bytes, name=name)


__all__ = ["FORMAT_KEYS", "ParsedArticle", "is_furniture", "load", "load_article", "parse", "parse_article"]
