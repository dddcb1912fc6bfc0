"""``replydesk retrain``: train a challenger on base data plus agent feedback, compare it with the
champion (the active model) and promote it only when the gates pass.

Held-out data. Both models are scored on the same rows, which no model trained by the loop
ever sees: a stable share of the base data and of the feedback, chosen by a hash of the
text (so a message lands on the same side in every round, and duplicates stay together).
A champion trained outside the loop on the whole base file has seen the base share, which
favours the champion: the gate errs towards keeping it.

Shadow replay. The most recent live customer messages are predicted by both models inside
this process (nothing is sent, nothing is stored); the report gives how often they agree and
how much each would auto-reply, and accuracy against agents' final labels for the messages
whose labels were held out. Negative feedback (rejections, takeovers) is never trained on;
the report shows how often each model still predicts the rejected intent.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from models.answers import AnswerLibrary
from models.classifier import ReplyClassifier, load_classifier
from replydesk.loop import store
from replydesk.loop.errors import LoopError
from replydesk.loop.feedback import FeedbackRow, feedback_rows, read_feedback_csv
from replydesk.loop.gates import GateConfig, GateVerdict, check_gates
from replydesk.loop.report import write_report
from replydesk.loop.scoring import ModelScore, score_predictions
from replydesk.settings import Settings
from service.crud import models as model_crud
from training.data import DataError, read_examples
from training.train import TrainConfig, new_version, train_classifier

log = logging.getLogger(__name__)


class RetrainError(LoopError):
    """The retrain request cannot be carried out; the message says why."""


@dataclass(frozen=True)
class RetrainRequest:
    base: Path
    feedback: Path | None = None  # None: export the feedback from the database now
    train_config: TrainConfig | None = None  # None: the champion's backend (else hybrid), defaults
    holdout_fraction: float = 0.1
    feedback_holdout_fraction: float = 0.2
    shadow_limit: int = 1000
    force: bool = False
    reason: str | None = None
    actor: str = "unknown"
    gates: GateConfig = field(default_factory=GateConfig)


@dataclass(frozen=True)
class RetrainResult:
    version: str
    model_dir: Path
    champion: str | None
    verdict: GateVerdict
    promoted: bool
    report_dir: Path
    train_seconds: float


def is_held_out(text: str, fraction: float) -> bool:
    """Stable split: the same text is on the same side in every round and on every machine."""
    digest = hashlib.sha256(" ".join(text.lower().split()).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction


def _load_champion(session: Session) -> ReplyClassifier | None:
    current = model_crud.active_model(session=session)
    if current is None:
        return None
    try:
        return load_classifier(current.path)
    except (OSError, ValueError) as exc:
        log.warning("active model %s does not load (%s); judging the challenger alone", current.version, exc)
        return None


def _score(model: ReplyClassifier | None, rows: Sequence[tuple[str, str]]) -> ModelScore | None:
    if model is None or not rows:
        return None
    return score_predictions(model.predict_batch([t for t, _ in rows]), [y for _, y in rows])


def _repeat_rate(model: ReplyClassifier | None, negatives: Sequence[FeedbackRow]) -> float | None:
    """Share of rejected (text, intent) pairs for which the model still predicts that intent."""
    if model is None or not negatives:
        return None
    preds = model.predict_batch([r.text for r in negatives])
    return sum(p.intent == r.label for p, r in zip(preds, negatives, strict=True)) / len(negatives)


def _shadow(
    champion: ReplyClassifier | None,
    challenger: ReplyClassifier,
    live: Sequence[store.LiveMessage],
    held_labels: dict[str, str],
) -> dict[str, Any]:
    if not live:
        return {"messages": 0}
    texts = [m.text for m in live]
    new = challenger.predict_batch(texts)
    old = champion.predict_batch(texts) if champion is not None else None
    out: dict[str, Any] = {
        "messages": len(live),
        "challenger_auto_reply_share": sum(p.can_auto_reply for p in new) / len(new),
    }
    labelled = [(i, held_labels[m.message_id]) for i, m in enumerate(live) if m.message_id in held_labels]
    out["labelled_held_out"] = len(labelled)
    if labelled:
        out["challenger_accuracy"] = sum(new[i].intent == y for i, y in labelled) / len(labelled)
    if old is not None:
        out["agreement"] = sum(a.intent == b.intent for a, b in zip(old, new, strict=True)) / len(new)
        out["champion_auto_reply_share"] = sum(p.can_auto_reply for p in old) / len(old)
        if labelled:
            out["champion_accuracy"] = sum(old[i].intent == y for i, y in labelled) / len(labelled)
    return out


def _feedback(request: RetrainRequest, session: Session) -> list[FeedbackRow]:
    if request.feedback is not None:
        return read_feedback_csv(request.feedback)
    return feedback_rows(store.load_action_records(session))


@dataclass(frozen=True)
class _Split:
    """Training rows, held-out rows (shared by both models) and the negatives (never trained on)."""

    train: list[tuple[str, str]]
    held: list[tuple[str, str]]
    held_feedback: list[FeedbackRow]
    negatives: list[FeedbackRow]
    counts: dict[str, int]


def split_rows(base: Sequence[tuple[str, str]], fb: Sequence[FeedbackRow], request: RetrainRequest) -> _Split:
    base_held = [(t, y) for t, y in base if is_held_out(t, request.holdout_fraction)]
    base_train = [(t, y) for t, y in base if not is_held_out(t, request.holdout_fraction)]
    positives = [r for r in fb if r.is_positive]
    share = request.feedback_holdout_fraction
    fb_held = [r for r in positives if is_held_out(r.text, share)]
    fb_train = [(r.text, r.label) for r in positives if not is_held_out(r.text, share)]
    negatives = [r for r in fb if not r.is_positive]
    counts = {
        "base_train": len(base_train),
        "base_held_out": len(base_held),
        "feedback_train": len(fb_train),
        "feedback_held_out": len(fb_held),
        "negatives": len(negatives),
    }
    held = base_held + [(r.text, r.label) for r in fb_held]
    return _Split(base_train + fb_train, held, fb_held, negatives, counts)


def _promote_if_allowed(settings: Settings, request: RetrainRequest, version: str, model_dir: Path,
                        verdict: GateVerdict) -> bool:  # fmt: skip
    """Register the challenger; activate it when the gates pass, or when forced (with the reason)."""
    with store.open_session(settings.effective_database_url) as session:
        store.register_models(session, model_dir.parent)
        if not (verdict.passed or request.force):
            return False
        why = request.reason or "promotion gates passed"
        if not verdict.passed:
            why = f"forced: {request.reason} (failed gates: {'; '.join(f.message for f in verdict.failures)})"
        store.promote(session, version, request.actor, why)
        return True


def retrain(request: RetrainRequest, settings: Settings) -> RetrainResult:
    """Train, compare, report, register and (when the gates pass or ``force``) promote."""
    if request.force and not (request.reason or "").strip():
        raise RetrainError("--force needs --reason: say why a challenger that fails the gates may go live")
    try:
        base = read_examples(request.base)
    except DataError as exc:
        raise RetrainError(str(exc)) from None
    with store.open_session(settings.effective_database_url) as session:
        split = split_rows([(e.text, e.label) for e in base], _feedback(request, session), request)
        champion = _load_champion(session)
        live = store.recent_customer_messages(session, request.shadow_limit) if request.shadow_limit else []
    if not split.held and not request.force:
        raise RetrainError("no held-out rows to compare the models on; raise the held-out share or force")

    config = request.train_config or TrainConfig(backend=champion.backend_name if champion else "hybrid")
    answers = AnswerLibrary.load(settings.answers_path) if settings.answers_path.is_file() else None
    version = new_version(config.backend)
    log.info("training challenger %s: %s", version, split.counts)
    started = time.perf_counter()
    try:
        model_dir = train_classifier(
            config, split.train, answers=answers, out_dir=settings.models_dir / version, version=version
        )
    except DataError as exc:
        raise RetrainError(str(exc)) from None
    train_seconds = time.perf_counter() - started
    challenger = load_classifier(model_dir)

    champion_score, challenger_score = _score(champion, split.held), _score(challenger, split.held)
    # Forced with no held-out data there is nothing to judge on: an empty verdict, recorded as such.
    verdict = GateVerdict(())
    if challenger_score is not None:
        verdict = check_gates(champion_score, challenger_score, request.gates)
    promoted = _promote_if_allowed(settings, request, version, model_dir, verdict)
    report = {
        "challenger": version,
        "champion": champion.version if champion else None,
        "backend": config.backend,
        "actor": request.actor,
        "forced": request.force and not verdict.passed,
        "reason": request.reason,
        "promoted": promoted,
        "train_seconds": round(train_seconds, 1),
        "data": split.counts,
        "held_out": {
            "champion": champion_score.to_dict() if champion_score else None,
            "challenger": challenger_score.to_dict() if challenger_score else None,
        },
        "negatives_repeated": {
            "champion": _repeat_rate(champion, split.negatives),
            "challenger": _repeat_rate(challenger, split.negatives),
        },
        "shadow": _shadow(champion, challenger, live, {r.message_id: r.label for r in split.held_feedback}),
        "gates": verdict.to_dict() | {"config": asdict(request.gates)},
    }
    report_dir = write_report(settings.var_dir / "reports" / f"retrain-{version}", report)
    champion_version = champion.version if champion else None
    return RetrainResult(version, model_dir, champion_version, verdict, promoted, report_dir, train_seconds)
