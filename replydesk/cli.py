"""The one ``replydesk`` command. Each area registers its own subcommands; imports of heavy
libraries (torch, transformers, fastapi) happen inside the commands, so ``--help`` is fast."""

from __future__ import annotations

import logging

import typer

from replydesk.settings import get_settings

app = typer.Typer(
    name="replydesk",
    help="ReplyDesk: calibrated reply suggestions, friction detection and human handoff.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def _main(verbose: bool = typer.Option(False, "--verbose", "-v", help="Debug logging.")) -> None:
    level = logging.DEBUG if verbose else getattr(logging, get_settings().log_level.upper(), logging.INFO)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _register_all() -> None:
    # Each module adds its subcommands to ``app``; kept in one list so the CLI stays one app.
    from replydesk import up
    from replydesk.loop import cli as loop_cli
    from service import cli as service_cli
    from training import classifier_cli, friction_cli

    for module in (classifier_cli, friction_cli, service_cli, loop_cli, up):
        module.register(app)


_register_all()
