"""Every documented filter and sort of the lists is served by an index, on both stores (EXPLAIN)."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from app.storage import async_reads, local_reads
from tests.support.factories import interview_document

UNFILTERED_SORTS = {
    "/v1/interviews": ["-published_at", "published_at", "title", "-title", "created_at", "-updated_at", "id"],
    "/v1/questions": ["id", "-created_at", "updated_at"],
    "/v1/answers": ["id", "created_at", "-updated_at"],
    "/v1/speakers": ["name", "-name", "slug", "created_at", "-updated_at"],
    "/v1/topics": ["name", "slug", "-created_at", "updated_at"],
}
# A full sort of the rows means the index gave no order; an incremental sort of ties is fine.
FULL_SORT = re.compile(r"\s*(->\s+)?Sort\s+\(")
FILTERS = {
    "/v1/interviews": [
        {"speaker": "oleg-answerer"}, {"topic": "trade"}, {"language": "de"},
        {"published_from": "2024-01-01", "published_to": "2024-12-31"}, {"updated_since": "2024-01-01T00:00:00Z"},
    ],
    "/v1/questions": [{"interview": "talk-1"}, {"speaker": "ivy-asker"}, {"topic": "trade"}],
    "/v1/answers": [{"interview": "talk-1"}, {"speaker": "oleg-answerer"}, {"question": "3"}, {"topic": "trade"}],
    "/v1/speakers": [{"interview": "talk-1"}, {"role": "interviewer"}, {"country": "Chile"}, {"organization": "Org"}],
    "/v1/topics": [{"interview": "talk-1"}],
}  # fmt: skip


@contextmanager
def first_select(engine):
    """The page query of a request: its first SELECT, with its parameters, whether it went through the
    engine's pool, PostgreSQL's asynchronous one or straight to the SQLite driver (plain list pages,
    app/storage/async_reads.py and local_reads.py)."""
    captured: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, parameters, _context, executemany) -> None:
        if statement.lstrip().startswith("SELECT") and not executemany:
            captured.append((statement, parameters))

    async def read(engine, sql, parameters, **options):
        captured.append((sql, parameters))
        return await original(engine, sql, parameters, **options)

    def read_locally(engine, sql, values):
        captured.append((sql, tuple(values)))  # positional, as the driver takes them
        return original_local(engine, sql, values)

    original, original_local = async_reads._read, local_reads._read
    event.listen(engine, "before_cursor_execute", capture)
    async_reads._read, local_reads._read = read, read_locally
    try:
        yield captured
    finally:
        async_reads._read, local_reads._read = original, original_local
        event.remove(engine, "before_cursor_execute", capture)


def query_plan(store, statement: str, parameters) -> list[str]:
    with store.engine.connect() as connection:
        if store.name == "sqlite":
            return table_reads(
                list(connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))
            )
        # Tiny test tables: make the planner show the index walks it takes on real-sized ones (a
        # bitmap scan then a sort of five rows can look cheaper than reading an index backwards).
        connection.exec_driver_sql("SET enable_seqscan = off")
        connection.exec_driver_sql("SET enable_bitmapscan = off")
        return [row[0] for row in connection.exec_driver_sql("EXPLAIN " + statement, parameters)]


def table_reads(rows: list) -> list[str]:
    """A SQLite plan (id, parent, -, detail) without what only touches a page already picked: the
    interview list picks its page in a subquery (a co-routine, which must read an index), then scans
    those limit + 1 rows and puts them back in order at the top level."""
    pages = {
        detail.split()[1]
        for _id, parent, _, detail in rows
        if parent == 0 and detail.startswith("CO-ROUTINE ")
    }
    page_only = {f"SCAN {page}" for page in pages} | ({"USE TEMP B-TREE FOR ORDER BY"} if pages else set())
    return [detail for _id, parent, _, detail in rows if parent != 0 or detail not in page_only]


def full_scans(store, plan: list[str]) -> list[str]:
    if store.name == "sqlite":
        return [line for line in plan if re.fullmatch(r"SCAN \w+", line.strip())]
    return [line for line in plan if "Seq Scan" in line]


@pytest.fixture
def some_interviews(load) -> None:
    load(
        [interview_document(f"talk-{n}", topics=["trade"], published_at=f"2024-0{n}-01") for n in range(1, 6)]
    )


def plan_of(client, store, path: str, params: dict) -> list[str]:
    with first_select(store.engine) as captured:
        response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return query_plan(store, *captured[0])


@pytest.mark.usefixtures("some_interviews")
def test_every_sort_reads_an_index_in_order(client, store) -> None:
    for path, sorts in UNFILTERED_SORTS.items():
        for sort in sorts:
            plan = plan_of(client, store, path, {"sort": sort})
            if sort.lstrip("-") == "id" and store.name == "sqlite":
                continue  # the table itself is stored in id order
            assert not full_scans(store, plan), (path, sort, plan)
            assert not any("TEMP B-TREE" in line or FULL_SORT.match(line) for line in plan), (
                path,
                sort,
                plan,
            )


@pytest.mark.usefixtures("some_interviews")
def test_every_filter_finds_its_rows_through_an_index(client, store) -> None:
    for path, variants in FILTERS.items():
        for params in variants:
            plan = plan_of(client, store, path, params)
            assert not full_scans(store, plan), (path, params, plan)
