"""The application factory: routers, error handling, docs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi

from app.answers.router import router as answers_router
from app.auth.dependencies import documented_security
from app.auth.router import router as audit_router
from app.changes.router import router as changes_router
from app.collector import older_objects_set_aside
from app.config import get_settings
from app.docs.examples import add_examples
from app.docs.router import OPENAPI_URL, mount_docs
from app.errors import install_problem_handlers, problem_responses, problem_schemas
from app.feeds.export import router as export_router
from app.feeds.router import router as feeds_router
from app.home.router import router as home_router
from app.http.compression import CompressionMiddleware
from app.http.conditional import HttpCacheMiddleware
from app.http.metrics import install_metrics
from app.http.rate_limit import RATE_LIMIT_HEADERS, RateLimitMiddleware
from app.http.read_your_writes import TOKEN_HEADER, ReadYourWritesMiddleware
from app.http.request_ids import REQUEST_ID_HEADER, install_request_ids
from app.http.request_limits import RequestLimitsMiddleware
from app.http.response_cache import ResponseCacheMiddleware
from app.http.security_headers import SecurityHeadersMiddleware
from app.http.unexpected_errors import UnexpectedErrorMiddleware
from app.imports.router import router as imports_router
from app.interviews.router import router as interviews_router
from app.interviews.stored_reads import StoredReadsMiddleware
from app.kit.representation import document_list_shapes
from app.operations.router import router as operations_router
from app.pages.router import router as pages_router
from app.questions.router import router as questions_router
from app.search.router import router as search_router
from app.speakers.router import router as speakers_router
from app.storage.async_reads import close_pools
from app.storage.sessions import get_engine, get_read_engine, replica_monitor
from app.topics.router import router as topics_router
from app.webhooks.router import router as webhooks_router

API_TITLE = "Interviews API"
API_VERSION = "0.1.0"
API_DESCRIPTION = (
    "Interviews as structured data: interviews, questions, answers, speakers and topics, "
    "with filters, sorting and cursor pagination. Every error is an RFC 9457 problem "
    "(`application/problem+json`)."
)
TAGS = [
    {
        "name": "interviews",
        "description": "Interviews, each with its participants, topics, questions and answers.",
    },
    {"name": "questions", "description": "Questions across all interviews."},
    {"name": "answers", "description": "Answers across all interviews."},
    {"name": "speakers", "description": "People who ask and answer."},
    {"name": "topics", "description": "What interviews and questions are about."},
    {"name": "search", "description": "Full-text search with ranking, snippets and facets."},
    {
        "name": "feeds",
        "description": "Atom, RSS and JSON feeds, the change feed and the bulk export, for partners who sync.",
    },
    {"name": "imports", "description": "Articles and interview documents in: parsed (dry run) or stored."},
    {"name": "operations", "description": "Health, readiness and the audit trail."},
    {
        "name": "webhooks",
        "description": "Partners subscribe a URL to kinds of change; each change is POSTed to it, signed "
        "(Standard Webhooks), retried until it arrives, in order per interview.",
    },
]


ROUTERS = (
    interviews_router,
    questions_router,
    answers_router,
    speakers_router,
    topics_router,
    search_router,
    feeds_router,
    changes_router,
    export_router,
    imports_router,
    audit_router,
    operations_router,
    webhooks_router,
    home_router,
    pages_router,
)


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    with older_objects_set_aside():
        yield
    await close_pools()


def create_app() -> FastAPI:
    app = FastAPI(
        lifespan=lifespan,
        title=API_TITLE,
        version=API_VERSION,
        description=API_DESCRIPTION,
        openapi_tags=TAGS,
        openapi_url=OPENAPI_URL,
        docs_url=None,
        redoc_url=None,
    )
    install_problem_handlers(app)
    # First added, so innermost: a stored interview it answers passes through every other middleware,
    # as the route's answer would.
    app.add_middleware(StoredReadsMiddleware, reads_need_key=lambda: get_settings().require_api_key_for_reads)
    # Next: its 500 answer passes through every other middleware.
    app.add_middleware(UnexpectedErrorMiddleware, handler=app.state.problem_handler)
    for router in ROUTERS:
        app.include_router(router)
    mount_docs(app)
    settings = get_settings()
    # Added innermost first: CORS is outermost, so even a 429 or 413 carries its headers.
    app.add_middleware(
        ResponseCacheMiddleware,
        max_bytes=settings.response_cache_mb * 1024 * 1024,
        read_engine=get_read_engine,
        primary_engine=get_engine,
        enabled=lambda: not get_settings().require_api_key_for_reads,
    )
    app.add_middleware(HttpCacheMiddleware)
    monitor = replica_monitor()
    if monitor is not None:
        # Outside the response cache, which follows its choice of database.
        app.add_middleware(ReadYourWritesMiddleware, monitor=monitor)
    if settings.compress_min_bytes > 0:
        # Outside HTTP caching and the response cache: they see, tag and keep uncompressed bodies.
        app.add_middleware(CompressionMiddleware, minimum_size=settings.compress_min_bytes)
    app.add_middleware(
        RequestLimitsMiddleware,
        max_body_bytes=settings.max_body_bytes,
        max_query_string_bytes=settings.max_query_string_bytes,
    )
    app.add_middleware(
        RateLimitMiddleware, rate=settings.rate_limit, storage_url=settings.rate_limit_storage_url
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_credentials=False,
        allow_methods=["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=[
            "Authorization",
            "X-API-Key",
            "Content-Type",
            "If-Match",
            "If-None-Match",
            "X-Request-ID",
            TOKEN_HEADER,
        ],
        expose_headers=[
            "ETag",
            "Link",
            "Last-Modified",
            "Retry-After",
            REQUEST_ID_HEADER,
            TOKEN_HEADER,
            *RATE_LIMIT_HEADERS,
        ],
    )
    install_request_ids(app)
    install_metrics(app)
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
    return app


def middleware_problems(path: str, method: str) -> dict[int | str, dict[str, Any]]:
    """Problems any API operation can answer before or around its route: a bad key, limits, a database
    that does not answer."""
    if not path.startswith("/v1/"):
        return {}
    statuses = [401, 414, 429, 503] + ([400, 413] if method in {"post", "put", "patch"} else [])
    return problem_responses(*statuses)


NOT_MODIFIED = {"description": "Not Modified: `If-None-Match` named the current `ETag`; there is no body."}
# Operations that work without a key too: reads (unless REQUIRE_API_KEY_FOR_READS) and dry-run imports.
KEY_REQUIRED = frozenset({"listAuditEntries", "listWebhooks", "getWebhook", "listWebhookDeliveries"})


def document_access(method: str, operation: dict[str, Any]) -> None:
    """Mark the key as optional (`{}`, anonymous, among the alternatives) where the API accepts no key."""
    security = operation.get("security")
    optional = (method == "get" or operation.get("operationId") == "createImport") and (
        operation.get("operationId") not in KEY_REQUIRED
    )
    if security and optional and {} not in security:
        operation["security"] = [*security, {}]


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, with its default 422 body replaced by the problem the API really returns, the
    responses and key requirements of middleware added, and examples from the demo interview."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        tags=app.openapi_tags,
    )
    documented_security(schema, ROUTERS)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    components.update(problem_schemas())
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            if "422" in responses:
                responses["422"] = problem_responses(422)[422]
            for status, response in middleware_problems(path, method).items():
                responses.setdefault(str(status), response)
            if method == "get" and path.startswith("/v1/"):
                responses.setdefault("304", NOT_MODIFIED)
            document_access(method, operation)
    add_examples(schema)
    document_list_shapes(schema)
    app.openapi_schema = schema
    return schema
