"""The learning loop's subcommands: ``export-feedback``, ``retrain``, ``promote``, ``rollback``,
``curate-answers``. Heavy imports happen inside the commands so ``replydesk --help`` stays fast.

Every command works on the database of ``get_settings()`` (``REPLYDESK_DATABASE_URL``), the same
one the service reads, so a promotion or rollback reaches every running replica without a
restart. Bad input ends with a one-line message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from replydesk.settings import DATA_DIR, get_settings

BY_HELP = "Who is acting (recorded in the activation history); default: the OS user."
DEFAULT_BASE = DATA_DIR / "banking77" / "train.csv"
# ``retrain`` exits with this when the challenger was trained and registered but the gates kept
# it out, so a script can tell "blocked" (3) from "promoted" (0) and from bad input (1).
BLOCKED_EXIT = 3


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


@contextmanager
def _clear_errors() -> Iterator[None]:
    """Turn the loop's domain errors into a clean CLI failure."""
    from sqlalchemy.exc import SQLAlchemyError

    from models.answers import AnswerLibraryError
    from replydesk.loop.errors import LoopError

    try:
        yield
    except (LoopError, AnswerLibraryError) as exc:
        _fail(str(exc))
    except SQLAlchemyError as exc:
        _fail(f"database error: {exc.__class__.__name__}: {str(exc).splitlines()[0]}")


def _actor(by: str | None) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "unknown"


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        _fail(f"--since {value!r} is not an ISO date or date-time (e.g. 2026-11-01 or 2026-11-01T08:00)")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def export_feedback(
    out: Annotated[Path, typer.Option("--out", help="CSV to write (columns: see replydesk.loop.feedback).")],
    since: Annotated[str | None, typer.Option(help="Only actions since this ISO date/time (UTC).")] = None,
) -> None:
    """Turn agents' actions into redacted training rows (confirm / correct / edit / negative)."""
    from replydesk.loop import store
    from replydesk.loop.feedback import feedback_rows, write_feedback_csv

    with _clear_errors(), store.open_session(get_settings().effective_database_url) as session:
        rows = feedback_rows(store.load_action_records(session, _since(since)))
    write_feedback_csv(rows, out)
    kinds = {k: sum(r.kind == k for r in rows) for k in ("confirm", "correct", "edit", "negative")}
    typer.echo(f"wrote {len(rows)} rows to {out} ({', '.join(f'{k} {n}' for k, n in kinds.items())})")


def retrain(
    backend: Annotated[str | None, typer.Option(help="tfidf, hybrid or transformer")] = None,
    base: Annotated[Path, typer.Option(help="Base training data (text,label CSV).")] = DEFAULT_BASE,
    feedback: Annotated[Path | None, typer.Option(help="export-feedback CSV (default: export now)")] = None,
    force: Annotated[bool, typer.Option(help="Promote even when gates fail (needs --reason).")] = False,
    reason: Annotated[str | None, typer.Option(help="Why (recorded with the promotion).")] = None,
    holdout: Annotated[float, typer.Option(min=0.0, max=0.9, help="Share of the base data held out.")] = 0.1,
    feedback_holdout: Annotated[float, typer.Option(min=0.0, max=0.9, help="Feedback share held out.")] = 0.2,
    shadow_limit: Annotated[int, typer.Option(min=0, help="Recent live messages replayed in shadow.")] = 1000,
    ece_tolerance: Annotated[float, typer.Option(min=0.0, help="How much worse the ECE may get.")] = 0.01,
    min_held_out: Annotated[int, typer.Option(min=1, help="Fewest held-out rows to judge on.")] = 50,
    by: Annotated[str | None, typer.Option(help=BY_HELP)] = None,
) -> None:
    """Train a challenger on base data + feedback, compare it with the champion, promote if gates pass.

    Exits 0 when promoted, 3 when the gates kept the challenger out (it stays registered).
    """
    from replydesk.loop.gates import GateConfig
    from replydesk.loop.retrain import RetrainRequest
    from replydesk.loop.retrain import retrain as run_retrain
    from training.train import TrainConfig

    with _clear_errors():
        try:
            config = TrainConfig(backend=backend) if backend else None
        except ValueError as exc:
            _fail(str(exc))
        request = RetrainRequest(
            base=base, feedback=feedback, train_config=config, holdout_fraction=holdout,
            feedback_holdout_fraction=feedback_holdout, shadow_limit=shadow_limit, force=force, reason=reason,
            actor=_actor(by), gates=GateConfig(ece_tolerance=ece_tolerance, min_held_out=min_held_out),
        )  # fmt: skip
        result = run_retrain(request, get_settings())
    for failure in result.verdict.failures:
        typer.echo(f"gate failed: {failure.gate}: {failure.message}")
    state = "promoted" if result.promoted else "NOT promoted (gates failed; see the report)"
    typer.echo(f"challenger {result.version} {state}; champion was {result.champion or 'none'}")
    typer.echo(f"report: {result.report_dir / 'report.md'}")
    if not result.promoted:
        raise typer.Exit(BLOCKED_EXIT)


