"""Facets of a search: hits counted by type, month, speaker and topic, in the statement that ranks them."""

from __future__ import annotations

import re
from typing import Any, Literal

from sqlalchemy import Select, String, cast, func, literal, select, union_all
from sqlmodel import col

from app.models import InterviewTopic, QuestionTopic
from app.search.hits import Lookups
from app.search.schemas import FacetCount, PublishedRange, SearchFacets

TOP_FACET_VALUES = 10


def facet_parts(hits: Any) -> list[Select[Any]]:
    """Counts by type, year, speaker and topic over all hits, as (facet, value, count) rows.

    A hit is about a topic when its interview or its question is tagged with it; hits are counted per
    interview and per question first, so the topic links are joined to a few rows, not to every hit.
    """
    hit_count = func.count()
    by_type = select(literal("type"), hits.c.kind, hit_count).group_by(hits.c.kind)
    by_year = (
        select(literal("month"), hits.c.month, hit_count)
        .where(hits.c.month.is_not(None))
        .group_by(hits.c.month)
    )
    by_speaker = (
        select(literal("speaker"), cast(hits.c.speaker_id, String), hit_count)
        .where(hits.c.speaker_id.is_not(None))
        .group_by(hits.c.speaker_id)
        .order_by(hit_count.desc(), hits.c.speaker_id)
        .limit(TOP_FACET_VALUES)
    )
    per_interview = (
        select(hits.c.interview_id, func.count().label("hits"))
        .group_by(hits.c.interview_id)
        .cte("per_interview")
    )
    per_question = (
        select(hits.c.interview_id, hits.c.question_id, func.count().label("hits"))
        .where(hits.c.question_id.is_not(None))
        .group_by(hits.c.interview_id, hits.c.question_id)
        .cte("per_question")
    )
    interview_link = col(InterviewTopic.topic_id)
    question_link = col(QuestionTopic.topic_id)
    also_on_interview = (
        select(literal(1))
        .where(
            col(InterviewTopic.interview_id) == per_question.c.interview_id, interview_link == question_link
        )
        .correlate(per_question, QuestionTopic)
    )
    topic_hits = union_all(
        select(interview_link.label("topic_id"), per_interview.c.hits).join(
            InterviewTopic, col(InterviewTopic.interview_id) == per_interview.c.interview_id
        ),
        select(question_link.label("topic_id"), per_question.c.hits)
        .join(QuestionTopic, col(QuestionTopic.question_id) == per_question.c.question_id)
        .where(~also_on_interview.exists()),
    ).subquery("topic_hits")
    topic_total = func.sum(topic_hits.c.hits)
    by_topic = (
        select(literal("topic"), cast(topic_hits.c.topic_id, String), topic_total)
        .group_by(topic_hits.c.topic_id)
        .order_by(topic_total.desc(), topic_hits.c.topic_id)
        .limit(TOP_FACET_VALUES)
    )
    return [by_type, by_year, by_speaker, by_topic]


def facet_ids(counts: dict[str, list[tuple[str, int]]], facet: str) -> list[int]:
    """The speakers or topics counted, whose slugs and names `facets_from_counts` needs looked up."""
    return [int(value) for value, _ in counts[facet]]


def facets_from_counts(counts: dict[str, list[tuple[str, int]]], found: Lookups) -> tuple[SearchFacets, int]:
    """The facets in their documented order, with speaker and topic slugs and names; and the total."""
    speaker_names = {id_: (row.slug, row.text) for id_, row in found.speakers.items()}
    topic_names = {id_: (row.slug, row.text) for id_, row in found.topics.items()}
    total = sum(count for _, count in counts["type"])
    months: dict[str, int] = {}
    for month, count in counts["month"]:
        if MONTH.match(month):
            months[month] = months.get(month, 0) + count
    years: dict[str, int] = {}
    for month, count in months.items():
        years[month[:4]] = years.get(month[:4], 0) + count
    return (
        SearchFacets(
            type=[
                FacetCount(value=v, count=n) for v, n in sorted(counts["type"], key=lambda i: (-i[1], i[0]))
            ],
            speaker=[
                FacetCount(value=speaker_names[int(v)][0], name=speaker_names[int(v)][1], count=n)
                for v, n in sorted(counts["speaker"], key=lambda i: (-i[1], int(i[0])))
            ],
            topic=[
                FacetCount(value=topic_names[int(v)][0], name=topic_names[int(v)][1], count=n)
                for v, n in sorted(counts["topic"], key=lambda i: (-i[1], int(i[0])))
            ],
            year=[FacetCount(value=v, count=n) for v, n in sorted(years.items(), reverse=True)],
            published=published_ranges(months),
        ),
        total,
    )


MONTH = re.compile(r"^\d{4}-\d{2}$")
DECADES_FROM_YEARS = 20
"""Hits spread over more years than this are counted by decade; over more than one year, by year; else by month."""


def published_ranges(months: dict[str, int]) -> list[PublishedRange]:
    """Hits counted by publication period, as coarse as their spread needs, newest first; each period
    with the `published_from`/`published_to` filter that narrows a search to it."""
    if not months:
        return []
    years = sorted({int(month[:4]) for month in months})
    span: Literal["decade", "year", "month"] = (
        "decade"
        if years[-1] - years[0] >= DECADES_FROM_YEARS
        else "year"
        if years[-1] != years[0]
        else "month"
    )
    counts: dict[str, int] = {}
    for month, count in months.items():
        period = (
            f"{int(month[:4]) // 10 * 10}s" if span == "decade" else month[:4] if span == "year" else month
        )
        counts[period] = counts.get(period, 0) + count
    return [PublishedRange.of(value, span, count) for value, count in sorted(counts.items(), reverse=True)]
