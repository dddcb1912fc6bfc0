"""``replydesk train-friction`` and ``replydesk evaluate-friction``.

Heavy imports (scikit-learn, pandas) happen inside the commands so ``replydesk --help`` stays fast.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated

import typer

from replydesk.settings import get_settings

log = logging.getLogger(__name__)


def _fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code=2)


def train_friction(
    out: Annotated[
        Path | None, typer.Option("--out", help="Directory for the trained detector (default: var/friction).")
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed for the held-out split and synthetic conversations.")
    ] = 0,
    tone_encoder_layers: Annotated[
        int,
        typer.Option(
            "--tone-encoder-layers",
            min=0,
            help="Fine-tune the first N layers of the encoder for the tone of non-Danish messages, "
            "consulted where the TF-IDF tone model is unsure (3, the default: GoEmotions F1 0.593 -> 0.625, "
            "about 25 minutes of training instead of 5; 0: TF-IDF and lexicon only).",
        ),
    ] = 3,
    tone_encoders: Annotated[
        int,
        typer.Option(
            "--tone-encoders",
            min=1,
            help="How many copies of the tone encoder to fine-tune with different seeds (their scores "
            "are averaged; each adds its training time, and its time per message where it is consulted).",
        ),
    ] = 2,
    encoder: Annotated[
        Path | None,
        typer.Option(
            "--encoder", help="Local Hugging Face encoder directory (default: the packaged all-MiniLM-L6-v2)."
        ),
    ] = None,
    person_model: Annotated[
        bool,
        typer.Option(
            "--person-model/--no-person-model",
            help="Also train the learned second opinion on requests for a person, for wordings the "
            "patterns do not know (the default); --no-person-model: the patterns alone.",
        ),
    ] = True,
    conversation_model: Annotated[
        str,
        typer.Option(
            "--conversation-model",
            help="How the signals become one score: 'boosted' (shallow boosted trees over the signals and "
            "the turn's context, the default) or 'linear' (the weights alone).",
        ),
    ] = "boosted",
) -> None:
    """Train the friction detector (tone model + conversation score) and save it with friction.json."""
    from training.friction_conv import CONVERSATION_MODELS
    from training.friction_data import FrictionDataError
    from training.friction_train import FrictionTrainConfig, train_and_save

    target = out or get_settings().friction_dir
    if conversation_model not in CONVERSATION_MODELS:  # before minutes of training, not after
        choices = ", ".join(CONVERSATION_MODELS)
        _fail(f"unknown --conversation-model {conversation_model!r}: expected one of {choices}")
        return
    try:
        if encoder is not None:  # a wrong directory fails now, whether or not it is used
            from models.classifier.encoder import resolve_encoder_path  # imports torch: only when named

            resolve_encoder_path(encoder)
        cfg = FrictionTrainConfig(
            seed=seed,
            tone_encoder_layers=tone_encoder_layers,
            tone_encoders=tone_encoders,
            tone_encoder=str(encoder) if encoder else None,
            person_model=person_model,
            conversation_model=conversation_model,
        )
        detector = train_and_save(target, cfg)
    except (FrictionDataError, FileNotFoundError, ValueError) as exc:
        _fail(str(exc))
        return
    metrics = detector.metadata["metrics"]
    dev = metrics.get("conversation_dev_out_of_fold")
    typer.echo(
        f"Saved {detector.version} to {target}: "
        f"tone F1 (GoEmotions dev) {metrics['tone_goemotions_dev']['f1']:.3f}, "
        f"escalation threshold {detector.threshold:.2f}"
        + (
            f", DEV conversations out of fold: precision {dev['precision']:.3f} recall {dev['recall']:.3f}"
            if dev
            else " (no DEV conversations: threshold from synthetic ones)"
        )
        + (f", person-request model threshold {detector.person.threshold:.2f}" if detector.person else "")
    )


def evaluate_friction(
    data: Annotated[Path, typer.Option("--data", help="Message CSV (text,friction) or conversation JSONL.")],
    out: Annotated[Path, typer.Option("--out", help="Directory for report.json.")],
    model: Annotated[
        Path | None,
        typer.Option(
            "--model", help="Trained detector directory (default: var/friction; lexicon default if absent)."
        ),
    ] = None,
) -> None:
    """Evaluate the detector on a labelled file and write report.json (precision, recall, F1, AUROC, ECE)."""
    from models.friction import FrictionDetector
    from training.friction_data import FrictionDataError, read_conversations, read_messages
    from training.friction_metrics import evaluate_conversations, evaluate_messages

    if not data.is_file():
        _fail(f"{data}: no such file")
    path = model or get_settings().friction_dir
    try:
        if model is None and not (path / "friction.json").is_file():
            log.warning("no trained detector at %s; evaluating the lexicon default", path)
            detector = FrictionDetector.default()
        else:
            detector = FrictionDetector.load(path)
        if data.suffix.lower() in {".jsonl", ".json"}:
            report = evaluate_conversations(detector, read_conversations(data))
        else:
            messages = read_messages(data)
            report = evaluate_messages(detector, messages["text"].tolist(), messages["friction"].tolist())
    except (FrictionDataError, FileNotFoundError, ValueError) as exc:
        _fail(str(exc))
        return
    report["data"] = str(data)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    summary = f"precision {report['precision']:.3f} recall {report['recall']:.3f} f1 {report['f1']:.3f}"
    if report["level"] == "conversation":
        summary += f", mean delay {report['mean_delay_turns']} turns"
    typer.echo(f"{report['level']}-level on {report['n']} rows: {summary}; wrote {out / 'report.json'}")


def register(app: typer.Typer) -> None:
    """Add this area's subcommands to the one ``replydesk`` app."""
    app.command("train-friction")(train_friction)
    app.command("evaluate-friction")(evaluate_friction)
