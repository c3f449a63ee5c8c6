"""`/v1/export/interviews.ndjson`: interview documents, one a line, streamed in constant memory.

The stream reads from one snapshot (REPEATABLE READ on PostgreSQL, one read transaction on SQLite),
so a document is never half old, half new while writers replace it. The `Changes-Cursor` header is
the change-feed cursor read *before* that snapshot: replaying `/v1/changes?since=<it>` after the
export catches every later change (some perhaps twice, which a sync applies idempotently).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import StreamingResponse
from sqlalchemy import ColumnElement, or_, select
from sqlmodel import Session, col

from app.auth.dependencies import ReadAccess
from app.changes.repository import encode_change_cursor, latest_seq
from app.contract.document import AnswerDocument, InterviewDocument
from app.errors import problem_responses
from app.feeds.repository import storable
from app.kit.filters import (
    MAX_FILTER_VALUES,
    InterviewFilter,
    SpeakerFilter,
    UpdatedSince,
    interview_conditions,
    interview_ids_with_topics,
    question_ids_with_topics,
)
from app.kit.representation import CSV_MEDIA_TYPE, csv_lines
from app.kit.sessions import SessionDep
from app.models import Interview, Question
from app.storage.exporter import EXPORT_BATCH_SIZE, documents_for, iter_documents, ndjson_line
from app.storage.sessions import get_engine

router = APIRouter(prefix="/v1/export", tags=["feeds"], dependencies=[ReadAccess])

NDJSON_MEDIA_TYPE = "application/x-ndjson"
CHANGES_CURSOR_HEADER = "Changes-Cursor"

ExportTopicFilter = Annotated[
    list[str] | None,
    Query(
        max_length=MAX_FILTER_VALUES,
        description="Topic slug, on the interview or on any of its questions; repeat for any of several.",
        examples=[["visa-policy"]],
    ),
]


def snapshot_session() -> Session:
    """A session whose reads all see one committed state of the database."""
    engine = get_engine()
    session = Session(engine)
    if engine.dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    else:
        connection = session.connection()
        raw: Any = connection.connection.dbapi_connection
        if not raw.in_transaction:
            # pysqlite may start no transaction for reads: open one, or each batch sees another state.
            connection.exec_driver_sql("BEGIN")
    return session


def selected_documents(
    session: Session,
    *,
    interview: list[str] | None,
    speaker: list[str] | None,
    topic: list[str] | None,
    updated_since: datetime | None,
) -> Iterator[InterviewDocument]:
    """The exporter's batches, narrowed to some interviews; unnarrowed, it is `iter_documents` itself."""
    if not (interview or speaker or topic):
        yield from iter_documents(session, updated_since=updated_since)
        return
    conditions = interview_conditions(interview=storable(interview), speaker=storable(speaker))
    if topic:
        conditions.append(about_topics(storable(topic) or []))
    if updated_since is not None:
        conditions.append(col(Interview.updated_at) >= updated_since)
    last_id = 0
    while True:
        statement = select(Interview).where(col(Interview.id) > last_id, *conditions)
        interviews = list(
            session.execute(statement.order_by(col(Interview.id)).limit(EXPORT_BATCH_SIZE)).scalars()
        )
        if not interviews:
            return
        yield from documents_for(session, interviews)
        last_id = interviews[-1].id or 0
        session.expunge_all()


def about_topics(topics: list[str]) -> ColumnElement[bool]:
    """Interviews whose document names a topic: on the interview itself or on one of its questions."""
    interview_id: Any = Interview.id
    with_question_topics = select(col(Question.interview_id)).where(
        col(Question.id).in_(question_ids_with_topics(topics))
    )
    return or_(interview_id.in_(interview_ids_with_topics(topics)), interview_id.in_(with_question_topics))


@dataclass(frozen=True)
class ExportNarrowing:
    """The filters both exports take; none means every interview."""

    interview: InterviewFilter = None
    speaker: SpeakerFilter = None
    topic: ExportTopicFilter = None
    updated_since: UpdatedSince = None


Narrowing = Annotated[ExportNarrowing, Depends()]


def exported_lines(
    narrowing: ExportNarrowing, lines_of: Callable[[Iterator[InterviewDocument]], Iterator[str]]
) -> Iterator[bytes]:
    """The session opens at the first line, not when the response is built, so it never leaks."""
    session = snapshot_session()
    try:
        documents = selected_documents(
            session,
            interview=narrowing.interview,
            speaker=narrowing.speaker,
            topic=narrowing.topic,
            updated_since=narrowing.updated_since,
        )
        for line in lines_of(documents):
            yield line.encode()
    finally:
        session.close()


