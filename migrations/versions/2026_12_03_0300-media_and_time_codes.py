"""media and time codes: an interview's audio or video, and when each question and answer was said

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMED = ('questions', 'answers')


def upgrade() -> None:
    op.add_column('interviews', sa.Column('media_url', sa.String(length=2000), nullable=True))
    op.add_column('interviews', sa.Column('media_type', sa.String(length=100), nullable=True))
    op.add_column('interviews', sa.Column('media_duration', sa.Float(), nullable=True))
    for table in TIMED:
        op.add_column(table, sa.Column('start_time', sa.Float(), nullable=True))
        op.add_column(table, sa.Column('end_time', sa.Float(), nullable=True))
    # `has_media=true` lists the interviews with media: a partial index holds only those
    op.create_index(
        'ix_interviews_media',
        'interviews',
        ['id'],
        postgresql_where=sa.text('media_url IS NOT NULL'),
        sqlite_where=sa.text('media_url IS NOT NULL'),
    )


def downgrade() -> None:
    # plain ALTER TABLE on both stores, as in 0006
    op.drop_index('ix_interviews_media', table_name='interviews')
    for table in reversed(TIMED):
        op.drop_column(table, 'end_time')
        op.drop_column(table, 'start_time')
    op.drop_column('interviews', 'media_duration')
    op.drop_column('interviews', 'media_type')
    op.drop_column('interviews', 'media_url')
