"""An answer as its own resource, with the question it answers."""

from __future__ import annotations

from pydantic import BaseModel

from app.interviews.schemas import EndTime, StartTime
from app.kit.references import InterviewRef, SpeakerRef
from app.models.values import UtcDateTime


class QuestionRef(BaseModel):
    id: int
    position: int
    text: str


class AnswerView(BaseModel):
    id: int
    interview: InterviewRef
    question: QuestionRef
    position: int
    speaker: SpeakerRef
    text: str
    start_time: StartTime = None
    end_time: EndTime = None
    created_at: UtcDateTime
    updated_at: UtcDateTime
