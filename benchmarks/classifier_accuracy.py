"""Train and evaluate each reply-classifier backend on BANKING77 and print issue 2's figures.

    nice -n 10 .venv/bin/python benchmarks/classifier_accuracy.py --backends tfidf,hybrid
    nice -n 10 .venv/bin/python benchmarks/classifier_accuracy.py --backends transformer   # ~25 min

Per backend: training time on the full train.csv (calibration and thresholds from the training
file only), then on the official test.csv (never used for anything else): accuracy, macro F1,
ECE (15 bins), coverage and precision at the 0.99 and 0.95 thresholds, single-message latency.
Out of scope: a second model is trained without a quarter of the intents (chosen with the
seed); their test messages become ``oos`` and we print OOS recall and in-scope accuracy.
Reports (JSON, pictures, HTML) go to ``--out``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

from training.data import OOS_LABEL, Example, read_examples  # noqa: E402
from training.evaluate import evaluate_model  # noqa: E402
from training.train import (  # noqa: E402
    _EMBEDDINGS,  # noqa: E402
    TrainConfig,
    embedding_cache_key,
    train_classifier,
)

TARGETS = {
    "hybrid": {
        "accuracy": 0.94,
        "ece": 0.015,
        "cov99": 0.80,
        "cov95": 0.95,
        "oos": 0.70,
        "p50": 10,
        "train": 300,
    },
    "transformer": {
        "accuracy": 0.935,
        "ece": 0.015,
        "cov99": 0.78,
        "cov95": 0.94,
        "oos": 0.70,
        "p50": 10,
        "train": 1500,
    },
    "tfidf": {
        "accuracy": 0.90,
        "ece": 0.02,
        "cov99": 0.65,
        "cov95": 0.88,
        "oos": 0.60,
        "p50": 2,
        "train": 60,
    },
}


def split_unknown(train: list[Example], test: list[Example], fraction: float, seed: int):
    """Hold out ``fraction`` of the intents: dropped from training, relabelled ``oos`` in test."""
    intents = sorted({r.label for r in train})
    unknown = set(random.Random(seed).sample(intents, round(len(intents) * fraction)))
    known_train = [r for r in train if r.label not in unknown]
    oos_test = [Example(r.text, OOS_LABEL) if r.label in unknown else r for r in test]
    return known_train, oos_test, sorted(unknown)


def embedding_cache(path: Path, texts: list[str], save: bool = False) -> None:
    """Reuse the frozen encoder's embeddings of these texts between benchmark runs (the encoder
    is most of a hybrid run on 2 cores): ``path`` is keyed by a hash of the texts."""
    cache = _EMBEDDINGS.setdefault(embedding_cache_key(TrainConfig()), {})
    if save:
        done = [t for t in texts if t in cache]
        np.savez(path, texts=np.array(done, dtype=object), emb=np.stack([cache[t] for t in done]))
    elif path.is_file():
        data = np.load(path, allow_pickle=True)
        cache.update(zip(data["texts"].tolist(), data["emb"], strict=True))


def run_backend(backend: str, args: argparse.Namespace, train, test) -> dict:
    epochs = {"epochs": args.epochs} if args.epochs else {}
    config = TrainConfig(backend=backend, seed=args.seed, progress=not args.quiet, **epochs)
    model = args.out / backend / "model"
    if args.reuse and (model / "model.json").is_file():
        # A model this script trained before (same --out): evaluate it again, train only what is missing.
        train_s = float(json.loads((model / "model.json").read_text())["training"]["seconds"])
    else:
        started = time.perf_counter()
        model = train_classifier(config, train, out_dir=model)
        train_s = time.perf_counter() - started
    report = evaluate_model(model, test, args.out / backend / "report", latency_samples=args.latency_samples)
    row = {"train_s": train_s, **{k: report[k] for k in ("accuracy", "macro_f1", "ece", "latency_ms")}}
    row["cov99"], row["cov95"] = (
        report["coverage_at_precision"]["0.99"],
        report["coverage_at_precision"]["0.95"],
    )
    if args.oos_fraction > 0:
        known_train, oos_test, unknown = split_unknown(train, test, args.oos_fraction, args.seed)
        oos_model = args.out / backend / "model-oos"
        if not (args.reuse and (oos_model / "model.json").is_file()):
            oos_model = train_classifier(config, known_train, out_dir=oos_model)
        oos_report = evaluate_model(oos_model, oos_test, args.out / backend / "report-oos", latency_samples=5)
        chosen = json.loads((oos_model / "model.json").read_text())["out_of_scope"]
        row["oos"] = oos_report["oos"] | {
            "unknown_intents": len(unknown),
            "max_reject": chosen["max_reject"],
            "accuracy_without_flag": oos_report["accuracy"],
        }
    main_scope = json.loads((args.out / backend / "model" / "model.json").read_text())["out_of_scope"]
    row["max_reject"] = main_scope["max_reject"]
    return row


def show_tradeoff(row: dict) -> None:
    """The two targets the out-of-scope flag serves, side by side at each flag rate: the main
    model's coverage (all test messages in scope) and the unknown-intent model's recall. Each
    model's flag level for a rate comes from its own held-out data; the test decides nothing."""
    o, cov95, cov99 = row["oos"], row["cov95"], row["cov99"]
    if "by_max_reject" not in cov95:  # a report written before the trade-off was recorded
        return
    print("    flag rate (held-out) | OOS recall | in-scope accuracy | cov. at 0.95 (precision) | at 0.99")

    def answered(c: dict) -> str:  # nothing answered: no precision
        return f"{c['coverage']:.2%} ({'n/a' if c['precision'] is None else format(c['precision'], '.2%')})"

    def line(name: str, recall: float, accuracy: float, c95: dict, c99: dict) -> None:
        print(f"    {name:<20} | {recall:>10.2%} | {accuracy:>17.2%} | {answered(c95):>24} | {answered(c99)}")

    line("none", 0.0, o["accuracy_without_flag"], cov95["thresholds_only"], cov99["thresholds_only"])
    for key, point in o["by_max_reject"].items():
        if key in cov95["by_max_reject"]:
            c95, c99 = cov95["by_max_reject"][key], cov99["by_max_reject"][key]
            line(f"{float(key):.0%}", point["recall"], point["in_scope_accuracy"], c95, c99)
    # The rule picks each model's own rate (unknown-intent model / main model).
    chosen = f"rule {o['max_reject']:.1%} / {row['max_reject']:.1%}"
    line(chosen, o["recall"], o["in_scope_accuracy"], cov95, cov99)


