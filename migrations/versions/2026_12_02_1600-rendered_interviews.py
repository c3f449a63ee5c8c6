"""rendered interviews: each interview's public JSON, written with the interview

Left empty here: `interviews migrate` (app.storage.migrations.upgrade) renders every interview
after the schema is at head, with the code that serves them; reads fall back to rendering on the
fly until then.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'rendered_interviews',
        sa.Column('interview_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.String(length=16), nullable=False),
        sa.Column('detail', sa.Text(), nullable=False),
        sa.Column('detail_etag', sa.String(length=40), nullable=False),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['interview_id'], ['interviews.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('interview_id'),
    )


def downgrade() -> None:
    op.drop_table('rendered_interviews')
