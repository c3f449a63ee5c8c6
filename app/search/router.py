"""`/v1/search`: answers, questions and interviews ranked by relevance, with snippets and facets."""

from __future__ import annotations

from typing import Annotated, Literal, cast

import orjson
from fastapi import APIRouter, Depends, Query, Request, Response

from app.auth.dependencies import ReadAccess
from app.errors import problem_responses
from app.kit.filters import (
    MAX_QUERY_LENGTH,
    HasMediaFilter,
    InterviewFilter,
    LanguageFilter,
    PublishedFrom,
    PublishedTo,
    SpeakerFilter,
    TopicFilter,
)
from app.kit.pagination import CountMode, CountParam, CursorParam, LimitParam, page_size, set_link_header
from app.kit.representation import ListFormat, ListShape, list_shape, shaped_page
from app.kit.sessions import SessionDep, long_read, short_read
from app.search import repository
from app.search.explain import explain
from app.search.grouped import interview_hits
from app.search.schemas import HitType, SearchExplanation, SearchHit, SearchPage

router = APIRouter(prefix="/v1/search", tags=["search"], dependencies=[ReadAccess])
HitShape = Annotated[ListShape, Depends(list_shape(SearchHit))]

QUERY_HELP = (
    "Words (all must match, in any inflection: `exports` finds `exporting`; `AND` between them says the same), "
    '`"a phrase"`, `OR` between two terms, `-word` or `NOT word` to exclude, `word*` for a prefix (of 3 letters or '
    "more). Operators are written in capitals; `and`, `or`, `not` are plain words. Any text is accepted: what is "
    "not syntax is read as plain words; a query that only excludes (`-visa`) is a 422."
)
SearchQueryParam = Annotated[
    str,
    Query(min_length=1, max_length=MAX_QUERY_LENGTH, description=QUERY_HELP, examples=["visa facilitation"]),
]


@router.get(
    "",
    operation_id="searchAll",
    summary="Search answers, questions and interviews",
    description="Hits are ranked by relevance (titles weigh more than body text). Facets count all hits "
    "of the query, not only this page. The list filters narrow the hits.",
    responses=problem_responses(422),
)
async def search(
    request: Request,
    response: Response,
    session: SessionDep,
    shape: HitShape,
    q: SearchQueryParam,
    type: Annotated[
        list[HitType] | None,
        Query(
            description="Kinds of hits to return; repeat for several (default: all).", examples=[["answer"]]
        ),
    ] = None,
    speaker: SpeakerFilter = None,
    topic: TopicFilter = None,
    interview: InterviewFilter = None,
    language: LanguageFilter = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    has_media: HasMediaFilter = None,
    group: Annotated[
        Literal["hit", "interview"],
        Query(
            description="`hit` (default): every matching answer, question and interview. `interview`: one hit per "
            "interview holding every word somewhere (not necessarily in one answer), ranked by its best part, "
            "with its best-matching answers in `top_answers`; facets then count interviews by date only.",
            examples=["interview"],
        ),
    ] = "hit",
    sort: Annotated[
        Literal["relevance", "-published_at", "published_at"],
        Query(description="`relevance` (default) or by publication date.", examples=["relevance"]),
    ] = "relevance",
    limit: LimitParam = None,
    cursor: CursorParam = None,
    count: CountParam = None,
) -> SearchPage:
    filters = repository.SearchFilters(
        types=type or list(HitType),
        speaker=speaker,
        topic=topic,
        interview=interview,
        language=language,
        published_from=published_from,
        published_to=published_to,
        has_media=has_media,
    )
    run = interview_hits if group == "interview" else repository.search
    # A page of hits is bounded by the search window; grouping by interview and counting are not.
    read = short_read if group == "hit" and count is None else long_read
    page = await read(session, run, session, q, filters, sort=sort, cursor=cursor, limit=page_size(limit))
    if count is not None:
        page.total_exact = True
        if not page.exact and group == "hit":
            page.total, page.total_exact = await read(
                session, repository.total_of, session, q, filters, count is CountMode.exact
            )
    if shape.plain:
        set_link_header(request, response, page.next_cursor)
        return page
    body = page.model_dump(mode="json")
    totals = {"total": page.total, **({"total_exact": page.total_exact} if count is not None else {})}
    shaped = shaped_page(shape, body.pop("items"), page.next_cursor, totals)
    if shape.format is ListFormat.json:
        # The page's other parts (facets, suggestions…) go with the items.
        shaped = Response(orjson.dumps(orjson.loads(shaped.body) | body), media_type="application/json")
    set_link_header(request, shaped, page.next_cursor)
    return cast(SearchPage, shaped)  # FastAPI sends a Response as it is


@router.get(
    "/explain",
    operation_id="explainSearch",
    summary="Show how a search query is read",
    description="The parsed query (groups that must all match, each any of its terms; excluded terms), the index "
    "terms each is looked up by in the languages searched, the expression the store runs, and notes on whatever "
    "is read differently from how it may look. Nothing is searched.",
    response_model=SearchExplanation,
    responses=problem_responses(422),
)
def explain_search(
    session: SessionDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_QUERY_LENGTH,
            description=QUERY_HELP,
            examples=["visas AND trade -oil"],
        ),
    ],
    language: LanguageFilter = None,
) -> SearchExplanation:
    return explain(session, q, language)
