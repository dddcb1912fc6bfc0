"""Migration 0003 (``conversations.last_seq``) carries existing conversations on where they were."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from service.migrate import upgrade
from tests.conftest import DEFAULT_PG, _with_search_path


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database (no tables yet): a new SQLite file or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    base = os.environ.get("REPLYDESK_TEST_POSTGRES_URL", DEFAULT_PG)
    admin = create_engine(base)
    schema = f"rd_mig_{uuid.uuid4().hex[:10]}"
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        admin.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL unreachable: {type(exc).__name__}")
        pytest.skip(f"PostgreSQL unreachable: {type(exc).__name__}")
    try:
        yield _with_search_path(base, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_last_seq_is_filled_from_the_existing_messages(empty_url: str):
    upgrade(empty_url, revision="0002")  # the schema before last_seq
    engine = create_engine(empty_url)
    now = "2026-01-01 00:00:00+00:00"
    conv = (
        "INSERT INTO conversations (id, channel, status, created_by, created_at, updated_at, friction_score) "
        f"VALUES (:id, 'web', 'bot', 'test', '{now}', '{now}', 0)"
    )
    message = (
        "INSERT INTO messages (id, conversation_id, seq, role, text, created_at, out_of_scope) "
        f"VALUES (:id, :cid, :seq, 'customer', 'hi', '{now}', false)"
    )
    with engine.begin() as conn:
        conn.execute(text(conv), [{"id": "c-busy"}, {"id": "c-empty"}])
        conn.execute(text(message), [{"id": f"m-{s}", "cid": "c-busy", "seq": s} for s in (1, 2, 5)])
    upgrade(empty_url)
    with engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT id, last_seq FROM conversations")).all())
    engine.dispose()
    assert rows == {"c-busy": 5, "c-empty": 0}
