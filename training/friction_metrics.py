"""Metrics for the friction detector at message and conversation level, with language slices.

Conversations are replayed turn by turn, as the service sees them: the detector is asked
after every customer turn, and the conversation counts as escalated at the first turn where
it says so. Its conversation score is the highest score it gave. Delay on a true positive is
the number of customer turns from the labelled ``escalate_at`` to that first escalation
(negative when the detector was early).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score

from models.friction import FrictionDetector
from models.friction.lexicon import detect_language
from models.types import Role

# Ground truth for human-request recall, independent of the detector's own patterns: the
# labelled escalation turn names a person. Broader than the detector's rules, so a
# turn that merely mentions "agent" and is not caught counts as a miss: conservative.
_MENTIONS_PERSON = re.compile(
    r"\b(human|person|agent|someone|somebody|representative|operator|manager|supervisor|"
    r"colleague|menneske|medarbejder|rådgiver|konsulent)\b",
    re.IGNORECASE,
)


def expected_calibration_error(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """ECE with equal-width bins: the mean |accuracy - confidence| weighted by bin size."""
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = idx == b
        if mask.any():
            total += mask.mean() * abs(y[mask].mean() - p[mask].mean())
    return float(total)


def binary_metrics(y: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, float]:
    """Precision, recall, F1 at ``threshold``, plus AUROC and ECE of the probabilities."""
    y, p = np.asarray(y, dtype=int), np.asarray(p, dtype=float)
    pred = (p >= threshold).astype(int)
    both = len(set(y.tolist())) == 2
    return {
        "n": int(len(y)),
        "positives": int(y.sum()),
        "threshold": round(float(threshold), 4),
        "precision": round(float(precision_score(y, pred, zero_division=0)), 4),
        "recall": round(float(recall_score(y, pred, zero_division=0)), 4),
        "f1": round(float(f1_score(y, pred, zero_division=0)), 4),
        "auroc": round(float(roc_auc_score(y, p)), 4) if both else None,
        "ece": round(expected_calibration_error(y, p), 4),
    }


_THRESHOLD_GRID = np.arange(0.05, 0.96, 0.01)


def _f1_by_threshold(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """F1 at every threshold of ``_THRESHOLD_GRID``, all at once (0 where nothing is predicted or true)."""
    y, p = np.asarray(y, dtype=int), np.asarray(p, dtype=float)
    pred = p[None, :] >= _THRESHOLD_GRID[:, None]
    tp = (pred & (y[None, :] == 1)).sum(axis=1)
    denom = pred.sum(axis=1) + (y == 1).sum()
    return np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0)


def best_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The threshold (on a 0.01 grid) with the best F1; the lowest one on a tie."""
    return float(_THRESHOLD_GRID[int(np.argmax(_f1_by_threshold(y, p)))])


def evaluate_messages(detector: FrictionDetector, texts: Sequence[str], labels: Sequence[int]) -> dict:
    """Tone-model metrics at the shipped message threshold, overall and per language."""
    threshold = float(detector.metadata.get("tone_threshold", 0.5))
    p = np.array(detector.tone.predict_proba(list(texts)))
    y = np.asarray(labels, dtype=int)
    langs = np.array([detect_language(t) for t in texts])
    report = {"level": "message", "detector_version": detector.version, **binary_metrics(y, p, threshold)}
    report["slices"] = {
        lang: binary_metrics(y[langs == lang], p[langs == lang], threshold)
        for lang in ("en", "da")
        if (langs == lang).any()
    }
    return report


def replay(detector: FrictionDetector, conversations) -> list[dict]:
    """Score every conversation after each of its customer turns, as the service would."""
    rows = []
    for conv in conversations:
        steps = []
        for i, turn in enumerate(conv.turns):
            if turn.role is Role.CUSTOMER:
                a = detector.assess(conv.turns[: i + 1])
                steps.append((i, a.score, a.human_requested))
        rows.append(
            {
                "id": conv.id,
                "lang": conv.lang,
                "label": int(conv.escalate),
                "at": conv.escalate_at,
                "steps": steps,
                "human_labelled": conv.escalate
                and bool(_MENTIONS_PERSON.search(conv.turns[conv.escalate_at].text)),
            }
        )
    return rows


