"""The list filters that several resources share: parameters as documented, and their SQL conditions.

Filters name things by slug (or id), so an unknown value simply matches nothing.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Annotated, Any, TypedDict, Unpack

from fastapi import Query
from pydantic import AfterValidator, BaseModel, BeforeValidator
from sqlalchemy import BindParameter, ColumnElement, Select, String, and_, bindparam, or_, select
from sqlmodel import col

from app.kit.bounds import EARLIEST_DATE, LATEST_DATE, date_in_range
from app.kit.lookup import id_or_slug
from app.models import (
    Interview,
    InterviewTopic,
    Participant,
    QuestionTopic,
    Speaker,
    Topic,
    published_sort_key,
)
from app.models.values import published_at_text

MAX_FILTER_VALUES = 50
MAX_QUERY_LENGTH = 1000
"""Longest full-text query, on /v1/search and on every list's `q`."""

SpeakerFilter = Annotated[
    list[str] | None,
    Query(
        max_length=MAX_FILTER_VALUES,
        description="Speaker slug; repeat for any of several.",
        examples=[["roman-vassilenko"]],
    ),
]
TopicFilter = Annotated[
    list[str] | None,
    Query(
        max_length=MAX_FILTER_VALUES,
        description="Topic slug; repeat for any of several.",
        examples=[["visa-policy"]],
    ),
]
InterviewFilter = Annotated[
    list[str] | None,
    Query(
        max_length=MAX_FILTER_VALUES,
        description="Interview id or slug; repeat for any of several.",
        examples=[["interview-with-kazakhstan-deputy-minister-of-foreign-affairs-roman-vassilenko"]],
    ),
]
LanguageFilter = Annotated[
    list[str] | None,
    Query(
        max_length=MAX_FILTER_VALUES,
        description="ISO 639-1 language code of the interview; repeat for any of several.",
        examples=[["en"]],
    ),
]


def _calendar_date(value: date) -> date:
    if not date_in_range(value):
        raise ValueError(f"must be between {EARLIEST_DATE} and {LATEST_DATE}")
    return value


def _iso_date_time(value: Any) -> Any:
    """An ISO 8601 date or date-time only: pydantic would also read `1` as a Unix time."""
    if isinstance(value, str) and not ISO_DATE_START.match(value):
        raise ValueError("must be an ISO 8601 date-time such as 2025-01-01T00:00:00Z")
    return value


def _calendar_date_time(value: datetime) -> datetime:
    _calendar_date(value.date())
    return value


ISO_DATE_START = re.compile(r"^\d{4}-\d{2}-\d{2}")
CalendarDate = Annotated[date, AfterValidator(_calendar_date)]
CalendarDateTime = Annotated[datetime, BeforeValidator(_iso_date_time), AfterValidator(_calendar_date_time)]
PublishedFrom = Annotated[
    CalendarDate | None,
    Query(description="Published on or after this date (inclusive).", examples=["2025-01-01"]),
]
PublishedTo = Annotated[
    CalendarDate | None,
    Query(description="Published on or before this date (inclusive).", examples=["2025-12-31"]),
]
HasMediaFilter = Annotated[
    bool | None,
    Query(
        description="`true`: only interviews with an audio or video recording (their questions and answers "
        "may carry `start_time`/`end_time`); `false`: only those without.",
        examples=[True],
    ),
]
TextQueryFilter = Annotated[
    str | None,
    Query(
        max_length=MAX_QUERY_LENGTH,
        description='Full-text query, as on `/v1/search`: words, `"phrase"`, `OR`, `-word`, `prefix*`.',
        examples=["visa"],
    ),
]
UpdatedSince = Annotated[
    CalendarDateTime | None,
    Query(description="Changed at or after this date-time (ISO 8601).", examples=["2025-01-01T00:00:00Z"]),
]


Slugs = list[str] | BindParameter[Any]
"""Values for an IN, or an expanding parameter that takes them when the statement runs."""


def interview_ids_with_speakers(slugs: Slugs) -> Select[Any]:
    return (
        select(col(Participant.interview_id))
        .join(Speaker, col(Speaker.id) == col(Participant.speaker_id))
        .where(col(Speaker.slug).in_(slugs))
    )


def interview_ids_with_topics(slugs: Slugs) -> Select[Any]:
    return (
        select(col(InterviewTopic.interview_id))
        .join(Topic, col(Topic.id) == col(InterviewTopic.topic_id))
        .where(col(Topic.slug).in_(slugs))
    )


def question_ids_with_topics(slugs: Slugs) -> Select[Any]:
    return (
        select(col(QuestionTopic.question_id))
        .join(Topic, col(Topic.id) == col(QuestionTopic.topic_id))
        .where(col(Topic.slug).in_(slugs))
    )


def about_topics(topics: Slugs, interview_id: Any, question_id: Any) -> ColumnElement[bool]:
    """Something said in an interview is about a topic when its question, or the whole interview, is tagged with it."""
    return or_(
        question_id.in_(question_ids_with_topics(topics)), interview_id.in_(interview_ids_with_topics(topics))
    )


def ids_and_slugs(refs: list[str]) -> tuple[list[int], list[str]]:
    """References by id or slug, mixed freely, sorted out."""
    values = [id_or_slug(ref) for ref in refs]
    return [value for value in values if isinstance(value, int)], [v for v in values if isinstance(v, str)]


