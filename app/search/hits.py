"""A page of hits as readers see them: what each hit shows, looked up in one statement, and its snippet."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Float, Integer, String, Text, bindparam, cast, literal, null, select, union_all
from sqlmodel import Session, col

from app.kit.page_links import answer_page, interview_page, question_page
from app.kit.references import SpeakerRef
from app.models import Answer, Interview, Question, Speaker, Topic
from app.models.values import published_at_value
from app.search.highlight import Span, match_spans, snippet
from app.search.patterns import ExpandedQuery
from app.search.schemas import Highlight, HitInterview, HitQuestion, HitType, SearchHit


def _part(name: str, table: Any, **columns: Any) -> Any:
    """One part of `LOOKUPS`: rows of a table by id, in the columns every part shares."""
    shared = {
        "text": cast(null(), Text),
        "start_time": cast(null(), Float),
        "end_time": cast(null(), Float),
        "position": cast(null(), Integer),
        "slug": cast(null(), String),
        "summary": cast(null(), Text),
        "published_at": cast(null(), String),
        "media_url": cast(null(), String),
    } | columns
    return select(
        literal(name).label("part"),
        col(table.id).label("id"),
        *(value.label(key) for key, value in shared.items()),
    ).where(col(table.id).in_(bindparam(name, expanding=True)))


def _timed(model: Any) -> dict[str, Any]:
    """An answer's or question's text and time codes, as `_part` columns."""
    return {"text": col(model.text), "start_time": col(model.start_time), "end_time": col(model.end_time)}


LOOKUPS = union_all(
    _part("answers", Answer, **_timed(Answer)),
    _part("questions", Question, **_timed(Question), position=col(Question.position)),
    _part(
        "interviews",
        Interview,
        text=col(Interview.title),
        slug=col(Interview.slug),
        summary=col(Interview.summary),
        published_at=col(Interview.published_at),
        media_url=col(Interview.media_url),
    ),
    _part("speakers", Speaker, text=col(Speaker.name), slug=col(Speaker.slug)),
    _part("topics", Topic, text=col(Topic.name), slug=col(Topic.slug)),
)
"""Everything a page of hits and its facets show, by id, as one statement: a search sends it once
rather than a query per table (each costs more in SQLAlchemy than in the database)."""


@dataclass
class Lookups:
    """Rows of `LOOKUPS` by table and id; a row's `text` is an answer's or question's text, an
    interview's title, a speaker's or topic's name."""

    answers: dict[int, Any] = field(default_factory=dict)
    questions: dict[int, Any] = field(default_factory=dict)
    interviews: dict[int, Any] = field(default_factory=dict)
    speakers: dict[int, Any] = field(default_factory=dict)
    topics: dict[int, Any] = field(default_factory=dict)

    def speaker(self, speaker_id: int | None) -> SpeakerRef | None:
        row = self.speakers.get(speaker_id) if speaker_id is not None else None
        return SpeakerRef(id=row.id, slug=row.slug, name=row.text) if row is not None else None


def look_up(
    session: Session, rows: Iterable[Any], speaker_ids: Iterable[int] = (), topic_ids: Iterable[int] = ()
) -> Lookups:
    """What hit rows (search rows with `kind`, `answer_id`, `question_id`, `interview_id` and
    `speaker_id`) show, and the names of some more speakers and topics (a page's facets)."""
    rows = list(rows)
    ids: dict[str, set[int]] = {
        "answers": {r.answer_id for r in rows if r.kind == "answer"},
        "questions": {r.question_id for r in rows if r.question_id is not None},
        "interviews": {r.interview_id for r in rows},
        "speakers": {r.speaker_id for r in rows if r.speaker_id is not None} | set(speaker_ids),
        "topics": set(topic_ids),
    }
    found = Lookups()
    if not any(ids.values()):
        return found
    for row in session.connection().execute(LOOKUPS, {name: sorted(values) for name, values in ids.items()}):
        getattr(found, row.part)[row.id] = row
    return found


def hits_of(
    session: Session, rows: list[Any], query: ExpandedQuery, found: Lookups | None = None
) -> list[SearchHit]:
    """Hits of a page with their snippets and references (looked up unless `found` holds them)."""
    found = found if found is not None else look_up(session, rows)
    patterns = query.all_positive()
    result = []
    for row in rows:
        interview = found.interviews[row.interview_id]
        timed: Any = None
        if row.kind == "answer":
            timed = found.answers[row.answer_id]
            fields = [("text", timed.text)]
            hit_id = row.answer_id
        elif row.kind == "question":
            timed = found.questions[row.question_id]
            fields = [("text", timed.text)]
            hit_id = row.question_id
        else:
            fields = [("title", interview.text), ("summary", interview.summary or "")]
            hit_id = row.interview_id
        start_time = timed.start_time if timed is not None else None
        shown, spans, all_highlights = _best_field(fields, row.language, patterns)
        question = found.questions.get(row.question_id) if row.question_id is not None else None
        result.append(
            SearchHit(
                type=HitType(row.kind),
                id=hit_id,
                score=float(row.score),
                snippet=snippet(shown, spans),
                highlights=all_highlights,
                interview=HitInterview(
                    id=interview.id,
                    slug=interview.slug,
                    title=interview.text,
                    published_at=published_at_value(interview.published_at),
                ),
                question=HitQuestion(id=question.id, position=question.position) if question else None,
                speaker=found.speaker(row.speaker_id),
                start_time=start_time,
                end_time=timed.end_time if timed is not None else None,
                media_url=media_fragment(interview.media_url, start_time),
                page_url=hit_page(row.kind, interview.slug, hit_id),
            )
        )
    return result


def hit_page(kind: str, slug: str, hit_id: int) -> str:
    """The public page that shows a hit, at its answer or question."""
    if kind == "answer":
        return answer_page(slug, hit_id)
    if kind == "question":
        return question_page(slug, hit_id)
    return interview_page(slug)


def media_fragment(media_url: str | None, start_time: float | None) -> str | None:
    """The recording at the second the hit was said (a W3C media fragment, `#t=`), or the recording."""
    if media_url is None:
        return None
    if start_time is None:
        return media_url
    seconds = f"{start_time:.3f}".rstrip("0").rstrip(".")
    return f"{media_url.split('#', 1)[0]}#t={seconds}"


def _best_field(
    fields: list[tuple[str, str]], language: str | None, patterns: Any
) -> tuple[str, list[Span], list[Highlight]]:
    """The first field with a match is shown in the snippet; every field's matches are listed."""
    shown: tuple[str, list[Span]] | None = None
    highlights: list[Highlight] = []
    for name, text in fields:
        spans = match_spans(text, language, patterns)
        highlights += [Highlight(field=name, start=s.start, end=s.end) for s in spans]
        if spans and shown is None:
            shown = (text, spans)
    if shown is None:
        shown = (fields[0][1], [])
    return shown[0], shown[1], highlights
