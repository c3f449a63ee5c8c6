"""database identity: a random id per database, written at migration

Caches that key on the change log's number (the response cache) also key on this id, so a database
rebuilt from scratch, whose numbers start again at zero, is never mistaken for the old one.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('change_sequence') as batch:
        batch.add_column(sa.Column('database_id', sa.String(length=32), nullable=False, server_default=''))
    op.execute(sa.text("UPDATE change_sequence SET database_id = :id").bindparams(id=uuid.uuid4().hex))


def downgrade() -> None:
    with op.batch_alter_table('change_sequence') as batch:
        batch.drop_column('database_id')
