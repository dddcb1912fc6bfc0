"""Single-message latency and batch throughput of saved reply classifiers on this machine.

    nice -n 10 .venv/bin/python benchmarks/classifier_latency.py \\
        --model var/benchmarks/classifier/tfidf/model --model var/benchmarks/classifier/hybrid/model

``predict`` on one message at a time (as the service calls it) over ``--messages`` BANKING77
test messages after a warm-up: p50 and p95 in ms, wall clock and the calling thread's CPU time
(the CPU figure moves less when other processes share the cores; the load average is printed
with it). ``predict_batch`` in batches of ``--batch-size``: messages per second (median of
``--repeats`` passes). ``--compare-general-path``: the per-message encoder path (``OneText``)
against the general Hugging Face route on the same model, interleaved message by message so
both see the same load; predictions must be identical.
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

from models.classifier import ModelLoadError, load_classifier  # noqa: E402
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


def _general_route(clf) -> None:
    """Switch a loaded hybrid or transformer model to the general tokenizer call and forward."""
    backend = clf.backend
    one = backend.encoder.one if hasattr(backend, "encoder") else backend._one_text()
    one.lean, one.fast = None, None


def compare_paths(model_dir: Path, texts: list[str]) -> None:
    lean, general = load_classifier(model_dir), load_classifier(model_dir)
    if lean.backend_name == "tfidf":
        print(f"{lean.backend_name:<12} no encoder: nothing to compare")
        return
    _general_route(general)
    for text in texts[:10]:  # warm-up
        lean.predict(text)
        general.predict(text)
    times: dict[str, list[float]] = {"lean": [], "general": []}
    for text in texts:
        got = {}
        for name, clf in (("general", general), ("lean", lean)):
            start = time.perf_counter()
            got[name] = clf.predict(text)
            times[name].append((time.perf_counter() - start) * 1000)
        if got["lean"] != got["general"]:
            sys.exit(f"the two paths disagree on {text!r}: {got['lean']} vs {got['general']}")
    lean_p50, general_p50 = (float(np.percentile(times[k], 50)) for k in ("lean", "general"))
    print(
        f"{lean.backend_name:<12} per-message path p50 {lean_p50:.2f} ms, "
        f"general route p50 {general_p50:.2f} ms (ratio {lean_p50 / general_p50:.3f}, "
        f"interleaved; {len(texts)} identical predictions)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", type=Path, action="append", required=True, help="model dir (repeatable)")
    parser.add_argument("--data", type=Path, default=REPO / "data" / "banking77" / "test.csv")
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--compare-general-path",
        action="store_true",
        help="also time the per-message encoder path against the general route, interleaved",
    )
    args = parser.parse_args()
    rows = read_examples(args.data)
    step = max(1, len(rows) // args.messages)
    texts = [r.text for r in rows[::step]][: args.messages]
    for model_dir in args.model:
        try:
            load_classifier(model_dir)  # fail before any timing on a wrong path
        except ModelLoadError as exc:
            sys.exit(f"--model {model_dir}: {exc}")
    for model_dir in args.model:
        measure(model_dir, texts, args.batch_size, args.repeats)
        if args.compare_general_path:
            compare_paths(model_dir, texts)
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
