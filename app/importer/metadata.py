"""Facts given alongside the text (argument, sidecar, front matter) that win over what parsing finds."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from app.documents.schema import LanguageCode, PublishedAt, Role, Slug


class MetadataModel(BaseModel):
    """Unknown keys are refused so that a typo in a sidecar does not pass silently."""

    model_config = ConfigDict(extra="forbid")


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
        """Allow `interviewee: Jane Doe` in YAML as shorthand for `{name: Jane Doe}`."""
        return {"name": value} if isinstance(value, str) else value


class ParticipantMeta(PersonMeta):
    """A person with a role, for casts the text cannot tell (moderators, several interviewees)."""

    role: Role


class TopicMeta(MetadataModel):
    """Topics are never guessed from the text; they come only from metadata."""

    slug: Slug
    name: str
    description: str | None = None


class ArticleMetadata(MetadataModel):
    """Every field is optional; a given value replaces what the importer would derive from the text.

    `participants` replaces the whole parsed cast; `interviewer`/`interviewee` replace one role.
    `question_topics` maps a question position (1-based) to topic slugs from `topics` or full topics.
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
    participants: list[ParticipantMeta] | None = None
    topics: list[TopicMeta] | None = None
    question_topics: dict[int, list[Slug | TopicMeta]] | None = None

    def overlay(self, other: ArticleMetadata | None) -> ArticleMetadata:
        """Combine two sources: values given in `other` win, the rest is kept from `self`."""
        if other is None:
            return self
        given = {
            name: value for name in type(other).model_fields if (value := getattr(other, name)) is not None
        }
        return self.model_copy(update=given)
