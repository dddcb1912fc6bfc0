"""API keys: create one (the secret is returned once) and find the caller of a request."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.db import ApiKey
from service.errors import InvalidInput, NotFound
from service.security import KeyRole, Principal, PrincipalCache, generate_key, hash_key


def create_key(*, session: Session, role: str, name: str) -> tuple[ApiKey, str]:
    """Store a new key for ``name`` with ``role``; returns the row and the secret (never stored)."""
    try:
        key_role = KeyRole(role)
    except ValueError:
        raise InvalidInput(f"unknown role {role!r}; use one of: {', '.join(KeyRole)}") from None
    name = name.strip()
    if not name or len(name) > 200:
        raise InvalidInput("the key needs a name of 1 to 200 characters")
    secret = generate_key()
    row = ApiKey(name=name, role=key_role.value, key_hash=hash_key(secret), prefix=secret[:8])
    session.add(row)
    session.commit()
    return row, secret


def authenticate(*, session: Session, secret: str, cache: PrincipalCache | None = None) -> Principal | None:
    """The principal owning ``secret``, or ``None`` for an unknown or revoked key."""
    key_hash = hash_key(secret)
    if cache is not None and (known := cache.get(key_hash)) is not None:
        return known
    row = session.scalars(select(ApiKey).where(ApiKey.key_hash == key_hash)).first()
    if row is None or row.revoked:
        return None
    principal = Principal(key_id=row.id, name=row.name, role=KeyRole(row.role))
    if cache is not None:
        cache.put(key_hash, principal)
    return principal


def revoke_keys(*, session: Session, name: str) -> int:
    """Revoke every active key named ``name``; returns how many (running services notice within 5 s)."""
    rows = session.scalars(select(ApiKey).where(ApiKey.name == name, ApiKey.revoked.is_(False))).all()
    if not rows:
        raise NotFound(f"no active key named {name!r}")
    for row in rows:
        row.revoked = True
    session.commit()
    return len(rows)
