"""Interview documents into the database: upsert by slug, inside the caller's transaction.

The loader never commits: a whole file (or a whole request) is one transaction, so a failure
anywhere leaves the database as it was.

Documents are stored in order, a batch at a time: a new interview whose speakers and topics are
new or unchanged only adds rows, so its rows wait and go in with the rest of the batch, one
multi-row insert per table. Anything else (an interview replaced, a speaker's details changed)
first writes what waits and is then stored on its own, exactly as it always was. Either way the
ids, search rows and change log come out as if each document had been stored one by one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from types import SimpleNamespace
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import Session, col

from app.contract.document import InterviewDocument, SpeakerDocument, TopicDocument
from app.models import Interview, InterviewTopic, Participant, Question, Speaker, Topic, utc_now
from app.models.values import published_at_text
from app.storage.bulk import insert_rows
from app.storage.change_log import CREATE, TRACKED, note_change
from app.storage.contents import InterviewContents, insert_contents
from app.storage.exporter import documents_for
from app.storage.revisions import author, keep_replaced
from app.storage.search_index import index_catalog_entry, speaker_row, topic_row


class StoreAction(StrEnum):
    created = "created"
    updated = "updated"
    unchanged = "unchanged"


@dataclass
class Catalog:
    """Speaker and topic ids by slug, remembered across the documents of one import."""

    speakers: dict[str, int] = field(default_factory=dict)
    topics: dict[str, int] = field(default_factory=dict)
    # Stored details by slug: ORM rows, or stand-ins holding the details of rows inserted in bulk.
    speaker_details: dict[str, Speaker | SimpleNamespace] = field(default_factory=dict)
    topic_details: dict[str, Topic | SimpleNamespace] = field(default_factory=dict)


def speaker_details(speaker: SpeakerDocument) -> dict[str, Any]:
    return {
        "name": speaker.name,
        "title": speaker.title,
        "organization": speaker.organization,
        "country": speaker.country,
    }


def topic_details(topic: TopicDocument) -> dict[str, Any]:
    """A document that gives no description keeps the stored one."""
    return {"name": topic.name} | (
        {"description": topic.description} if topic.description is not None else {}
    )


def store_document(
    session: Session, document: InterviewDocument, catalog: Catalog | None = None
) -> tuple[StoreAction, int]:
    """Create or replace the interview with the document's slug; an identical document changes nothing."""
    return store_documents(session, [document], catalog)[0]


def store_documents(
    session: Session, documents: list[InterviewDocument], catalog: Catalog | None = None
) -> list[tuple[StoreAction, int]]:
    """Store the documents in order, as `store_document` would one by one; what each did, and its id."""
    catalog = catalog or Catalog()
    results: list[tuple[StoreAction, int]] = []
    for run in _runs_of_distinct_slugs(documents):
        results += _store_run(session, run, catalog)
    return results


def _runs_of_distinct_slugs(documents: list[InterviewDocument]) -> Iterator[list[InterviewDocument]]:
    """A slug met again must see its first document stored, so it starts the next run."""
    run: list[InterviewDocument] = []
    slugs: set[str] = set()
    for document in documents:
        if document.slug in slugs:
            yield run
            run, slugs = [], set()
        run.append(document)
        slugs.add(document.slug)
    if run:
        yield run


@dataclass
class _New:
    """A row to insert (an interview, speaker or topic new in this import), and its id once inserted."""

    values: dict[str, Any]
    id: int | None = None

    @property
    def slug(self) -> str:
        return str(self.values["slug"])


@dataclass
class _Waiting:
    """New interviews, each with the speakers and topics new with it, whose rows are written
    together by `write`: one insert per table for the whole batch, no ORM objects."""

    interviews: list[tuple[_New, InterviewDocument, list[tuple[type[Speaker | Topic], _New]]]] = field(
        default_factory=list
    )

    def write(self, session: Session, catalog: Catalog) -> None:
        if not self.interviews:
            return
        session.flush()  # anything the ORM holds goes first, as it would have
        made = [pair for _, _, created in self.interviews for pair in created]
        for model, known in ((Speaker, catalog.speakers), (Topic, catalog.topics)):
            rows = [new for kind, new in made if kind is model]
            _insert_new(session, model, rows)
            known.update((new.slug, new.id or 0) for new in rows)
        _insert_new(session, Interview, [interview for interview, _, _ in self.interviews])
        batch = []
        for interview, document, created in self.interviews:
            # The change log in the order a flush of these objects would have noted them.
            for model, new in created:
                note_change(session, TRACKED[model], new.id or 0, new.slug, CREATE)
            note_change(session, TRACKED[Interview], interview.id or 0, interview.slug, CREATE)
            rows_before = [_search_row(model, new) for model, new in created]
            batch.append(InterviewContents(interview.id or 0, document, search_rows_before=rows_before))
        insert_contents(session, batch, catalog.speakers, catalog.topics)
        self.interviews.clear()


