"""`/v1/speakers`: the people who ask and answer."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Path, Query, Request, Response

from app.auth.audit import AuditedWrite
from app.auth.dependencies import ReadAccess
from app.contract.document import Role
from app.errors import NotFound, problem_responses
from app.kit.filters import MAX_FILTER_VALUES, InterviewFilter, TextQueryFilter
from app.kit.lookup import get_or_404
from app.kit.pagination import CursorParam, LimitParam, Page, page_size, resolve_sort, set_link_header
from app.kit.preconditions import check_if_match
from app.kit.sessions import SessionDep
from app.models import Speaker
from app.speakers import editing, repository
from app.speakers.schemas import SpeakerView

router = APIRouter(prefix="/v1/speakers", tags=["speakers"])
READ = [ReadAccess]

SpeakerSort = Literal[
    "name", "-name", "slug", "-slug", "id", "-id", "created_at", "-created_at", "updated_at", "-updated_at"
]  # fmt: skip
TextValues = Annotated[list[str] | None, Query(max_length=MAX_FILTER_VALUES)]


@router.get(
    "",
    dependencies=READ,
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
        Query(
            max_length=MAX_FILTER_VALUES,
            description="Role in an interview; repeat for any of several.",
            examples=[["interviewee"]],
        ),
    ] = None,
    country: Annotated[
        list[str] | None,
        Query(
            max_length=MAX_FILTER_VALUES, description="Country, exactly as stored.", examples=[["Kazakhstan"]]
        ),
    ] = None,
    organization: Annotated[
        list[str] | None,
        Query(
            max_length=MAX_FILTER_VALUES,
            description="Organization, exactly as stored.",
            examples=[["EU Reporter"]],
        ),
    ] = None,
    sort: Annotated[
        SpeakerSort, Query(description="Field to sort by; `-` in front for descending.", examples=["name"])
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
    dependencies=READ,
    operation_id="getSpeaker",
    summary="Get one speaker",
    description="By id or slug: name, title, organization and country.",
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


SpeakerRefParam = Annotated[
    str,
    Path(min_length=1, max_length=200, description="Speaker id or slug.", examples=["roman-vassilenko"]),
]
IfMatch = Annotated[
    str | None,
    Header(
        description="The `ETag` you read; a stale one gives 412 and changes nothing.",
        examples=['"3f2a9c0d6b1e4a7f8c5d2e1b0a9f8e7d"'],
    ),
]
WRITE_PROBLEMS = problem_responses(401, 403, 404, 409, 412, 413, 422, 429)


@router.patch(
    "/{ref}",
    operation_id="patchSpeaker",
    summary="Change some fields of a speaker",
    description="Fields left out keep their value. Interviews showing this speaker show the change.",
    responses=WRITE_PROBLEMS,
)
def patch_speaker(
    ref: SpeakerRefParam,
    patch: editing.SpeakerPatch,
    session: SessionDep,
    _key: AuditedWrite,
    if_match: IfMatch = None,
) -> SpeakerView:
    speaker = get_or_404(session, Speaker, ref, "speaker", for_update=True)
    check_if_match(if_match, lambda: repository.speaker_view(speaker), "The speaker")
    return repository.speaker_view(editing.patch_speaker(session, speaker, patch))


@router.delete(
    "/{ref}",
    operation_id="deleteSpeaker",
    summary="Delete a speaker",
    description="Refused with 409, naming the interviews, while interviews still use the speaker.",
    status_code=204,
    response_class=Response,
    responses=WRITE_PROBLEMS,
)
def delete_speaker(
    ref: SpeakerRefParam,
    response: Response,
    session: SessionDep,
    _key: AuditedWrite,
    if_match: IfMatch = None,
) -> None:
    speaker = get_or_404(session, Speaker, ref, "speaker", for_update=True)
    check_if_match(if_match, lambda: repository.speaker_view(speaker), "The speaker")
    editing.delete_speaker(session, speaker)
    response.status_code = 204
