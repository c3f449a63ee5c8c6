"""Render on write: each interview's public JSON (and its ETag) is built in the transaction that
changes what it shows, and stored in `rendered_interviews`.

What a view shows changes when the interview is written, and when a speaker or topic it names is
renamed. The change log already notes every such write in the writer's own transaction; just
before commit, this module's hook (registered when it is imported: by the app, the CLI and the
import service) renders the interviews concerned, so a committed interview has a current rendering
whichever writer made the change. A process that writes without it leaves renderings stale; reads
then render on the fly, and `interviews migrate` renders them again.

`version` is a fingerprint of the views' JSON schemas: a release that changes what a view shows
makes older renderings stale, reads fall back to rendering on the fly, and `interviews migrate`
renders them again (`render_stale`).
"""

from __future__ import annotations

import email.utils
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

import orjson
from sqlalchemy import BindParameter, Connection, Engine, bindparam, delete, insert, or_, select
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session
from starlette.responses import Response

from app.http.conditional import etag_for
from app.interviews.schemas import VIEWS_VERSION
from app.kit.lookup import id_or_slug
from app.kit.references import INTERVIEW_TOPICS, PARTICIPANTS, QUESTION_TOPICS, SPEAKER_REFS
from app.models import (
    Answer,
    Interview,
    Question,
    RenderedInterview,
)
from app.models.values import published_at_value
from app.storage import local_reads
from app.storage.async_reads import fetch_one
from app.storage.change_log import DELETE, UPDATE, on_commit
from app.storage.naming import interviews_naming
from app.storage.sessions import one_snapshot
from app.storage.text_bytes import utf8_bytes

BATCH = 500
"""Interviews rendered per round of queries."""

_questions, _answers = Question.__table__, Answer.__table__  # type: ignore[attr-defined]
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
QUESTIONS_OF_INTERVIEWS = (
    select(
        _questions.c.id,
        _questions.c.interview_id,
        _questions.c.position,
        _questions.c.text,
        _questions.c.asked_by_id,
        _questions.c.start_time,
        _questions.c.end_time,
    )
    .where(_questions.c.interview_id.in_(_IDS))
    .order_by(_questions.c.interview_id, _questions.c.position)
)
ANSWERS_OF_INTERVIEWS = (
    select(
        _answers.c.id,
        _answers.c.question_id,
        _answers.c.position,
        _answers.c.speaker_id,
        _answers.c.text,
        _answers.c.start_time,
        _answers.c.end_time,
    )
    .where(_answers.c.interview_id.in_(_IDS))
    .order_by(_answers.c.question_id, _answers.c.position)
)
"""Built once (see app/kit/references.py); the repository's write responses use them too."""

_interviews = Interview.__table__  # type: ignore[attr-defined]
_rendered = RenderedInterview.__table__  # type: ignore[attr-defined]


def _batches(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), BATCH):
        yield ordered[start : start + BATCH]


@dataclass(frozen=True, slots=True)
class RenderedViews:
    """One interview as `GET /v1/interviews/{ref}` shows it, its tag, and its item in the list."""

    interview_id: int
    detail: bytes
    etag: str
    summary: bytes


