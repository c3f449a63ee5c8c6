"""Keeping `search_documents` in step with what is stored, in the writer's own transaction.

Rows of questions and answers go when their owner goes (foreign keys cascade), so writers only
add rows for what they insert and replace the rows of what they update.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table, delete, insert, select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import defer
from sqlmodel import Session, col

from app.contract.document import InterviewDocument
from app.models import Answer, Interview, Participant, Question, SearchDocument, SearchWord, Speaker, Topic
from app.storage.bulk import insert_missing, insert_rows
from app.storage.change_log import UPDATE, on_commit
from app.storage.exporter import documents_for
from app.storage.naming import interviews_naming
from app.storage.terms import folded_words, index_terms, stems

SEARCH_TABLE: Table = SearchDocument.__table__  # type: ignore[attr-defined]
WORDS_TABLE: Table = SearchWord.__table__  # type: ignore[attr-defined]
"""Inserted into as a Core table: executemany, without the ORM bulk machinery per row."""

EMPTY_ROW: dict[str, Any] = {  # every row has every column, so a batch is one multi-row insert
    "interview_id": None,
    "question_id": None,
    "answer_id": None,
    "speaker_id": None,
    "topic_id": None,
    "language": None,
    "published_at": None,
    "title_terms": "",
    "body_terms": "",
    "context_terms": "",
}


def texts_terms(texts: list[str | None], language: str | None, seen: set[str] | None = None) -> list[str]:
    """`index_terms` of each text, the same strings, at about a third of the cost for a batch of texts.

    Importing spends much of its time here: the words of all texts are split at once
    (`folded_words`) and stemmed at once (`stems`, from a cache of known words).
    tests/search/test_index_terms.py checks that the result equals `index_terms`.
    """
    words: list[str] = []
    ends: list[int] = []
    for text in texts:
        if text:
            words += folded_words(text)
        ends.append(len(words))
    if seen is not None:
        seen.update(words)
    terms = stems(words, language)
    result = []
    start = 0
    for end in ends:
        result.append(" ".join(terms[start:end]))
        start = end
    return result


def joined_terms(
    texts: list[tuple[str | None, ...]], language: str | None, seen: set[str] | None = None
) -> list[str]:
    """`texts_terms` of texts given as pieces to be joined with spaces, each distinct piece analysed once.

    A space never joins two words, so the terms of a joined text are its pieces' terms in order. The
    contexts of an interview's rows repeat its title, topics and each question's text for every
    answer; analysed once each, they cost the import little more than the answers' own text.
    """
    pieces = list(dict.fromkeys(piece for text in texts for piece in text))
    terms_of = dict(zip(pieces, texts_terms(pieces, language, seen), strict=True))
    return [" ".join(filter(None, map(terms_of.__getitem__, text))) for text in texts]


SEARCH_COLUMNS = (
    "kind",
    "interview_id",
    "question_id",
    "answer_id",
    "speaker_id",
    "topic_id",
    "language",
    "published_at",
    "title_terms",
    "body_terms",
    "context_terms",
)
"""The columns of `search_documents` a writer gives (all but the id), in the order of `interview_rows`."""


def search_values(row: dict[str, Any]) -> tuple[Any, ...]:
    """A search row (as `speaker_row` and `topic_row` make them) as values in `SEARCH_COLUMNS` order."""
    return tuple(row[name] for name in SEARCH_COLUMNS)


def interview_rows(
    interview_id: int,
    document: InterviewDocument,
    published_at: str | None,
    question_ids: list[int],
    answer_ids: list[list[int]],
    speaker_ids: dict[str, int],
    seen: set[str] | None = None,
) -> list[tuple[Any, ...]]:
    """Search rows (values in `SEARCH_COLUMNS` order) for an interview, its questions and its answers
    (ids in document order); the words of its text are added to `seen`.

    Each row has its own text, and a context it is also found by, with less weight: a question is
    found by who asks and by the interview's title and topics; an answer also by the question it
    answers; the interview by its participants and topics. `Vassilenko visa` then finds his answers
    about visas, and `Kazakhstan honey` the honey answer of an interview about Kazakhstan.
    """
    language = document.language
    people = {
        p.speaker.slug: _described(p.speaker.name, p.speaker.title, p.speaker.organization)
        for p in document.participants
    }
    topics = tuple(t.name for t in document.topics)
    texts: list[tuple[str | None, ...]] = [
        (document.title,),
        (document.summary,),
        (*people.values(), *topics),
    ]
    for question in document.questions:
        about = (document.title, *topics, *(t.name for t in question.topics))
        texts += [(question.text,), (people.get(question.asked_by or ""), *about)]
        for answer in question.answers:
            texts += [(answer.text,), (people.get(answer.speaker), question.text, *about)]
    terms = iter(joined_terms(texts, language, seen))
    rows: list[tuple[Any, ...]] = [
        (
            "interview",
            interview_id,
            None,
            None,
            None,
            None,
            language,
            published_at,
            next(terms),
            next(terms),
            next(terms),
        )
    ]
    for question, question_id, ids in zip(document.questions, question_ids, answer_ids, strict=True):
        asker = speaker_ids[question.asked_by] if question.asked_by else None
        rows.append(
            (
                "question",
                interview_id,
                question_id,
                None,
                asker,
                None,
                language,
                published_at,
                "",
                next(terms),
                next(terms),
            )
        )
        rows += [
            (
                "answer",
                interview_id,
                question_id,
                answer_id,
                speaker_ids[answer.speaker],
                None,
                language,
                published_at,
                "",
                next(terms),
                next(terms),
            )
            for answer, answer_id in zip(question.answers, ids, strict=True)
        ]
    return rows


def _described(name: str, title: str | None, organization: str | None) -> str:
    return " ".join(part for part in (name, title, organization) if part)


SUGGESTABLE = re.compile(r"^[^\W\d_]{3,40}$")
"""Words worth suggesting: letters only, three to forty of them."""


def remember_words(session: Session, words: set[str]) -> None:
    """Add the words the vocabulary of suggestions does not hold yet."""
    insert_missing(session, WORDS_TABLE, "word", {word for word in words if SUGGESTABLE.match(word)})


def index_interviews(
    session: Session, rows: list[tuple[Any, ...]], replaced_interview_ids: list[int]
) -> None:
    """Add the rows of a batch of interviews, replacing the own rows of those that were stored before
    (rows of their old questions and answers went with them)."""
    if replaced_interview_ids:
        session.execute(
            delete(SEARCH_TABLE).where(
                SEARCH_TABLE.c.interview_id.in_(replaced_interview_ids), SEARCH_TABLE.c.kind == "interview"
            )
        )
    add_rows(session, rows)


def add_rows(session: Session, rows: list[tuple[Any, ...]]) -> None:
    """Insert search rows (values in `SEARCH_COLUMNS` order), on SQLite in multi-row statements.

    Every statement that writes to SQLite's FTS5 table (here through the insert trigger) ends with
    FTS5 writing out its pending terms as a new segment, so row-by-row executemany costs about three
    times as much as the same rows in statements of a thousand. PostgreSQL keeps psycopg's pipelined
    executemany, which is faster there than multi-row statements.
    """
    sqlite = session.connection().dialect.name == "sqlite"
    insert_rows(session, SEARCH_TABLE, SEARCH_COLUMNS, rows, rows_per_statement=1000 if sqlite else 1)


def speaker_row(speaker_id: int, name: str, title: str | None, organization: str | None) -> dict[str, Any]:
    text = " ".join(part for part in (title, organization) if part)
    return {
        **EMPTY_ROW,
        "kind": "speaker",
        "speaker_id": speaker_id,
        "title_terms": index_terms(name, None),
        "body_terms": index_terms(text, None),
    }


def topic_row(topic_id: int, name: str, description: str | None) -> dict[str, Any]:
    return {
        **EMPTY_ROW,
        "kind": "topic",
        "topic_id": topic_id,
        "title_terms": index_terms(name, None),
        "body_terms": index_terms(description, None),
    }


def index_catalog_entry(session: Session, row: dict[str, Any]) -> None:
    """Replace the search row of one speaker or topic."""
    owner = SEARCH_TABLE.c.speaker_id if row["kind"] == "speaker" else SEARCH_TABLE.c.topic_id
    owner_id = row.get("speaker_id") or row.get("topic_id")
    # A Core delete: an ORM one would search the session's identity map on every call.
    session.execute(delete(SEARCH_TABLE).where(SEARCH_TABLE.c.kind == row["kind"], owner == owner_id))
    session.execute(insert(SEARCH_TABLE), [row])


def reindex_all(connection: Connection, batch_size: int = 200) -> int:
    """Rebuild every search row from what is stored (the migrations that change what rows hold), with
    the code that writes them, a batch of interviews at a time."""
    connection.execute(delete(SearchDocument))
    rows: list[tuple[Any, ...]] = []
    speaker_ids: dict[str, int] = {}
    for speaker in connection.execute(
        select(
            col(Speaker.id),
            col(Speaker.slug),
            col(Speaker.name),
            col(Speaker.title),
            col(Speaker.organization),
        )
    ):
        speaker_ids[speaker.slug] = speaker.id
        rows.append(search_values(speaker_row(speaker.id, speaker.name, speaker.title, speaker.organization)))
    for topic in connection.execute(select(col(Topic.id), col(Topic.name), col(Topic.description))):
        rows.append(search_values(topic_row(topic.id or 0, topic.name, topic.description)))
    count = len(rows)
    with Session(bind=connection) as session:
        add_rows(session, rows)
        last_id = 0
        while True:
            interviews = list(
                session.execute(
                    select(Interview)
                    # Migration 0009 runs this before later migrations add their columns.
                    .options(defer(Interview.updated_by))  # type: ignore[arg-type]
                    .where(col(Interview.id) > last_id)
                    .order_by(col(Interview.id))
                    .limit(batch_size)
                ).scalars()
            )
            if not interviews:
                break
            last_id = interviews[-1].id or 0
            seen: set[str] = set()
            documents = documents_for(session, interviews)
            rows = _stored_interview_rows(session, interviews, documents, speaker_ids, seen)
            add_rows(session, rows)
            remember_words(session, seen)
            count += len(rows)
            session.expunge_all()
    return count


def _stored_interview_rows(
    session: Session,
    interviews: list[Interview],
    documents: list[InterviewDocument],
    speaker_ids: dict[str, int],
    seen: set[str],
) -> list[tuple[Any, ...]]:
    """Search rows of stored interviews, from their documents and the ids of their questions and answers;
    their words are added to `seen`."""
    ids = [interview.id for interview in interviews]
    question_ids: dict[int, list[int]] = {interview_id or 0: [] for interview_id in ids}
    for question_id, interview_id in session.execute(
        select(col(Question.id), col(Question.interview_id))
        .where(col(Question.interview_id).in_(ids))
        .order_by(col(Question.interview_id), col(Question.position))
    ):
        question_ids[interview_id].append(question_id)
    answer_ids: dict[int, list[int]] = {}
    for answer_id, question_id in session.execute(
        select(col(Answer.id), col(Answer.question_id))
        .where(col(Answer.interview_id).in_(ids))
        .order_by(col(Answer.question_id), col(Answer.position))
    ):
        answer_ids.setdefault(question_id, []).append(answer_id)
    rows: list[tuple[Any, ...]] = []
    for interview, document in zip(interviews, documents, strict=True):
        own = question_ids[interview.id or 0]
        rows += interview_rows(
            interview.id or 0,
            document,
            interview.published_at,
            own,
            [answer_ids.get(question_id, []) for question_id in own],
            speaker_ids,
            seen,
        )
    return rows


def reindex_interviews(session: Session, interview_ids: set[int]) -> None:
    """Rebuild the search rows of these interviews (their speakers or topics were renamed: the context
    of their questions and answers names them)."""
    if not interview_ids:
        return
    speaker_ids: dict[str, int] = {
        slug: speaker_id
        for slug, speaker_id in session.execute(
            select(col(Speaker.slug), col(Speaker.id))
            .join(Participant, col(Participant.speaker_id) == col(Speaker.id))
            .where(col(Participant.interview_id).in_(interview_ids))
        )
    }
    for start in range(0, len(interview_ids), 200):
        batch = sorted(interview_ids)[start : start + 200]
        session.execute(delete(SEARCH_TABLE).where(SEARCH_TABLE.c.interview_id.in_(batch)))
        interviews = list(session.execute(select(Interview).where(col(Interview.id).in_(batch))).scalars())
        seen: set[str] = set()
        documents = documents_for(session, interviews)
        add_rows(session, _stored_interview_rows(session, interviews, documents, speaker_ids, seen))
        remember_words(session, seen)


@on_commit
def reindex_renamed(session: OrmSession, changes: Sequence[dict[str, Any]]) -> None:
    """Before commit: a speaker or topic changed in this transaction is named in the context of the
    questions and answers of the interviews that show it, so their rows are written again."""
    speakers = [c["entity_id"] for c in changes if c["entity_type"] == "speaker" and c["action"] == UPDATE]
    topics = [c["entity_id"] for c in changes if c["entity_type"] == "topic" and c["action"] == UPDATE]
    if speakers or topics:  # (new ones were indexed with what names them)
        writer = cast(Session, session)  # every session here is SQLModel's
        reindex_interviews(writer, interviews_naming(writer, speakers, topics))
