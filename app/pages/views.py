"""What each public page shows, read through the features' own repositories and the stored renderings:
the interview as `GET /v1/interviews/{ref}` serves it, a speaker's or topic's interviews as the list
serves them, and hits as `/v1/search` finds them. Nothing here knows SQL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlmodel import Session

from app.answers.repository import ANSWER_SORTS, list_answers
from app.answers.schemas import AnswerView
from app.interviews import rendering
from app.interviews.repository import INTERVIEW_SORTS, list_interviews
from app.interviews.schemas import InterviewDetail, InterviewSummary
from app.kit.filters import InterviewScope
from app.kit.pagination import Window, resolve_sort
from app.questions.repository import QUESTION_SORTS, list_questions
from app.questions.schemas import QuestionView
from app.search import repository as search
from app.search.schemas import SearchPage
from app.speakers.repository import find_speaker, speaker_view
from app.speakers.schemas import SpeakerView
from app.topics.repository import find_topic, topic_view
from app.topics.schemas import TopicView

PAGE_SIZE = 20
"""Items of each list on a speaker's or topic's page, and hits on the search page."""

ItemT = TypeVar("ItemT")


@dataclass(frozen=True)
class Listing(Generic[ItemT]):
    """One page of a list shown on a page, and the cursor of the next (None on the last)."""

    items: list[ItemT]
    next_cursor: str | None


@dataclass(frozen=True)
class SpeakerContent:
    speaker: SpeakerView
    interviews: Listing[InterviewSummary]
    answers: Listing[AnswerView]
    questions: Listing[QuestionView]


@dataclass(frozen=True)
class TopicContent:
    topic: TopicView
    interviews: Listing[InterviewSummary]


def interview_content(session: Session, ref: str) -> InterviewDetail | None:
    """The interview exactly as its JSON resource shows it (its stored rendering), or None."""
    view = rendering.current_detail(session, ref)
    return None if view is None else InterviewDetail.model_validate_json(view.body)


def interviews_of(session: Session, scope: InterviewScope, cursor: str | None) -> Listing[InterviewSummary]:
    """Newest first, as `GET /v1/interviews` lists them (a bad cursor is `InvalidRequest`)."""
    window = Window(resolve_sort("-published_at", INTERVIEW_SORTS), cursor, PAGE_SIZE)
    items, next_cursor = list_interviews(session, window, scope)
    return Listing([InterviewSummary.model_validate_json(item) for item in items], next_cursor)


def speaker_content(
    session: Session,
    ref: str,
    *,
    interviews: str | None = None,
    answers: str | None = None,
    questions: str | None = None,
) -> SpeakerContent | None:
    """A speaker with the interviews they took part in, the answers they gave and the questions they
    asked, each list newest first and paged by its own cursor."""
    found = find_speaker(session, ref)
    if found is None:
        return None
    speaker = speaker_view(found)
    scope = InterviewScope(speaker=[speaker.slug])
    said = Window(resolve_sort("-id", ANSWER_SORTS), answers, PAGE_SIZE)
    asked = Window(resolve_sort("-id", QUESTION_SORTS), questions, PAGE_SIZE)
    return SpeakerContent(
        speaker=speaker,
        interviews=interviews_of(session, scope, interviews),
        answers=Listing(*list_answers(session, said, scope, None)),
        questions=Listing(*list_questions(session, asked, scope, None)),
    )


def topic_content(session: Session, ref: str, *, cursor: str | None = None) -> TopicContent | None:
    """A topic with the interviews about it (tagged so, or with a question tagged so)."""
    found = find_topic(session, ref)
    if found is None:
        return None
    topic = topic_view(found)
    return TopicContent(topic, interviews_of(session, InterviewScope(topic=[topic.slug]), cursor))


def search_content(session: Session, q: str, cursor: str | None) -> SearchPage:
    """Hits of every kind, ranked, as `GET /v1/search?q=…` answers (a bad query is `InvalidRequest`)."""
    return search.search(session, q, search.SearchFilters(), sort="relevance", cursor=cursor, limit=PAGE_SIZE)
