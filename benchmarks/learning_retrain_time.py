"""How long does ``replydesk retrain`` take on the base data plus 3,000 feedback rows?

Targets (issue 6, 2 CPU cores): ≤ 60 s for tfidf, ≤ 25 min for transformer. The run is the real
loop (``replydesk.loop.retrain.retrain``) in a temporary home: base = BANKING77 train.csv, feedback
= ``--feedback-rows`` agent confirmations and corrections. The official test split is never
touched: the feedback texts are training messages with light edits (what customers retyping the
same question look like), so the timing reflects 13,000 rows while nothing leaks into evaluation.
Prints the training time and the whole retrain (training, held-out comparison, report) as the
median of ``--repeats`` runs.

Example: ``python benchmarks/learning_retrain_time.py --backend tfidf``.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from replydesk.loop.feedback import FeedbackRow, write_feedback_csv  # noqa: E402
from replydesk.loop.retrain import RetrainRequest, retrain  # noqa: E402
from replydesk.settings import Settings  # noqa: E402
from service.migrate import upgrade  # noqa: E402
from training.data import read_examples  # noqa: E402
from training.train import TrainConfig  # noqa: E402

TARGET_S = {"tfidf": 60, "hybrid": 25 * 60, "transformer": 25 * 60}
EDITS = ("", " please", " thanks", "?", " asap", " hi", " help")


def feedback(base: Path, n: int, seed: int) -> list[FeedbackRow]:
    rng = random.Random(seed)
    rows = [(e.text, e.label) for e in read_examples(base)]
    out = []
    for i in range(n):
        text, label = rng.choice(rows)
        kind = "confirm" if i % 5 else "correct"
        out.append(FeedbackRow(text + rng.choice(EDITS), label, kind, "approve", label, message_id=f"m{i}"))
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--backend", default="tfidf", choices=sorted(TARGET_S))
    p.add_argument("--base", type=Path, default=REPO / "data" / "banking77" / "train.csv")
    p.add_argument("--answers", type=Path, default=REPO / "data" / "answers" / "banking77.yaml")
    p.add_argument("--feedback-rows", type=int, default=3000)
    p.add_argument("--repeats", type=int, default=1)
    p.add_argument("--epochs", type=int, default=None)
    args = p.parse_args()
    logging.basicConfig(level=logging.WARNING)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    epochs = {"epochs": args.epochs} if args.epochs else {}
    config = TrainConfig(backend=args.backend, progress=False, **epochs)
    train_s, total_s = [], []
    for r in range(args.repeats):
        with tempfile.TemporaryDirectory(prefix="replydesk-retrain-") as tmp:
            work = Path(tmp)
            settings = Settings(var_dir=work / "var", database_url=f"sqlite:///{work / 'db.sqlite'}",
                                answers_path=args.answers)  # fmt: skip
            upgrade(settings.effective_database_url)
            fb_csv = work / "feedback.csv"
            write_feedback_csv(feedback(args.base, args.feedback_rows, seed=r), fb_csv)
            started = time.perf_counter()
            result = retrain(RetrainRequest(base=args.base, feedback=fb_csv, train_config=config,
                                            shadow_limit=0, actor="benchmark"), settings)  # fmt: skip
            total_s.append(time.perf_counter() - started)
            train_s.append(result.train_seconds)
    target = TARGET_S[args.backend]
    print(f"{args.backend}: {args.base.name} + {args.feedback_rows} feedback rows, {args.repeats} run(s)")
    print(f"median training time   {statistics.median(train_s):8.1f} s")
    print(f"median whole retrain   {statistics.median(total_s):8.1f} s  (target ≤ {target} s: "
          f"{'met' if statistics.median(total_s) <= target else 'NOT met'})")  # fmt: skip


if __name__ == "__main__":
    main()
