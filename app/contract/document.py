"""The interview document: the one shape that import reads, export writes and `PUT` stores.

It is the single view of an interview without database ids, with speakers and topics
given by slug (and created when new). Validation here is the whole contract for
incoming data, so the loader can trust what it receives.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Lowercase words joined by hyphens; `has_a_letter` adds that a slug never looks like an id."""
SLUG_WITH_A_LETTER = r"^(?:[0-9]+-)*[0-9]*[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
"""Both rules in one pattern, for the OpenAPI document (clients and fuzzers see what is accepted)."""

MAX_SLUG_LENGTH = 200
MAX_TITLE_LENGTH = 500
MAX_NAME_LENGTH = 200
MAX_SUMMARY_LENGTH = 10_000
MAX_TEXT_LENGTH = 100_000
MAX_QUESTIONS = 1_000
MAX_ANSWERS_PER_QUESTION = 100


LETTER = re.compile("[a-z]")


def has_a_letter(slug: str) -> str:
    if LETTER.search(slug) is None:
        raise ValueError("a slug needs at least one letter, so that it cannot be mistaken for an id")
    return slug


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=MAX_SLUG_LENGTH),
    AfterValidator(has_a_letter),
    Field(json_schema_extra={"pattern": SLUG_WITH_A_LETTER}),
]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME_LENGTH)]
OptionalLabel = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=MAX_NAME_LENGTH)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_LENGTH)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]


class Role(StrEnum):
    """How a speaker takes part in an interview."""

    interviewer = "interviewer"
    interviewee = "interviewee"
    moderator = "moderator"


def parse_published_at(value: Any) -> Any:
    """Keep a bare date a date and a date-time a UTC date-time, whatever the input mode."""
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as error:
            raise ValueError("must be an ISO 8601 date (2025-04-16) or date-time") from error
    return value


def as_utc(value: date | datetime | None) -> date | datetime | None:
    """Store date-times in UTC so that their ISO strings sort in time order."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    return value


PublishedAt = Annotated[
    date | datetime | None,
    BeforeValidator(parse_published_at),
    AfterValidator(as_utc),
    Field(description="A date (`2025-04-16`) or a date-time; null when unknown."),
]


NUL_FREE = "nul_free"
"""Validation context key: the caller has checked that the input holds no NUL character."""


def refuse_nul_characters(data: Any) -> Any:
    """No store can keep a NUL character in text (PostgreSQL refuses it), so none gets in."""
    if isinstance(data, dict):
        for name, value in data.items():
            if isinstance(value, str) and "\x00" in value:
                raise ValueError(f"{name} contains a NUL character (\\u0000), which text cannot hold")
    return data


class DocumentModel(BaseModel):
    """Base of document parts: unknown fields are refused so typos do not pass silently."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def no_nul_characters(cls, data: Any, info: ValidationInfo) -> Any:
        if info.context and info.context.get(NUL_FREE):
            return data  # the reader proved it on the raw text, once for the whole document
        return refuse_nul_characters(data)


class SpeakerDocument(DocumentModel):
    slug: Slug
    name: Name
    title: OptionalLabel = None
    organization: OptionalLabel = None
    country: OptionalLabel = None


class TopicDocument(DocumentModel):
    slug: Slug
    name: Name
    description: Annotated[str | None, StringConstraints(max_length=MAX_SUMMARY_LENGTH)] = None


class ParticipantDocument(DocumentModel):
    speaker: SpeakerDocument
    role: Role


MAX_SECONDS = 7 * 24 * 3600
"""A week: longer than any recording of one interview."""


def to_milliseconds(value: float | None) -> float | None:
    """Times are kept to the millisecond, as caption formats write them, so they survive a round trip
    through VTT, SRT and both stores unchanged."""
    return None if value is None else round(value, 3)


Seconds = Annotated[
    float | None,
    Field(ge=0, le=MAX_SECONDS, allow_inf_nan=False),
    AfterValidator(to_milliseconds),
]


StartTime = Annotated[
    Seconds,
    Field(description="Seconds into the media where it starts (kept to the millisecond).", examples=[62.5]),
]
EndTime = Annotated[Seconds, Field(description="Seconds into the media where it ends.", examples=[95.04])]


class TimedDocument(DocumentModel):
    """A part of the interview that may say when, in its media, it was said (`start_time`, `end_time`)."""

    @model_validator(mode="after")
    def ends_after_it_starts(self) -> TimedDocument:
        start, end = getattr(self, "start_time", None), getattr(self, "end_time", None)
        if start is not None and end is not None and end < start:
            raise ValueError(f"end_time {end} is before start_time {start}")
        return self


class AnswerDocument(TimedDocument):
    position: int = Field(ge=1)
    speaker: Slug = Field(description="Slug of a speaker among the interview's participants.")
    text: Text
    start_time: StartTime = None
    end_time: EndTime = None


