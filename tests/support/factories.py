"""Interview documents for tests, small and explicit, each test making its own."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.imports.service import import_source

if TYPE_CHECKING:
    from tests.conftest import Store


def speaker(slug: str, name: str | None = None, **details: Any) -> dict[str, Any]:
    return {"slug": slug, "name": name or slug.replace("-", " ").title(), **details}


def interview_document(
    slug: str,
    *,
    title: str | None = None,
    published_at: str | None = "2024-05-01",
    language: str = "en",
    interviewer: str = "ivy-asker",
    interviewee: str = "oleg-answerer",
    topics: list[str] | None = None,
    questions: list[tuple[str, list[str]]] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """A two-person interview; `questions` are (question text, [answer texts])."""
    questions = questions if questions is not None else [("What happened?", ["Much happened."])]
    return {
        "slug": slug,
        "title": title or f"Interview {slug}",
        "summary": None,
        "language": language,
        "published_at": published_at,
        "location": None,
        "event": None,
        "source": {"name": "Test Outlet", "url": f"https://outlet.example/{slug}"},
        "participants": [
            {"speaker": speaker(interviewer), "role": "interviewer"},
            {"speaker": speaker(interviewee), "role": "interviewee"},
        ],
        "topics": [{"slug": t, "name": t.replace("-", " ").capitalize()} for t in (topics or [])],
        "questions": [
            {
                "position": n,
                "text": text,
                "asked_by": interviewer,
                "answers": [
                    {"position": m, "speaker": interviewee, "text": answer}
                    for m, answer in enumerate(answers, start=1)
                ],
            }
            for n, (text, answers) in enumerate(questions, start=1)
        ],
        **fields,
    }


DEMO_ARTICLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "eu-reporter-vassilenko-2025.txt"


def import_demo(store: Store) -> None:
    """The demo interview, imported from its article by the project's own importer, as `make run` does."""
    report = import_source(store.engine, str(DEMO_ARTICLE))
    assert not report.bad_records
