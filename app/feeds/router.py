"""`/v1/feeds`: the newest interviews, or those matching a search, as Atom, RSS 2.0 and JSON Feed 1.1.

Each page holds at most `limit` entries; older ones are one `next` link away (`rel="next"` in
Atom and RSS, `next_url` in JSON Feed), which carries a `before` cursor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from app.auth.dependencies import ReadAccess
from app.errors import problem_responses
from app.feeds.builders import FeedInfo, atom_feed, json_feed, rss_feed
from app.feeds.repository import FeedPage, feed_entries
from app.feeds.schemas import JsonFeed
from app.kit.filters import LanguageFilter, SpeakerFilter, TopicFilter
from app.kit.links import public_base_url
from app.kit.sessions import SessionDep
from app.search.router import SearchQueryParam

router = APIRouter(prefix="/v1/feeds", tags=["feeds"], dependencies=[ReadAccess])

ATOM_MEDIA_TYPE = "application/atom+xml"
RSS_MEDIA_TYPE = "application/rss+xml"
JSON_FEED_MEDIA_TYPE = "application/feed+json"
DEFAULT_FEED_LIMIT = 50
MAX_FEED_LIMIT = 100


class AtomResponse(Response):
    media_type = ATOM_MEDIA_TYPE


class RssResponse(Response):
    media_type = RSS_MEDIA_TYPE


class JsonFeedResponse(JSONResponse):
    media_type = JSON_FEED_MEDIA_TYPE


FeedLimitParam = Annotated[
    int,
    Query(ge=1, le=MAX_FEED_LIMIT, description=f"Entries per page: 1 to {MAX_FEED_LIMIT}.", examples=[20]),
]
BeforeParam = Annotated[
    str | None,
    Query(
        max_length=500,
        description="Older entries: the `before` of the feed's `next` link (`next_url` in JSON Feed).",
        examples=[None],
    ),
]


def _xml_responses(media_type: str, what: str) -> dict[int | str, dict[str, Any]]:
    return {
        200: {"description": what, "content": {media_type: {"schema": {"type": "string"}}}},
        **problem_responses(422),
    }


def _info(
    request: Request, page: FeedPage, title: str, description: str, language: list[str] | None
) -> FeedInfo:
    """Links built on PUBLIC_BASE_URL (right behind a proxy too), or on the address the request came to."""
    base = public_base_url(request)
    path = base + request.url.path
    query = request.url.query
    without_page = request.url.remove_query_params("before").query
    next_url = None
    if page.before is not None:
        next_url = path + "?" + request.url.include_query_params(before=page.before).query
    return FeedInfo(
        base_url=base,
        title=title,
        description=description,
        feed_id=path + (f"?{without_page}" if without_page else ""),
        self_url=path + (f"?{query}" if query else ""),
        home_url=f"{base}/v1/interviews",
        next_url=next_url,
        language=language[0] if language and len(language) == 1 else None,
    )


def _narrowed(speaker: list[str] | None, topic: list[str] | None, language: list[str] | None) -> str:
    parts = [
        f"{name} {', '.join(values)}"
        for name, values in (("speaker", speaker), ("topic", topic), ("language", language))
        if values
    ]
    return f" ({'; '.join(parts)})" if parts else ""


@dataclass(frozen=True)
class FeedFilters:
    """What every feed takes: the list filters, the page size and where older entries start."""

    speaker: list[str] | None
    topic: list[str] | None
    language: list[str] | None
    limit: int
    before: str | None


async def feed_filters(
    speaker: SpeakerFilter = None,
    topic: TopicFilter = None,
    language: LanguageFilter = None,
    limit: FeedLimitParam = DEFAULT_FEED_LIMIT,
    before: BeforeParam = None,
) -> FeedFilters:
    return FeedFilters(speaker, topic, language, limit, before)


FeedFiltersDep = Annotated[FeedFilters, Depends(feed_filters)]


Feed = tuple[FeedInfo, FeedPage]


def _feed(request: Request, session: SessionDep, q: str | None, filters: FeedFilters) -> Feed:
    page = feed_entries(
        session,
        limit=filters.limit,
        before=filters.before,
        q=q,
        speaker=filters.speaker,
        topic=filters.topic,
        language=filters.language,
    )
    narrowed = _narrowed(filters.speaker, filters.topic, filters.language)
    if q is None:
        title, description = f"Interviews{narrowed}", f"The newest interviews{narrowed}, newest first."
    else:
        title = f"Interviews matching “{q}”{narrowed}"
        description = f"{title}, newest first."
    return _info(request, page, title, description, filters.language), page


def latest_feed(request: Request, session: SessionDep, filters: FeedFiltersDep) -> Feed:
    return _feed(request, session, None, filters)


def search_feed(request: Request, session: SessionDep, q: SearchQueryParam, filters: FeedFiltersDep) -> Feed:
    return _feed(request, session, q, filters)


LatestFeed = Annotated[Feed, Depends(latest_feed)]
SearchFeed = Annotated[Feed, Depends(search_feed)]


def atom(feed: Feed) -> AtomResponse:
    return AtomResponse(atom_feed(feed[0], feed[1].entries))


def rss(feed: Feed) -> RssResponse:
    return RssResponse(rss_feed(feed[0], feed[1].entries))


def json(feed: Feed) -> JsonFeed:
    return json_feed(feed[0], feed[1].entries)


FORMATS: dict[str, tuple[Callable[[Feed], Any], dict[str, Any]]] = {
    "atom": (atom, {"response_class": AtomResponse, "responses": _xml_responses(ATOM_MEDIA_TYPE, "An Atom 1.0 feed (RFC 4287).")}),
    "rss": (rss, {"response_class": RssResponse, "responses": _xml_responses(RSS_MEDIA_TYPE, "An RSS 2.0 feed.")}),
    "json": (json, {"response_class": JsonFeedResponse, "response_model": JsonFeed, "response_model_exclude_none": True, "responses": problem_responses(422)}),
}  # fmt: skip
SEARCH_DESCRIPTION = (
    "Interviews with a hit for `q` (in the interview, a question or an answer), newest first."
)
FEEDS = [
    ("interviews", "atom", "getInterviewsAtomFeed", "The newest interviews as an Atom feed",
     "Newest first, each entry an interview with its summary; `speaker`, `topic` and `language` narrow it. "
     "Older entries are behind the feed's `next` link."),
    ("interviews", "rss", "getInterviewsRssFeed", "The newest interviews as an RSS 2.0 feed",
     "The Atom feed's entries, for readers that only take RSS."),
    ("interviews", "json", "getInterviewsJsonFeed", "The newest interviews as a JSON Feed",
     "The Atom feed's entries as JSON Feed 1.1; older entries are behind `next_url`."),
    ("search", "atom", "getSearchAtomFeed", "Interviews matching a search, as an Atom feed", SEARCH_DESCRIPTION),
    ("search", "rss", "getSearchRssFeed", "Interviews matching a search, as an RSS 2.0 feed", SEARCH_DESCRIPTION),
    ("search", "json", "getSearchJsonFeed", "Interviews matching a search, as a JSON Feed", SEARCH_DESCRIPTION),
]  # fmt: skip
"""(what, format, operationId, summary, description): every feed is one of two sources in one of three
formats."""


def _endpoint(what: str, render: Callable[[Feed], Any]) -> Callable[..., Any]:
    if what == "search":

        def search(feed: SearchFeed) -> Any:
            return render(feed)

        return search

    def latest(feed: LatestFeed) -> Any:
        return render(feed)

    return latest


for what, format_, operation_id, summary, description in FEEDS:
    render, options = FORMATS[format_]
    router.add_api_route(
        f"/{what}.{format_}",
        _endpoint(what, render),
        methods=["GET"],
        operation_id=operation_id,
        summary=summary,
        description=description,
        **options,
    )
