"""Public HTML pages: an interview, a speaker, a topic and a search, for people, search engines and
social cards; the same data as the JSON API, which each page links to. Not part of the API's OpenAPI
document. Whatever a page is asked (an unknown slug, a damaged cursor, a query that cannot match), it
answers with a page, never a problem document."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from app.auth.dependencies import CurrentKey
from app.config import get_settings
from app.errors import InvalidRequest
from app.kit.filters import MAX_QUERY_LENGTH
from app.kit.links import public_base_url
from app.kit.page_links import INTERVIEW_PAGES, SEARCH_PAGE, SPEAKER_PAGES, TOPIC_PAGES
from app.kit.sessions import SessionDep
from app.pages import head, views
from app.pages.templating import STYLESHEET_URL, render_page, stylesheet

router = APIRouter(include_in_schema=False)

Cursor = Annotated[str | None, Query()]
"""Unchecked here: a damaged cursor is answered with a page that says so, not a 422 problem."""


def readable(key: CurrentKey) -> bool:
    """Anyone may read, unless REQUIRE_API_KEY_FOR_READS is set (then a key must come with the request)."""
    return key is not None or not get_settings().require_api_key_for_reads


def message(request: Request, status_code: int, title: str, text: str) -> HTMLResponse:
    """A page that says what went wrong, with the search form and a way home."""
    base = public_base_url(request)
    return render_page(
        "message.html",
        status_code,
        head=head.message_head(title, base, request.url.path),
        heading=title,
        text=text,
        q="",
    )


def not_found(request: Request, what: str, ref: str) -> HTMLResponse:
    return message(request, 404, f"No such {what}", f"There is no {what} called “{ref}” here.")


def locked(request: Request) -> HTMLResponse:
    return message(
        request,
        401,
        "Reading needs an API key",
        "This service only shows its interviews to clients that send an API key.",
    )


def bad_request(request: Request, problem: InvalidRequest) -> HTMLResponse:
    return message(request, 400, "This link does not work", str(problem.detail))


@router.get(INTERVIEW_PAGES + "/{ref}", response_class=HTMLResponse)
def interview_page(ref: str, request: Request, session: SessionDep, key: CurrentKey) -> HTMLResponse:
    if not readable(key):
        return locked(request)
    interview = views.interview_content(session, ref)
    if interview is None:
        return not_found(request, "interview", ref)
    base = public_base_url(request)
    return render_page("interview.html", head=head.interview_head(interview, base), interview=interview, q="")


@router.get(SPEAKER_PAGES + "/{ref}", response_class=HTMLResponse)
def speaker_page(
    ref: str,
    request: Request,
    session: SessionDep,
    key: CurrentKey,
    cursor: Cursor = None,
    answers: Cursor = None,
    questions: Cursor = None,
) -> HTMLResponse:
    if not readable(key):
        return locked(request)
    try:
        content = views.speaker_content(session, ref, interviews=cursor, answers=answers, questions=questions)
    except InvalidRequest as problem:
        return bad_request(request, problem)
    if content is None:
        return not_found(request, "speaker", ref)
    base = public_base_url(request)
    return render_page("speaker.html", head=head.speaker_head(content, base), content=content, q="")


@router.get(TOPIC_PAGES + "/{ref}", response_class=HTMLResponse)
def topic_page(
    ref: str, request: Request, session: SessionDep, key: CurrentKey, cursor: Cursor = None
) -> HTMLResponse:
    if not readable(key):
        return locked(request)
    try:
        content = views.topic_content(session, ref, cursor=cursor)
    except InvalidRequest as problem:
        return bad_request(request, problem)
    if content is None:
        return not_found(request, "topic", ref)
    base = public_base_url(request)
    return render_page("topic.html", head=head.topic_head(content, base), content=content, q="")


@router.get(SEARCH_PAGE, response_class=HTMLResponse)
def search_page(
    request: Request,
    session: SessionDep,
    key: CurrentKey,
    q: Annotated[str, Query()] = "",
    cursor: Cursor = None,
) -> HTMLResponse:
    if not readable(key):
        return locked(request)
    base = public_base_url(request)
    text = q.strip()
    page, problem, status_code = None, None, 200
    if len(text) > MAX_QUERY_LENGTH:
        problem, status_code = f"A search may be up to {MAX_QUERY_LENGTH:,} characters long.", 400
    elif text:
        try:
            page = views.search_content(session, text, cursor)
        except InvalidRequest as error:
            problem, status_code = str(error.detail), 400
    return render_page(
        "search.html", status_code, head=head.search_head(text, base), q=text, page=page, problem=problem
    )


@router.get(STYLESHEET_URL)
def pages_stylesheet() -> Response:
    return Response(stylesheet(), media_type="text/css; charset=utf-8")