def _insert_new(session: Session, model: Any, rows: list[_New]) -> None:
    """Insert the rows in order and read their ids back by slug (unique in each of these tables)."""
    if not rows:
        return
    table = model.__table__
    columns = tuple(rows[0].values)
    insert_rows(session, table, columns, [tuple(new.values[name] for name in columns) for new in rows])
    wanted = select(table.c.slug, table.c.id).where(table.c.slug.in_([new.slug for new in rows]))
    ids = {slug: id_ for slug, id_ in session.connection().execute(wanted)}
    for new in rows:
        new.id = ids[new.slug]


def _search_row(model: type[Speaker | Topic], new: _New) -> dict[str, Any]:
    values = new.values
    if model is Speaker:
        return speaker_row(new.id or 0, values["name"], values["title"], values["organization"])
    return topic_row(new.id or 0, values["name"], values["description"])


def _store_run(
    session: Session, documents: list[InterviewDocument], catalog: Catalog
) -> list[tuple[StoreAction, int]]:
    existing = {
        interview.slug: interview
        for interview in session.execute(
            select(Interview).where(col(Interview.slug).in_([d.slug for d in documents]))
        ).scalars()
    }
    stored = (
        dict(zip(existing, documents_for(session, list(existing.values())), strict=True)) if existing else {}
    )
    _look_up(
        session,
        Speaker,
        [s.slug for d in documents for s in d.speakers()],
        catalog.speakers,
        catalog.speaker_details,
    )
    _look_up(
        session,
        Topic,
        [t.slug for d in documents for t in d.all_topics()],
        catalog.topics,
        catalog.topic_details,
    )
    waiting = _Waiting()
    results: list[tuple[StoreAction, int | _New]] = []
    catalog_changed = False  # since `stored` was read, so stored documents must be read again
    for document in documents:
        interview = existing.get(document.slug)
        if interview is not None:
            current = documents_for(session, [interview])[0] if catalog_changed else stored[document.slug]
            if current == document:
                results.append((StoreAction.unchanged, interview.id or 0))
                continue
        if interview is not None or _changes_catalog(document, catalog):
            waiting.write(session, catalog)
            if interview is not None:
                keep_replaced(session, interview, current)
            results.append(_store_alone(session, document, catalog, interview))
            catalog_changed = True
        else:
            results.append((StoreAction.created, _add_new(session, document, catalog, waiting)))
    waiting.write(session, catalog)
    return [(action, ref if isinstance(ref, int) else ref.id or 0) for action, ref in results]


def _look_up(
    session: Session, table: Any, slugs: list[str], known_ids: dict[str, int], known_details: dict[str, Any]
) -> None:
    """Remember the stored rows of the slugs not known yet."""
    unknown = list(dict.fromkeys(slug for slug in slugs if slug not in known_ids))
    if unknown:
        for row in session.execute(select(table).where(table.slug.in_(unknown))).scalars():
            known_ids[row.slug] = row.id
            known_details[row.slug] = row


def _changes_catalog(document: InterviewDocument, catalog: Catalog) -> bool:
    """Whether storing the document would change the details of a known speaker or topic."""
    return any(
        _differs(catalog.speaker_details.get(s.slug), speaker_details(s)) for s in document.speakers()
    ) or any(_differs(catalog.topic_details.get(t.slug), topic_details(t)) for t in document.all_topics())


def _differs(stored: Speaker | Topic | SimpleNamespace | None, values: dict[str, Any]) -> bool:
    return stored is not None and any(getattr(stored, name) != value for name, value in values.items())


def _add_new(session: Session, document: InterviewDocument, catalog: Catalog, waiting: _Waiting) -> _New:
    """Queue a new interview and its new speakers and topics; their rows are written by `waiting`."""
    now = utc_now()
    stamps = {"created_at": now, "updated_at": now}
    created: list[tuple[type[Speaker | Topic], _New]] = []
    for speaker in document.speakers():
        if speaker.slug not in catalog.speaker_details:
            details = speaker_details(speaker)
            created.append((Speaker, _New({"slug": speaker.slug, **details, **stamps})))
            catalog.speaker_details[speaker.slug] = SimpleNamespace(**details)
    for topic in document.all_topics():
        if topic.slug not in catalog.topic_details:
            details = {"name": topic.name, "description": topic.description}
            created.append((Topic, _New({"slug": topic.slug, **details, **stamps})))
            catalog.topic_details[topic.slug] = SimpleNamespace(**details)
    interview = _New(
        {
            **interview_values(document),
            "question_count": len(document.questions),
            "updated_by": author(session),
            **stamps,
        }
    )
    waiting.interviews.append((interview, document, created))
    return interview