def _decide(row: dict, threshold: float) -> dict:
    """First escalation at ``threshold``, its delay in customer turns, and whether a person was asked for."""
    order = [i for i, _, _ in row["steps"]]
    first = next((i for i, score, human in row["steps"] if human or score >= threshold), None)
    delay = order.index(first) - order.index(row["at"]) if row["label"] and first is not None else None
    return {
        **row,
        "score": max(s for _, s, _ in row["steps"]),
        "first": first,
        "delay": delay,
        "human": any(h for i, _, h in row["steps"] if i == row["at"]),
    }


def conversation_report(rows: list[dict], threshold: float, version: str) -> dict:
    """Conversation-level report at ``threshold`` from ``replay`` rows, overall, per language, with errors."""
    decided = [_decide(r, threshold) for r in rows]
    report = {
        "level": "conversation",
        "detector_version": version,
        **_conversation_metrics(decided, threshold),
    }
    report["slices"] = {
        lang: _conversation_metrics([r for r in decided if r["lang"] == lang], threshold)
        for lang in sorted({r["lang"] for r in decided})
    }
    report["errors"] = [
        {"id": r["id"], "label": r["label"], "score": round(r["score"], 4), "escalated_at": r["first"]}
        for r in decided
        if r["label"] != (r["first"] is not None)
    ]
    return report


def _conversation_metrics(rows: list[dict], threshold: float) -> dict:
    y = np.array([r["label"] for r in rows])
    pred = np.array([r["first"] is not None for r in rows])
    scores = np.array([r["score"] for r in rows])
    out = binary_metrics(y, scores, threshold)
    # Precision/recall follow the streaming decisions (which include the human-request rule).
    out["precision"] = round(float(precision_score(y, pred, zero_division=0)), 4)
    out["recall"] = round(float(recall_score(y, pred, zero_division=0)), 4)
    out["f1"] = round(float(f1_score(y, pred, zero_division=0)), 4)
    delays = [r["delay"] for r in rows if r["label"] and r["first"] is not None]
    out["mean_delay_turns"] = round(float(np.mean([max(0, d) for d in delays])), 3) if delays else None
    out["mean_signed_delay_turns"] = round(float(np.mean(delays)), 3) if delays else None
    out["early_escalations"] = int(sum(d < 0 for d in delays))
    asked = [r for r in rows if r["human_labelled"]]
    out["human_request_n"] = len(asked)
    # Recall: the customer who asked got a person at once (escalated by that turn, for any reason);
    # flag recall: the detector also recognised the request as one.
    at_once = [r["first"] is not None and r["delay"] <= 0 for r in asked]
    out["human_request_recall"] = round(sum(at_once) / len(asked), 4) if asked else None
    flagged = [r["human"] for r in asked]
    out["human_request_flag_recall"] = round(sum(flagged) / len(asked), 4) if asked else None
    return out


def evaluate_conversations(detector: FrictionDetector, conversations) -> dict:
    """Report at the detector's threshold: escalation P/R/F1, AUROC/ECE, delay, human-request recall."""
    return conversation_report(replay(detector, conversations), detector.threshold, detector.version)


def best_f1(y: np.ndarray, p: np.ndarray) -> float:
    """The F1 at ``best_threshold``."""
    return float(np.max(_f1_by_threshold(y, p)))


def choose_encoder_band(
    y: np.ndarray, p_tfidf: np.ndarray, p_blend: np.ndarray, tolerance: float = 0.002
) -> tuple[float, float]:
    """The band of the TF-IDF tone model's probability in which the encoder is worth consulting.

    A cascade keeps the TF-IDF probability outside the band and takes the blend with the encoder
    inside it. The band chosen is the one holding the fewest held-out messages whose cascade scores
    within ``tolerance`` of the blend's F1 on every message (each at its own F1-best threshold):
    messages the TF-IDF model finds clearly calm or clearly frustrated rarely change their verdict,
    and skipping the encoder for them is what keeps the detector within its time budget.
    """
    y, p_tfidf, p_blend = (np.asarray(a, dtype=float) for a in (y, p_tfidf, p_blend))
    y = y.astype(int)
    target = best_f1(y, p_blend) - tolerance
    lows = np.unique(np.quantile(p_tfidf, np.arange(0.0, 0.75, 0.05)))
    highs = np.unique(np.r_[np.quantile(p_tfidf, np.arange(0.80, 1.0, 0.02)), 1.0])
    best = (1.0, (0.0, 1.0))
    for low in lows:
        for high in highs[highs >= low]:
            inside = (p_tfidf >= low) & (p_tfidf <= high)
            share = float(inside.mean())
            if share < best[0] and best_f1(y, np.where(inside, p_blend, p_tfidf)) >= target:
                best = (share, (float(low), float(high)))
    return best[1]
