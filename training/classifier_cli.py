"""``replydesk train`` and ``replydesk evaluate``: the reply classifier from the command line.

Wrong input (missing file, CSV without the columns, empty data, labels the model or the
answer library does not know, an unknown backend) ends with exit code 2 and one line naming
the problem, never a traceback.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated

import typer

from replydesk.settings import DATA_DIR, get_settings

logger = logging.getLogger(__name__)

DEFAULT_TRAIN = DATA_DIR / "banking77" / "train.csv"
DEFAULT_TEST = DATA_DIR / "banking77" / "test.csv"
BACKEND_NAMES = ("hybrid", "transformer", "tfidf")


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def train(
    data: Annotated[
        Path, typer.Option(help="Training CSV with text,label (or text,category).")
    ] = DEFAULT_TRAIN,
    backend: Annotated[str, typer.Option(help=f"One of: {', '.join(BACKEND_NAMES)}.")] = "hybrid",
    out: Annotated[
        Path | None, typer.Option(help="Model directory (default: <var>/models/<version>).")
    ] = None,
    answers: Annotated[Path | None, typer.Option(help="Answer library YAML (default: settings).")] = None,
    no_answers: Annotated[
        bool, typer.Option("--no-answers", help="Do not check labels against a library.")
    ] = False,
    allow_unanswered: Annotated[
        bool, typer.Option("--allow-unanswered", help="Drop rows whose label has no answer, with a warning.")
    ] = False,
    validation: Annotated[
        Path | None,
        typer.Option(help="Held-out CSV for calibration and thresholds (default: cross-fitting)."),
    ] = None,
    encoder: Annotated[
        str | None, typer.Option(help="Local Hugging Face model dir (hybrid/transformer).")
    ] = None,
    quantize: Annotated[
        str,
        typer.Option(help="Encoder at inference (hybrid, transformer): int8 (about half the time) or none."),
    ] = "int8",
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    epochs: Annotated[
        int, typer.Option(help="Fine-tuning epochs (transformer; within a 1,200-1,800 step budget).")
    ] = 6,
    folds: Annotated[int, typer.Option(help="Cross-fitting folds (hybrid/tfidf).")] = 5,
    answer_titles: Annotated[
        bool,
        typer.Option(
            "--answer-titles/--no-answer-titles",
            help="Transformer: train on each intent's answer title too (one row per intent).",
        ),
    ] = True,
    knn_weight: Annotated[
        float, typer.Option(help="Transformer: weight of the nearest-training-row vote (0: off).")
    ] = 40.0,
    target_precision: Annotated[
        float, typer.Option(help="Precision the auto-reply thresholds aim at.")
    ] = 0.99,
    oos_max_reject: Annotated[
        float | None,
        typer.Option(
            help="Share of held-out in-scope messages the out-of-scope threshold may flag"
            " (default: the largest that keeps 90% of them answered right)."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bars.")] = False,
) -> None:
    """Train a reply classifier, calibrate it and choose its thresholds; prints the model directory."""
    from models.answers import AnswerLibrary, AnswerLibraryError
    from training.data import DataError, read_examples
    from training.train import TrainConfig, train_classifier

    try:
        config = TrainConfig(
            backend=backend,
            encoder=encoder,
            quantize=quantize,
            seed=seed,
            epochs=epochs,
            folds=folds,
            answer_titles=answer_titles,
            knn_weight=knn_weight,
            target_precision=target_precision,
            precisions=tuple(sorted({0.95, 0.99, target_precision})),
            allow_unanswered=allow_unanswered,
            oos_max_reject=oos_max_reject,
            progress=not quiet,
        )
        library = None if no_answers else AnswerLibrary.load(answers or get_settings().answers_path)
        rows = read_examples(data)
        val_rows = read_examples(validation) if validation is not None else None
        path = train_classifier(config, rows, answers=library, out_dir=out, validation_rows=val_rows)
    except (DataError, AnswerLibraryError, FileNotFoundError, ValueError) as exc:
        raise _fail(str(exc)) from None
    typer.echo(str(path))


def evaluate(
    model: Annotated[
        Path | None, typer.Option(help="Model directory (default: the newest in <var>/models).")
    ] = None,
    data: Annotated[
        Path, typer.Option(help="Test CSV with text,label; label 'oos' = out of scope.")
    ] = DEFAULT_TEST,
    out: Annotated[
        Path | None, typer.Option(help="Report directory (default: <var>/reports/<version>).")
    ] = None,
    latency_samples: Annotated[int, typer.Option(help="Single messages timed for latency.")] = 200,
) -> None:
    """Evaluate a model: writes report.json, PNG pictures and index.html; prints the headline figures."""
    from models.classifier import ModelLoadError, load_classifier
    from training.data import DataError
    from training.evaluate import evaluate_model

    try:
        clf = load_classifier(model or _newest_model())
        out_dir = out or get_settings().var_dir / "reports" / clf.version
        report = evaluate_model(clf, data, out_dir, latency_samples=latency_samples)
    except (DataError, ModelLoadError, FileNotFoundError, ValueError) as exc:
        raise _fail(str(exc)) from None
    headline = {k: report[k] for k in ("accuracy", "macro_f1", "ece", "coverage_at_precision", "latency_ms")}
    if "oos" in report:
        headline["oos"] = report["oos"]
    typer.echo(json.dumps(headline, indent=2))
    typer.echo(f"report: {out_dir / 'report.json'}  pictures: {out_dir / 'index.html'}")


def _newest_model() -> Path:
    models_dir = get_settings().models_dir
    found = sorted(models_dir.glob("*/model.json"), key=lambda p: p.stat().st_mtime)
    if not found:
        raise FileNotFoundError(f"no trained model in {models_dir}; run `replydesk train` or pass --model")
    return found[-1].parent


def register(app: typer.Typer) -> None:
    """Add ``train`` and ``evaluate`` to the one ``replydesk`` app."""
    app.command("train")(train)
    app.command("evaluate")(evaluate)
