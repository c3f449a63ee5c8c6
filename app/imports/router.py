"""`POST /v1/imports`: articles or interview documents in, parsed (dry run) or stored in one transaction."""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import select
from sqlmodel import Session, col

from app.auth.audit import record_write
from app.auth.dependencies import CurrentKey, check_read_access, ensure_scope
from app.auth.keys import Scope
from app.config import get_settings
from app.contract.document import ImportWarning, InterviewDocument
from app.errors import InvalidRequest, PayloadTooLarge, UnsupportedMediaType, problem_responses
from app.importer import (
    FORMAT_KEYS,
    ArticleError,
    ArticleMetadata,
    ParsedArticle,
    PersonMeta,
    captions,
    parse,
)
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
from app.storage.revisions import write_as

router = APIRouter(prefix="/v1/imports", tags=["imports"])

CAPTION_TYPES = {"text/vtt", "application/x-subrip", "text/srt"}
ARTICLE_TYPES = {"text/plain", "text/markdown", "text/html"} | CAPTION_TYPES
JSON_TYPE, NDJSON_TYPE = "application/json", "application/x-ndjson"
RAW_FILE = {"type": "string", "format": "binary", "minLength": 1}
BODY_NAME = "request body"


class SuggestedTopic(BaseModel):
    slug: str
    name: str
    score: float
    reason: list[str]
    new: bool = Field(description="A key phrase of the text, not yet a topic.")


class ArticleReading(BaseModel):
    """How the importer read an article, transcript or caption file."""

    shape: str = Field(
        description="`turns` (speaker labels or voices) or `questions` (questions marked by bold, "
        "headings, numbers or dashes).",
        examples=["turns"],
    )
    confidence: float = Field(
        ge=0,
        le=1,
        description="1 when nothing had to be guessed; each warning lowers it. Below 0.7, check the result.",
        examples=[0.85],
    )
    warnings: list[ImportWarning] = Field(
        description="What was guessed or left out, with the line of the text it concerns."
    )


class ImportResult(BaseModel):
    dry_run: bool
    documents: list[InterviewDocument] = Field(description="What was stored, or would be.")
    created: int
    updated: int
    unchanged: int
    suggested_topics: dict[str, list[SuggestedTopic]] = Field(
        default_factory=dict, description="Topic suggestions for each article, by interview slug."
    )
    article: ArticleReading | None = Field(
        default=None, description="For an article or transcript: how it was read. Null for documents."
    )


class ArticleOverrides(BaseModel):
    """What the caller knows better than the text: each given value replaces what the importer would
    derive (and silences the warning about guessing it). Ignored for interview documents."""

    title: str | None = Field(
        default=None,
        min_length=1,
        max_length=500,
        description="The headline; also makes the slug.",
        examples=["Interview with Tom Ash"],
    )
    interviewer: str | None = Field(
        default=None, min_length=1, max_length=200, description="Who asks, by name.", examples=["Jane Roe"]
    )
    interviewee: str | None = Field(
        default=None, min_length=1, max_length=200, description="Who answers, by name.", examples=["Tom Ash"]
    )
    published_at: str | None = Field(
        default=None, max_length=40, description="A date or date-time (ISO 8601).", examples=["2025-06-01"]
    )
    language: str | None = Field(
        default=None, pattern=r"^[a-z]{2}$", description="ISO 639-1 code.", examples=["en"]
    )
    source_url: str | None = Field(
        default=None,
        max_length=2000,
        description="Where the article was published.",
        examples=["https://example.org/2025/06/01/interview-with-tom-ash/"],
    )
    media_url: str | None = Field(
        default=None,
        max_length=2000,
        description="The audio or video recording a transcript's times refer to; its type is read from the "
        "extension unless `media_type` is given.",
        examples=["https://media.example.org/episodes/42.mp3"],
    )
    media_type: str | None = Field(
        default=None,
        pattern=r"^(?:audio|video)/[a-z0-9][a-z0-9.+-]{0,90}$",
        description="MIME type of the recording.",
        examples=["audio/mpeg"],
    )

    def metadata(self) -> ArticleMetadata | None:
        values = self.model_dump(exclude_none=True)
        if not values:
            return None
        for role in ("interviewer", "interviewee"):
            if role in values:
                values[role] = PersonMeta(name=values[role])
        try:
            return ArticleMetadata.model_validate(values)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "query"
            raise InvalidRequest(f"Query parameter '{where}': {first['msg']}.") from error


