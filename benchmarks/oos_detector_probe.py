"""Two probes for a better out-of-scope score, on BANKING77's training file only (test never read).

    .venv/bin/python benchmarks/oos_detector_probe.py scope --backend tfidf     # ~2 min
    .venv/bin/python benchmarks/oos_detector_probe.py scope --backend hybrid    # ~6 min
    .venv/bin/python benchmarks/oos_detector_probe.py layers                    # ~3 min
    .venv/bin/python benchmarks/oos_detector_probe.py views   # ~20 min on 2 cores, 3 on a GPU

``scope``: the unknown-intent simulation that training runs (4 groups of intents, each unknown to
one fold model) is scored leave-one-group-out: the out-of-scope model is fitted on the simulated
rows of 3 groups and scores the 4th group's rows (its known-intent rows against its unknown ones).
Variants: the shipped logistic regressions, the same plus the raw one-vs-rest margins of the linear
head (top, second, log-sum-exp, how many classes claim the message: what the softmax discards), and
gradient-boosted trees on either.

``layers``: the Mahalanobis distance to the nearest known class mean on the mean-pooled output of
each MiniLM layer (and some concatenations) instead of the last one only; a quarter of the intents
unknown, 20% of the rows scored, 5 seeds.

``views``: the transformer's score (its top confidence) joined with a tfidf model's in-scope score, both
trained without a quarter of the intents (the benchmark's seed-0 draw) and without the transformer's 10%
validation rows; in scope: those validation rows, out of scope: the training rows of the unknown intents.
``--transformer DIR`` takes a transformer already trained on those known intents (``var/.../model-oos``
of ``classifier_accuracy.py``, or trained here). Also printed: the recall at the flag rate training's rule
(``choose_max_reject``) would choose on these rows.

Printed per variant: AUROC (unknown vs known) and the share of unknown messages found when 5% and
8% of the known ones are flagged.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402

from models.classifier.calibration import fit_temperature, softmax  # noqa: E402
from models.classifier.confidence import ConfidenceModel, confidence_features  # noqa: E402
from models.classifier.scope import ClassGaussian  # noqa: E402
from models.classifier.thresholds import choose_max_reject, choose_oos_threshold  # noqa: E402
from training.crossfit import UNKNOWN_GROUPS, cross_fit_linear  # noqa: E402
from training.data import read_examples  # noqa: E402
from training.train import TrainConfig, _Fitter  # noqa: E402

FLAG_RATES = (0.05, 0.08)


def separation(known_score: np.ndarray, unknown_score: np.ndarray) -> tuple[float, ...]:
    """AUROC and recall at each flag rate; a low score means out of scope."""
    y = np.r_[np.zeros(len(known_score)), np.ones(len(unknown_score))]
    auc = roc_auc_score(y, -np.r_[known_score, unknown_score])
    return (auc, *((unknown_score < np.quantile(known_score, r)).mean() for r in FLAG_RATES))


def report(name: str, rows: list[tuple[float, ...]]) -> None:
    mean = np.mean(rows, axis=0)
    rates = "  ".join(f"recall at {r:.0%} flagged {m:.3f}" for r, m in zip(FLAG_RATES, mean[1:], strict=True))
    print(f"  {name:<28} AUROC {mean[0]:.4f}  {rates}", flush=True)


def logistic_score(x_fit, known, right, x_score) -> np.ndarray:
    """The shipped score: P(known) x P(known and right), two logistic regressions."""
    k, r = ConfidenceModel.fit(x_fit, known, True, ()), ConfidenceModel.fit(x_fit, right, True, ())
    return k.confidence(x_score) * r.confidence(x_score)


def trees_score(x_fit, known, right, x_score) -> np.ndarray:
    score = np.ones(len(x_score))
    for target in (known, right):
        trees = HistGradientBoostingClassifier(max_depth=3, learning_rate=0.05, max_iter=300, random_state=0)
        score *= trees.fit(x_fit, target).predict_proba(x_score)[:, 1]
    return score


def probe_scope(backend: str, train: Path) -> None:
    rows = read_examples(train)
    labels = sorted({r.label for r in rows})
    index = {label: i for i, label in enumerate(labels)}
    texts, y = [r.text for r in rows], np.array([index[r.label] for r in rows])
    config = TrainConfig(backend=backend, progress=False)
    scores, _, sim = cross_fit_linear(_Fitter(config, len(labels), None), texts, y, config)
    temperature = fit_temperature(scores, y)
    shipped = np.hstack(
        [confidence_features(softmax(sim.logits, temperature), sim.texts, sim.neighbours), sim.scope_columns]
    )
    top = -np.sort(-sim.logits, axis=1)
    spread = np.log(np.exp(sim.logits - top[:, :1]).sum(axis=1)) + top[:, 0]
    margins = np.column_stack([top[:, 0], top[:, 1], spread, (sim.logits > 0).sum(axis=1)])
    # The simulated rows are the held-out rows of the first UNKNOWN_GROUPS folds, in fold order.
    folds = StratifiedKFold(n_splits=config.folds, shuffle=True, random_state=config.seed).split(texts, y)
    held_out = [held for _, held in folds][:UNKNOWN_GROUPS]
    group = np.concatenate([np.full(len(held), g) for g, held in enumerate(held_out)])
    variants = {
        "logistic, shipped features": (shipped, logistic_score),
        "logistic, + raw margins": (np.hstack([shipped, margins]), logistic_score),
        "boosted trees, shipped": (shipped, trees_score),
        "boosted trees, + raw margins": (np.hstack([shipped, margins]), trees_score),
    }
    print(f"{backend}: {len(sim.logits)} simulated rows, {UNKNOWN_GROUPS} groups, leave one group out")
    for name, (x, score_fn) in variants.items():
        results = []
        for g in range(UNKNOWN_GROUPS):
            fit, held = group != g, group == g
            s = score_fn(x[fit], sim.in_scope[fit], sim.in_scope_and_right[fit], x[held])
            known = sim.in_scope[held]
            results.append(separation(s[known], s[~known]))
        report(name, results)


def layer_embeddings(texts: list[str]) -> np.ndarray:
    """Mean-pooled, unit-length output of every layer of the shipped MiniLM (n, layers + 1, dim)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    from models.classifier.encoder import mean_pool, resolve_encoder_path

    path = resolve_encoder_path(None)
    tokenizer, model = AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path).eval()
    order, out = np.argsort([len(t) for t in texts]), None
    with torch.no_grad():
        for start in range(0, len(texts), 128):
            idx = order[start : start + 128]
            batch = tokenizer(
                [texts[i] for i in idx], padding=True, truncation=True, max_length=64, return_tensors="pt"
            )
            hidden = model(**batch, output_hidden_states=True).hidden_states
            pooled = np.stack([mean_pool(h, batch["attention_mask"]).numpy() for h in hidden], axis=1)
            if out is None:
                out = np.zeros((len(texts), *pooled.shape[1:]), dtype=np.float32)
            out[idx] = pooled
    return out / np.linalg.norm(out, axis=2, keepdims=True)


