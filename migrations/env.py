"""Alembic environment: the URL comes from the app's settings unless the caller passes a connection."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from app.config import get_settings
from app.models import metadata
from app.storage.migrations import include_in_comparison
from app.storage.sessions import make_engine

config = context.config


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_in_comparison,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    # A migration may rebuild an index or analyse a table of millions of rows: it is not held to the
    # time limit of a request's statement (STATEMENT_TIMEOUT_MS; 0 is none).
    engine = make_engine(url, get_settings().model_copy(update={"statement_timeout_ms": 0}))
    with engine.connect() as connection:
        run_on(connection)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline (--sql) migrations are not supported; run `interviews migrate`.")
run_migrations_online()
