"""Import files of interviews: one transaction per file, all or nothing unless told to skip bad records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from app.documents.loader import Catalog, StoreAction, store_document
from app.documents.records import BadRecord, Record, is_document_file, read_documents


@dataclass
class FileReport:
    """What an import did with one file."""

    path: Path
    counts: dict[StoreAction, int] = field(default_factory=lambda: dict.fromkeys(StoreAction, 0))
    bad_records: list[BadRecord] = field(default_factory=list)
    committed: bool = False
    answers: int = 0

    @property
    def stored(self) -> int:
        return self.counts[StoreAction.created] + self.counts[StoreAction.updated]


def read_records(path: Path, on_progress: Callable[[int], None] | None = None) -> list[Record] | None:
    """Records of an article file (text, Markdown, HTML) parsed whole; None for document files, read as a stream."""
    if is_document_file(path):
        return None
    from app.importer import ArticleError, load_article

    try:
        return [Record(path.name, load_article(path), None)]
    except (ArticleError, UnicodeDecodeError, OSError) as error:
        return [Record(path.name, None, BadRecord(path.name, [str(error)]))]


def import_file(
    engine: Engine,
    path: Path,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> FileReport:
    """Store every good record of a file in one transaction; without `skip_invalid`, one bad record stores nothing."""
    report = FileReport(path)
    catalog = Catalog()
    with Session(engine, expire_on_commit=False) as session, path.open("rb") as stream:
        records = read_records(path) or read_documents(path, stream)
        for record in records:
            if record.error is not None:
                report.bad_records.append(record.error)
            elif record.document is not None and (skip_invalid or not report.bad_records):
                action, _ = store_document(session, record.document, catalog)
                report.counts[action] += 1
                report.answers += sum(len(q.answers) for q in record.document.questions)
            if on_progress is not None and not stream.closed:
                on_progress(stream.tell())
        if dry_run or (report.bad_records and not skip_invalid):
            session.rollback()
        else:
            session.commit()
            report.committed = True
    return report
