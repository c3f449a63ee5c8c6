"""Schema changes go through Alembic only; these helpers run it from code (CLI, tests, readiness)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def project_path(name: str) -> Path:
    """A folder of the checkout (`migrations`, `data`), or of the working directory when the app is installed."""
    beside_package = PROJECT_ROOT / name
    return beside_package if beside_package.exists() else Path.cwd() / name


MIGRATIONS_DIR = project_path("migrations")


STORE_SPECIFIC_SEARCH_OBJECTS = {
    "search_vector",
    "ix_search_documents_search_vector",
    "context_vector",
    "ix_search_documents_context_vector",
}
"""Made by raw SQL in the search migration for one store only, so autogenerate must not compare them."""


def include_in_comparison(
    _obj: object, name: str | None, type_: str, _reflected: bool, _compare_to: object
) -> bool:
    if name is None:
        return True
    if type_ == "table" and name.startswith("search_index"):
        return False  # the FTS5 virtual table and its shadow tables
    return name not in STORE_SPECIFIC_SEARCH_OBJECTS


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(url), revision)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