class QuestionDocument(TimedDocument):
    position: int = Field(ge=1)
    text: Text
    asked_by: Slug | None = Field(
        default=None, description="Slug of the participant who asks; null when not known."
    )
    topics: list[TopicDocument] = Field(default_factory=list, max_length=100)
    answers: list[AnswerDocument] = Field(default_factory=list, max_length=MAX_ANSWERS_PER_QUESTION)
    start_time: StartTime = None
    end_time: EndTime = None

    @model_validator(mode="after")
    def answers_numbered_in_order(self) -> QuestionDocument:
        require_contiguous([a.position for a in self.answers], "answers")
        return self


class ImportWarning(DocumentModel):
    """Something the importer had to guess or leave out, kept with the interview."""

    code: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{0,59}$")] = Field(
        description="What kind of guess: `roles-guessed`, `interviewee-unknown`, `title-guessed`, …",
        examples=["roles-guessed"],
    )
    message: Annotated[str, StringConstraints(min_length=1, max_length=1_000)]
    line: int | None = Field(default=None, ge=1, description="The line of the source text it concerns.")


class SourceDocument(DocumentModel):
    name: OptionalLabel = None
    url: Annotated[str | None, StringConstraints(max_length=2_000)] = None


MEDIA_TYPE_PATTERN = r"^(?:audio|video)/[a-z0-9][a-z0-9.+-]{0,90}$"


class MediaDocument(DocumentModel):
    """The recording an interview's time codes refer to."""

    url: Annotated[
        str, StringConstraints(strip_whitespace=True, pattern=r"^https?://\S+$", max_length=2_000)
    ] = Field(examples=["https://media.example.org/episodes/42.mp3"])
    type: Annotated[str | None, StringConstraints(pattern=MEDIA_TYPE_PATTERN)] = Field(
        default=None, description="The MIME type: `audio/…` or `video/…`.", examples=["audio/mpeg"]
    )
    duration: Seconds = Field(default=None, description="Length of the recording in seconds.")


class InterviewDocument(DocumentModel):
    """One interview with everything said in it."""

    slug: Slug
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TITLE_LENGTH)]
    summary: Annotated[str | None, StringConstraints(max_length=MAX_SUMMARY_LENGTH)] = None
    language: LanguageCode | None = Field(default=None, description="ISO 639-1 code, e.g. `en`.")
    published_at: PublishedAt = None
    location: OptionalLabel = None
    event: OptionalLabel = None
    source: SourceDocument | None = None
    media: MediaDocument | None = Field(
        default=None, description="The audio or video recording, when the interview has one."
    )
    participants: list[ParticipantDocument] = Field(default_factory=list, max_length=100)
    topics: list[TopicDocument] = Field(default_factory=list, max_length=100)
    questions: list[QuestionDocument] = Field(default_factory=list, max_length=MAX_QUESTIONS)
    import_warnings: list[ImportWarning] = Field(
        default_factory=list,
        max_length=100,
        description="What the importer guessed or left out when it read this interview from an article.",
    )

    @model_validator(mode="after")
    def references_resolve(self) -> InterviewDocument:
        """Every speaker named by a question or answer must be a participant, and positions run 1..n."""
        require_contiguous([q.position for q in self.questions], "questions")
        known = {p.speaker.slug for p in self.participants}
        seen: dict[str, SpeakerDocument] = {}
        for participant in self.participants:
            earlier = seen.setdefault(participant.speaker.slug, participant.speaker)
            if earlier != participant.speaker:
                raise ValueError(
                    f"speaker '{participant.speaker.slug}' is described twice with different details"
                )
        for question in self.questions:
            if question.asked_by is not None and question.asked_by not in known:
                raise ValueError(
                    f"question {question.position}: asked_by '{question.asked_by}' is not a participant"
                )
            for answer in question.answers:
                if answer.speaker not in known:
                    raise ValueError(
                        f"question {question.position}, answer {answer.position}: "
                        f"speaker '{answer.speaker}' is not a participant"
                    )
        return self

    def speakers(self) -> list[SpeakerDocument]:
        """The distinct speakers of the document, in order of first appearance."""
        unique: dict[str, SpeakerDocument] = {}
        for participant in self.participants:
            unique.setdefault(participant.speaker.slug, participant.speaker)
        return list(unique.values())

    def all_topics(self) -> list[TopicDocument]:
        """The distinct topics of the interview and its questions."""
        unique: dict[str, TopicDocument] = {}
        for topic in self.topics:
            unique.setdefault(topic.slug, topic)
        for question in self.questions:
            for topic in question.topics:
                unique.setdefault(topic.slug, topic)
        return list(unique.values())


def require_contiguous(positions: list[int], what: str) -> None:
    """Positions must be 1, 2, 3… in order, so the stored order is the document's order."""
    expected = list(range(1, len(positions) + 1))
    if positions != expected:
        raise ValueError(f"{what} positions must run 1..{len(positions)} in order, got {positions}")