DryRunParam = Annotated[bool, Query(description="Parse and return, store nothing.", examples=[True])]


async def import_writer(key: CurrentKey, dry_run: DryRunParam = False) -> ApiKey | None:
    """Checked before the body is read: storing needs a `write` key; a dry run is a read, open to
    whoever may read (anonymous unless REQUIRE_API_KEY_FOR_READS)."""
    if dry_run:
        check_read_access(key)
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


def body_records(
    text: str, media_type: str, format: str | None, metadata: ArticleMetadata | None
) -> tuple[list[Record], ParsedArticle | None]:
    """The body's records, and how the article was read when it is one. JSON is an interview document
    (or an array of them) unless it is a transcript: segments with speakers and text."""
    if media_type == JSON_TYPE and captions.kind_of(text) is None:
        return list(read_json(io.BytesIO(text.encode()), BODY_NAME)), None
    if media_type == NDJSON_TYPE:
        return list(read_ndjson(io.BytesIO(text.encode()), BODY_NAME)), None
    if media_type in ARTICLE_TYPES or media_type == JSON_TYPE:
        try:
            parsed = parse(text, metadata, format=format)
        except ArticleError as error:
            return [Record(BODY_NAME, None, BadRecord(BODY_NAME, [str(error)]))], None
        return [Record(BODY_NAME, parsed.document, None)], parsed
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
    description="Send an article as `text/plain`, `text/markdown` or `text/html`; a transcript as WebVTT "
    "(`text/vtt`), SubRip (`application/x-subrip`) or transcript JSON (`application/json` with `segments`); or "
    "interview documents as `application/json` (one or an array) or `application/x-ndjson`. Query parameters "
    "(`title`, `interviewer`, `interviewee`, `published_at`, `language`, `source_url`) replace what the "
    "importer would read from an article. With `dry_run=true` the parsed documents come back with how the "
    "article was read (`article`: shape, confidence, warnings) and nothing is stored (no key needed); otherwise "
    "a `write` key is needed and everything is stored in one transaction, or nothing if any record is bad. "
    "An article is refused (422) only when it holds no dialogue at all; what had to be guessed is a warning, "
    "kept with the interview as `import_warnings`.",
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
                "text/vtt": {"schema": RAW_FILE},
                "application/x-subrip": {"schema": RAW_FILE},
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
    overrides: Annotated[ArticleOverrides, Query()] = ArticleOverrides(),
) -> ImportResult:
    if format is not None and format not in FORMAT_KEYS:
        raise InvalidRequest(f"Unknown format '{format}'. Use one of: {', '.join(sorted(FORMAT_KEYS))}.")
    media_type = request.headers.get("content-type", "text/plain").split(";")[0].strip().lower()
    records, parsed = body_records(text, media_type, format, overrides.metadata())
    report = ImportReport(BODY_NAME)
    if parsed is not None:
        options = ArticleOptions(format=format, store_suggested_topics=suggest_topics)
        records = list(with_suggestions(records, report, options, topic_vocabulary(session)))
    if dry_run:
        report.documents = [r.document for r in records if r.document is not None]
        report.bad_records = [r.error for r in records if r.error is not None]
        report.counts = predicted_counts(session, report.documents)
    else:
        write_as(session, writer.name if writer is not None else None)
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
        article=ArticleReading(shape=parsed.shape, confidence=parsed.confidence, warnings=parsed.warnings)
        if parsed is not None
        else None,
    )