def streamed_export(
    session: Session,
    lines: Iterator[bytes],
    media_type: str,
    tag: str,
    headers: dict[str, str] | None = None,
) -> StreamingResponse:
    """With the change-feed cursor read before the export's snapshot, and a weak tag naming it."""
    seq = latest_seq(session)
    cursor = {CHANGES_CURSOR_HEADER: encode_change_cursor(seq), "ETag": f'W/"changes-{seq}{tag}"'}
    return StreamingResponse(lines, media_type=media_type, headers=cursor | (headers or {}))


def ndjson_lines(documents: Iterator[InterviewDocument]) -> Iterator[str]:
    return (ndjson_line(document) for document in documents)


@router.get(
    "/interviews.ndjson",
    operation_id="exportInterviews",
    summary="Export interviews as NDJSON interview documents",
    description="One interview document a line (the format `interviews import` reads), oldest id first. "
    "Without filters, every interview. `interview`, `speaker`, `topic` and `updated_since` narrow it: a "
    "partner refreshes the interviews named by a page of `/v1/changes` in one request, and an interview "
    "missing from the answer no longer exists. The `Changes-Cursor` header is the `since` to poll "
    "`/v1/changes` with afterwards. The ETag is weak and names the newest change, so it is known before "
    "the body is streamed.",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "Interview documents, one JSON object a line.",
            "content": {NDJSON_MEDIA_TYPE: {"schema": {"type": "string"}}},
            "headers": {
                CHANGES_CURSOR_HEADER: {
                    "description": "Pass as `since` to `/v1/changes` to follow what changes after this export.",
                    "schema": {"type": "string"},
                }
            },
        },
        **problem_responses(422),
    },
)
def export_interviews(session: SessionDep, narrowing: Narrowing) -> Response:
    return streamed_export(session, exported_lines(narrowing, ndjson_lines), NDJSON_MEDIA_TYPE, "")


ANSWER_COLUMNS = (
    "interview_slug", "interview_title", "published_at", "language", "question_position", "question",
    "asked_by", "answer_position", "speaker", "answer", "start_time", "end_time",
)  # fmt: skip


def answer_rows(document: InterviewDocument) -> Iterator[dict[str, Any]]:
    """One row per answer, with its question and interview beside it (a question without answers gets
    one row with an empty answer, so no question is lost)."""
    published = document.published_at.isoformat() if document.published_at else None
    for question in document.questions:
        answers: list[AnswerDocument | None] = [*question.answers] or [None]
        for answer in answers:
            yield {
                "interview_slug": document.slug,
                "interview_title": document.title,
                "published_at": published,
                "language": document.language,
                "question_position": question.position,
                "question": question.text,
                "asked_by": question.asked_by,
                "answer_position": answer.position if answer else None,
                "speaker": answer.speaker if answer else None,
                "answer": answer.text if answer else None,
                "start_time": answer.start_time if answer else question.start_time,
                "end_time": answer.end_time if answer else question.end_time,
            }


def csv_answer_lines(documents: Iterator[InterviewDocument]) -> Iterator[str]:
    return csv_lines((row for document in documents for row in answer_rows(document)), ANSWER_COLUMNS)


@router.get(
    "/answers.csv",
    operation_id="exportAnswersCsv",
    summary="Export every answer as CSV",
    description="One row per answer with its question and interview (columns: "
    + ", ".join(f"`{c}`" for c in ANSWER_COLUMNS)
    + "), for spreadsheets and notebooks; streamed from one snapshot like the NDJSON export, with the same "
    "filters and the same `Changes-Cursor` header.",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "A header line, then one line per answer.",
            "content": {CSV_MEDIA_TYPE: {"schema": {"type": "string"}}},
        },
        **problem_responses(422),
    },
)
def export_answers_csv(session: SessionDep, narrowing: Narrowing) -> Response:
    lines = exported_lines(narrowing, csv_answer_lines)
    disposition = {"Content-Disposition": 'attachment; filename="answers.csv"'}
    return streamed_export(session, lines, f"{CSV_MEDIA_TYPE}; charset=utf-8", "-csv", disposition)
