"""``replydesk serve`` and ``replydesk create-key``."""

from __future__ import annotations

import logging

import typer

log = logging.getLogger(__name__)


def _migrate_or_exit(url: str) -> None:
    # Alembic logs one INFO line per plugin as it is imported: noise for a CLI user.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    from sqlalchemy.exc import SQLAlchemyError

    from service.migrate import upgrade

    try:
        upgrade(url)
    except (SQLAlchemyError, OSError) as exc:
        # The URL may hold a password: name the problem, not the URL.
        typer.echo(
            f"error: cannot prepare the database: {type(exc).__name__}: {exc.args[0] if exc.args else ''}",
            err=True,
        )
        raise typer.Exit(2) from None


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(
        1,
        min=1,
        max=64,
        help="Worker processes. One per CPU core uses every core (each loads its own copy of the model).",
    ),
) -> None:
    """Migrate the database, then run the API with uvicorn (starts even with no trained model)."""
    import uvicorn

    from replydesk.settings import get_settings

    settings = get_settings()
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    _migrate_or_exit(settings.effective_database_url)
    uvicorn.run(
        "service.app:create_server_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=settings.log_level.lower(),
        access_log=False,
    )


def create_key(
    role: str = typer.Option(..., help="channel, agent or admin."),
    name: str = typer.Option(..., help="Who or what holds the key; recorded on every action."),
) -> None:
    """Create an API key and print it once; only its hash is stored."""
    from replydesk.settings import get_settings
    from service.crud.keys import create_key as store_key
    from service.db import make_engine, make_sessionmaker
    from service.errors import InvalidInput

    settings = get_settings()
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    _migrate_or_exit(settings.effective_database_url)
    engine = make_engine(settings.effective_database_url)
    try:
        with make_sessionmaker(engine)() as session:
            row, secret = store_key(session=session, role=role, name=name)
    except InvalidInput as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    finally:
        engine.dispose()
    log.info("created an API key for %s with role %s (prefix %s)", row.name, row.role, row.prefix)
    typer.echo(secret)


def revoke_key(name: str = typer.Option(..., help="The name the key was created with.")) -> None:
    """Revoke every active key with this name."""
    from replydesk.settings import get_settings
    from service.crud.keys import revoke_keys
    from service.db import make_engine, make_sessionmaker
    from service.errors import NotFound

    settings = get_settings()
    _migrate_or_exit(settings.effective_database_url)
    engine = make_engine(settings.effective_database_url)
    try:
        with make_sessionmaker(engine)() as session:
            count = revoke_keys(session=session, name=name)
    except NotFound as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    finally:
        engine.dispose()
    typer.echo(f"revoked {count} key(s) named {name}")


def register(app: typer.Typer) -> None:
    """Add this area's subcommands to the one ``replydesk`` app."""
    app.command("serve")(serve)
    app.command("create-key")(create_key)
    app.command("revoke-key")(revoke_key)
