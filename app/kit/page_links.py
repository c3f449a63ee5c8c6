"""Where the public HTML pages live (app/pages/): the paths feeds, search hits and the pages themselves
link to, in one place, so a link and the route it names cannot drift apart."""

from __future__ import annotations

from urllib.parse import quote, urlencode

INTERVIEW_PAGES = "/interviews"
SPEAKER_PAGES = "/speakers"
TOPIC_PAGES = "/topics"
SEARCH_PAGE = "/search"


def interview_page(slug: str) -> str:
    return f"{INTERVIEW_PAGES}/{quote(slug)}"


def question_anchor(question_id: int) -> str:
    """The `id` of a question on its interview's page (`#question-45` cites it)."""
    return f"question-{question_id}"


def answer_anchor(answer_id: int) -> str:
    """The `id` of an answer on its interview's page (`#answer-123` cites it)."""
    return f"answer-{answer_id}"


def question_page(slug: str, question_id: int) -> str:
    return f"{interview_page(slug)}#{question_anchor(question_id)}"


def answer_page(slug: str, answer_id: int) -> str:
    return f"{interview_page(slug)}#{answer_anchor(answer_id)}"


def speaker_page(slug: str) -> str:
    return f"{SPEAKER_PAGES}/{quote(slug)}"


def topic_page(slug: str) -> str:
    return f"{TOPIC_PAGES}/{quote(slug)}"


def search_page(q: str) -> str:
    return f"{SEARCH_PAGE}?{urlencode({'q': q})}"
