"""`/v1/speakers`: the people who ask and answer."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Response

from app.auth.audit import AuditedWrite
from app.auth.dependencies import ReadAccess
from app.contract.document import Role
from app.errors import NotFound, problem_responses
from app.kit.filters import MAX_FILTER_VALUES, InterviewFilter, TextQueryFilter
from app.kit.pagination import Page, PageParams, sort_query
from app.kit.preconditions import WRITE_PROBLEMS, if_match_header, locked_for_change
from app.kit.representation import ListShape, list_shape
from app.kit.sessions import SessionDep
from app.models import Speaker
from app.speakers import editing, repository
from app.speakers.schemas import SpeakerView

router = APIRouter(prefix="/v1/speakers", tags=["speakers"])
SpeakerShape = Annotated[ListShape, Depends(list_shape(SpeakerView))]
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
    session: SessionDep,
    page: PageParams,
    shape: SpeakerShape,
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
    sort: Annotated[SpeakerSort, sort_query("name")] = "name",
    q: TextQueryFilter = None,
) -> Page[SpeakerView]:
    items, next_cursor = repository.list_speakers(
        session,
        page.window(sort, repository.SPEAKER_SORTS),
        q=q,
        interview=interview,
        role=[r.value for r in role] if role else None,
        country=country,
        organization=organization,
    )
    return page.respond(items, next_cursor, shape)


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
IfMatch = Annotated[str | None, if_match_header("you read")]


def speaker_to_change(
    _key: AuditedWrite, ref: SpeakerRefParam, session: SessionDep, if_match: IfMatch = None
) -> Speaker:
    return locked_for_change(
        session, Speaker, ref, "speaker", if_match, lambda row: repository.speaker_view(row)
    )


SpeakerToChange = Annotated[Speaker, Depends(speaker_to_change)]


@router.patch(
    "/{ref}",
    operation_id="patchSpeaker",
    summary="Change some fields of a speaker",
    description="Fields left out keep their value. Interviews showing this speaker show the change.",
    responses=WRITE_PROBLEMS,
)
def patch_speaker(speaker: SpeakerToChange, patch: editing.SpeakerPatch, session: SessionDep) -> SpeakerView:
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
def delete_speaker(speaker: SpeakerToChange, session: SessionDep) -> None:
    editing.delete_speaker(session, speaker)