def interview_ids_named(ids: list[int] | BindParameter[Any], slugs: Slugs) -> Select[Any]:
    return select(col(Interview.id)).where(or_(col(Interview.id).in_(ids), col(Interview.slug).in_(slugs)))


def interview_ids_for_refs(refs: list[str]) -> Select[Any]:
    """Interviews named by id or slug, mixed freely."""
    return interview_ids_named(*ids_and_slugs(refs))


class ScopeFilters(TypedDict, total=False):
    """The filters on the interview something lives in, by their query parameters' names."""

    speaker: list[str] | None
    topic: list[str] | None
    interview: list[str] | None
    language: list[str] | None
    published_from: date | None
    published_to: date | None


def interview_conditions(
    *, has_media: bool | None = None, **filters: Unpack[ScopeFilters]
) -> list[ColumnElement[bool]]:
    """Conditions on the `interviews` table shared by every resource that lives in an interview."""
    return scope_conditions(scope_values(**filters), has_media)


def scope_conditions(values: dict[str, Any], has_media: bool | None) -> list[ColumnElement[bool]]:
    """The conditions `scope_values` names, with their values in them."""
    return _scope_conditions(values.keys(), values, has_media)


def scope_values(**filters: Unpack[ScopeFilters]) -> dict[str, Any]:
    """The given filters as named parameters: the names say which conditions a statement has, and
    `scope_template` builds those once for every request that gives the same names."""
    values: dict[str, Any] = {}
    if speaker := filters.get("speaker"):
        values["scope_speakers"] = speaker
    if topic := filters.get("topic"):
        values["scope_topics"] = topic
    if interview := filters.get("interview"):
        values["scope_interview_ids"], values["scope_interview_slugs"] = ids_and_slugs(interview)
    if language := filters.get("language"):
        values["scope_languages"] = language
    if (published_from := filters.get("published_from")) is not None:
        values["scope_published_from"] = published_at_text(published_from)
    if (published_to := filters.get("published_to")) is not None:
        values["scope_published_before"] = published_at_text(published_to + timedelta(days=1))
    return values


@lru_cache(maxsize=256)
def scope_template(names: frozenset[str], has_media: bool | None) -> tuple[ColumnElement[bool], ...]:
    """`interview_conditions` with the values left as the named parameters `scope_values` gives."""
    return tuple(_scope_conditions(names, {}, has_media))


def _scope_conditions(
    names: Collection[str], values: dict[str, Any], has_media: bool | None
) -> list[ColumnElement[bool]]:
    def value(name: str, **options: Any) -> BindParameter[Any]:
        return bindparam(name, values.get(name), **options)

    conditions: list[ColumnElement[bool]] = []
    interview_id: Any = Interview.id
    if "scope_speakers" in names:
        conditions.append(
            interview_id.in_(interview_ids_with_speakers(value("scope_speakers", expanding=True)))
        )
    if "scope_topics" in names:
        conditions.append(interview_id.in_(interview_ids_with_topics(value("scope_topics", expanding=True))))
    if "scope_interview_ids" in names:
        named = interview_ids_named(
            value("scope_interview_ids", expanding=True), value("scope_interview_slugs", expanding=True)
        )
        conditions.append(interview_id.in_(named))
    if "scope_languages" in names:
        conditions.append(col(Interview.language).in_(value("scope_languages", expanding=True)))
    if "scope_published_from" in names:
        conditions.append(published_sort_key >= value("scope_published_from", type_=String))
    if "scope_published_before" in names:
        before = value("scope_published_before", type_=String)
        conditions.append(and_(published_sort_key != "", published_sort_key < before))
    if has_media is not None:
        media_url = col(Interview.media_url)
        conditions.append(media_url.is_not(None) if has_media else media_url.is_(None))
    return conditions


class InterviewScope(BaseModel):
    """The filters every resource that lives in an interview shares (who takes part or speaks, topics,
    language, publication dates), as one query model: FastAPI lists its fields as query parameters
    where the model stands in a route's signature."""

    speaker: SpeakerFilter = None
    topic: TopicFilter = None
    language: LanguageFilter = None
    published_from: PublishedFrom = None
    published_to: PublishedTo = None
    has_media: HasMediaFilter = None

    def interview_conditions(self, interview: list[str] | None) -> list[ColumnElement[bool]]:
        return interview_conditions(
            interview=interview,
            language=self.language,
            published_from=self.published_from,
            published_to=self.published_to,
            has_media=self.has_media,
        )


def said_in_interviews(
    statement: Select[Any],
    model: Any,
    scope: InterviewScope,
    interview: list[str] | None,
    *,
    by: Any,
    question_id: Any,
) -> Select[Any]:
    """The filters questions and answers share, both being said in an interview: the interview's own
    conditions, who said it (`by`, a speaker id column), and topics of its question or interview."""
    conditions = scope.interview_conditions(interview)
    if conditions:
        statement = statement.join(Interview, col(Interview.id) == model.interview_id).where(*conditions)
    if scope.speaker:
        chosen = select(col(Speaker.id)).where(col(Speaker.slug).in_(scope.speaker))
        statement = statement.where(by.in_(chosen))
    if scope.topic:
        statement = statement.where(about_topics(scope.topic, model.interview_id, question_id))
    return statement
