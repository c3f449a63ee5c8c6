"""`/v1/speakers`: the people who ask and answer."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from app.db import SessionDep
from app.documents.schema import Role
from app.errors import NotFound, problem_responses
from app.filters import MAX_FILTER_VALUES, InterviewFilter, TextQueryFilter
from app.pagination import CursorParam, LimitParam, Page, page_size, resolve_sort, set_link_header
from app.speakers import repository
from app.speakers.schemas import SpeakerView

router = APIRouter(prefix="/v1/speakers", tags=["speakers"])

SpeakerSort = Literal[
    "name", "-name", "slug", "-slug", "id", "-id", "created_at", "-created_at", "updated_at", "-updated_at"
]  # fmt: skip
TextValues = Annotated[list[str] | None, Query(max_length=MAX_FILTER_VALUES)]


@router.get(
    "",
    operation_id="listSpeakers",
    summary="List speakers",
    description="By name unless `sort` says otherwise. `interview` and `role` find who took part where, and how.",
    responses=problem_responses(422),
)
def list_speakers(
    request: Request,
    response: Response,
    session: SessionDep,
    interview: InterviewFilter = None,
    role: Annotated[
        list[Role] | None,
        Query(max_length=MAX_FILTER_VALUES, description="Role in an interview; repeat for any of several."),
    ] = None,
    country: Annotated[
        list[str] | None,
        Query(
            max_length=MAX_FILTER_VALUES, description="Country, exactly as stored.", examples=[["Kazakhstan"]]
        ),
    ] = None,
    organization: Annotated[
        list[str] | None,
        Query(max_length=MAX_FILTER_VALUES, description="Organization, exactly as stored."),
    ] = None,
    sort: Annotated[
        SpeakerSort, Query(description="Field to sort by; `-` in front for descending.")
    ] = "name",
    q: TextQueryFilter = None,
    limit: LimitParam = None,
    cursor: CursorParam = None,
) -> Page[SpeakerView]:
    size = page_size(limit)
    items, next_cursor = repository.list_speakers(
        session,
        sort=resolve_sort(sort, repository.SPEAKER_SORTS),
        cursor=cursor,
        limit=size,
        q=q,
        interview=interview,
        role=[r.value for r in role] if role else None,
        country=country,
        organization=organization,
    )
    set_link_header(request, response, next_cursor)
    return Page(items=items, next_cursor=next_cursor)


@router.get(
    "/{ref}",
    operation_id="getSpeaker",
    summary="Get one speaker",
    responses=problem_responses(404, 422),
)
def get_speaker(
    ref: Annotated[
        str,
        Path(min_length=1, max_length=200, description="Speaker id or slug.", examples=["roman-vassilenko"]),
    ],
    session: SessionDep,
) -> SpeakerView:
    speaker = repository.find_speaker(session, ref)
    if speaker is None:
        raise NotFound(f"No speaker with id or slug '{ref}'.")
    return repository.speaker_view(speaker)
