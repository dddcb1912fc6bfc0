"""``replydesk create-key`` / ``serve`` from a shell, and the migrations matching the models."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select
from typer.testing import CliRunner

from replydesk.cli import app
from replydesk.settings import get_settings
from service.crud.keys import authenticate
from service.db import ApiKey, Base, make_engine, make_sessionmaker


@pytest.fixture
def fresh_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("REPLYDESK_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("REPLYDESK_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield tmp_path / "var"
    get_settings.cache_clear()


def test_create_key_on_a_fresh_sqlite_database_prints_it_once(fresh_var: Path):
    result = CliRunner().invoke(app, ["create-key", "--role", "agent", "--name", "ana"])
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip().splitlines()[-1]
    assert secret.startswith("rd_")
    engine = make_engine(get_settings().effective_database_url)
    with make_sessionmaker(engine)() as session:
        principal = authenticate(session=session, secret=secret)
        stored = session.scalars(select(ApiKey)).one()
    engine.dispose()
    assert principal is not None and (principal.name, principal.role) == ("ana", "agent")
    assert secret not in (stored.key_hash, stored.prefix)


def test_a_revoked_key_stops_working(fresh_var: Path):
    runner = CliRunner()
    secret = runner.invoke(app, ["create-key", "--role", "channel", "--name", "web"]).stdout.strip()
    result = runner.invoke(app, ["revoke-key", "--name", "web"])
    assert result.exit_code == 0 and "revoked 1 key(s)" in result.stdout
    engine = make_engine(get_settings().effective_database_url)
    with make_sessionmaker(engine)() as session:
        assert authenticate(session=session, secret=secret) is None
    engine.dispose()
    again = runner.invoke(app, ["revoke-key", "--name", "web"])
    assert again.exit_code == 2 and "no active key named 'web'" in again.output


def test_create_key_with_an_unknown_role_fails_cleanly(fresh_var: Path):
    result = CliRunner().invoke(app, ["create-key", "--role", "boss", "--name", "ana"])
    assert result.exit_code == 2 and "unknown role 'boss'" in result.output
    assert "Traceback" not in result.output


def test_serve_names_an_unusable_database_and_exits(fresh_var: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("REPLYDESK_DATABASE_URL", "postgresql+psycopg://nobody:s3cret@127.0.0.1:1/none")
    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["serve", "--port", "8765"])
    assert result.exit_code == 2 and "cannot prepare the database" in result.output
    assert "s3cret" not in result.output and "Traceback" not in result.output


def test_migrations_match_the_models(db_url: str):
    engine = make_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []
