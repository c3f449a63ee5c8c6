"""search context: answers and questions are also found by who said them, the question, the interview's
title and topics (a third, lighter column of the full-text index); and the words the index has seen,
for "did you mean" suggestions

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


def _postgres_vector(context: bool) -> list[str]:
    """Titles weigh most (A), then text (B), then context (D) in ts_rank_cd."""
    parts = [
        "setweight(to_tsvector('simple'::regconfig, title_terms), 'A')",
        "setweight(to_tsvector('simple'::regconfig, body_terms), 'B')",
    ]
    if context:
        parts.append("setweight(to_tsvector('simple'::regconfig, context_terms), 'D')")
    return [
        "DROP INDEX IF EXISTS ix_search_documents_search_vector",
        "ALTER TABLE search_documents DROP COLUMN IF EXISTS search_vector",
        f"ALTER TABLE search_documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({' || '.join(parts)}) STORED",
        "CREATE INDEX ix_search_documents_search_vector ON search_documents USING gin (search_vector)",
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
    statements = _sqlite_index(('title_terms', 'body_terms', 'context_terms')) if sqlite else _postgres_vector(True)
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
        op.execute('DROP INDEX IF EXISTS ix_search_documents_search_vector')
        op.execute('ALTER TABLE search_documents DROP COLUMN IF EXISTS search_vector')
    op.drop_table('search_words')
    op.drop_column('search_documents', 'context_terms')
    statements = _sqlite_index(('title_terms', 'body_terms')) if sqlite else _postgres_vector(False)
    for statement in statements:
        op.execute(statement)
    if sqlite:  # the stored rows into the new index (PostgreSQL computed its column when adding it)
        op.execute("INSERT INTO search_index(search_index) VALUES ('rebuild')")