def render_views(connection: Connection, interviews: Sequence[Any]) -> list[RenderedViews]:
    """The views of interviews (rows with the columns of `interviews`), in a fixed number of queries.

    Built as plain data and encoded once: the documented models (InterviewDetail, InterviewSummary)
    describe these bodies, and tests/writes/test_rendered_views.py checks that they validate and
    read back unchanged, but validating what the service wrote itself would only cost time.
    """
    ids = [row.id for row in interviews]
    if not ids:
        return []
    parameters = {"ids": ids}
    questions = connection.execute(QUESTIONS_OF_INTERVIEWS, parameters).all()
    answers = connection.execute(ANSWERS_OF_INTERVIEWS, parameters).all()
    participants: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for interview_id, role, speaker_id, slug, name in connection.execute(PARTICIPANTS, parameters):
        participants[interview_id].append(
            {"speaker": {"id": speaker_id, "slug": slug, "name": name}, "role": role}
        )
    topics = _topic_refs(connection.execute(INTERVIEW_TOPICS, parameters).all())
    question_topics = _topic_refs(
        connection.execute(QUESTION_TOPICS, {"ids": [q.id for q in questions]}).all() if questions else []
    )
    speaker_ids = {a.speaker_id for a in answers} | {q.asked_by_id for q in questions if q.asked_by_id}
    speakers = {
        speaker_id: {"id": speaker_id, "slug": slug, "name": name}
        for speaker_id, slug, name in (
            connection.execute(SPEAKER_REFS, {"ids": sorted(speaker_ids)}) if speaker_ids else []
        )
    }
    answers_by_question: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for answer in answers:
        answers_by_question[answer.question_id].append(
            {
                "id": answer.id,
                "position": answer.position,
                "speaker": speakers[answer.speaker_id],
                "text": answer.text,
                "start_time": answer.start_time,
                "end_time": answer.end_time,
            }
        )
    questions_by_interview: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for question in questions:
        questions_by_interview[question.interview_id].append(
            {
                "id": question.id,
                "position": question.position,
                "text": question.text,
                "start_time": question.start_time,
                "end_time": question.end_time,
                "asked_by": speakers.get(question.asked_by_id) if question.asked_by_id is not None else None,
                "topics": question_topics.get(question.id, []),
                "answers": answers_by_question.get(question.id, []),
            }
        )
    views = []
    for row in interviews:
        summary = {
            "id": row.id,
            "slug": row.slug,
            "title": row.title,
            "summary": row.summary,
            "language": row.language,
            "published_at": published_at_value(row.published_at),
            "location": row.location,
            "event": row.event,
            "source": None
            if row.source_name is None and row.source_url is None
            else {"name": row.source_name, "url": row.source_url},
            "media": None
            if row.media_url is None
            else {"url": row.media_url, "type": row.media_type, "duration": row.media_duration},
            "participants": participants.get(row.id, []),
            "topics": topics.get(row.id, []),
            "question_count": row.question_count,
            "created_at": _utc(row.created_at),
            "updated_at": _utc(row.updated_at),
        }
        detail = {
            **summary,
            "questions": questions_by_interview.get(row.id, []),
            "import_warnings": _warnings(row.import_warnings),
        }
        body = orjson.dumps(detail, option=orjson.OPT_UTC_Z)
        views.append(
            RenderedViews(row.id, body, etag_for(body), orjson.dumps(summary, option=orjson.OPT_UTC_Z))
        )
    return views


def _topic_refs(rows: Iterable[Any]) -> dict[int, list[dict[str, Any]]]:
    result: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for owner_id, topic_id, slug, name in rows:
        result[owner_id].append({"id": topic_id, "slug": slug, "name": name})
    return result


def _utc(moment: datetime) -> datetime:
    """SQLite gives back naive date-times; every stored one is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _warnings(stored: str | None) -> list[dict[str, Any]]:
    if not stored:
        return []
    return [{"code": w["code"], "message": w["message"], "line": w.get("line")} for w in json.loads(stored)]


def render(session: Session, interview_ids: Iterable[int]) -> int:
    """Render these interviews again (those that still exist), in the caller's transaction."""
    count = 0
    for batch in _batches(interview_ids):
        rows = session.connection().execute(select(_interviews).where(_interviews.c.id.in_(batch))).all()
        values = [
            {
                "interview_id": view.interview_id,
                "version": VIEWS_VERSION,
                "detail": view.detail.decode(),
                "detail_etag": view.etag,
                "summary": view.summary.decode(),
            }
            for view in render_views(session.connection(), rows)
        ]
        session.execute(delete(_rendered).where(_rendered.c.interview_id.in_(batch)))
        if values:
            session.execute(insert(_rendered), values)
        count += len(values)
    return count


@on_commit
def render_changed(session: OrmSession, changes: Sequence[dict[str, Any]]) -> None:
    """Before commit: render the interviews this transaction wrote, or whose speakers or topics it
    changed. Deleted interviews lose their rendering with their row (foreign key cascade)."""
    interviews = {
        c["entity_id"] for c in changes if c["entity_type"] == "interview" and c["action"] != DELETE
    }
    # Only a changed speaker or topic can be shown by interviews this transaction did not write: one
    # created in it is named only by interviews written in it (an import of 100,000 interviews
    # creates thousands, and looking up who names them scanned every answer).
    speakers = [c["entity_id"] for c in changes if c["entity_type"] == "speaker" and c["action"] == UPDATE]
    topics = [c["entity_id"] for c in changes if c["entity_type"] == "topic" and c["action"] == UPDATE]
    writer = cast(Session, session)  # every session here is SQLModel's
    render(writer, interviews | interviews_naming(writer, speakers, topics))


