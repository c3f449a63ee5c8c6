"""`GET /v1/answers/{id}/related`: what other people said on the same subject in other interviews.

A "more like this" over the same index: the answer's most distinctive terms (frequent in it, rare in
the index: tf × idf, the weighting BM25 builds on) are looked up as alternatives, and the answers of
other interviews and other speakers that hold them are ranked as any search is.
"""

from __future__ import annotations

import math
from collections import Counter

from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlmodel import Session

from app.models import Answer
from app.search.dialect import engine_for
from app.search.hits import hits_of
from app.search.patterns import ExpandedQuery, Pattern
from app.search.repository import HIT_COLUMNS, documents
from app.search.schemas import SearchHit

TERMS = 8
"""Distinctive terms looked up."""
CANDIDATE_TERMS = 30
"""The answer's most frequent terms whose rarity in the index is measured."""
COUNT_CAP = 5_000
"""Rows counted per term at most: a term in more rows than that is common, however many more."""
MIN_TERM_LENGTH = 3


class RelatedAnswers(BaseModel):
    terms: list[str] = Field(
        description="The answer's most distinctive index terms (stems), most distinctive first: what was looked up.",
        examples=[["visa", "facilit", "schengen"]],
    )
    items: list[SearchHit] = Field(
        description="Answers from other interviews, by other speakers, best first."
    )


def related_answers(session: Session, answer: Answer, limit: int) -> RelatedAnswers:
    own = session.execute(
        select(documents.c.body_terms, documents.c.speaker_id).where(documents.c.answer_id == answer.id)
    ).first()
    if own is None:
        return RelatedAnswers(terms=[], items=[])
    counts = Counter(
        term for term in own.body_terms.split() if len(term) >= MIN_TERM_LENGTH and not term.isdigit()
    )
    engine = engine_for(session)
    total = session.execute(select(func.count()).select_from(documents)).scalar_one()

    def rows_holding(term: str) -> int:
        source, matches, _score = engine.matching(ExpandedQuery(required=[[Pattern((term,))]], excluded=[]))
        capped = select(documents.c.id).select_from(source).where(matches).limit(COUNT_CAP).subquery()
        return int(session.execute(select(func.count()).select_from(capped)).scalar_one())

    weights = {
        term: count * math.log(1 + total / max(1, rows_holding(term)))
        for term, count in counts.most_common(CANDIDATE_TERMS)
    }
    terms = sorted(weights, key=lambda term: (-weights[term], term))[:TERMS]
    if not terms:
        return RelatedAnswers(terms=[], items=[])
    query = ExpandedQuery(required=[[Pattern((term,)) for term in terms]], excluded=[])
    source, matches, score = engine.matching(query)
    statement = (
        select(
            *HIT_COLUMNS,
            score.label("score"),
        )
        .select_from(source)
        .where(
            matches,
            documents.c.kind == "answer",
            documents.c.interview_id != answer.interview_id,
            documents.c.speaker_id != own.speaker_id,
        )
        .order_by(score.desc(), documents.c.id)
        .limit(limit)
    )
    rows = session.execute(statement).all()
    return RelatedAnswers(terms=terms, items=hits_of(session, list(rows), query))
