"""full-text search: search_documents, with FTS5 on SQLite and a tsvector column on PostgreSQL

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_INDEX = [
    # External-content FTS5 table over search_documents; the terms are already folded and stemmed.
    "CREATE VIRTUAL TABLE search_index USING fts5(title_terms, body_terms, content='search_documents', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_documents_after_insert AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_index(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms); END",
    "CREATE TRIGGER search_documents_after_delete AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_index(search_index, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.id, old.title_terms, old.body_terms); END",
    "CREATE TRIGGER search_documents_after_update AFTER UPDATE ON search_documents BEGIN "
    "INSERT INTO search_index(search_index, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.id, old.title_terms, old.body_terms); "
    "INSERT INTO search_index(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms); END",
]
POSTGRES_INDEX = [
    # Titles weigh more (A) than body text (B) in ts_rank_cd.
    "ALTER TABLE search_documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_terms), 'B')) STORED",
    "CREATE INDEX ix_search_documents_search_vector ON search_documents USING gin (search_vector)",
]


def upgrade() -> None:
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.Column("answer_id", sa.Integer(), nullable=True),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("topic_id", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=True),
        sa.Column("published_at", sa.String(length=40), nullable=True),
        sa.Column("title_terms", sa.Text(), nullable=False),
        sa.Column("body_terms", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["answer_id"], ["answers.id"], name=op.f("fk_search_documents_answer_id_answers"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], name=op.f("fk_search_documents_interview_id_interviews"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], name=op.f("fk_search_documents_question_id_questions"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["speaker_id"], ["speakers.id"], name=op.f("fk_search_documents_speaker_id_speakers"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["topic_id"], ["topics.id"], name=op.f("fk_search_documents_topic_id_topics"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_documents")),
    )
    with op.batch_alter_table("search_documents", schema=None) as batch_op:
        batch_op.create_index("ix_search_documents_kind", ["kind", "id"], unique=False)
        batch_op.create_index("ix_search_documents_interview_id", ["interview_id"], unique=False)
        batch_op.create_index("ix_search_documents_question_id", ["question_id"], unique=False)
        batch_op.create_index("ix_search_documents_answer_id", ["answer_id"], unique=False)
        batch_op.create_index("ix_search_documents_speaker_id", ["speaker_id"], unique=False)
        batch_op.create_index("ix_search_documents_topic_id", ["topic_id"], unique=False)
    statements = SQLITE_INDEX if op.get_bind().dialect.name == "sqlite" else POSTGRES_INDEX
    for statement in statements:
        op.execute(statement)
    # Interviews stored before search existed are indexed by 0009, which rebuilds every search row with
    # the app's own indexing code (written for the search rows as they are at head).


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS search_documents_after_{trigger}")
        op.execute("DROP TABLE IF EXISTS search_index")
    op.drop_table("search_documents")
