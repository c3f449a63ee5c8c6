"""search statistics: PostgreSQL keeps term statistics for nearly every word of the full-text columns

With the default statistics target (100) the planner knows only the ~1,000 most common lexemes of
`search_vector`; any other word is estimated at half the rarest known one's frequency: 11,646 rows
for a word in 124 of 1.6 million (100,000 interviews). It then walks the primary key backwards to
find the newest matches of that "common" word, reading the whole table: 7-22 s for one rare word.
With a target of 10,000 the estimates are close and a rare word is read from its GIN index (6 ms).
ANALYZE then samples up to 3 million rows: about a minute at that size, seconds below it.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TERM_STATISTICS = 10_000


def _set_target(target: int) -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return  # SQLite's FTS5 index is not planned by statistics
    op.execute(
        f'ALTER TABLE search_documents ALTER COLUMN search_vector SET STATISTICS {target}, '
        f'ALTER COLUMN context_vector SET STATISTICS {target}'
    )
    op.execute('ANALYZE search_documents')


def upgrade() -> None:
    _set_target(TERM_STATISTICS)


def downgrade() -> None:
    _set_target(-1)
