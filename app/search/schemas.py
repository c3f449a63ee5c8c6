"""What a search answers: ranked hits with snippets and offsets, the page cursor, and facets."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from app.kit.references import SpeakerRef


class HitType(StrEnum):
    answer = "answer"
    question = "question"
    interview = "interview"


class Highlight(BaseModel):
    """One match, as character offsets into the full text of `field` (Python string indexes)."""

    field: str = Field(description="`text` for answers and questions, `title` or `summary` for interviews.")
    start: int
    end: int


class HitInterview(BaseModel):
    id: int
    slug: str
    title: str
    published_at: date | datetime | None


class HitQuestion(BaseModel):
    id: int
    position: int


class SearchHit(BaseModel):
    type: HitType
    id: int = Field(description="Id of the answer, question or interview.")
    score: float = Field(description="Relevance; higher is better. Comparable within one result list only.")
    snippet: str = Field(
        description="Text around the matches, HTML-escaped, each match wrapped in `<mark>…</mark>`.",
        examples=["…the conclusion of a <mark>Visa</mark> <mark>Facilitation</mark> Agreement…"],
    )
    highlights: list[Highlight]
    interview: HitInterview
    question: HitQuestion | None = None
    speaker: SpeakerRef | None = None
    start_time: float | None = Field(
        default=None,
        description="Seconds into the interview's media where the hit was said; null when untimed.",
    )
    end_time: float | None = None
    media_url: str | None = Field(
        default=None,
        description="The interview's recording, at the hit's start time when it has one (`…#t=62.5`).",
        examples=["https://media.example.org/episodes/42.mp3#t=62.5"],
    )
    page_url: str = Field(
        description="Where a reader sees the hit: the interview's public HTML page, at the answer or question "
        "(`#answer-{id}`, `#question-{id}`); a path on this server.",
        examples=[
            "/interviews/interview-with-kazakhstan-deputy-minister-of-foreign-affairs-roman-vassilenko#answer-6"
        ],
    )
    top_answers: list[SearchHit] | None = Field(
        default=None,
        description="With `group=interview`: the interview's best-matching answers (up to 3), best first.",
    )


class FacetCount(BaseModel):
    value: str = Field(description="A type, speaker slug, topic slug or year.")
    name: str | None = Field(default=None, description="Display name of a speaker or topic.")
    count: int


class PublishedRange(BaseModel):
    """Hits published in one period, with the filter that narrows a search to it."""

    value: str = Field(description="The period: a decade (`2020s`), a year (`2025`) or a month (`2025-04`).")
    span: Literal["decade", "year", "month"]
    published_from: date
    published_to: date
    count: int

    @classmethod
    def of(cls, value: str, span: Literal["decade", "year", "month"], count: int) -> PublishedRange:
        if span == "decade":
            start = int(value[:4])
            first, last = date(start, 1, 1), date(start + 9, 12, 31)
        elif span == "year":
            first, last = date(int(value), 1, 1), date(int(value), 12, 31)
        else:
            year, month = int(value[:4]), int(value[5:7])
            first = date(year, month, 1)
            last = (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - timedelta(days=1)
        return cls(value=value, span=span, published_from=first, published_to=last, count=count)


class SearchFacets(BaseModel):
    """Counts over every hit of the query (not only this page); speakers and topics: the top 10."""

    type: list[FacetCount]
    speaker: list[FacetCount]
    topic: list[FacetCount]
    year: list[FacetCount]
    published: list[PublishedRange] = Field(
        default_factory=list,
        description="Hits by publication period: by decade when they spread over twenty years or more, by year "
        "when over more than one, else by month; newest first.",
    )


class SearchPage(BaseModel):
    items: list[SearchHit]
    next_cursor: str | None = None
    total: int = Field(
        description="Number of hits of the whole query (when `exact` is false: of the window, unless `count` "
        "asked for every hit)."
    )
    exact: bool = Field(
        default=True,
        description="False when a relevance-ranked query matched more rows than the search window "
        "(SEARCH_WINDOW, 1,000 by default): hits are then ranked among the most recently stored "
        "matches of that many, and `total` and the facets count those. More words or a filter give "
        "exact figures; sorting by date is always exact.",
    )
    total_exact: bool | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description="With `count`: whether `total` counts every hit of the query (`count=exact`, or a "
        "query within the window) or is the planner's estimate (`count=estimated` on PostgreSQL). Left out "
        "without `count`.",
    )
    relaxed: bool = Field(
        default=False,
        description="True when no hit held every word of the query: these hits hold any of them (ranked by how "
        "well they match), so a reader still sees something near. False for every exact answer.",
    )
    suggestions: list[str] = Field(
        default_factory=list,
        description="When nothing held every word: up to three corrected queries that do have hits, made from "
        "the words the index has seen (`vissa` → `visa`), fewest edits first.",
        examples=[["visa trade"]],
    )
    facets: SearchFacets


class ExplainedTerm(BaseModel):
    kind: Literal["word", "phrase", "prefix"]
    text: str = Field(
        description="The term as read: folded to lower case, accents removed.", examples=["visas"]
    )
    looked_up: list[str] = Field(
        description="What the index is searched for: the term's stems in each language searched (`export*` for a "
        "prefix, words in a row for a phrase).",
        examples=[["visa", "vis"]],
    )


class ExplainedGroup(BaseModel):
    any_of: list[ExplainedTerm] = Field(
        description="One of these must match (one term, or terms joined by OR)."
    )


class SearchExplanation(BaseModel):
    """How a query is read, for developers and support: the tree, and the terms looked up."""

    q: str
    all_of: list[ExplainedGroup] = Field(description="Every group must match somewhere in a hit's text.")
    none_of: list[ExplainedTerm] = Field(description="No hit contains any of these (`-word`, `NOT word`).")
    languages: list[str] = Field(
        description="Languages whose stems are looked up: the `language` filter's, or every stored one.",
        examples=[["en"]],
    )
    store: Literal["sqlite", "postgresql"]
    expression: str = Field(
        description="What the store runs: an FTS5 MATCH expression on SQLite, a tsquery on PostgreSQL.",
        examples=['("visa") AND ("trade")'],
    )
    notes: list[str] = Field(
        description="What was read differently from how it may look: words taken as words, things ignored.",
        examples=[["'and' is a word: write AND, OR and NOT in capitals to use them as operators"]],
    )
