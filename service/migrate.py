"""Database migrations (Alembic), configured in code so they work from an installed package.

``upgrade(url)`` brings any database to the latest schema; ``replydesk serve`` and
``replydesk create-key`` call it, so a fresh SQLite file needs no setup. On PostgreSQL an
advisory lock makes two replicas starting at once migrate one after the other.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

from service.db import make_engine

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_PG_LOCK_ID = 7_420_001  # any constant shared by every replica


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(url: str, engine: Engine | None = None, revision: str = "head") -> None:
    """Apply every pending migration up to ``revision`` to the database at ``url`` (or the given engine)."""
    own_engine = engine is None
    engine = engine or make_engine(url)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _PG_LOCK_ID})
                conn.commit()
            try:
                config = _config()
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
                conn.commit()
            finally:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": _PG_LOCK_ID})
                    conn.commit()
    finally:
        if own_engine:
            engine.dispose()
    log.info("database schema is up to date")
