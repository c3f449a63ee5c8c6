"""`POST /v1/imports`: articles or interview documents in, parsed (dry run) or stored in one transaction."""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlmodel import Session, col

from app.auth.audit import record_write
from app.auth.dependencies import CurrentKey, ensure_scope, read_access
from app.auth.keys import Scope
from app.config import get_settings
from app.contract.document import InterviewDocument
from app.errors import InvalidRequest, PayloadTooLarge, UnsupportedMediaType, problem_responses
from app.importer import FORMAT_KEYS, ArticleError, parse_article
from app.imports.records import BadRecord, Record, read_json, read_ndjson
from app.imports.service import (
    ArticleOptions,
    ImportReport,
    store_records,
    topic_vocabulary,
    with_suggestions,
)
from app.kit.sessions import SessionDep
from app.models import ApiKey, Interview
from app.storage.loader import StoreAction

router = APIRouter(prefix="/v1/imports", tags=["imports"])

ARTICLE_TYPES = {"text/plain", "text/markdown", "text/html"}
JSON_TYPE, NDJSON_TYPE = "application/json", "application/x-ndjson"
RAW_FILE = {"type": "string", "format": "binary", "minLength": 1}
BODY_NAME = "request body"


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


DryRunParam = Annotated[bool, Query(description="Parse and return, store nothing.", examples=[True])]


def import_writer(key: CurrentKey, dry_run: DryRunParam = False) -> ApiKey | None:
    """Checked before the body is read: storing needs a `write` key; a dry run is a read, open to
    whoever may read (anonymous unless REQUIRE_API_KEY_FOR_READS)."""
    if dry_run:
        read_access(key)
        return None
    return ensure_scope(key, Scope.write)


ImportWriter = Annotated[ApiKey | None, Depends(import_writer)]


async def request_text(request: Request, _writer: ImportWriter) -> str:
    """The body as text: the read happens here, outside the (synchronous) route, after the key check.
    Articles are parsed, which costs far more per byte than storing documents, so they have a bound
    of their own."""
    body = await request.body()
    media_type = request.headers.get("content-type", "text/plain").split(";")[0].strip().lower()
    limit = get_settings().max_article_bytes
    if media_type in ARTICLE_TYPES and len(body) > limit:
        raise PayloadTooLarge(
            f"The article is {len(body)} bytes; articles up to {limit} bytes are parsed. "
            "Send interview documents (JSON or NDJSON) for more."
        )
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
    writer: ImportWriter,
    text: Annotated[str, Depends(request_text)],
    session: SessionDep,
    dry_run: DryRunParam = False,
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
        record_write(session, request, writer, 200)
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
