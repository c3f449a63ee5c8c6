"""Turn an article's text (plus optional metadata) into an `InterviewDocument`; pure, no database."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError
from slugify import slugify

from app.documents.schema import (
    AnswerDocument,
    InterviewDocument,
    ParticipantDocument,
    QuestionDocument,
    Role,
    SourceDocument,
    SpeakerDocument,
    TopicDocument,
)
from app.importer.clutter import clean_answer
from app.importer.errors import ArticleError
from app.importer.formats import Exchange, detect_format
from app.importer.head import Head, read_head
from app.importer.language import detect_language
from app.importer.metadata import ArticleMetadata, PersonMeta, TopicMeta
from app.importer.paragraphs import split_paragraphs
from app.importer.people import Cast, Person, find_cast
from app.importer.sidecar import read_sidecar, split_front_matter

SLUG_MAX_LENGTH = 80
ANSWER_SEPARATOR = "\n\n"


def make_slug(text: str, what: str) -> str:
    """A URL slug cut on a word boundary; an error when nothing sluggable is left (e.g. only digits)."""
    slug = slugify(text, max_length=SLUG_MAX_LENGTH, word_boundary=True, save_order=True)
    if not any(char.isalpha() for char in slug):
        raise ArticleError(f"cannot make a slug from {what} {text!r}; give a slug in metadata")
    return slug


def _person_meta(person: Person | None) -> PersonMeta | None:
    """Parsed people in the metadata shape, so both merge field by field."""
    if person is None:
        return None
    return PersonMeta(name=person.name, title=person.title, organization=person.organization)


def _merge_person(parsed: PersonMeta | None, given: PersonMeta | None) -> PersonMeta | None:
    """Given details win; when they name the same person, details only the text knows are kept."""
    if given is None or parsed is None:
        return given or parsed
    if make_slug(given.name, "name") != make_slug(parsed.name, "name"):
        return given
    return parsed.model_copy(update={k: v for k, v in given.model_dump().items() if v is not None})


def _speaker(person: PersonMeta) -> SpeakerDocument:
    """A speaker whose slug follows the name unless metadata fixes it."""
    return SpeakerDocument(
        slug=person.slug or make_slug(person.name, "speaker name"),
        name=person.name,
        title=person.title,
        organization=person.organization,
        country=person.country,
    )


def build_participants(cast: Cast, metadata: ArticleMetadata) -> list[ParticipantDocument]:
    """The cast found in the text with metadata applied: `participants` replaces it, roles replace a role."""
    if metadata.participants is not None:
        return [ParticipantDocument(speaker=_speaker(p), role=p.role) for p in metadata.participants]
    participants = []
    for role, parsed, given in (
        (Role.interviewer, cast.interviewer, metadata.interviewer),
        (Role.interviewee, cast.interviewee, metadata.interviewee),
    ):
        person = _merge_person(_person_meta(parsed), given)
        if person is not None:
            participants.append(ParticipantDocument(speaker=_speaker(person), role=role))
    return participants


def _first_with_role(participants: list[ParticipantDocument], *roles: Role) -> str | None:
    """The slug of the first participant holding the earliest-listed of `roles`."""
    for role in roles:
        for participant in participants:
            if participant.role is role:
                return participant.speaker.slug
    return None


def _topic(topic: TopicMeta) -> TopicDocument:
    """Metadata topics are already validated; only the shape changes."""
    return TopicDocument(slug=topic.slug, name=topic.name, description=topic.description)


def build_question_topics(metadata: ArticleMetadata, count: int) -> dict[int, list[TopicDocument]]:
    """Per-question topics by position; a bare slug refers to one of the interview's `topics`."""
    known = {topic.slug: _topic(topic) for topic in metadata.topics or []}
    result: dict[int, list[TopicDocument]] = {}
    for position, topics in (metadata.question_topics or {}).items():
        if not 1 <= position <= count:
            raise ArticleError(f"question_topics names question {position}, but the article has {count}")
        resolved = []
        for topic in topics:
            if isinstance(topic, TopicMeta):
                resolved.append(_topic(topic))
            elif topic in known:
                resolved.append(known[topic])
            else:
                raise ArticleError(
                    f"question_topics: topic '{topic}' of question {position} is not among `topics` "
                    f"({', '.join(known) or 'none given'})"
                )
        result[position] = resolved
    return result


