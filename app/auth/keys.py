"""API keys: made at random, shown once, stored only as a SHA-256 hash.

Keys carry 256 bits of randomness, so a fast hash is enough (no password hashing needed), and a
lookup by hash reveals nothing about the key through timing.
"""

from __future__ import annotations

import hmac
import secrets
from enum import StrEnum

from sqlalchemy import or_, select
from sqlmodel import Session, col

from app.http.credentials import key_digest
from app.models import ApiKey, utc_now

KEY_PREFIX = "ik_"


class Scope(StrEnum):
    """`read`, `write` and `admin` each include the ones before them; `webhooks` (a partner's key) reads
    and manages its own webhook subscriptions, and writes nothing else. `admin` includes every scope."""

    read = "read"
    write = "write"
    admin = "admin"
    webhooks = "webhooks"


SCOPE_GRANTS: dict[Scope, frozenset[Scope]] = {
    Scope.read: frozenset({Scope.read}),
    Scope.write: frozenset({Scope.read, Scope.write}),
    Scope.admin: frozenset(Scope),
    Scope.webhooks: frozenset({Scope.read, Scope.webhooks}),
}


def grants(held: str, needed: Scope) -> bool:
    return needed in SCOPE_GRANTS.get(Scope(held), frozenset())


def create_key(session: Session, name: str, scope: Scope) -> tuple[ApiKey, str]:
    """A new key: the stored record and the key itself, which is never stored and must be shown now."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    record = ApiKey(name=name, scope=scope.value, prefix=key[:10], key_hash=key_digest(key))
    session.add(record)
    session.flush()
    return record, key


def find_active_key(session: Session, key: str) -> ApiKey | None:
    digest = key_digest(key)
    record = session.execute(select(ApiKey).where(col(ApiKey.key_hash) == digest)).scalar_one_or_none()
    if record is None or record.revoked_at is not None:
        return None
    return record if hmac.compare_digest(record.key_hash, digest) else None


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.execute(select(ApiKey).order_by(col(ApiKey.id))).scalars())


def keys_named(session: Session, ref: str) -> list[ApiKey]:
    """Keys a person may mean by `ref`: an id, a prefix (as `keys list` shows it) or a name."""
    conditions = [col(ApiKey.prefix) == ref, col(ApiKey.name) == ref]
    if ref.isascii() and ref.isdigit() and len(ref) < 19:
        conditions.append(col(ApiKey.id) == int(ref))
    statement = select(ApiKey).where(or_(*conditions)).order_by(col(ApiKey.id))
    return list(session.execute(statement).scalars())


def revoke_key(session: Session, record: ApiKey) -> None:
    """Revoked keys are refused from the next request on (and by every process within a minute)."""
    if record.revoked_at is None:
        record.revoked_at = utc_now()
