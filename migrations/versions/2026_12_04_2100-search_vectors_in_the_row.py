"""search vectors in the row: PostgreSQL keeps `search_vector` and `context_vector` in the table's rows

An answer's search row is about 2.2 KB (its terms, their two `tsvector`s), above the 2 KB at which
PostgreSQL moves the largest values out to the TOAST table: there the `tsvector`s went, the values a
search reads (`@@` on each row a window walks, `ts_rank_cd` on each row it ranks). Each read was a
TOAST index lookup and a chunk fetch, about 8 buffers a row. With storage MAIN the vectors stay in
the row and the term texts, which no search reads, move out instead: the 300-query search mix at
20,000 interviews in process, 30-42 ms a search against 26-27 (bench/README.md, issue 15).

Rows written before this revision keep their layout until they are written again; `VACUUM FULL
search_documents` rewrites them all at once (it locks the table while it runs).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _set_storage(storage: str) -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return  # SQLite keeps no tsvector: its FTS5 index holds the terms
    op.execute(
        f'ALTER TABLE search_documents ALTER COLUMN search_vector SET STORAGE {storage}, '
        f'ALTER COLUMN context_vector SET STORAGE {storage}'
    )


def upgrade() -> None:
    _set_storage('MAIN')


def downgrade() -> None:
    _set_storage('EXTENDED')
