"""A 2xx names a committed write: read back at once by any client, and a failed commit is a problem."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from tests.conftest import Store
from tests.live.conftest import new_key
from tests.support.factories import interview_document
from tests.support.servers import uvicorn_process

SLUG = "acknowledged"


def test_a_write_is_visible_to_the_very_next_read_from_another_connection(
    live_store: Store, server, writer, http
) -> None:
    """The response must not leave before the commit: otherwise a read sent on receiving it may be stale
    (or a 404 after a 201)."""
    stale = []
    with server() as base_url:
        writes, reads = http(base_url, headers=writer), http(base_url)
        for round_ in range(40):
            slug = f"{SLUG}-{round_}"
            created = writes.put(f"/v1/interviews/{slug}", json=interview_document(slug))
            assert created.status_code == 201, created.text
            if reads.get(f"/v1/interviews/{slug}").status_code != 200:
                stale.append(("put", round_))
            title = f"Title number {round_}"
            assert writes.patch(f"/v1/interviews/{SLUG}-0", json={"title": title}).status_code == 200
            if reads.get(f"/v1/interviews/{SLUG}-0").json()["title"] != title:
                stale.append(("patch", round_))
    assert stale == []


@pytest.fixture
def commit_fails_for_doomed_paths(postgres_store: Store):
    """PostgreSQL checks a deferred constraint trigger at COMMIT: this one fails every transaction that
    audits a write to a path containing 'doomed', after the route has done all its work. (SQLite's
    commit failures are the full disk of tests/live/test_faults.py.)"""
    postgres_store.empty()
    with postgres_store.engine.begin() as connection:
        connection.execute(
            text(
                "CREATE FUNCTION refuse_doomed() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'refused at commit'; END $$"
            )
        )
        connection.execute(
            text(
                "CREATE CONSTRAINT TRIGGER refuse_doomed AFTER INSERT ON audit_log "
                "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.path LIKE '%doomed%') "
                "EXECUTE FUNCTION refuse_doomed()"
            )
        )
    yield postgres_store
    with postgres_store.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER refuse_doomed ON audit_log"))
        connection.execute(text("DROP FUNCTION refuse_doomed()"))


def test_a_write_whose_commit_fails_is_answered_with_a_problem_and_changes_nothing(
    commit_fails_for_doomed_paths: Store, http
) -> None:
    store, slug = commit_fails_for_doomed_paths, "doomed-interview"
    with uvicorn_process(store.url) as base_url:
        client = http(base_url, headers=new_key(store, "doomed writer"))
        response = client.put(f"/v1/interviews/{slug}", json=interview_document(slug))
        assert response.status_code >= 500
        assert response.headers["content-type"] == "application/problem+json"
        assert client.get(f"/v1/interviews/{slug}").status_code == 404
        assert client.get("/healthz").status_code == 200, "the connection survives the failed write"
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM audit_log")).scalar() == 0
        assert connection.execute(text("SELECT count(*) FROM changes")).scalar() == 0


def test_a_rebuilt_database_is_never_answered_from_the_old_ones_cache(
    live_store: Store, server, writer, http
) -> None:
    """The response cache keys on the change number; a rebuilt database counts from zero again, so the
    cache must also know which database it is."""
    with server() as base_url:
        client = http(base_url)
        assert (
            http(base_url, headers=writer)
            .put(f"/v1/interviews/{SLUG}", json=interview_document(SLUG, title="Before the rebuild"))
            .status_code
            == 201
        )
        assert client.get(f"/v1/interviews/{SLUG}").json()["title"] == "Before the rebuild"
        assert client.get(f"/v1/interviews/{SLUG}").headers.get("x-cache") == "hit"
        live_store.empty()  # as `interviews migrate` on a new database: same URL, numbers from zero
        fresh_writer = new_key(live_store, "again")
        assert (
            http(base_url, headers=fresh_writer)
            .put(f"/v1/interviews/{SLUG}", json=interview_document(SLUG, title="After the rebuild"))
            .status_code
            == 201
        )
        with live_store.engine.connect() as connection:
            assert connection.execute(text("SELECT last_seq FROM change_sequence")).scalar() == 3
        assert client.get(f"/v1/interviews/{SLUG}").json()["title"] == "After the rebuild"


def test_the_export_escapes_line_separators_so_every_line_reader_sees_one_document_a_line(
    live_store: Store, server, writer, http
) -> None:
    answer = "First line\u2028second line\u2029third paragraph."
    document = interview_document(SLUG, questions=[("Why?", [answer])])
    with server() as base_url:
        assert http(base_url, headers=writer).put(f"/v1/interviews/{SLUG}", json=document).status_code == 201
        with http(base_url).stream("GET", "/v1/export/interviews.ndjson") as response:
            lines = list(response.iter_lines())
    assert len(lines) == 1
    assert json.loads(lines[0])["questions"][0]["answers"][0]["text"] == answer
