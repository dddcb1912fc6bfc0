"""Single-message latency and batch throughput of saved reply classifiers on this machine.

    nice -n 10 .venv/bin/python benchmarks/classifier_latency.py \\
        --model var/benchmarks/classifier/tfidf/model --model var/benchmarks/classifier/hybrid/model

``predict`` on one message at a time (as the service calls it) over ``--messages`` BANKING77
test messages after a warm-up: p50 and p95 in ms, wall clock and the calling thread's CPU time
(the CPU figure moves less when other processes share the cores; the load average is printed
with it). ``predict_batch`` in batches of ``--batch-size``: messages per second (median of
``--repeats`` passes).
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

import numpy as np  # noqa: E402
import torch  # noqa: E402

from models.classifier import load_classifier  # noqa: E402
from training.data import read_examples  # noqa: E402


def measure(model_dir: Path, texts: list[str], batch_size: int, repeats: int) -> None:
    clf = load_classifier(model_dir)
    for text in texts[:10]:
        clf.predict(text)
    single, cpu = [], []
    for text in texts:
        start, start_cpu = time.perf_counter(), time.thread_time()
        clf.predict(text)
        single.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for s in range(0, len(texts), batch_size):
            clf.predict_batch(texts[s : s + batch_size])
        rates.append(len(texts) / (time.perf_counter() - start))
    print(f"{clf.backend_name:<12} {clf.version}")
    print(
        f"  single message  p50 {np.percentile(single, 50):7.2f} ms   p95 {np.percentile(single, 95):7.2f} ms"
        f"   ({len(single)} messages, torch threads {torch.get_num_threads()})"
    )
    print(f"  CPU time        p50 {np.percentile(cpu, 50):7.2f} ms   p95 {np.percentile(cpu, 95):7.2f} ms")
    print(f"  batch of {batch_size:<4}   {statistics.median(rates):8.0f} messages/s (median of {repeats})")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", type=Path, action="append", required=True, help="model dir (repeatable)")
    parser.add_argument("--data", type=Path, default=REPO / "data" / "banking77" / "test.csv")
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    rows = read_examples(args.data)
    step = max(1, len(rows) // args.messages)
    texts = [r.text for r in rows[::step]][: args.messages]
    for model_dir in args.model:
        measure(model_dir, texts, args.batch_size, args.repeats)
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