def promote(
    version: Annotated[str, typer.Argument(help="A registered model version (see GET /v1/models).")],
    reason: Annotated[str | None, typer.Option(help="Why (recorded).")] = None,
    by: Annotated[str | None, typer.Option(help=BY_HELP)] = None,
) -> None:
    """Make VERSION the active model; running services switch within seconds, no restart."""
    from replydesk.loop import store

    settings = get_settings()
    with _clear_errors(), store.open_session(settings.effective_database_url) as session:
        store.register_models(session, settings.models_dir)  # models trained since the service last looked
        before = store.promote(session, version, _actor(by), reason)
    typer.echo(f"active model: {version} (was {before or 'none'})")


def rollback(
    reason: Annotated[str | None, typer.Option(help="Why (recorded).")] = None,
    by: Annotated[str | None, typer.Option(help=BY_HELP)] = None,
) -> None:
    """Re-activate the model that was active before the current one."""
    from replydesk.loop import store

    with _clear_errors(), store.open_session(get_settings().effective_database_url) as session:
        current, previous = store.rollback(session, _actor(by), reason)
    typer.echo(f"rolled back: active model {previous} (was {current})")


def curate_answers(
    feedback: Annotated[Path | None, typer.Option(help="Feedback CSV (default: export now)")] = None,
    out: Annotated[Path | None, typer.Option(help="Review YAML to write (--apply: new library).")] = None,
    library: Annotated[Path | None, typer.Option(help="Answer library; default: the configured one.")] = None,
    min_count: Annotated[int, typer.Option(min=2, help="How many similar edits make a proposal.")] = 3,
    similarity: Annotated[float, typer.Option(min=0.1, max=1.0, help="How alike edits must be.")] = 0.75,
    apply: Annotated[Path | None, typer.Option(help="Reviewed file to apply.")] = None,
) -> None:
    """Propose new or improved answers from agents' recurring edits, or apply a reviewed review file."""
    from models.answers import AnswerLibrary
    from replydesk.loop import curate, store
    from replydesk.loop.feedback import feedback_rows, read_feedback_csv

    settings = get_settings()
    library_path = library or settings.answers_path
    with _clear_errors():
        lib = AnswerLibrary.load(library_path) if (apply or library_path.is_file()) else None
        if apply is not None:
            if out is None:
                _fail("--apply needs --out: the new library file to write (the current one is kept)")
            assert lib is not None  # loaded above whenever --apply is given
            new_lib, n = curate.apply_review(lib, curate.read_review(apply))
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(new_lib.to_yaml(), encoding="utf-8")
            typer.echo(f"applied {n} accepted proposal(s); wrote library {new_lib.version} to {out}")
            return
        if feedback is not None:
            rows = read_feedback_csv(feedback)
        else:
            with store.open_session(settings.effective_database_url) as session:
                rows = feedback_rows(store.load_action_records(session))
        proposals = curate.propose_answers(rows, lib, min_count=min_count, similarity=similarity)
        stamp = f"{datetime.now(UTC):%Y%m%d-%H%M%S}"
        target = out or settings.var_dir / "reports" / f"answer-proposals-{stamp}.yaml"
        curate.write_review(proposals, target, library_path if lib else None, lib.version if lib else None)
    typer.echo(f"{len(proposals)} proposal(s) written to {target} for review")


COMMANDS: dict[str, Callable[..., None]] = {
    "export-feedback": export_feedback,
    "retrain": retrain,
    "promote": promote,
    "rollback": rollback,
    "curate-answers": curate_answers,
}


def register(app: typer.Typer) -> None:
    """Add the learning loop's subcommands to the one ``replydesk`` app."""
    for name, command in COMMANDS.items():
        app.command(name)(command)