def build_answers(exchanges: list[Exchange]) -> list[str]:
    """Each answer's paragraphs without clutter, joined; an answer left empty is an error."""
    answers = []
    for position, exchange in enumerate(exchanges, start=1):
        kept = clean_answer(exchange.answer, last=position == len(exchanges))
        if not kept:
            raise ArticleError(f"question {position} (line {exchange.line}) has no answer")
        answers.append(ANSWER_SEPARATOR.join(paragraph.text for paragraph in kept))
    return answers


def _title(head: Head, metadata: ArticleMetadata) -> str:
    """The schema requires a title, so a missing one is an error that says where we looked."""
    if metadata.title:
        return metadata.title
    if head.title is None:
        where = f"before the lede at line {head.lede.line}" if head.lede else "before the first question"
        raise ArticleError(
            f"no title found (looked for a headline line {where}: at least 4 words, no final punctuation); "
            "give `title` in metadata"
        )
    return head.title.text


def parse_article(text: str, metadata: ArticleMetadata | None = None) -> InterviewDocument:
    """Parse an interview article; front matter in `text` applies, and `metadata` wins over both."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    front_matter, body_text, used_lines = split_front_matter(text)
    given = (front_matter or ArticleMetadata()).overlay(metadata)
    paragraphs = split_paragraphs(body_text, first_line=used_lines + 1)
    if not paragraphs:
        after = " after the front matter" if used_lines else ""
        raise ArticleError(f"the article is empty: no text found{after}")

    body = detect_format(paragraphs).split(paragraphs)
    head = read_head(body.head)
    answers = build_answers(body.exchanges)
    title = _title(head, given)

    cast = find_cast(paragraph.text for paragraph in body.head)
    participants = build_participants(cast, given)
    asker = _first_with_role(participants, Role.interviewer, Role.moderator)
    answerer = _first_with_role(participants, Role.interviewee)
    if answerer is None:
        lede = f"the lede (line {head.lede.line})" if head.lede else "the text before the first question"
        raise ArticleError(
            f"no interviewee found: {lede} names no one in a phrasing like "
            "'X, <title>, gave an interview to Y from Z'; give `interviewee` in metadata"
        )

    question_topics = build_question_topics(given, len(body.exchanges))
    questions = [
        QuestionDocument(
            position=position,
            text=exchange.question,
            asked_by=asker,
            topics=question_topics.get(position, []),
            answers=[AnswerDocument(position=1, speaker=answerer, text=answer)],
        )
        for position, (exchange, answer) in enumerate(zip(body.exchanges, answers, strict=True), start=1)
    ]
    spoken = " ".join([exchange.question for exchange in body.exchanges] + answers)
    source_name = given.source_name or cast.outlet
    try:
        return InterviewDocument(
            slug=given.slug or make_slug(title, "title"),
            title=title,
            summary=given.summary or (head.lede.text if head.lede else None),
            language=given.language or detect_language(spoken),
            published_at=given.published_at,
            location=given.location,
            event=given.event,
            source=SourceDocument(name=source_name, url=given.source_url)
            if source_name or given.source_url
            else None,
            participants=participants,
            topics=[_topic(topic) for topic in given.topics or []],
            questions=questions,
        )
    except ValidationError as error:
        raise ArticleError(f"the imported interview is not valid: {error}") from error


def load_article(path: Path) -> InterviewDocument:
    """Read a UTF-8 article; its sidecar `<name>.meta.yaml` wins over its front matter."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from error
    return parse_article(text, read_sidecar(path))
