"""Shared fixtures: a migrated database on SQLite (tmp file) or PostgreSQL (a fresh schema).

PostgreSQL is ``REPLYDESK_TEST_POSTGRES_URL`` (default the local test database). Outside CI an
unreachable server skips the PostgreSQL cases with the reason shown; with ``CI`` set it fails.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from service.db import Base, make_engine
from service.migrate import upgrade

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _with_search_path(url: str, schema: str) -> str:
    return (
        make_url(url)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated schema on the test PostgreSQL for this session, dropped afterwards."""
    base = os.environ.get("REPLYDESK_TEST_POSTGRES_URL", DEFAULT_PG)
    admin = create_engine(base)
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        admin.dispose()
        message = f"PostgreSQL at {make_url(base).render_as_string()} unreachable: {type(exc).__name__}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    schema = f"rd_test_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = _with_search_path(base, schema)
    upgrade(url)
    try:
        yield url
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _truncate(url: str) -> None:
    engine = make_engine(url)
    names = ", ".join(f'"{t.name}"' for t in reversed(Base.metadata.sorted_tables))
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names}"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database: a new SQLite file, or the session's PostgreSQL schema truncated."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'replydesk.db'}"
        upgrade(url)
        return url
    url = request.getfixturevalue("postgres_url")
    _truncate(url)
    return url