def render_stale(engine: Engine) -> int:
    """Render every interview without a current rendering (after a migration or an upgrade)."""
    with Session(engine) as session:
        stale = session.execute(
            select(_interviews.c.id)
            .outerjoin(_rendered, _rendered.c.interview_id == _interviews.c.id)
            .where(or_(_rendered.c.version.is_(None), _rendered.c.version != VIEWS_VERSION))
        ).scalars()
        count = render(session, list(stale))
        session.commit()
    return count


@dataclass(frozen=True, slots=True)
class StoredView:
    body: bytes
    etag: str
    updated_at: datetime


_DETAIL = (
    select(utf8_bytes(_rendered.c.detail), _rendered.c.detail_etag, _interviews.c.updated_at)
    .join(_interviews, _interviews.c.id == _rendered.c.interview_id)
    .where(_rendered.c.version == bindparam("version"))
)
DETAIL_BY_ID = _DETAIL.where(_interviews.c.id == bindparam("ref"))
DETAIL_BY_SLUG = _DETAIL.where(_interviews.c.slug == bindparam("ref"))


def _detail_query(ref: str) -> tuple[Any, dict[str, Any]] | None:
    """The statement and parameters that read an id's or slug's stored rendering; None for an id no
    row can have."""
    value = id_or_slug(ref)
    if value is None:
        return None
    statement = DETAIL_BY_ID if isinstance(value, int) else DETAIL_BY_SLUG
    return statement, {"ref": value, "version": VIEWS_VERSION}


def stored_detail(connection: Connection, ref: str) -> StoredView | None:
    """The current rendering of the interview an id or slug names; None when there is none (no such
    interview, or not rendered by this version yet). One statement: it reads one committed state."""
    query = _detail_query(ref)
    row = None if query is None else connection.execute(*query).first()
    return None if row is None else StoredView(row[0], row[1], row[2])


def stored_detail_here(engine: Engine, ref: str) -> StoredView | None:
    """`stored_detail` read in place from a local SQLite file, straight through its driver (see
    app/storage/local_reads.py); raises ReadUnavailableError when the file cannot be read now."""
    query = _detail_query(ref)
    row = None if query is None else local_reads.fetch_one(engine, *query)
    return None if row is None else StoredView(row[0], row[1], row[2])


async def stored_detail_from_loop(engine: Engine, ref: str) -> StoredView | None:
    """`stored_detail` read without leaving the event loop (PostgreSQL's asynchronous pool, see
    app/storage/async_reads.py); raises ReadUnavailableError when that pool cannot read now."""
    query = _detail_query(ref)
    row = None if query is None else await fetch_one(engine, *query)
    return None if row is None else StoredView(row[0], row[1], row[2])


def stored_response(view: StoredView, status_code: int = 200) -> Response:
    """The body as it is, with its validators: the HTTP cache middleware answers 304 and HEAD from
    them without reading or hashing the body again."""
    modified = view.updated_at if view.updated_at.tzinfo else view.updated_at.replace(tzinfo=UTC)
    headers = {
        "ETag": view.etag,
        "Last-Modified": email.utils.format_datetime(modified.astimezone(UTC), usegmt=True),
    }
    return Response(view.body, status_code=status_code, media_type="application/json", headers=headers)


def live_detail(session: Session, ref: str) -> StoredView | None:
    """The interview an id or slug names, rendered now (when its stored rendering is missing or stale)."""
    value = id_or_slug(ref)
    if value is None:
        return None
    column = _interviews.c.id if isinstance(value, int) else _interviews.c.slug
    row = session.connection().execute(select(_interviews).where(column == value)).first()
    if row is None:
        return None
    view = render_views(session.connection(), [row])[0]
    return StoredView(view.detail, view.etag, row.updated_at)


def current_detail(session: Session, ref: str, *, fresh: bool = False) -> StoredView | None:
    """What `GET /v1/interviews/{ref}` answers: the stored rendering, else one made now. `fresh`:
    always made now (inside a write, before its commit renders and stores it)."""
    stored = None if fresh else stored_detail(session.connection(), ref)
    if stored is not None:
        return stored
    with one_snapshot(session):  # several statements: they must read one committed state
        return live_detail(session, ref)


def current_body(session: Session, interview_id: int) -> bytes:
    """The body a client read of this interview (its ETag is the hash of it), for `If-Match`."""
    view = current_detail(session, str(interview_id))
    assert view is not None, "the interview exists: it was just looked up"
    return view.body
