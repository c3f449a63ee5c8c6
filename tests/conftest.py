"""Test stores: a real SQLite file and, when TEST_POSTGRES_URL is set, a fresh PostgreSQL database.

Every API test runs once per store. The schema is built by the Alembic migrations, as in production,
and each test starts from empty tables.
"""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlmodel import Session

from app.config import get_settings
from app.contract.document import InterviewDocument
from app.http.response_cache import forget_cached_responses
from app.interviews import rendering  # noqa: F401  (as the app and the CLI do: interviews rendered on write)
from app.models import metadata
from app.search.repository import forget_cached_languages
from app.storage.loader import Catalog, store_document
from app.storage.migrations import upgrade
from app.storage.sessions import engine_for

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

# Tests send thousands of requests from one address; the rate-limit tests set their own limit.
os.environ["RATE_LIMIT"] = "1000000/minute"

LOCAL_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
REQUIRE_POSTGRES = os.environ.get("REQUIRE_POSTGRES") == "1"
STORES = ["sqlite", "postgres"]


def _postgres_url() -> tuple[str | None, str]:
    """TEST_POSTGRES_URL, else PostgreSQL at its default local address when it answers; and why."""
    configured = os.environ.get("TEST_POSTGRES_URL")
    if configured:
        return configured, "TEST_POSTGRES_URL"
    try:
        engine = create_engine(LOCAL_POSTGRES_URL, connect_args={"connect_timeout": 2})
        with engine.connect():
            pass
        engine.dispose()
    except Exception:  # any failure to connect means: no local PostgreSQL to use
        return None, f"nothing answers at {LOCAL_POSTGRES_URL} and TEST_POSTGRES_URL is not set"
    return LOCAL_POSTGRES_URL, "found at its default local address"


POSTGRES_URL, POSTGRES_SOURCE = _postgres_url()
TIERS = {"live": "live", "faults": "live", "browser": "browser", "client": "live"}
"""Test folders whose tests start servers or browsers: each gets its marker (and `slow`)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Markers by where a test lives and what it runs on, for `make test-fast` (-m "not slow")."""
    for item in items:
        folder = item.path.parent.name
        if folder in TIERS:
            item.add_marker(getattr(pytest.mark, TIERS[folder]))
            item.add_marker(pytest.mark.slow)
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
        callspec = getattr(item, "callspec", None)
        if "postgres" in item.name or (callspec is not None and "postgres" in callspec.params.values()):
            item.add_marker(pytest.mark.postgres)


SLOW_FILES = frozenset(
    {
        "test_schemathesis.py",
        "test_hostile_inputs.py",
        "test_readme_try_it.py",
        "test_search_stores.py",
        "test_partner_sync.py",
        "test_corpus_generator.py",
    }
)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if POSTGRES_URL is None:
        terminalreporter.write_line(f"PostgreSQL tests did not run: {POSTGRES_SOURCE}.", yellow=True)
    else:
        terminalreporter.write_line(
            f"PostgreSQL for the tests marked postgres: {POSTGRES_URL} ({POSTGRES_SOURCE})."
        )


@dataclass
class Store:
    """A migrated, empty database of one kind."""

    name: str
    url: str

    @property
    def engine(self) -> Engine:
        return engine_for(self.url)

    def empty(self) -> None:
        forget_cached_languages()  # the change log restarts at zero, which these caches key on
        forget_cached_responses()
        tables = [table.name for table in reversed(metadata.sorted_tables)]
        with self.engine.begin() as connection:
            if self.name == "postgres":
                connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    connection.execute(text(f"DELETE FROM {table}"))
                connection.execute(text("DELETE FROM sqlite_sequence")) if _has_sequence(connection) else None
            # As freshly migrated: the change log's counter row exists, starts at zero, names a new database.
            connection.execute(
                text("INSERT INTO change_sequence (id, last_seq, database_id) VALUES (1, 0, :id)"),
                {"id": uuid.uuid4().hex},
            )


def _has_sequence(connection: Any) -> bool:
    return bool(connection.execute(text("SELECT 1 FROM sqlite_master WHERE name='sqlite_sequence'")).first())


def fresh_postgres_database(prefix: str) -> tuple[str, Callable[[], None]]:
    """Create a uniquely named database next to TEST_POSTGRES_URL's, and a function that drops it."""
    assert POSTGRES_URL is not None
    admin_url = make_url(POSTGRES_URL).set(drivername="postgresql+psycopg")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    url = admin_url.set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        engine_for(url).dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


def postgres_or_skip() -> None:
    if POSTGRES_URL is None:
        if REQUIRE_POSTGRES:
            pytest.fail("REQUIRE_POSTGRES=1 but TEST_POSTGRES_URL is not set")
        pytest.skip(f"PostgreSQL: {POSTGRES_SOURCE}")


@pytest.fixture(scope="session")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'interviews.db'}"
    upgrade(url)
    return Store("sqlite", url)


@pytest.fixture(scope="session")
def postgres_store() -> Iterator[Store]:
    postgres_or_skip()
    url, drop = fresh_postgres_database("interviews_test")
    upgrade(url)
    yield Store("postgres", url)
    drop()


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The store under test, empty, and configured as the app's database."""
    chosen: Store = request.getfixturevalue(f"{request.param}_store")
    chosen.empty()
    monkeypatch.setenv("DATABASE_URL", chosen.url)
    get_settings.cache_clear()
    yield chosen
    get_settings.cache_clear()


def api_client() -> TestClient:
    from app.main import create_app

    return TestClient(create_app(), raise_server_exceptions=False)


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with api_client() as test_client:
        yield test_client


def store_documents(store: Store, documents: list[dict[str, Any]]) -> None:
    """Store interview documents directly, in one transaction, as an import would."""
    catalog = Catalog()
    with Session(store.engine) as session:
        for raw in documents:
            store_document(session, InterviewDocument.model_validate(raw), catalog)
        session.commit()


@pytest.fixture
def load(store: Store) -> Callable[[list[dict[str, Any]]], None]:
    return lambda documents: store_documents(store, documents)


SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(params=["sqlite", "postgres"])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of each kind with no tables at all, for tests that migrate it themselves."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    postgres_or_skip()
    url, drop = fresh_postgres_database("interviews_migrations")
    yield url
    drop()


@pytest.fixture
def keys(store: Store) -> dict[str, dict[str, str]]:
    """Authorization headers for a read, a write and an admin key, made with the same code as
    `interviews keys create`."""
    from app.auth.keys import Scope, create_key

    headers = {}
    with Session(store.engine) as session:
        for scope in Scope:
            _, key = create_key(session, f"{scope.value} key", scope)
            headers[scope.value] = {"Authorization": f"Bearer {key}"}
        session.commit()
    return headers
