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

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import Session, col

from app.documents.contents import InterviewContents, insert_contents
from app.documents.exporter import documents_for
from app.documents.schema import InterviewDocument, SpeakerDocument, TopicDocument
from app.models import Interview, InterviewTopic, Participant, Question, Speaker, Topic, utc_now
from app.references import published_at_text
from app.search.index import index_catalog_entry, speaker_row, topic_row


class StoreAction(StrEnum):
    created = "created"
    updated = "updated"
    unchanged = "unchanged"


@dataclass
class Catalog:
    """Speaker and topic ids by slug, remembered across the documents of one import."""

    speakers: dict[str, int] = field(default_factory=dict)
    topics: dict[str, int] = field(default_factory=dict)
    speaker_details: dict[str, Speaker] = field(default_factory=dict)
    topic_details: dict[str, Topic] = field(default_factory=dict)


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
class _Waiting:
    """New interviews added to the session, each with the speakers and topics new with it, whose
    rows are written together by `write`."""

    interviews: list[tuple[Interview, InterviewDocument, list[Speaker | Topic]]] = field(default_factory=list)

    def write(self, session: Session, catalog: Catalog) -> None:
        if not self.interviews:
            return
        session.flush()  # ids for the interviews, speakers and topics; the change log notes them here
        batch = []
        for interview, document, created in self.interviews:
            for row in created:
                if isinstance(row, Speaker):
                    catalog.speakers[row.slug] = row.id or 0
                else:
                    catalog.topics[row.slug] = row.id or 0
            batch.append(
                InterviewContents(
                    interview.id or 0, document, search_rows_before=[_search_row(r) for r in created]
                )
            )
        insert_contents(session, batch, catalog.speakers, catalog.topics)
        self.interviews.clear()


def _search_row(row: Speaker | Topic) -> dict[str, Any]:
    if isinstance(row, Speaker):
        return speaker_row(row.id or 0, row.name, row.title, row.organization)
    return topic_row(row.id or 0, row.name, row.description)


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
    results: list[tuple[StoreAction, int | Interview]] = []
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


def _differs(stored: Speaker | Topic | None, values: dict[str, Any]) -> bool:
    return stored is not None and any(getattr(stored, name) != value for name, value in values.items())


def _add_new(session: Session, document: InterviewDocument, catalog: Catalog, waiting: _Waiting) -> Interview:
    """Add a new interview and its new speakers and topics to the session; its rows wait in `waiting`."""
    now = utc_now()
    created: list[Speaker | Topic] = []
    for speaker in document.speakers():
        if speaker.slug not in catalog.speaker_details:
            created.append(
                Speaker(slug=speaker.slug, **speaker_details(speaker), created_at=now, updated_at=now)
            )
    for topic in document.all_topics():
        if topic.slug not in catalog.topic_details:
            created.append(Topic(slug=topic.slug, **topic_details(topic), created_at=now, updated_at=now))
    for row in created:
        session.add(row)
        if isinstance(row, Speaker):
            catalog.speaker_details[row.slug] = row  # its id comes with the flush in `_Waiting.write`
        else:
            catalog.topic_details[row.slug] = row
    interview = Interview(
        **interview_values(document), question_count=len(document.questions), created_at=now, updated_at=now
    )
    session.add(interview)
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
            **values, question_count=len(document.questions), created_at=now, updated_at=now
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
    }


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
            for name, value in values.items():
                setattr(stored, name, value)
            stored.updated_at = now
            index_catalog_entry(session, search_row(stored))
    return {slug: known_ids[slug] for slug in wanted}
