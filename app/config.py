"""Settings read from the environment (and an optional `.env`), in one class."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./data/interviews.db"


class Settings(BaseSettings):
    """Every knob of the service; the README lists them with their defaults."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL: sqlite:///path.db or postgresql+psycopg://user@host/db",
    )
    database_read_url: str | None = Field(
        default=None,
        description="Optional PostgreSQL streaming replica of DATABASE_URL: reads go there while it is "
        "up and within REPLICA_MAX_LAG_SECONDS; writes, the change feed and the export stay on the primary.",
    )
    replica_max_lag_seconds: float = Field(
        default=5.0,
        gt=0,
        le=3_600,
        description="Reads leave the replica for the primary while it is further behind than this.",
    )
    replica_check_seconds: float = Field(
        default=0.5,
        ge=0.05,
        le=60,
        description="How often each process asks the primary and the replica how far their WAL has come.",
    )
    public_base_url: str | None = Field(
        default=None,
        description="Where clients reach the API, for links in feeds; unset, the address each request came to.",
    )
    default_page_size: int = Field(default=20, ge=1, le=100)
    max_page_size: int = Field(default=100, ge=1, le=1000)
    sqlite_busy_timeout_ms: int = Field(
        default=5_000,
        ge=0,
        description="How long a SQLite writer waits for another process's write (503 after).",
    )
    sqlite_mmap_mb: int = Field(
        default=1_024,
        ge=0,
        le=2_047,
        description="How much of the SQLite file each connection reads through a memory map rather than "
        "its own page cache (SQLite's mmap_size); 0 reads it all by read() calls.",
    )
    write_queue_seconds: int = Field(
        default=30,
        ge=1,
        le=600,
        description="How long a SQLite write waits behind this process's others (503 after).",
    )
    pool_size: int = Field(
        default=10,
        ge=1,
        le=100,
        description="PostgreSQL connections per process (as many again may overflow, and as many read "
        "stored interviews asynchronously).",
    )
    log_sql: bool = False
    log_format: Literal["auto", "json", "text"] = Field(
        default="auto",
        description="`json` lines for a log collector, `text` for a person; `auto`: text on a terminal, else JSON.",
    )

    require_api_key_for_reads: bool = Field(default=False, description="Reads need a key with `read` scope.")
    cors_origins: list[str] = Field(
        default=["*"], description="Origins allowed to call the API from browsers."
    )
    rate_limit: str = Field(
        default="120/minute",
        description="Requests allowed per API key, or per client address without a key (`limits` syntax).",
    )
    rate_limit_storage_url: str = Field(
        default="memory://",
        description="Where rate-limit counters live; `redis://…` to share them across processes.",
    )
    max_body_bytes: int = Field(
        default=5_000_000, ge=1_000, description="Largest request body accepted (413)."
    )
    max_article_bytes: int = Field(
        default=2_000_000,
        ge=1_000,
        description="Largest article (text, Markdown, HTML) parsed by an import or a dry run (413).",
    )
    max_query_string_bytes: int = Field(
        default=4_096, ge=256, description="Longest query string accepted (414)."
    )
    connect_timeout_seconds: int = Field(default=3, ge=1, le=60, description="PostgreSQL connection timeout.")
    pool_timeout_seconds: int = Field(
        default=5, ge=1, le=60, description="Longest wait for a pooled connection."
    )
    response_cache_mb: int = Field(
        default=64,
        ge=0,
        le=65_536,
        description="Memory per process for finished read responses, served until the data changes; 0 turns it off.",
    )
    search_window: int = Field(
        default=1_000,
        ge=20,
        le=1_000_000,
        description="Relevance-ranked searches matching more rows than this rank, count and facet the "
        "most recently stored this many (the response says `exact: false`).",
    )
    compress_min_bytes: int = Field(
        default=1_024,
        ge=0,
        description="Bodies at least this long are sent gzip-compressed to clients that accept it; 0 turns it off.",
    )
    statement_timeout_ms: int = Field(
        default=5_000, ge=100, description="PostgreSQL aborts any statement running longer than this."
    )
    webhook_timeout_seconds: float = Field(
        default=10.0, gt=0, le=120, description="How long `interviews deliver` waits for a receiver's answer."
    )
    webhook_retry_base_seconds: float = Field(
        default=10.0,
        gt=0,
        le=86_400,
        description="Wait before the first retry of a failed delivery; it doubles with each further failure.",
    )
    webhook_retry_max_seconds: float = Field(
        default=3_600.0, gt=0, le=604_800, description="The longest wait between two tries of a delivery."
    )
    webhook_retry_jitter: float = Field(
        default=0.2,
        ge=0,
        le=1,
        description="Each wait is shortened by a random part of up to this fraction, so retries spread out.",
    )
    webhook_pause_after_failures: int = Field(
        default=15,
        ge=1,
        le=1_000,
        description="A subscription is paused after this many failed tries in a row (resume it by API).",
    )
    webhook_concurrency: int = Field(
        default=8, ge=1, le=100, description="Deliveries one `interviews deliver` process sends at once."
    )
    webhook_allow_private_urls: bool = Field(
        default=False,
        description="Accept subscriptions to loopback, private and link-local addresses (tests, one-host setups).",
    )

    @field_validator("database_url", "database_read_url")
    @classmethod
    def normalise_postgres_url(cls, value: str | None) -> str | None:
        """Accept the plain `postgresql://` form that most hosts hand out, and use psycopg 3."""
        if value is None:
            return None
        if value.startswith("postgres://"):
            value = "postgresql://" + value.removeprefix("postgres://")
        if value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value.removeprefix("postgresql://")
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def sqlite_path(self) -> Path | None:
        """The database file of a SQLite URL, so its folder can be created on first start."""
        if not self.is_sqlite:
            return None
        path = self.database_url.split("///", 1)[-1]
        return None if path in ("", ":memory:") else Path(path)


@lru_cache
def get_settings() -> Settings:
    return Settings()
