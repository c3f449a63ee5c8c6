"""What the API shows of an interview: the list view and the single view with its questions."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field

from app.contract.document import InterviewDocument
from app.kit.references import ParticipantView, SpeakerRef, TopicRef
from app.models.values import UtcDateTime


class SourceView(BaseModel):
    name: str | None = Field(default=None, examples=["EU Reporter"])
    url: str | None = None


class MediaView(BaseModel):
    url: str = Field(examples=["https://media.example.org/episodes/42.mp3"])
    type: str | None = Field(description="MIME type: `audio/…` or `video/…`.", examples=["audio/mpeg"])
    duration: float | None = Field(description="Seconds.", examples=[3120.5])


StartTime = Annotated[
    float | None,
    Field(
        description="Seconds into the interview's media where it starts; null when untimed.", examples=[62.5]
    ),
]
EndTime = Annotated[
    float | None,
    Field(description="Seconds into the media where it ends; null when untimed.", examples=[95.04]),
]


class InterviewSummary(BaseModel):
    id: int
    slug: str = Field(
        examples=["interview-with-kazakhstan-deputy-minister-of-foreign-affairs-roman-vassilenko"]
    )
    title: str = Field(
        examples=["Interview with Kazakhstan Deputy Minister of Foreign Affairs Roman Vassilenko"]
    )
    summary: str | None
    language: str | None = Field(examples=["en"])
    published_at: date | datetime | None = Field(description="A date or a date-time; null when unknown.")
    location: str | None = Field(examples=["Astana"])
    event: str | None = Field(examples=["Central Asia Media Forum"])
    source: SourceView | None
    media: MediaView | None = Field(
        default=None, description="The audio or video recording that the time codes refer to."
    )
    participants: list[ParticipantView]
    topics: list[TopicRef]
    question_count: int
    created_at: UtcDateTime
    updated_at: UtcDateTime


class AnswerInQuestion(BaseModel):
    id: int
    position: int
    speaker: SpeakerRef
    text: str
    start_time: StartTime = None
    end_time: EndTime = None


class QuestionInInterview(BaseModel):
    id: int
    position: int
    text: str
    start_time: StartTime = None
    end_time: EndTime = None
    asked_by: SpeakerRef | None
    topics: list[TopicRef]
    answers: list[AnswerInQuestion]


class ImportWarningView(BaseModel):
    code: str = Field(examples=["roles-guessed"])
    message: str = Field(examples=["who asks was inferred from the turns: Q"])
    line: int | None = Field(default=None, description="The line of the source text it concerns.")


class InterviewDetail(InterviewSummary):
    questions: list[QuestionInInterview]
    import_warnings: list[ImportWarningView] = Field(
        default_factory=list,
        description="What the importer had to guess or leave out when it read this interview from an "
        "article or transcript; empty for documents sent whole.",
    )


VIEWS_VERSION = hashlib.sha256(
    json.dumps(
        [InterviewDetail.model_json_schema(), InterviewSummary.model_json_schema()], sort_keys=True
    ).encode()
).hexdigest()[:16]
"""A fingerprint of what the views show: renderings stored under another one are stale
(app/interviews/rendering.py)."""


class FieldChange(BaseModel):
    """One JSON Patch (RFC 6902) operation from the version before to this one, with the value it
    replaced or removed."""

    model_config = {"populate_by_name": True}

    op: str = Field(description="`add`, `remove`, `replace`, `move` or `copy`.", examples=["replace"])
    path: str = Field(description="JSON Pointer into the document.", examples=["/questions/0/answers/0/text"])
    from_: str | None = Field(
        default=None, alias="from", description="For `move` and `copy`: where the value came from."
    )
    value: Any = Field(default=None, description="The new value (`add`, `replace`).")
    previous: Any = Field(default=None, description="The value before (`replace`, `remove`, `move`).")


class RevisionSummary(BaseModel):
    number: int = Field(description="1 is the first version; the highest is the current one.", examples=[2])
    written_at: UtcDateTime = Field(description="When this version was stored.")
    written_by: str | None = Field(
        description="The name of the API key that wrote it; null when it came from the command line.",
        examples=["newsroom-editor"],
    )
    current: bool = Field(description="Whether this is the version the API serves now.")
    changed: list[str] = Field(
        description="The document's top-level fields that differ from the version before (all of them "
        "for version 1).",
        examples=[["questions", "title"]],
    )


class RevisionDetail(RevisionSummary):
    document: InterviewDocument = Field(
        description="The interview as it was: `PUT` it to `/v1/interviews/{slug}` to restore this version."
    )
    changes: list[FieldChange] = Field(
        description="What this version changed, as JSON Patch operations from the version before; empty "
        "for version 1."
    )
