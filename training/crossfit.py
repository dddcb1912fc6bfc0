"""Out-of-fold predictions for the scikit-learn backends, and the unknown-intent simulation
that the out-of-scope score is fitted on. Used by ``training.train``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.model_selection import StratifiedKFold
from tqdm.auto import tqdm

from models.classifier.backends import Backend
from models.classifier.confidence import NeighbourIndex, Neighbours

if TYPE_CHECKING:  # only for hints: training.train imports this module
    from training.train import TrainConfig, _Fitter

UNKNOWN_GROUPS = 4  # intents are split in 4 groups, each unknown to one simulation model


@dataclass(frozen=True)
class Simulated:
    """Held-out predictions of fold models trained without some intents: their rows play the
    unknown intents a deployed model meets, to fit the out-of-scope score on."""

    logits: np.ndarray
    texts: list[str]
    neighbours: Neighbours
    in_scope_and_right: np.ndarray


def cross_fit_linear(
    fitter: _Fitter, texts: list[str], y: np.ndarray, config: TrainConfig
) -> tuple[np.ndarray, Backend, Simulated | None]:
    """Out-of-fold scores for every row (k-fold cross-fitting), the final model on all rows and
    the unknown-intent simulation (``None`` with too few intents).

    The texts are vectorised once: the TF-IDF vocabularies use no labels, so only the linear
    model is refitted per fold, and the final model reuses the same features.
    """
    head = fitter.head().fit_vectorizers(texts)
    embeddings = fitter.embed(texts) if config.backend == "hybrid" else None
    features = head.features(texts, embeddings)
    min_count = int(np.bincount(y).min())
    folds = min(config.folds, max(2, min_count))
    if min_count >= 2:
        splits = list(StratifiedKFold(n_splits=folds, shuffle=True, random_state=config.seed).split(texts, y))
    else:
        splits = plain_folds(len(texts), folds, config.seed)
    scores = np.zeros((len(texts), fitter.n_classes))
    for train_idx, held_idx in tqdm(splits, desc="cross-fitting", unit="fold", disable=not config.progress):
        fold = fitter.head().fit_classifier(
            features[train_idx], y[train_idx], embeddings is not None, fitter.n_classes
        )
        scores[held_idx] = fold.decision_from_features(features[held_idx])
    head.fit_classifier(features, y, embeddings is not None, fitter.n_classes)
    vectors = embeddings if embeddings is not None else head.word_.transform(texts)
    simulated = simulate_unknown(fitter, texts, features, vectors, y, splits, config)
    return scores, fitter.wrap(head), simulated


def simulate_unknown(
    fitter: _Fitter,
    texts: list[str],
    features: Any,
    vectors: Any,
    y: np.ndarray,
    splits: list[tuple[np.ndarray, np.ndarray]],
    config: TrainConfig,
) -> Simulated | None:
    """For each of up to ``UNKNOWN_GROUPS`` folds, a model trained without that fold's rows
    and without one group of intents; the fold's rows of those intents are then unknown."""
    groups = min(UNKNOWN_GROUPS, len(splits))
    if fitter.n_classes < 2 * groups:
        return None
    order = np.random.default_rng(config.seed).permutation(fitter.n_classes)
    parts: list[tuple[np.ndarray, np.ndarray, Neighbours, np.ndarray]] = []
    for g in tqdm(range(groups), desc="unknown intents", unit="fold", disable=not config.progress):
        unknown = np.isin(y, order[g::groups])
        train_idx, held_idx = splits[g]
        train_idx = train_idx[~unknown[train_idx]]
        fold = fitter.head().fit_classifier(
            features[train_idx], y[train_idx], config.backend == "hybrid", fitter.n_classes
        )
        logits = fold.decision_from_features(features[held_idx])
        neighbours = NeighbourIndex(vectors[train_idx], y[train_idx]).query(vectors[held_idx])
        target = ~unknown[held_idx] & (logits.argmax(axis=1) == y[held_idx])
        parts.append((held_idx, logits, neighbours, target))
    return Simulated(
        np.vstack([p[1] for p in parts]),
        [texts[i] for p in parts for i in p[0]],
        Neighbours(np.vstack([p[2].sims for p in parts]), np.vstack([p[2].labels for p in parts])),
        np.concatenate([p[3] for p in parts]),
    )


def plain_folds(n: int, folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    order = np.random.default_rng(seed).permutation(n)
    parts = np.array_split(order, folds)
    return [(np.concatenate(parts[:i] + parts[i + 1 :]), part) for i, part in enumerate(parts)]
