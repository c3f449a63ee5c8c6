"""`POST /v1/imports`: articles or interview documents in, parsed (dry run) or stored in one transaction."""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi_problem.error import StatusProblem
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlmodel import Session, col

from app.auth.dependencies import CurrentKey, ensure_scope
from app.auth.keys import Scope
from app.db import WriteSessionDep
from app.documents.importing import (
    ArticleOptions,
    ImportReport,
    store_records,
    topic_vocabulary,
    with_suggestions,
)
from app.documents.loader import StoreAction
from app.documents.records import BadRecord, Record, read_json, read_ndjson
from app.documents.schema import InterviewDocument
from app.errors import InvalidRequest, problem_responses
from app.importer import FORMAT_KEYS, ArticleError, parse_article
from app.models import AuditEntry, Interview

router = APIRouter(prefix="/v1/imports", tags=["imports"])

ARTICLE_TYPES = {"text/plain", "text/markdown", "text/html"}
JSON_TYPE, NDJSON_TYPE = "application/json", "application/x-ndjson"
RAW_FILE = {"type": "string", "format": "binary"}
BODY_NAME = "request body"


class UnsupportedMediaType(StatusProblem):
    title = "Unsupported media type"
    type_ = "unsupported-media-type"
    status = 415


class SuggestedTopic(BaseModel):
    slug: str
    name: str
    score: float
    reason: list[str]
    new: bool = Field(description="A key phrase of the text, not yet a topic.")


class ImportResult(BaseModel):
    dry_run: bool
    documents: list[InterviewDocument] = Field(description="What was stored, or would be.")
    created: int
    updated: int
    unchanged: int
    suggested_topics: dict[str, list[SuggestedTopic]] = Field(
        default_factory=dict, description="Topic suggestions for each article, by interview slug."
    )


async def request_text(request: Request) -> str:
    """The body as text: the read happens here, outside the (synchronous) route."""
    body = await request.body()
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidRequest(f"The body is not UTF-8 text: byte {error.start} cannot be decoded.") from error


def body_records(text: str, media_type: str, format: str | None) -> list[Record]:
    if media_type == JSON_TYPE:
        return list(read_json(io.BytesIO(text.encode()), BODY_NAME))
    if media_type == NDJSON_TYPE:
        return list(read_ndjson(io.BytesIO(text.encode()), BODY_NAME))
    if media_type in ARTICLE_TYPES:
        try:
            return [Record(BODY_NAME, parse_article(text, format=format), None)]
        except ArticleError as error:
            return [Record(BODY_NAME, None, BadRecord(BODY_NAME, [str(error)]))]
    accepted = ", ".join(sorted(ARTICLE_TYPES | {JSON_TYPE, NDJSON_TYPE}))
    raise UnsupportedMediaType(f"Cannot import '{media_type}'. Send one of: {accepted}.")


def predicted_counts(session: Session, documents: list[InterviewDocument]) -> dict[StoreAction, int]:
    """What a real import would do, without taking the write lock: new slugs are created, others replaced."""
    slugs = [document.slug for document in documents]
    existing = set(session.scalars(select(col(Interview.slug)).where(col(Interview.slug).in_(slugs))))
    created = sum(1 for slug in slugs if slug not in existing)
    return {StoreAction.created: created, StoreAction.updated: len(slugs) - created, StoreAction.unchanged: 0}


@router.post(
    "",
    operation_id="createImport",
    summary="Import an article or interview documents",
    description="Send an article as `text/plain`, `text/markdown` or `text/html`, or interview documents as "
    "`application/json` (one or an array) or `application/x-ndjson`. With `dry_run=true` the parsed documents "
    "come back and nothing is stored (no key needed); otherwise a `write` key is needed and everything is "
    "stored in one transaction, or nothing if any record is bad.",
    responses=problem_responses(401, 403, 413, 415, 422, 429),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                # Raw files (UTF-8 text) are `format: binary`: Swagger UI offers a file upload, and client
                # generators send the bytes as they are.
                "text/plain": {"schema": RAW_FILE},
                "text/markdown": {"schema": RAW_FILE},
                "text/html": {"schema": RAW_FILE},
                JSON_TYPE: {"schema": {"$ref": "#/components/schemas/InterviewDocument"}},
                NDJSON_TYPE: {"schema": RAW_FILE},
            },
        }
    },
)
def create_import(
    request: Request,
    response: Response,
    text: Annotated[str, Depends(request_text)],
    session: WriteSessionDep,
    key: CurrentKey,
    dry_run: Annotated[bool, Query(description="Parse and return, store nothing.", examples=[True])] = False,
    format: Annotated[
        str | None,
        Query(
            description=f"Article format, to skip detection: {', '.join(sorted(FORMAT_KEYS))}.",
            examples=["numbered"],
        ),
    ] = None,
    suggest_topics: Annotated[
        bool, Query(description="Store the suggested topics with an article.", examples=[False])
    ] = False,
) -> ImportResult:
    writer = None if dry_run else ensure_scope(key, Scope.write)
    if format is not None and format not in FORMAT_KEYS:
        raise InvalidRequest(f"Unknown format '{format}'. Use one of: {', '.join(sorted(FORMAT_KEYS))}.")
    media_type = request.headers.get("content-type", "text/plain").split(";")[0].strip().lower()
    records = body_records(text, media_type, format)
    report = ImportReport(BODY_NAME)
    if media_type in ARTICLE_TYPES:
        options = ArticleOptions(format=format, store_suggested_topics=suggest_topics)
        records = list(with_suggestions(records, report, options, topic_vocabulary(session)))
    if dry_run:
        report.documents = [r.document for r in records if r.document is not None]
        report.bad_records = [r.error for r in records if r.error is not None]
        report.counts = predicted_counts(session, report.documents)
    else:
        store_records(session, records, report, skip_invalid=False, keep_documents=True)
    if report.bad_records:
        raise InvalidRequest(
            "Nothing was imported: " + "; ".join(str(bad) for bad in report.bad_records[:5]),
            errors=[
                {"field": bad.where, "message": "; ".join(bad.problems), "type": "bad_record"}
                for bad in report.bad_records[:100]
            ],
        )
    if writer is not None:
        session.add(
            AuditEntry(
                key_id=writer.id or 0, key_name=writer.name, method="POST", path=request.url.path, status=200
            )
        )
    response.status_code = 200
    return ImportResult(
        dry_run=dry_run,
        documents=report.documents,
        created=report.counts[StoreAction.created],
        updated=report.counts[StoreAction.updated],
        unchanged=report.counts[StoreAction.unchanged],
        suggested_topics={
            slug: [
                SuggestedTopic(
                    slug=s.topic.slug, name=s.topic.name, score=s.score, reason=list(s.reason), new=s.new
                )
                for s in suggestions.interview + suggestions.phrases
            ]
            for slug, suggestions in report.suggestions.items()
        },
    )
