"""interview revisions: each version of an interview that a later write replaced, and who wrote each

A version is kept when it is replaced (the interview's live rows are the current one), so an import
of new interviews writes nothing more.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('interviews', sa.Column('updated_by', sa.String(length=100), nullable=True))
    op.create_table(
        'interview_revisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('interview_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('document', sa.Text(), nullable=False),
        sa.Column('written_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('written_by', sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ['interview_id'],
            ['interviews.id'],
            name=op.f('fk_interview_revisions_interview_id_interviews'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_interview_revisions')),
        sa.UniqueConstraint('interview_id', 'number', name=op.f('uq_interview_revisions_interview_id')),
    )


def downgrade() -> None:
    op.drop_table('interview_revisions')
    op.drop_column('interviews', 'updated_by')
