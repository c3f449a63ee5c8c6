"""import warnings: what the importer guessed, kept with each interview

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('interviews', sa.Column('import_warnings', sa.Text(), nullable=True))


def downgrade() -> None:
    # plain ALTER TABLE on both stores (SQLite has dropped columns since 3.35): a batch copy of the
    # table would have to rebuild its expression index, which SQLite cannot reflect
    op.drop_column('interviews', 'import_warnings')
