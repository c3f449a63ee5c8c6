"""Import files, URLs and request bodies of interviews: one transaction per source, all or nothing
unless told to skip bad records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlmodel import Session, col

from app.collector import older_objects_set_aside
from app.contract.document import InterviewDocument, TopicDocument
from app.importer import (
    ArticleError,
    ArticleMetadata,
    TopicSuggestions,
    apply_suggestions,
    load_article,
    load_url,
    suggest_topics,
)
from app.imports.records import BadRecord, Record, is_document_file, read_documents
from app.interviews import rendering  # noqa: F401  (renders what an import stores, before it commits)
from app.models import Topic
from app.storage.loader import Catalog, StoreAction, store_documents
from app.storage.sessions import WRITER_OPTION


@dataclass(frozen=True)
class ArticleOptions:
    """What the command line (or a request) says about articles; given values win over the text."""

    metadata: ArticleMetadata | None = None
    format: str | None = None
    store_suggested_topics: bool = False


@dataclass
class ImportReport:
    """What an import did with one source (a file, a URL or a request body)."""

    source: str
    counts: dict[StoreAction, int] = field(default_factory=lambda: dict.fromkeys(StoreAction, 0))
    bad_records: list[BadRecord] = field(default_factory=list)
    documents: list[InterviewDocument] = field(default_factory=list)
    suggestions: dict[str, TopicSuggestions] = field(default_factory=dict)
    committed: bool = False
    answers: int = 0

    @property
    def stored(self) -> int:
        return self.counts[StoreAction.created] + self.counts[StoreAction.updated]


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def topic_vocabulary(session: Session) -> list[TopicDocument]:
    """The stored topics, which suggestions are drawn from."""
    rows = session.execute(select(col(Topic.slug), col(Topic.name), col(Topic.description)))
    return [TopicDocument(slug=slug, name=name, description=description) for slug, name, description in rows]


def article_record(source: str, options: ArticleOptions) -> Record:
    try:
        if is_url(source):
            document = load_url(source, options.metadata, format=options.format)
        else:
            document = load_article(Path(source), options.metadata, format=options.format)
    except (ArticleError, OSError) as error:
        return Record(
            source, None, BadRecord(Path(source).name if not is_url(source) else source, [str(error)])
        )
    return Record(source, document, None)


def with_suggestions(
    records: Iterable[Record], report: ImportReport, options: ArticleOptions, vocabulary: list[TopicDocument]
) -> Iterable[Record]:
    """Article records with topic suggestions noted in the report, and added when asked for."""
    for record in records:
        if record.document is not None:
            suggestions = suggest_topics(record.document, vocabulary)
            report.suggestions[record.document.slug] = suggestions
            if options.store_suggested_topics:
                record = Record(record.where, apply_suggestions(record.document, suggestions), None)
        yield record


STORE_BATCH_SIZE = 500
"""Documents stored together: one insert per table for all of them (see `app.storage.loader`).
Against 200: 20,000 interviews into SQLite 5% faster, 2,000 into PostgreSQL 14-18%; 1,000 was
slower than 500 (bench/README.md, issue 15)."""


def store_records(
    session: Session,
    records: Iterable[Record],
    report: ImportReport,
    *,
    skip_invalid: bool,
    keep_documents: bool = False,
    after_each: Callable[[], None] | None = None,
) -> None:
    """Store every good record; once a record is bad and bad ones are not skipped, only check the rest."""
    catalog = Catalog()
    batch: list[InterviewDocument] = []

    def store_batch() -> None:
        for (action, _), document in zip(store_documents(session, batch, catalog), batch, strict=True):
            report.counts[action] += 1
            report.answers += sum(len(q.answers) for q in document.questions)
        batch.clear()

    for record in records:
        if record.error is not None:
            report.bad_records.append(record.error)
        elif record.document is not None:
            if keep_documents:
                report.documents.append(record.document)
            if skip_invalid or not report.bad_records:
                batch.append(record.document)
                if len(batch) >= STORE_BATCH_SIZE:
                    store_batch()
        if after_each is not None:
            after_each()
    store_batch()


def finish(session: Session, report: ImportReport, *, skip_invalid: bool, dry_run: bool) -> None:
    """Commit, or roll back everything when this was a dry run or a bad record must stop the import."""
    if dry_run or (report.bad_records and not skip_invalid):
        session.rollback()
    else:
        session.commit()
        report.committed = True


IMPORT_PAGE_CACHE_KIB = 131_072


@contextmanager
def import_page_cache(session: Session) -> Iterator[None]:
    """On SQLite, the import's connection gets a 128 MiB page cache, and its usual one back afterwards.

    The usual 2 MiB is far smaller than the indexes a large import writes into, so pages were
    evicted and read again (about a tenth of the database time of a 20,000-interview import).
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    driver_connection: Any = connection.connection.dbapi_connection  # usable even after a failed statement
    usual = int(driver_connection.execute("PRAGMA cache_size").fetchone()[0])
    driver_connection.execute(f"PRAGMA cache_size=-{IMPORT_PAGE_CACHE_KIB}")
    try:
        yield
    finally:
        driver_connection.execute(f"PRAGMA cache_size={usual}")


def import_source(
    engine: Engine,
    source: str,
    *,
    options: ArticleOptions | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import one file (JSON, NDJSON or an article) or URL in one transaction."""
    options = options or ArticleOptions()
    report = ImportReport(source)
    with (
        Session(engine.execution_options(**{WRITER_OPTION: True}), expire_on_commit=False) as session,
        older_objects_set_aside(),
    ):
        if not is_url(source) and is_document_file(Path(source)):
            with Path(source).open("rb") as stream, import_page_cache(session):
                store_records(
                    session,
                    read_documents(Path(source), stream),
                    report,
                    skip_invalid=skip_invalid,
                    after_each=(lambda: on_progress(stream.tell())) if on_progress else None,
                )
        else:
            records = with_suggestions(
                [article_record(source, options)], report, options, topic_vocabulary(session)
            )
            store_records(session, records, report, skip_invalid=skip_invalid, keep_documents=True)
        finish(session, report, skip_invalid=skip_invalid, dry_run=dry_run)
    return report
