"""API keys: created once and shown once, stored as SHA-256 hashes, revoked
by id or prefix. A key is `sk_<prefix>_<secret>`; the prefix identifies it
in lists and logs without revealing it.

SHA-256 without a slow KDF is right here: the secret is 32 random bytes, not
a password a person chose, so it cannot be guessed from its hash."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import insert, or_, select, update

from .schema import api_keys

SCOPES = ("read", "write")


@dataclass
class Key:
    id: int
    name: str
    prefix: str
    scope: str
    created_at: str
    revoked_at: str | None
    last_used_at: str | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def allows(self, scope: str) -> bool:
        return self.active and (self.scope == "write" or scope == "read")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create(store, name: str, scope: str = "write") -> tuple[Key, str]:
    """A new key: (its record, the token, which is never stored or shown again)."""
    if scope not in SCOPES:
        raise ValueError(f"scope is one of {', '.join(SCOPES)}, got {scope!r}")
    if not name.strip():
        raise ValueError("a key needs a name (who or what uses it)")
    prefix = secrets.token_hex(4)
    token = f"sk_{prefix}_{secrets.token_urlsafe(32)}"
    with store.engine.begin() as conn:
        kid = conn.execute(insert(api_keys).values(name=name.strip(), prefix=prefix, key_hash=digest(token),
                                                   scope=scope, created_at=_now())).inserted_primary_key[0]
    return get(store, kid), token


def get(store, kid: int) -> Key | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(api_keys).where(api_keys.c.id == kid)).first()
    return _key(row) if row else None


def _key(row) -> Key:
    m = row._mapping
    return Key(m["id"], m["name"], m["prefix"], m["scope"], m["created_at"], m["revoked_at"], m["last_used_at"])


def list_keys(store) -> list[Key]:
    with store.engine.connect() as conn:
        return [_key(r) for r in conn.execute(select(api_keys).order_by(api_keys.c.id))]


def revoke(store, which: str) -> int:
    """Revoke by id or prefix; returns how many keys were revoked."""
    cond = api_keys.c.prefix == which
    if which.isdigit():
        cond = or_(cond, api_keys.c.id == int(which))
    with store.engine.begin() as conn:
        return conn.execute(update(api_keys).where(cond, api_keys.c.revoked_at.is_(None))
                            .values(revoked_at=_now())).rowcount


def verify(store, token: str | None) -> Key | None:
    """The active key this token is, or None."""
    if not token or not token.startswith("sk_") or len(token) > 200:
        return None
    h = digest(token)
    with store.engine.connect() as conn:
        row = conn.execute(select(api_keys).where(api_keys.c.key_hash == h)).first()
    if row is None:   # the indexed lookup by hash is the comparison: the token itself is never stored
        return None
    key = _key(row)
    return key if key.active else None


def touch(store, key: Key) -> None:
    """Record the key's use (at most once a minute, to spare the writer)."""
    now = _now()
    if key.last_used_at and key.last_used_at[:16] == now[:16]:
        return
    with store.engine.begin() as conn:
        conn.execute(update(api_keys).where(api_keys.c.id == key.id).values(last_used_at=now))
