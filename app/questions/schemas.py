"""A question as its own resource: where it was asked, by whom, and its answers."""

from __future__ import annotations

from pydantic import BaseModel

from app.interviews.schemas import AnswerInQuestion, EndTime, StartTime
from app.kit.references import InterviewRef, SpeakerRef, TopicRef
from app.models.values import UtcDateTime


class QuestionView(BaseModel):
    id: int
    interview: InterviewRef
    position: int
    text: str
    start_time: StartTime = None
    end_time: EndTime = None
    asked_by: SpeakerRef | None
    topics: list[TopicRef]
    answers: list[AnswerInQuestion]
    created_at: UtcDateTime
    updated_at: UtcDateTime
