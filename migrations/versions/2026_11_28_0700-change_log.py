"""change log: changes and the change_sequence counter

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    changes = op.create_table(
        "changes",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("entity_type", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_changes")),
    )
    sequence = op.create_table(
        "change_sequence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_sequence")),
    )
    # What is already stored becomes the first changes, so a partner can start from zero.
    bind = op.get_bind()
    existing = []
    for entity_type, table in (("speaker", "speakers"), ("topic", "topics"), ("interview", "interviews")):
        rows = bind.execute(sa.text(f"SELECT id, slug, created_at FROM {table} ORDER BY id"))
        existing += [
            {"entity_type": entity_type, "entity_id": row.id, "slug": row.slug, "action": "create", "at": row.created_at}
            for row in rows
        ]
    for seq, row in enumerate(existing, start=1):
        row["seq"] = seq
    if existing:
        op.bulk_insert(changes, existing)
    op.bulk_insert(sequence, [{"id": 1, "last_seq": len(existing)}])


def downgrade() -> None:
    op.drop_table("change_sequence")
    op.drop_table("changes")
