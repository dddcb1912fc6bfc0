"""Subcommands of ``replydesk`` for this area (filled in by its issue)."""

import typer


def register(app: typer.Typer) -> None:
    """Add this area's subcommands to the one ``replydesk`` app."""
