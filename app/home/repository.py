"""What the front page counts, in one query."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from app.models import Answer, Interview, Question, Speaker, Topic

COUNTED: dict[str, type[SQLModel]] = {
    "interviews": Interview,
    "questions": Question,
    "answers": Answer,
    "speakers": Speaker,
    "topics": Topic,
}


def catalog_counts(session: Session) -> dict[str, int]:
    """How many of each resource are stored, as one SELECT of scalar subqueries."""
    columns = [
        select(func.count()).select_from(model).scalar_subquery().label(name)
        for name, model in COUNTED.items()
    ]
    row = session.execute(select(*columns)).one()
    return {name: int(count) for name, count in zip(COUNTED, row, strict=True)}