def show(backend: str, row: dict) -> None:
    t = TARGETS[backend]

    def line(name: str, value: str, ok: bool, target: str) -> None:
        print(f"  {name:<38} {value:>22}   target {target:<8} {'ok' if ok else 'MISSED'}")

    print(f"\n{backend}")
    line(
        "BANKING77 test accuracy",
        f"{row['accuracy']:.2%}",
        row["accuracy"] >= t["accuracy"],
        f">= {t['accuracy']:.1%}",
    )
    line("macro F1", f"{row['macro_f1']:.2%}", True, "-")
    line("ECE after calibration (15 bins)", f"{row['ece']:.2%}", row["ece"] <= t["ece"], f"<= {t['ece']:.1%}")
    for key, name in (("cov99", "0.99"), ("cov95", "0.95")):
        c = row[key]
        reached = "n/a" if c["precision"] is None else f"{c['precision']:.2%}"
        line(
            f"coverage at {name} precision (reached)",
            f"{c['coverage']:.2%} ({reached})",
            c["coverage"] >= t[key],
            f">= {t[key]:.0%}",
        )
        if "thresholds_only" in c:  # not a target: what the out-of-scope flag costs in coverage
            bare = c["thresholds_only"]
            bare_p = "n/a" if bare["precision"] is None else f"{bare['precision']:.2%}"
            print(f"    without the out-of-scope flag: {bare['coverage']:.2%} ({bare_p})")
    if "oos" in row:
        o = row["oos"]
        ok = o["recall"] >= t["oos"] and o["in_scope_accuracy"] >= 0.90
        line(
            f"OOS recall ({o['unknown_intents']} intents unknown)",
            f"{o['recall']:.2%}",
            ok,
            f">= {t['oos']:.0%}",
        )
        print(
            f"    flag rate chosen from training data: {o['max_reject']:.1%} of held-out in-scope messages"
            f" (main model: {row['max_reject']:.1%})"
        )
        line(
            "  in-scope accuracy with OOS flags",
            f"{o['in_scope_accuracy']:.2%}",
            o["in_scope_accuracy"] >= 0.9,
            ">= 90%",
        )
        show_tradeoff(row)
    lat = row["latency_ms"]
    line(
        "single-message latency p50 / p95 (ms)",
        f"{lat['p50']:.1f} / {lat['p95']:.1f}",
        lat["p50"] <= t["p50"],
        f"<= {t['p50']} ms",
    )
    line("training time (s)", f"{row['train_s']:.0f}", row["train_s"] <= t["train"], f"<= {t['train']} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backends", default="hybrid,transformer,tfidf", help="comma-separated backends")
    parser.add_argument("--train", type=Path, default=REPO / "data" / "banking77" / "train.csv")
    parser.add_argument("--test", type=Path, default=REPO / "data" / "banking77" / "test.csv")
    parser.add_argument("--out", type=Path, default=REPO / "var" / "benchmarks" / "classifier")
    parser.add_argument(
        "--oos-fraction", type=float, default=0.25, help="share of intents held out; 0 skips OOS"
    )
    parser.add_argument("--epochs", type=int, default=None, help="transformer epochs (TrainConfig's)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--latency-samples", type=int, default=300)
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse each backend's models already under --out"
    )
    parser.add_argument(
        "--train-limit", type=int, default=0, help="train on a stratified sample of N rows (a quick run)"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    train, test = read_examples(args.train), read_examples(args.test)
    if args.train_limit:
        train, _ = train_test_split(
            train, train_size=args.train_limit, stratify=[r.label for r in train], random_state=args.seed
        )
        print(f"SMALL RUN: training on {len(train)} of the training rows, not the full set")
    texts = sorted({r.text for r in train} | {r.text for r in test})
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    cache_file = REPO / "var" / "cache" / f"minilm-{TrainConfig().quantize}-{digest}.npz"
    if "hybrid" in args.backends:
        embedding_cache(cache_file, texts)
    results = {}
    for backend in args.backends.split(","):
        results[backend] = run_backend(backend.strip(), args, train, test)
        show(backend.strip(), results[backend])
        if backend.strip() == "hybrid":
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            embedding_cache(cache_file, texts, save=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "summary.json").write_text(json.dumps(results, indent=2))
    print(f"\nsummary: {args.out / 'summary.json'}")


if __name__ == "__main__":
    main()
