"""API keys: generation, hashing and the roles they carry.

A key is a random secret shown once; only its SHA-256 is stored. A salted slow hash is not
needed because the secret has 256 bits of entropy (nothing to brute-force), and a plain
digest lets every request find its key with one indexed lookup.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from enum import StrEnum

KEY_PREFIX = "rd_"


class KeyRole(StrEnum):
    CHANNEL = "channel"
    AGENT = "agent"
    ADMIN = "admin"


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's name (recorded on every action) and its role."""

    key_id: str
    name: str
    role: KeyRole

    def has_role(self, *roles: KeyRole) -> bool:
        # An admin may do everything the other roles may.
        return self.role is KeyRole.ADMIN or self.role in roles


def generate_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class PrincipalCache:
    """Keys seen in the last ``ttl`` seconds, by hash, so a busy channel costs no query per request.

    Only successful lookups are kept, so a new key works at once; a revoked key stops working
    within ``ttl`` seconds on every replica.
    """

    def __init__(self, ttl: float = 5.0, max_size: int = 10_000) -> None:
        self._ttl = ttl
        self._max_size = max_size
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[float, Principal]] = {}

    def get(self, key_hash: str) -> Principal | None:
        entry = self._entries.get(key_hash)
        if entry is None or time.monotonic() - entry[0] > self._ttl:
            return None
        return entry[1]

    def put(self, key_hash: str, principal: Principal) -> None:
        with self._lock:
            if len(self._entries) >= self._max_size:
                self._entries.clear()
            self._entries[key_hash] = (time.monotonic(), principal)