def _store_alone(
    session: Session, document: InterviewDocument, catalog: Catalog, existing: Interview | None
) -> tuple[StoreAction, int]:
    """Store one document with everything written at once, replacing `existing` if given."""
    upsert_speakers(session, document.speakers(), catalog)
    upsert_topics(session, document.all_topics(), catalog)
    now = utc_now()
    values = interview_values(document)
    if existing is None:
        interview = Interview(
            **values,
            question_count=len(document.questions),
            created_at=now,
            updated_at=now,
            updated_by=author(session),
        )
        session.add(interview)
        session.flush()
        action = StoreAction.created
    else:
        interview = existing
        for name, value in values.items():
            setattr(interview, name, value)
        interview.question_count = len(document.questions)
        interview.updated_at = now
        interview.updated_by = author(session)
        for table in (Participant, InterviewTopic, Question):
            session.execute(
                delete(table).where(col(table.interview_id) == interview.id),
                execution_options={"synchronize_session": False},  # none are loaded as objects
            )
        session.flush()
        action = StoreAction.updated
    contents = InterviewContents(interview.id or 0, document, replacing=existing is not None)
    insert_contents(session, [contents], catalog.speakers, catalog.topics)
    return action, interview.id or 0


def interview_values(document: InterviewDocument) -> dict[str, Any]:
    return {
        "slug": document.slug,
        "title": document.title,
        "summary": document.summary,
        "language": document.language,
        "published_at": published_at_text(document.published_at),
        "location": document.location,
        "event": document.event,
        "source_name": document.source.name if document.source else None,
        "source_url": document.source.url if document.source else None,
        "import_warnings": warnings_text(document),
        "media_url": document.media.url if document.media else None,
        "media_type": document.media.type if document.media else None,
        "media_duration": document.media.duration if document.media else None,
    }


def warnings_text(document: InterviewDocument) -> str | None:
    if not document.import_warnings:
        return None
    return json.dumps([warning.model_dump() for warning in document.import_warnings], ensure_ascii=False)


def upsert_speakers(session: Session, speakers: list[SpeakerDocument], catalog: Catalog) -> dict[str, int]:
    """Ids of the document's speakers, creating new ones and bringing changed details up to date."""
    return _upsert(
        session,
        Speaker,
        speakers,
        catalog.speakers,
        catalog.speaker_details,
        speaker_details,
        lambda row: speaker_row(row.id, row.name, row.title, row.organization),
    )


def upsert_topics(session: Session, topics: list[TopicDocument], catalog: Catalog) -> dict[str, int]:
    """Ids of the document's topics; a document that gives no description keeps the stored one."""
    return _upsert(
        session,
        Topic,
        topics,
        catalog.topics,
        catalog.topic_details,
        topic_details,
        lambda row: topic_row(row.id, row.name, row.description),
    )


def _upsert(
    session: Session,
    table: Any,
    items: list[Any],
    known_ids: dict[str, int],
    known_details: dict[str, Any],
    details: Callable[[Any], dict[str, Any]],
    search_row: Callable[[Any], dict[str, Any]],
) -> dict[str, int]:
    wanted = {item.slug: item for item in items}
    _look_up(session, table, list(wanted), known_ids, known_details)
    now = utc_now()
    for slug, item in wanted.items():
        values = details(item)
        if slug not in known_ids:
            row = table(slug=slug, **values, created_at=now, updated_at=now)
            session.add(row)
            session.flush()
            known_ids[slug] = row.id
            known_details[slug] = row
            index_catalog_entry(session, search_row(row))
            continue
        stored = known_details.get(slug)
        if stored is not None and _differs(stored, values):
            if not isinstance(stored, table):  # inserted in bulk earlier in this import: load it to change it
                stored = known_details[slug] = session.execute(
                    select(table).where(table.slug == slug)
                ).scalar_one()
            for name, value in values.items():
                setattr(stored, name, value)
            stored.updated_at = now
            index_catalog_entry(session, search_row(stored))
    return {slug: known_ids[slug] for slug in wanted}
