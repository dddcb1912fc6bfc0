"""Measure and print every figure of issue 3's table for a trained friction detector.

    .venv/bin/replydesk train-friction            # once, writes var/friction
    nice -n 10 .venv/bin/python benchmarks/friction_benchmark.py [--model var/friction]
    ... --only messages    # GoEmotions figure and latency only (replayed on DEV, no conversation TEST set)

Figures: GoEmotions friction test F1 (message level, at the shipped tone threshold); precision,
recall and mean delay of escalation on data/friction/conversations.jsonl (replayed turn by
turn), with the same figures on the held-out check set (data/friction/conversations_check.jsonl,
never tuned on) and the DEV sets beside them; explicit-request-for-a-person recall in
English and Danish, on the test conversations and on the held-out request file
(data/friction/person_requests_check.csv: the patterns alone, and the detector with its learned
second opinion); and scoring latency per customer message (``assess`` on the conversation so
far, as the service calls it), p50/p95. Per-conversation errors are not printed: the test set is
for the final figures only, never for looking at what went wrong.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from models.friction import FrictionDetector  # noqa: E402
from models.friction.human import human_request  # noqa: E402
from models.types import Role, Turn  # noqa: E402
from replydesk.settings import get_settings  # noqa: E402
from training.friction_data import (  # noqa: E402
    CHECK_CONVERSATIONS_FILE,
    DEV_CONVERSATION_FILES,
    PERSON_REQUESTS_CHECK_FILE,
    load_goemotions,
    read_conversations,
)
from training.friction_metrics import evaluate_conversations, evaluate_messages  # noqa: E402

TARGETS = {"f1": 0.62, "precision": 0.90, "recall": 0.90, "human": 1.0, "delay": 1.0, "latency_ms": 5.0}


def latency_ms(detector: FrictionDetector, conversations, repeats: int = 3) -> tuple[float, float, float]:
    """p50/p95 of ``assess`` per customer message replaying each conversation in order (warm cache,
    as in the service), and p50 of the tone model alone on a message it has not seen (cold)."""
    warm = []
    for _ in range(repeats):
        for conv in conversations:
            detector._tone_cache.clear()
            for i, turn in enumerate(conv.turns):
                if turn.role is Role.CUSTOMER:
                    start = time.perf_counter()
                    detector.assess(conv.turns[: i + 1])
                    warm.append((time.perf_counter() - start) * 1000)
    texts = [t.text for c in conversations for t in c.turns if t.role is Role.CUSTOMER]
    cold = []
    for text in texts:
        start = time.perf_counter()
        detector.tone.predict_proba([text])
        cold.append((time.perf_counter() - start) * 1000)
    warm.sort()
    return statistics.median(warm), warm[int(0.95 * (len(warm) - 1))], statistics.median(cold)


def conversation_figures(detector: FrictionDetector, convs, name: str) -> None:
    """Print the conversation-level figures of one labelled set (no per-item errors: see the README)."""
    rep = evaluate_conversations(detector, convs)
    print(
        f"{name} (n={rep['n']}, {rep['positives']} escalate): "
        f"precision {rep['precision']:.3f} "
        f"(target >= 0.90), recall {rep['recall']:.3f} (target >= 0.90), F1 {rep['f1']:.3f}, "
        f"AUROC {rep['auroc']:.3f}, ECE {rep['ece']:.3f}"
    )
    for lang, s in rep["slices"].items():
        print(
            f"  {lang}: n={s['n']} precision {s['precision']:.3f} recall {s['recall']:.3f} "
            f"human-request recall {s['human_request_recall']} (n={s['human_request_n']}) "
            f"mean delay {s['mean_delay_turns']}"
        )
    for lang in ("en", "da"):
        s = rep["slices"].get(lang, {})
        print(
            f"  explicit request for a person, {lang.upper()}: recall {s.get('human_request_recall')} "
            f"(escalated at that turn; n={s.get('human_request_n', 0)}, target 1.0), recognised as a request "
            f"{s.get('human_request_flag_recall')}"
        )
    print(
        f"  escalation delay on true positives: mean {rep['mean_delay_turns']} customer turns (target <= 1; "
        f"signed mean {rep['mean_signed_delay_turns']}, {rep['early_escalations']} early)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--model", type=Path, default=None, help="trained detector directory (default var/friction)"
    )
    parser.add_argument(
        "--conversations", type=Path, default=REPO / "data" / "friction" / "conversations.jsonl"
    )
    parser.add_argument(
        "--dev",
        type=Path,
        nargs="*",
        default=[f for f in DEV_CONVERSATION_FILES if f.is_file()],
        help="DEV conversation files (used for training), reported beside the test set",
    )
    parser.add_argument(
        "--only",
        choices=("all", "messages"),
        default="all",
        help="messages: only the GoEmotions figure and latency (latency replayed on the DEV sets, "
        "so the conversation TEST set is not read)",
    )
    args = parser.parse_args()
    path = args.model or REPO / get_settings().friction_dir
    if not (path / "friction.json").is_file():
        sys.exit(f"no trained detector at {path}; run `replydesk train-friction` first")
    detector = FrictionDetector.load(path)
    config = detector.metadata.get("training", {}).get("config", {})
    layers, copies = config.get("tone_encoder_layers", 0), config.get("tone_encoders", 1)
    band = getattr(detector.tone, "encoder_band", None)
    where = f", where the TF-IDF probability is {band[0]:.3f}-{band[1]:.3f}" if band else ""
    print(
        f"detector {detector.version} (threshold {detector.threshold:.3f}, "
        f"tone threshold {detector.metadata.get('tone_threshold')}, tone model: TF-IDF + lexicon"
        + (
            f" + {copies} x {layers}-layer fine-tuned encoder for non-Danish messages{where})"
            if layers
            else ")"
        )
    )

    test = load_goemotions("test")
    msg = evaluate_messages(detector, test["text"].tolist(), test["friction"].tolist())
    print(
        f"GoEmotions friction test (n={msg['n']}): F1 {msg['f1']:.3f} (target >= {TARGETS['f1']}), "
        f"precision {msg['precision']:.3f}, recall {msg['recall']:.3f}, AUROC {msg['auroc']:.3f}, "
        f"ECE {msg['ece']:.3f}"
    )

    if args.only == "messages":
        dev_convs = [c for f in args.dev for c in read_conversations(f)]
        print_latency(detector, dev_convs, "DEV conversations")
        return

    convs = read_conversations(args.conversations)
    conversation_figures(detector, convs, "conversation TEST set")
    if CHECK_CONVERSATIONS_FILE.is_file():
        check = read_conversations(CHECK_CONVERSATIONS_FILE)
        conversation_figures(detector, check, "held-out check set (never tuned on)")
    if PERSON_REQUESTS_CHECK_FILE.is_file():
        person_request_figures(detector)
    for file in args.dev:
        conversation_figures(detector, read_conversations(file), f"{file.stem} (DEV, used for training)")
    # The honest DEV figures are out of fold (each conversation scored by weights fitted without it).
    for key, oof in detector.metadata.get("metrics", {}).items():
        if key.endswith("_out_of_fold") and isinstance(oof, dict) and "precision" in oof:
            print(
                f"{key}: precision {oof['precision']:.3f}, recall {oof['recall']:.3f}, "
                f"ECE {oof['ece']:.3f} (n={oof['n']})"
            )

    print_latency(detector, convs, "TEST conversations")


def person_request_figures(detector: FrictionDetector) -> None:
    """Recall and false alarms on the held-out request file, per language: patterns alone, then the
    detector as the service runs it (patterns, and the learned model where the detector has one)."""
    import pandas as pd

    rows = pd.read_csv(PERSON_REQUESTS_CHECK_FILE, keep_default_na=False)
    patterns = rows["text"].map(lambda t: human_request(t) is not None)
    full = rows["text"].map(lambda t: detector.assess([Turn(Role.CUSTOMER, t)]).human_requested)
    which = "patterns + request model" if detector.person is not None else "patterns only (no request model)"
    for lang, part in rows.groupby("lang"):
        asks = part["is_request"] == 1
        print(
            f"held-out person requests ({lang}, {int(asks.sum())} requests, "
            f"{int((~asks).sum())} hard negatives): "
            f"patterns alone recall {patterns[part.index][asks].mean():.3f}, false alarms "
            f"{patterns[part.index][~asks].mean():.3f}; detector ({which}) recall "
            f"{full[part.index][asks].mean():.3f}, false alarms {full[part.index][~asks].mean():.3f}"
        )


def print_latency(detector: FrictionDetector, convs, name: str) -> None:
    p50, p95, cold = latency_ms(detector, convs)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"scoring latency per customer message ({name}): p50 {p50:.2f} ms, p95 {p95:.2f} ms "
        f"(target p50 <= 5 ms); tone model on an unseen message p50 {cold:.2f} ms; "
        f"load average {load:.1f} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
