"""Which interviews show a speaker or a topic: what must be rendered and indexed again when one is
renamed."""

from __future__ import annotations

from sqlalchemy import select, union
from sqlmodel import Session, col

from app.models import Answer, InterviewTopic, Participant, Question, QuestionTopic


def interviews_naming(session: Session, speaker_ids: list[int], topic_ids: list[int]) -> set[int]:
    """Interviews whose views show one of these speakers or topics."""
    parts = []
    if speaker_ids:
        parts += [
            select(col(Participant.interview_id)).where(col(Participant.speaker_id).in_(speaker_ids)),
            select(col(Answer.interview_id)).where(col(Answer.speaker_id).in_(speaker_ids)),
            select(col(Question.interview_id)).where(col(Question.asked_by_id).in_(speaker_ids)),
        ]
    if topic_ids:
        parts += [
            select(col(InterviewTopic.interview_id)).where(col(InterviewTopic.topic_id).in_(topic_ids)),
            select(col(Question.interview_id))
            .join(QuestionTopic, col(QuestionTopic.question_id) == col(Question.id))
            .where(col(QuestionTopic.topic_id).in_(topic_ids)),
        ]
    if not parts:
        return set()
    return set(session.execute(union(*parts)).scalars())
