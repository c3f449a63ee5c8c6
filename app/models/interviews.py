"""Interviews and what is said in them: participants, questions, answers, topic links."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, Text, UniqueConstraint, func, literal_column
from sqlmodel import Field, SQLModel, col

from app.models.base import created_at_field, updated_at_field


class Interview(SQLModel, table=True):
    """`published_at` is kept as its normalised ISO text (a date or a UTC date-time), which sorts in time order."""

    __tablename__ = "interviews"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=200, unique=True)
    title: str = Field(max_length=500)
    summary: str | None = Field(default=None, sa_type=Text)
    language: str | None = Field(default=None, max_length=2, index=True)
    published_at: str | None = Field(default=None, max_length=40)
    location: str | None = Field(default=None, max_length=200)
    event: str | None = Field(default=None, max_length=200)
    source_name: str | None = Field(default=None, max_length=200)
    source_url: str | None = Field(default=None, max_length=2000)
    question_count: int = Field(default=0)
    import_warnings: str | None = Field(default=None, sa_type=Text)
    """What the importer guessed, as the JSON list of the document's `import_warnings` (null: none)."""
    media_url: str | None = Field(default=None, max_length=2000)
    """The recording (audio or video) the interview's time codes refer to."""
    media_type: str | None = Field(default=None, max_length=100)
    media_duration: float | None = Field(default=None, sa_type=Float)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
    updated_by: str | None = Field(default=None, max_length=100)
    """The name of the API key that wrote the current version (null: not written through the API)."""


published_sort_key = func.coalesce(col(Interview.published_at), literal_column("''"))
"""Unknown dates sort before every known one; the index below serves this exact expression (the empty
string is written into the SQL, not bound, or no store would match the query to the index)."""

Index("ix_interviews_published_sort", published_sort_key, col(Interview.id))
Index("ix_interviews_title_id", col(Interview.title), col(Interview.id))
Index(
    "ix_interviews_media",
    col(Interview.id),
    postgresql_where=col(Interview.media_url).is_not(None),
    sqlite_where=col(Interview.media_url).is_not(None),
)
"""`has_media=true`: only the interviews with media are in it."""


def _cascade(target: str) -> Column[int]:
    return Column(Integer, ForeignKey(target, ondelete="CASCADE"), nullable=False)


def _restrict(target: str, nullable: bool = False) -> Column[int]:
    return Column(Integer, ForeignKey(target, ondelete="RESTRICT"), nullable=nullable)


class Participant(SQLModel, table=True):
    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("interview_id", "speaker_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(sa_column=_cascade("interviews.id"))
    speaker_id: int = Field(sa_column=_restrict("speakers.id"))
    role: str = Field(max_length=40)
    position: int


Index(
    "ix_participants_speaker_interview",
    col(Participant.speaker_id),
    col(Participant.interview_id),
)


class Question(SQLModel, table=True):
    __tablename__ = "questions"
    __table_args__ = (UniqueConstraint("interview_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(sa_column=_cascade("interviews.id"))
    position: int
    text: str = Field(sa_type=Text)
    asked_by_id: int | None = Field(sa_column=_restrict("speakers.id", nullable=True))
    start_time: float | None = Field(default=None, sa_type=Float)
    """Seconds into the interview's media where the question starts; null when untimed."""
    end_time: float | None = Field(default=None, sa_type=Float)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


Index("ix_questions_asked_by_id", col(Question.asked_by_id), col(Question.id))


class Answer(SQLModel, table=True):
    """`interview_id` repeats the question's so answers filter by interview without a join."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("question_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    question_id: int = Field(sa_column=_cascade("questions.id"))
    interview_id: int = Field(sa_column=_cascade("interviews.id"))
    position: int
    speaker_id: int = Field(sa_column=_restrict("speakers.id"))
    text: str = Field(sa_type=Text)
    start_time: float | None = Field(default=None, sa_type=Float)
    end_time: float | None = Field(default=None, sa_type=Float)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


Index("ix_answers_interview_id", col(Answer.interview_id), col(Answer.id))
Index("ix_answers_speaker_id", col(Answer.speaker_id), col(Answer.id))


class InterviewTopic(SQLModel, table=True):
    __tablename__ = "interview_topics"

    interview_id: int = Field(
        sa_column=Column(Integer, ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True)
    )
    topic_id: int = Field(
        sa_column=Column(Integer, ForeignKey("topics.id", ondelete="RESTRICT"), primary_key=True)
    )
    position: int = 0


Index(
    "ix_interview_topics_topic_interview",
    col(InterviewTopic.topic_id),
    col(InterviewTopic.interview_id),
)


class QuestionTopic(SQLModel, table=True):
    __tablename__ = "question_topics"

    question_id: int = Field(
        sa_column=Column(Integer, ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True)
    )
    topic_id: int = Field(
        sa_column=Column(Integer, ForeignKey("topics.id", ondelete="RESTRICT"), primary_key=True)
    )
    position: int = 0


Index(
    "ix_question_topics_topic_question",
    col(QuestionTopic.topic_id),
    col(QuestionTopic.question_id),
)
