"""Evaluating a saved reply classifier on a labelled test set.

``evaluate_model`` returns (and writes as ``report.json``) accuracy, macro F1, ECE, coverage at
the stored precision targets, out-of-scope figures when the test set has ``oos`` rows, per-intent
figures with what each intent is confused with, and single-message latency; ``training.report``
draws the pictures and the HTML page.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import f1_score, precision_recall_fscore_support

from models.classifier import ReplyClassifier, load_classifier
from models.classifier.calibration import expected_calibration_error
from training.data import OOS_LABEL, DataError, Example, as_examples, read_examples
from training.report import write_pictures

logger = logging.getLogger(__name__)


def evaluate_model(
    model: str | Path | ReplyClassifier,
    data: str | Path | Iterable[tuple[str, str]],
    out_dir: str | Path | None,
    *,
    latency_samples: int = 200,
    pictures: bool = True,
) -> dict[str, Any]:
    """Measure ``model`` on ``data`` (a CSV path or rows); write the report into ``out_dir``."""
    clf = model if isinstance(model, ReplyClassifier) else load_classifier(model)
    rows = read_examples(data) if isinstance(data, str | Path) else as_examples(data)
    known = set(clf.labels)
    unknown = sorted({r.label for r in rows} - known - {OOS_LABEL})
    if unknown:
        raise DataError(
            f"{len(unknown)} test label(s) the model never saw: {', '.join(unknown[:10])}"
            f" (use '{OOS_LABEL}' for out-of-scope messages)"
        )
    in_scope = [r for r in rows if r.label != OOS_LABEL]
    oos_rows = [r for r in rows if r.label == OOS_LABEL]
    if not in_scope:
        raise DataError("the test set has no in-scope rows to measure accuracy on")

    index = {label: i for i, label in enumerate(clf.labels)}
    probs, scope = clf.predict_scores([r.text for r in in_scope])
    y = np.array([index[r.label] for r in in_scope])
    top, conf = probs.argmax(axis=1), probs.max(axis=1)
    correct = top == y
    flagged = scope < clf.oos_threshold

    report: dict[str, Any] = {
        "model_version": clf.version,
        "backend": clf.backend_name,
        "rows": len(rows),
        "in_scope_rows": len(in_scope),
        "accuracy": float(correct.mean()),
        "macro_f1": float(f1_score(y, top, average="macro")),
        "ece": expected_calibration_error(conf, correct, n_bins=15),
        "coverage_at_precision": _coverage(clf, top, conf, correct, scope),
        "per_intent": _per_intent(clf.labels, y, top),
    }
    if oos_rows:
        oos_scope = clf.predict_scores([r.text for r in oos_rows])[1]
        report["oos"] = {
            "rows": len(oos_rows),
            "threshold": clf.oos_threshold,
            "recall": float((oos_scope < clf.oos_threshold).mean()),
            "in_scope_accuracy": float((correct & ~flagged).mean()),
            # The same at the other held-out reject rates stored with the model: the trade-off.
            "by_max_reject": {
                key: {
                    "recall": float((oos_scope < t).mean()),
                    "in_scope_accuracy": float((correct & (scope >= t)).mean()),
                }
                for key, t in clf.metadata["out_of_scope"].get("by_max_reject", {}).items()
            },
        }
    report["latency_ms"] = _latency(clf, [r.text for r in in_scope], latency_samples)
    if out_dir is not None:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        if pictures:
            write_pictures(report, clf.labels, y, top, conf, out)
        (out / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
        logger.info("wrote report to %s", out)
    return report


def _coverage(
    clf: ReplyClassifier, top: np.ndarray, conf: np.ndarray, correct: np.ndarray, scope: np.ndarray
) -> dict[str, dict[str, Any]]:
    """For each stored precision: share of in-scope messages auto-answered with the thresholds
    chosen on held-out data, and the precision reached on this test set. Messages flagged out of
    scope are never answered; ``thresholds_only`` gives the same figures without that guard, so a
    reader sees what the out-of-scope flag costs in coverage (and buys in precision), and
    ``by_max_reject`` the same with the flag at each other held-out rate stored with the model (the
    thresholds stay those chosen beside the model's own flag rate)."""

    def answered(keep: np.ndarray) -> dict[str, Any]:
        return {
            "coverage": float(keep.mean()),
            "precision": float(correct[keep].mean()) if keep.any() else None,
        }

    levels = clf.metadata["out_of_scope"].get("by_max_reject", {})
    out: dict[str, dict[str, Any]] = {}
    for key in sorted(clf.threshold_sets):
        above = conf >= clf.thresholds_for(float(key))[top]
        out[key] = answered(above & (scope >= clf.oos_threshold)) | {
            "thresholds_only": answered(above),
            "by_max_reject": {rate: answered(above & (scope >= t)) for rate, t in levels.items()},
        }
    return out


def _per_intent(labels: list[str], y: np.ndarray, top: np.ndarray) -> dict[str, dict[str, Any]]:
    present = sorted(set(y.tolist()) | set(top.tolist()))
    p, r, f, s = precision_recall_fscore_support(y, top, labels=present, zero_division=0)
    wrong = Counter(zip(y[top != y].tolist(), top[top != y].tolist(), strict=True))
    out: dict[str, dict[str, Any]] = {}
    for i, cls in enumerate(present):
        confused = sorted(((n, labels[b]) for (a, b), n in wrong.items() if a == cls), reverse=True)[:3]
        out[labels[cls]] = {
            "precision": float(p[i]),
            "recall": float(r[i]),
            "f1": float(f[i]),
            "support": int(s[i]),
            "confused_with": {label: n for n, label in confused},
        }
    return out


def _latency(clf: ReplyClassifier, texts: list[str], samples: int) -> dict[str, float]:
    """Median and 95th percentile of one ``predict`` call, after a few warm-up calls."""
    texts = texts[:: max(1, len(texts) // max(1, samples))][: max(1, samples)]  # spread over intents
    for text in texts[:5]:
        clf.predict(text)
    times = []
    for text in texts:
        start = time.perf_counter()
        clf.predict(text)
        times.append((time.perf_counter() - start) * 1000)
    return {
        "p50": float(np.percentile(times, 50)),
        "p95": float(np.percentile(times, 95)),
        "samples": len(times),
    }


__all__ = ["DataError", "Example", "evaluate_model"]