def probe_layers(train: Path) -> None:
    rows = read_examples(train)
    labels = sorted({r.label for r in rows})
    index = {label: i for i, label in enumerate(labels)}
    y = np.array([index[r.label] for r in rows])
    layers = layer_embeddings([r.text for r in rows])
    sets = {f"layer {n}": [n] for n in range(1, layers.shape[1])}
    combined = {"3+6": [3, 6], "5+6": [5, 6], "2+4+6": [2, 4, 6], "1-6": [*range(1, 7)]}
    sets |= {f"layers {name}": chosen for name, chosen in combined.items()}
    results: dict[str, list[tuple[float, ...]]] = {name: [] for name in sets}
    n_classes = len(labels)
    for seed in range(5):
        rng = np.random.default_rng(seed)
        unknown = np.isin(y, rng.choice(n_classes, n_classes // 4, replace=False))
        scored = rng.random(len(y)) < 0.2
        fit = ~scored & ~unknown
        for name, chosen in sets.items():
            x = np.concatenate([layers[:, n] for n in chosen], axis=1)
            distance = ClassGaussian.fit(x[fit], y[fit], n_classes).distances(x[scored]).min(axis=1)
            # ClassGaussian marks classes without rows as infinitely far, so unknowns are scored fairly.
            results[name].append(separation(-distance[~unknown[scored]], -distance[unknown[scored]]))
    print("Mahalanobis distance to the nearest known class mean, by MiniLM layer (6 = the shipped one)")
    for name, rows_ in results.items():
        report(name, rows_)


def probe_views(train: Path, transformer: Path | None, out: Path) -> None:
    import random

    from models.classifier import load_classifier
    from training.data import validation_split
    from training.train import train_classifier

    rows = read_examples(train)
    intents = sorted({r.label for r in rows})
    unknown = set(random.Random(0).sample(intents, round(len(intents) * 0.25)))  # classifier_accuracy's draw
    known = [r for r in rows if r.label not in unknown]
    outside = [r.text for r in rows if r.label in unknown]
    labels = sorted({r.label for r in known})
    index = {label: i for i, label in enumerate(labels)}
    config = TrainConfig(backend="transformer", progress=False)
    fit_idx, held_idx = validation_split(
        np.array([index[r.label] for r in known]), config.validation_fraction, 0
    )
    held = [known[i] for i in held_idx]
    if transformer is None:
        transformer = train_classifier(config, known, out_dir=out / "transformer")
    model = load_classifier(transformer)
    if model.labels != labels:
        raise SystemExit(f"{transformer} was not trained on the seed-0 known intents")
    probs, tf_in = model.predict_scores([r.text for r in held])
    tf_out = model.predict_scores(outside)[1]
    right = probs.argmax(axis=1) == np.array([index[r.label] for r in held])
    tfidf_dir = train_classifier(
        TrainConfig(backend="tfidf", progress=False), [known[i] for i in fit_idx], out_dir=out / "tfidf"
    )
    tfidf = load_classifier(tfidf_dir)
    td_in, td_out = tfidf.predict_scores([r.text for r in held])[1], tfidf.predict_scores(outside)[1]

    def log_odds(p: np.ndarray) -> np.ndarray:
        p = np.clip(p, 1e-6, 1 - 1e-6)
        return np.log(p / (1 - p))

    a_in, a_out, b_in, b_out = (log_odds(v) for v in (tf_in, tf_out, td_in, td_out))
    za = (a_in.mean(), a_in.std())  # each score standardised on the in-scope rows
    zb = (b_in.mean(), b_in.std())
    print(
        f"in scope: {len(held)} validation rows (accuracy {right.mean():.2%});"
        f" out of scope: {len(outside)} rows"
    )
    variants = {"transformer confidence (shipped)": (a_in, a_out), "tfidf in-scope score": (b_in, b_out)}
    for w in (0.5, 1.0, 2.0):
        variants[f"z(transformer) + {w:g} z(tfidf)"] = (
            (a_in - za[0]) / za[1] + w * (b_in - zb[0]) / zb[1],
            (a_out - za[0]) / za[1] + w * (b_out - zb[0]) / zb[1],
        )
    for name, (inside, out_scores) in variants.items():
        rate = choose_max_reject(inside, right, config.oos_min_accuracy, config.oos_reject_cap)
        found = (out_scores < choose_oos_threshold(inside[:, None], rate)).mean()
        report(name, [separation(inside, out_scores)])
        print(f"    the rule's flag rate {rate:.1%}: recall {found:.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("probe", choices=("scope", "layers", "views"))
    parser.add_argument("--backend", choices=("tfidf", "hybrid"), default="tfidf")
    parser.add_argument("--train", type=Path, default=REPO / "data" / "banking77" / "train.csv")
    parser.add_argument("--transformer", type=Path, default=None, help="views: a 58-intent transformer")
    parser.add_argument("--out", type=Path, default=REPO / "var" / "probes" / "oos_views")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if args.probe == "scope":
        probe_scope(args.backend, args.train)
    elif args.probe == "layers":
        probe_layers(args.train)
    else:
        probe_views(args.train, args.transformer, args.out)


if __name__ == "__main__":
    main()
