"""`/v1/interviews`: the list with its filters, and one interview with everything said in it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response
from sqlmodel import Session

from app.auth.audit import AuditedWrite
from app.auth.dependencies import ReadAccess
from app.contract.document import SLUG_WITH_A_LETTER, InterviewDocument
from app.errors import NotFound, problem_responses
from app.interviews import editing, rendering, repository, revisions
from app.interviews.rendering import stored_response
from app.interviews.repository import DEFAULT_INTERVIEW_SORT, InterviewSort
from app.interviews.schemas import (
    FieldChange,
    InterviewDetail,
    InterviewSummary,
    RevisionDetail,
    RevisionSummary,
)
from app.interviews.transcripts import MEDIA_TYPES, TranscriptFormat, transcript
from app.kit.filters import (
    InterviewScope,
    TextQueryFilter,
    UpdatedSince,
)
from app.kit.lookup import MAX_REF_LENGTH, get_or_404
from app.kit.pagination import Page, PageParams, sort_query
from app.kit.preconditions import WRITE_PROBLEMS, check_if_match, if_match_header, locked_for_change
from app.kit.representation import ListShape, list_shape
from app.kit.sessions import SessionDep, long_read, short_read
from app.models import Interview
from app.speakers.repository import SPEAKERS
from app.storage.exporter import documents_for
from app.storage.loader import StoreAction
from app.topics.repository import TOPICS

router = APIRouter(prefix="/v1/interviews", tags=["interviews"])
READ = [ReadAccess]
InterviewShape = Annotated[ListShape, Depends(list_shape(InterviewSummary, [SPEAKERS, TOPICS]))]
RevisionShape = Annotated[ListShape, Depends(list_shape(RevisionSummary))]

InterviewRefParam = Annotated[
    str,
    Path(
        min_length=1,
        max_length=MAX_REF_LENGTH,
        description="Interview id or slug.",
        examples=["interview-with-kazakhstan-deputy-minister-of-foreign-affairs-roman-vassilenko"],
    ),
]


@router.get(
    "",
    dependencies=READ,
    operation_id="listInterviews",
    summary="List interviews",
    description="Newest first by default. Filters combine with AND; a repeated filter means any of its values.",
    response_model=Page[InterviewSummary],
    responses=problem_responses(422),
)
async def list_interviews(
    *,
    session: SessionDep,
    page: PageParams,
    shape: InterviewShape,
    scope: Annotated[InterviewScope, Query()],
    updated_since: UpdatedSince = None,
    sort: Annotated[InterviewSort, sort_query(DEFAULT_INTERVIEW_SORT)] = DEFAULT_INTERVIEW_SORT,
    q: TextQueryFilter = None,
) -> Response:
    window = page.window(sort, repository.INTERVIEW_SORTS)
    read = short_read if q is None and window.tally.mode is None else long_read
    items, next_cursor = await read(
        session, repository.list_interviews, session, window, scope, q=q, updated_since=updated_since
    )
    return await short_read(session, page.respond_rendered, items, next_cursor, shape)


@router.get(
    "/{ref}",
    dependencies=READ,
    operation_id="getInterview",
    summary="Get one interview with its questions and answers",
    description="By id or slug: the interview with its participants, topics, and every question in order, "
    "each with its answers.",
    response_model=InterviewDetail,
    responses=problem_responses(404, 422),
)
async def get_interview(ref: InterviewRefParam, session: SessionDep) -> Response:
    view = await short_read(session, rendering.current_detail, session, ref)
    if view is None:
        raise NotFound(f"No interview with id or slug '{ref}'.")
    return stored_response(view)


TRANSCRIPT_EXAMPLES = {
    TranscriptFormat.vtt: "WEBVTT - Managed vs DIY\n\n00:00:01.000 --> 00:00:04.500\n<v Jane Roe>Why run your own?\n",
    TranscriptFormat.srt: "1\n00:00:01,000 --> 00:00:04,500\nJane Roe: Why run your own?\n",
    TranscriptFormat.json: '{"version": "1.0.0", "segments": [{"speaker": "Jane Roe", "startTime": 1.0, '
    '"endTime": 4.5, "body": "Why run your own?"}]}',
}


@router.get(
    "/{ref}/transcript.{format}",
    dependencies=READ,
    operation_id="getInterviewTranscript",
    summary="Get a timed interview as a transcript: WebVTT, SubRip or Podcasting 2.0 JSON",
    description="One cue per question and per answer, in order, with its speaker (a `<v Name>` voice tag, a "
    "`Name:` prefix, or `speaker`) and its `start_time`/`end_time`. Importing the file gives back the same "
    "questions, answers and times. Only timed parts are written; an interview without time codes is a 404.",
    response_class=Response,
    responses={
        200: {
            "description": "The transcript.",
            "content": {
                media_type: {"schema": {"type": "string"}, "example": TRANSCRIPT_EXAMPLES[kind]}
                for kind, media_type in MEDIA_TYPES.items()
            },
        },
        **problem_responses(404, 422),
    },
)
def get_interview_transcript(
    ref: InterviewRefParam,
    format: Annotated[
        TranscriptFormat,
        Path(
            description="`vtt` (text/vtt), `srt` (application/x-subrip) or `json` (Podcasting 2.0).",
            examples=["vtt"],
        ),
    ],
    session: SessionDep,
) -> Response:
    interview = get_or_404(session, Interview, ref, "interview")
    body = transcript(documents_for(session, [interview])[0], format)
    if body is None:
        raise NotFound(
            f"The interview '{interview.slug}' has no time codes, so it has no transcript: import it from a "
            "timed transcript (WebVTT, SubRip, Podcasting 2.0 JSON, [mm:ss] stamps) or give its questions and "
            "answers `start_time`."
        )
    media_type = MEDIA_TYPES[format]
    filename = f"{interview.slug}.{format.value}"
    return Response(
        body.encode(),
        media_type=media_type if format is TranscriptFormat.json else f"{media_type}; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


@router.get(
    "/{ref}/revisions",
    dependencies=READ,
    operation_id="listInterviewRevisions",
    summary="List the versions of an interview, newest first",
    description="Every write that changes an interview keeps the version it replaced. Each version says "
    "who wrote it (the API key's name), when, and which top-level fields it changed.",
    response_model=Page[RevisionSummary],
    responses=problem_responses(404, 422),
)
def list_interview_revisions(
    ref: InterviewRefParam, page: PageParams, session: SessionDep, shape: RevisionShape
) -> Page[RevisionSummary]:
    interview = get_or_404(session, Interview, ref, "interview")
    found, next_cursor = revisions.versions(session, interview, page.limit, page.cursor)
    if page.tally.mode is not None:
        page.tally.total = revisions.count(session, interview)
    return page.respond([revision_summary(this, before) for this, before in found], next_cursor, shape)


@router.get(
    "/{ref}/revisions/{number}",
    dependencies=READ,
    operation_id="getInterviewRevision",
    summary="Get one version of an interview, with what it changed",
    description="The document as it was (the shape `PUT` takes: send it back to restore this version) and "
    "the field-level changes from the version before, as JSON Patch operations with the previous values.",
    response_model=RevisionDetail,
    responses=problem_responses(404, 422),
)
def get_interview_revision(
    ref: InterviewRefParam,
    number: Annotated[int, Path(ge=1, le=2**31 - 1, description="The version's number.", examples=[1])],
    session: SessionDep,
) -> RevisionDetail:
    interview = get_or_404(session, Interview, ref, "interview")
    this, before = revisions.version(session, interview, number)
    return RevisionDetail(
        **revision_summary(this, before).model_dump(),
        document=InterviewDocument.model_validate(this.document),
        changes=[FieldChange.model_validate(change) for change in revisions.changes(before, this)],
    )


def revision_summary(this: revisions.Version, before: revisions.Version | None) -> RevisionSummary:
    return RevisionSummary(
        number=this.number,
        written_at=this.written_at,
        written_by=this.written_by,
        current=this.current,
        changed=revisions.changed_fields(before, this),
    )


SlugParam = Annotated[
    str,
    Path(
        min_length=1,
        max_length=200,
        pattern=SLUG_WITH_A_LETTER,
        description="Interview slug: lowercase words joined by hyphens, at least one letter.",
        examples=["interview-with-kazakhstan-deputy-minister-of-foreign-affairs-roman-vassilenko"],
    ),
]
IfMatch = Annotated[str | None, if_match_header("of the interview as you read it")]


def interview_to_change(
    _key: AuditedWrite, ref: InterviewRefParam, session: SessionDep, if_match: IfMatch = None
) -> Interview:
    return locked_for_change(
        session,
        Interview,
        ref,
        "interview",
        if_match,
        lambda row: rendering.current_body(session, row.id or 0),
    )


InterviewToChange = Annotated[Interview, Depends(interview_to_change)]


@router.put(
    "/{ref}",
    operation_id="putInterview",
    summary="Create or replace an interview",
    description="Stores the whole interview document under this slug (201 when new, 200 when replaced; "
    "an identical document changes nothing). Speakers and topics are given by slug and created when new.",
    response_model=InterviewDetail,
    responses={201: {"description": "Created", "model": InterviewDetail}, **WRITE_PROBLEMS},
)
def put_interview(
    ref: SlugParam,
    document: InterviewDocument,
    response: Response,
    session: SessionDep,
    _key: AuditedWrite,
    if_match: IfMatch = None,
) -> Response:
    existing = editing.interview_by_slug(session, ref, for_update=True)
    check_if_match(
        if_match,
        (lambda: rendering.current_body(session, existing.id or 0)) if existing else None,
        "The interview",
    )
    action, interview_id = editing.put_interview(session, ref, document)
    response.status_code = 201 if action == StoreAction.created else 200  # what the audit row records
    return written(session, interview_id, response.status_code)


@router.patch(
    "/{ref}",
    operation_id="patchInterview",
    summary="Change some fields of an interview",
    description="Fields left out keep their value; `participants`, `topics` and `questions` are replaced "
    "whole (this is how questions and answers are edited).",
    response_model=InterviewDetail,
    responses=WRITE_PROBLEMS,
)
def patch_interview(
    interview: InterviewToChange, patch: editing.InterviewPatch, session: SessionDep
) -> Response:
    interview_id = editing.patch_interview(session, interview, patch)
    return written(session, interview_id)


def written(session: Session, interview_id: int, status_code: int = 200) -> Response:
    """The interview as a GET will show it once this write commits, with the ETag to send in `If-Match`."""
    view = rendering.current_detail(session, str(interview_id), fresh=True)
    assert view is not None, "the interview was just stored"
    return stored_response(view, status_code)


@router.delete(
    "/{ref}",
    operation_id="deleteInterview",
    summary="Delete an interview with its questions and answers",
    description="Removes the interview, its questions and answers; its speakers and topics stay. The change "
    "feed records a `delete`.",
    status_code=204,
    response_class=Response,
    responses=WRITE_PROBLEMS,
)
def delete_interview(interview: InterviewToChange, session: SessionDep) -> None:
    editing.delete_interview(session, interview)
