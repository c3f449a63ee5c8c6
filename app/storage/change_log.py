"""Recording the change log inside the writer's own transaction, in commit order.

Every write goes through a SQLAlchemy session, so this module listens to sessions rather than to
writers: after each flush it notes which interviews, speakers and topics were created, updated or
deleted; just before commit it writes one change row for each.

Commit order: a poller reads `seq > cursor`, so a change must never become visible with a lower
`seq` than one already seen. Sequence numbers are therefore handed out at the last moment before
commit, by incrementing the single `change_sequence` row. On PostgreSQL that UPDATE takes a row
lock held until the transaction ends, so a second writer waits there and gets the next numbers
only after the first has committed (or rolled back): numbers become visible in order, with no
gap a poller could step over. SQLite has one writer at a time, which gives the same order.
A rolled-back transaction writes nothing, since the rows are part of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import event, insert, update
from sqlalchemy.orm import Session, UOWTransaction

from app.models import Change, ChangeSequence, Interview, Speaker, Topic, metadata, utc_now

TRACKED: dict[type[Any], str] = {Interview: "interview", Speaker: "speaker", Topic: "topic"}
PENDING_KEY = "pending_changes"
CREATE, UPDATE, DELETE = "create", "update", "delete"
CommitHook = Callable[[Session, Sequence[dict[str, Any]]], None]
_commit_hooks: list[CommitHook] = []


def on_commit(hook: CommitHook) -> CommitHook:
    """Register `hook(session, changes)` to run in every writing transaction just before its change
    rows are written, with the changes it is about to log (what is derived from the data, such as
    rendered views, is kept in step there, in the same transaction)."""
    _commit_hooks.append(hook)
    return hook


def _pending(session: Session) -> dict[tuple[str, int], dict[str, Any]]:
    pending: dict[tuple[str, int], dict[str, Any]] = session.info.setdefault(PENDING_KEY, {})
    return pending


def _note(session: Session, instance: Any, action: str) -> None:
    note_change(session, TRACKED[type(instance)], instance.id, instance.slug, action)


def note_change(session: Session, entity_type: str, entity_id: int, slug: str, action: str) -> None:
    """Note a change for the log, in the order noted. Flushes of ORM objects call this; so do writers
    that insert rows without ORM objects (the bulk import), which must call it themselves."""
    key = (entity_type, entity_id)
    earlier = _pending(session).get(key)
    if earlier is not None and earlier["action"] == CREATE:
        if action == DELETE:
            del _pending(session)[key]  # never visible outside this transaction
        return
    _pending(session)[key] = {
        "entity_type": entity_type,
        "entity_id": entity_id,
        "slug": slug,
        "action": action,
    }


@event.listens_for(Session, "after_flush")
def note_flushed_changes(session: Session, _flush: UOWTransaction) -> None:
    for instance in session.new:
        if type(instance) in TRACKED:
            _note(session, instance, CREATE)
    for instance in session.dirty:
        if type(instance) in TRACKED and session.is_modified(instance, include_collections=False):
            _note(session, instance, UPDATE)
    for instance in session.deleted:
        if type(instance) in TRACKED:
            _note(session, instance, DELETE)


@event.listens_for(Session, "before_commit")
def write_change_rows(session: Session) -> None:
    session.flush()
    pending = session.info.pop(PENDING_KEY, {})
    if not pending:
        return
    for hook in _commit_hooks:
        hook(session, list(pending.values()))
    connection = session.connection()
    sequence = metadata.tables[ChangeSequence.__tablename__]
    last = connection.execute(
        update(sequence)
        .where(sequence.c.id == 1)
        .values(last_seq=sequence.c.last_seq + len(pending))
        .returning(sequence.c.last_seq)
    ).scalar_one()
    first = last - len(pending) + 1
    now = utc_now()
    rows = [{**change, "seq": first + offset, "at": now} for offset, change in enumerate(pending.values())]
    connection.execute(insert(metadata.tables[Change.__tablename__]), rows)


@event.listens_for(Session, "after_rollback")
def forget_changes(session: Session) -> None:
    session.info.pop(PENDING_KEY, None)
