"""Facts given alongside the text (argument, sidecar, front matter) that win over what parsing finds."""

from __future__ import annotations

import mimetypes
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from slugify import slugify

from app.contract.document import LanguageCode, MediaDocument, PublishedAt, Role, Slug


class MetadataModel(BaseModel):
    """Unknown keys are refused so that a typo in a sidecar does not pass silently."""

    model_config = ConfigDict(extra="forbid")


_AFFILIATION = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<organization>[^()\d]{2,60})\)$")


class PersonMeta(MetadataModel):
    """A speaker by name; the slug defaults to the slugified name."""

    name: str
    slug: Slug | None = None
    title: str | None = None
    organization: str | None = None
    country: str | None = None

    @model_validator(mode="before")
    @classmethod
    def from_name(cls, value: Any) -> Any:
        """Allow `interviewee: Jane Doe` (or `"Jane Doe, Minister"`, `"Jane Doe (Apple)"`) as shorthand for
        `{name: …, title: …, organization: …}`."""
        if not isinstance(value, str):
            return value
        name, _, title = value.partition(",")
        organization = None
        if (found := _AFFILIATION.match(name.strip())) is not None:
            name, organization = found["name"], found["organization"]
        return {"name": name.strip(), "title": title.strip() or None, "organization": organization}


class ParticipantMeta(PersonMeta):
    """A person with a role, for casts the text cannot tell (moderators, several interviewees)."""

    role: Role


class TopicMeta(MetadataModel):
    """Topics are never guessed from the text; they come only from metadata."""

    slug: Slug
    name: str
    description: str | None = None

    @model_validator(mode="before")
    @classmethod
    def from_name(cls, value: Any) -> Any:
        """Allow `topics: [Trade, Visa policy]`: a bare name gets its slug from the name."""
        return {"slug": slugify(value), "name": value} if isinstance(value, str) else value


class ArticleMetadata(MetadataModel):
    """Every field is optional; a given value replaces what the importer would derive from the text.

    `participants` replaces the whole parsed cast; `interviewer`/`interviewee` replace one role, and
    `interviewees` (or a list under `interviewee`) names several. `question_topics` maps a question
    position (1-based) to topic slugs from `topics` or full topics. `format` forces an article format.
    """

    title: str | None = None
    slug: Slug | None = None
    summary: str | None = None
    language: LanguageCode | None = None
    published_at: PublishedAt = None
    location: str | None = None
    event: str | None = None
    source_name: str | None = None
    source_url: str | None = None
    interviewer: PersonMeta | None = None
    interviewee: PersonMeta | None = None
    interviewees: list[PersonMeta] | None = None
    participants: list[ParticipantMeta] | None = None
    topics: list[TopicMeta] | None = None
    question_topics: dict[int, list[Slug | TopicMeta]] | None = None
    format: str | None = None
    media_url: str | None = Field(default=None, pattern=r"^https?://\S+$", max_length=2_000)
    media_type: str | None = None
    media_duration: float | None = Field(default=None, ge=0)

    @model_validator(mode="before")
    @classmethod
    def many_interviewees(cls, value: Any) -> Any:
        """`interviewee: [A, B]` in YAML means several interviewees; the first also fills `interviewee`."""
        if isinstance(value, dict) and isinstance(value.get("interviewee"), list):
            value = dict(value)
            people = value.pop("interviewee")
            value.setdefault("interviewees", people)
        return value

    @field_validator("format")
    @classmethod
    def known_format(cls, value: str | None) -> str | None:
        """A typo in a forced format is refused here rather than deep in parsing."""
        from app.importer.shapes import FORMAT_KEYS

        if value is not None and value not in FORMAT_KEYS:
            raise ValueError(f"unknown format {value!r}; known formats: {', '.join(FORMAT_KEYS)}")
        return value

    def media(self) -> MediaDocument | None:
        """The recording, when a URL is given; its type from the URL's extension when not given."""
        if self.media_url is None:
            return None
        kind = self.media_type or mimetypes.guess_type(self.media_url.split("?", 1)[0])[0]
        if kind is not None and not kind.startswith(("audio/", "video/")):
            kind = None
        return MediaDocument(url=self.media_url, type=kind, duration=self.media_duration)

    def all_interviewees(self) -> list[PersonMeta] | None:
        """The given interviewees, from `interviewees` or the single `interviewee`."""
        if self.interviewees:
            return self.interviewees
        return [self.interviewee] if self.interviewee is not None else None

    def overlay(self, other: ArticleMetadata | None) -> ArticleMetadata:
        """Combine two sources: values given in `other` win, the rest is kept from `self`."""
        if other is None:
            return self
        given = {
            name: value for name in type(other).model_fields if (value := getattr(other, name)) is not None
        }
        return self.model_copy(update=given)


def metadata_from_options(
    interviewer: str | None = None,
    interviewee: list[str] | None = None,
    topics: list[str] | None = None,
    published_at: str | None = None,
    format: str | None = None,
    media_url: str | None = None,
) -> ArticleMetadata:
    """Command-line options as metadata: `"Name, Title"` people, topic names, an ISO date, a format key,
    the recording's URL."""
    data: dict[str, Any] = {
        "interviewer": interviewer,
        "interviewees": interviewee or None,
        "topics": topics or None,
        "published_at": published_at,
        "format": format,
        "media_url": media_url,
    }
    return ArticleMetadata.model_validate({key: value for key, value in data.items() if value is not None})
