"""API keys: made at random, shown once, stored only as a SHA-256 hash.

Keys carry 256 bits of randomness, so a fast hash is enough (no password hashing needed), and a
lookup by hash reveals nothing about the key through timing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from enum import StrEnum

from sqlalchemy import select
from sqlmodel import Session, col

from app.models import ApiKey, utc_now

KEY_PREFIX = "ik_"


class Scope(StrEnum):
    """Each scope includes the ones before it."""

    read = "read"
    write = "write"
    admin = "admin"


SCOPE_RANK = {Scope.read: 1, Scope.write: 2, Scope.admin: 3}


def grants(held: str, needed: Scope) -> bool:
    return SCOPE_RANK.get(Scope(held), 0) >= SCOPE_RANK[needed]


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


def create_key(session: Session, name: str, scope: Scope) -> tuple[ApiKey, str]:
    """A new key: the stored record and the key itself, which is never stored and must be shown now."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    record = ApiKey(name=name, scope=scope.value, prefix=key[:10], key_hash=hash_key(key))
    session.add(record)
    session.flush()
    return record, key


def find_active_key(session: Session, key: str) -> ApiKey | None:
    digest = hash_key(key)
    record = session.execute(select(ApiKey).where(col(ApiKey.key_hash) == digest)).scalar_one_or_none()
    if record is None or record.revoked_at is not None:
        return None
    return record if hmac.compare_digest(record.key_hash, digest) else None


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.execute(select(ApiKey).order_by(col(ApiKey.id))).scalars())


def revoke_key(session: Session, ref: str) -> ApiKey | None:
    """Revoke by id or by prefix; revoked keys are refused from the next request on."""
    by_id = ref.isascii() and ref.isdigit()
    column = col(ApiKey.id) if by_id else col(ApiKey.prefix)
    value: int | str = int(ref) if by_id else ref
    record = session.execute(select(ApiKey).where(column == value)).scalar_one_or_none()
    if record is not None and record.revoked_at is None:
        record.revoked_at = utc_now()
    return record
