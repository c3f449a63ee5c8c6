"""What full-text search looks in: one row per interview, question, answer, speaker and topic.

Each row keeps the analysed terms of its text (see `app.storage.terms`) plus what hits are filtered
and faceted by. The stores' own full-text indexes are built from these columns by the migrations:
an FTS5 table kept in step by triggers on SQLite, a generated `tsvector` column on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, SQLModel, col


def _owner(target: str) -> Column[int]:
    return Column(Integer, ForeignKey(target, ondelete="CASCADE"), nullable=True)


class SearchDocument(SQLModel, table=True):
    __tablename__ = "search_documents"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    interview_id: int | None = Field(default=None, sa_column=_owner("interviews.id"))
    question_id: int | None = Field(default=None, sa_column=_owner("questions.id"))
    answer_id: int | None = Field(default=None, sa_column=_owner("answers.id"))
    speaker_id: int | None = Field(default=None, sa_column=_owner("speakers.id"))
    topic_id: int | None = Field(default=None, sa_column=_owner("topics.id"))
    language: str | None = Field(default=None, max_length=2)
    published_at: str | None = Field(default=None, max_length=40)
    title_terms: str = Field(default="", sa_type=Text)
    body_terms: str = Field(default="", sa_type=Text)
    context_terms: str = Field(default="", sa_type=Text)
    """What a question or answer is also found by, with less weight: who said it (name, title,
    organisation), the question it answers, the interview's title and topics."""


Index("ix_search_documents_kind", col(SearchDocument.kind), col(SearchDocument.id))
Index("ix_search_documents_interview_id", col(SearchDocument.interview_id))
Index("ix_search_documents_question_id", col(SearchDocument.question_id))
Index("ix_search_documents_answer_id", col(SearchDocument.answer_id))
Index("ix_search_documents_speaker_id", col(SearchDocument.speaker_id))
Index("ix_search_documents_topic_id", col(SearchDocument.topic_id))


class SearchWord(SQLModel, table=True):
    """Every word the index has seen, folded but not stemmed: what "did you mean" suggestions are made
    of. Words are added as text is indexed and never removed (a word no longer stored suggests a
    query that is checked for hits before it is offered)."""

    __tablename__ = "search_words"

    word: str = Field(sa_column=Column(String(40), primary_key=True))
