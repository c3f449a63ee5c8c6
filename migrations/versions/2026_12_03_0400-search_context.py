"""search context: answers and questions are also found by who said them, the question, the interview's
title and topics (a lighter third column of the FTS5 index on SQLite, a `context_vector` with its own
GIN index on PostgreSQL); and the words the index has seen, for "did you mean" suggestions

Rebuilds the full-text index with the new column and every search row from the stored interviews.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGERS = ('insert', 'delete', 'update')


def _sqlite_index(columns: tuple[str, ...]) -> list[str]:
    """The FTS5 table over these columns of search_documents, kept in step by triggers."""
    listed = ', '.join(columns)
    new = ', '.join(f'new.{c}' for c in columns)
    old = ', '.join(f'old.{c}' for c in columns)
    return [
        f"CREATE VIRTUAL TABLE search_index USING fts5({listed}, content='search_documents', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
        "CREATE TRIGGER search_documents_after_insert AFTER INSERT ON search_documents BEGIN "
        f"INSERT INTO search_index(rowid, {listed}) VALUES (new.id, {new}); END",
        "CREATE TRIGGER search_documents_after_delete AFTER DELETE ON search_documents BEGIN "
        f"INSERT INTO search_index(search_index, rowid, {listed}) VALUES ('delete', old.id, {old}); END",
        "CREATE TRIGGER search_documents_after_update AFTER UPDATE ON search_documents BEGIN "
        f"INSERT INTO search_index(search_index, rowid, {listed}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO search_index(rowid, {listed}) VALUES (new.id, {new}); END",
    ]


POSTGRES_CONTEXT = [
    # Its own column and GIN index: a one-word query reads the own text's index alone, as before.
    "ALTER TABLE search_documents ADD COLUMN context_vector tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple'::regconfig, context_terms)) STORED",
    "CREATE INDEX ix_search_documents_context_vector ON search_documents USING gin (context_vector)",
]


def _drop_sqlite_index() -> None:
    for trigger in TRIGGERS:
        op.execute(f'DROP TRIGGER IF EXISTS search_documents_after_{trigger}')
    op.execute('DROP TABLE IF EXISTS search_index')


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    if sqlite:
        _drop_sqlite_index()
    op.execute('DELETE FROM search_documents')  # rebuilt below, with the index
    op.add_column(
        'search_documents', sa.Column('context_terms', sa.Text(), nullable=False, server_default='')
    )
    op.create_table('search_words', sa.Column('word', sa.String(length=40), nullable=False), sa.PrimaryKeyConstraint('word', name=op.f('pk_search_words')))
    statements = _sqlite_index(('title_terms', 'body_terms', 'context_terms')) if sqlite else POSTGRES_CONTEXT
    for statement in statements:
        op.execute(statement)
    # The terms must be exactly what the running app writes: its own indexing code rebuilds them.
    from app.storage.search_index import reindex_all

    reindex_all(op.get_bind())


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    if sqlite:
        _drop_sqlite_index()
    else:
        op.execute('DROP INDEX IF EXISTS ix_search_documents_context_vector')
        op.execute('ALTER TABLE search_documents DROP COLUMN IF EXISTS context_vector')
    op.drop_table('search_words')
    op.drop_column('search_documents', 'context_terms')
    if sqlite:  # the stored rows into the index as it was
        for statement in _sqlite_index(('title_terms', 'body_terms')):
            op.execute(statement)
        op.execute("INSERT INTO search_index(search_index) VALUES ('rebuild')")
