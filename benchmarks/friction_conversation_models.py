"""Compare the conversation scores (boosted trees, linear weights) on DEV sets the detectors never saw.

    nice -n 10 .venv/bin/python benchmarks/friction_conversation_models.py --hold-out dev16 dev17

Trains one detector per conversation model (``replydesk train-friction --conversation-model ...``)
on every DEV set except the held-out ones, then prints, for each, its pooled DEV out-of-fold figures,
precision / recall / AUROC on each held-out DEV set and on the never-tuned check set
(data/friction/conversations_check.jsonl), and scoring latency replaying the held-out sets,
interleaved (linear, boosted, linear, ...) so that a busy machine slows both alike. About 4 minutes
per model on 2 cores. The conversation test set is not read: this is for choosing, the test set is not.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.friction_benchmark import latency_ms  # noqa: E402
from training.friction_conv import CONVERSATION_MODELS  # noqa: E402
from training.friction_data import CHECK_CONVERSATIONS_FILE, DEV_CONVERSATION_FILES, read_conversations  # noqa: E402
from training.friction_metrics import evaluate_conversations  # noqa: E402
from training.friction_train import FrictionTrainConfig, train_detector  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--hold-out",
        nargs="+",
        required=True,
        help="DEV set names to leave out of training and measure on, e.g. dev16 dev17",
    )
    parser.add_argument("--models", nargs="+", default=list(CONVERSATION_MODELS), choices=CONVERSATION_MODELS)
    parser.add_argument(
        "--tone-encoder-layers",
        type=int,
        default=0,
        help="the tone encoder of each detector (default 0: TF-IDF tone only, about 10 minutes for the "
        "comparison; 3 as shipped: about 25 minutes per detector)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    by_name = {f.stem.removeprefix("conversations_"): f for f in DEV_CONVERSATION_FILES if f.is_file()}
    unknown = sorted(set(args.hold_out) - set(by_name))
    if unknown:
        sys.exit(f"unknown DEV set(s) {', '.join(unknown)}; known: {', '.join(by_name)}")
    held = {name: read_conversations(by_name[name]) for name in args.hold_out}
    if CHECK_CONVERSATIONS_FILE.is_file():
        held["check (never tuned on)"] = read_conversations(CHECK_CONVERSATIONS_FILE)
    train_files = tuple(str(f) for name, f in by_name.items() if name not in args.hold_out)

    detectors = {}
    for model in args.models:
        cfg = FrictionTrainConfig(
            dev_conversations=train_files,
            conversation_model=model,
            tone_encoder_layers=args.tone_encoder_layers,
        )
        det = train_detector(cfg)
        detectors[model] = det
        oof = det.metadata["metrics"].get("conversation_dev_out_of_fold", {})
        print(
            f"{model}: trained on {len(train_files)} DEV sets, threshold {det.threshold:.3f}, "
            "DEV out of fold "
            f"P {oof.get('precision', float('nan')):.3f} R {oof.get('recall', float('nan')):.3f} "
            f"AUROC {oof.get('auroc', float('nan')):.3f} (n={oof.get('n', 0)})",
            flush=True,
        )
        for name, convs in held.items():
            rep = evaluate_conversations(det, convs)
            print(
                f"  {name} (n={rep['n']}): P {rep['precision']:.3f} R {rep['recall']:.3f} "
                f"F1 {rep['f1']:.3f} AUROC {rep['auroc']:.3f}",
                flush=True,
            )
    replay = [c for convs in held.values() for c in convs]
    for round_ in range(3):
        for model, det in detectors.items():
            p50, p95, _ = latency_ms(det, replay, repeats=1)
            print(f"latency round {round_ + 1}, {model}: p50 {p50:.2f} ms, p95 {p95:.2f} ms", flush=True)


if __name__ == "__main__":
    main()
