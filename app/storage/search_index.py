"""Keeping `search_documents` in step with what is stored, in the writer's own transaction.

Rows of questions and answers go when their owner goes (foreign keys cascade), so writers only
add rows for what they insert and replace the rows of what they update.
"""

from __future__ import annotations

import string
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select
from sqlmodel import Session, col

from app.contract.document import InterviewDocument
from app.models import Answer, Interview, Question, SearchDocument, Speaker, Topic
from app.storage.bulk import insert_rows
from app.storage.terms import DEFAULT_LANGUAGE, MAX_TERM_LENGTH, WORD, _stemmer, fold, index_terms

SEARCH_TABLE: Table = SearchDocument.__table__  # type: ignore[attr-defined]
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
}


ASCII_WORD_CHARACTERS = string.ascii_lowercase + string.digits
ASCII_SEPARATORS = {
    code: " " for code in range(128) if chr(code) not in ASCII_WORD_CHARACTERS
}  # after lower(): what `WORD` does not match in ASCII text


STEM_CACHE_SIZE = 200_000
"""Words per language whose stems `texts_terms` remembers; the cache starts over when it is full."""

_stems_by_language: dict[str, dict[str, str]] = {}


def texts_terms(texts: list[str | None], language: str | None) -> list[str]:
    """`index_terms` of each text, the same strings, at about a third of the cost for a batch of texts.

    Importing spends much of its time here. ASCII text (most of it) is split without a regular
    expression or a call per word: there `WORD` matches runs of letters and digits, which `fold`
    only lowercases. Stems come from a cache of known words, and the rest are stemmed in one call.
    tests/search/test_index_terms.py checks that the result equals `index_terms`.
    """
    words: list[str] = []
    ends: list[int] = []
    for text in texts:
        if text:
            if text.isascii():
                words += text.lower().translate(ASCII_SEPARATORS).split()
            else:
                words += [word for word in map(fold, WORD.findall(text)) if word]
        ends.append(len(words))
    terms = _terms(words, language or DEFAULT_LANGUAGE)
    result = []
    start = 0
    for end in ends:
        result.append(" ".join(terms[start:end]))
        start = end
    return result


def _terms(words: list[str], language: str) -> list[str]:
    """The index term of each folded word, as `stem` gives it."""
    stemmer = _stemmer(language)
    if stemmer is None:
        return [word[:MAX_TERM_LENGTH] for word in words]
    known = _stems_by_language.setdefault(language, {})
    try:
        return list(map(known.__getitem__, words))
    except KeyError:
        pass
    unique = list(dict.fromkeys(words))
    stems = dict(zip(unique, [stem[:MAX_TERM_LENGTH] for stem in stemmer.stemWords(unique)], strict=True))
    if len(known) + len(stems) > STEM_CACHE_SIZE:
        known.clear()
    known.update(stems)
    return list(map(stems.__getitem__, words))


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
) -> list[tuple[Any, ...]]:
    """Search rows (values in `SEARCH_COLUMNS` order) for an interview, its questions and its answers
    (ids in document order)."""
    language = document.language
    texts: list[str | None] = [document.title, document.summary]
    for question in document.questions:
        texts.append(question.text)
        texts += [answer.text for answer in question.answers]
    terms = iter(texts_terms(texts, language))
    rows: list[tuple[Any, ...]] = [
        ("interview", interview_id, None, None, None, None, language, published_at, next(terms), next(terms))
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
            )
            for answer, answer_id in zip(question.answers, ids, strict=True)
        ]
    return rows


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


def reindex_all(connection: Connection) -> int:
    """Rebuild every search row from the stored text (used by the migration that adds search)."""
    connection.execute(delete(SearchDocument))
    count = 0
    for speaker in connection.execute(
        select(col(Speaker.id), col(Speaker.name), col(Speaker.title), col(Speaker.organization))
    ):
        connection.execute(
            insert(SearchDocument),
            [speaker_row(speaker.id or 0, speaker.name, speaker.title, speaker.organization)],
        )
        count += 1
    for topic in connection.execute(select(col(Topic.id), col(Topic.name), col(Topic.description))):
        connection.execute(insert(SearchDocument), [topic_row(topic.id or 0, topic.name, topic.description)])
        count += 1
    interviews = connection.execute(
        select(
            col(Interview.id),
            col(Interview.title),
            col(Interview.summary),
            col(Interview.language),
            col(Interview.published_at),
        )
    ).all()
    for interview in interviews:
        shared = {
            "interview_id": interview.id,
            "language": interview.language,
            "published_at": interview.published_at,
        }
        rows: list[dict[str, Any]] = [
            {
                **shared,
                "kind": "interview",
                "title_terms": index_terms(interview.title, interview.language),
                "body_terms": index_terms(interview.summary, interview.language),
            }
        ]
        for question in connection.execute(
            select(col(Question.id), col(Question.text), col(Question.asked_by_id)).where(
                col(Question.interview_id) == interview.id
            )
        ):
            rows.append(
                {
                    **shared,
                    "kind": "question",
                    "question_id": question.id,
                    "speaker_id": question.asked_by_id,
                    "body_terms": index_terms(question.text, interview.language),
                }
            )
        for answer in connection.execute(
            select(col(Answer.id), col(Answer.question_id), col(Answer.speaker_id), col(Answer.text)).where(
                col(Answer.interview_id) == interview.id
            )
        ):
            rows.append(
                {
                    **shared,
                    "kind": "answer",
                    "question_id": answer.question_id,
                    "answer_id": answer.id,
                    "speaker_id": answer.speaker_id,
                    "body_terms": index_terms(answer.text, interview.language),
                }
            )
        connection.execute(insert(SearchDocument), [{**EMPTY_ROW, **row} for row in rows])
        count += len(rows)
    return count
