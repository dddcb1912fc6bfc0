"""Out-of-fold predictions for the scikit-learn backends, and the unknown-intent simulation
that the out-of-scope score is fitted on. Used by ``training.train``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.model_selection import StratifiedKFold
from tqdm.auto import tqdm

from models.classifier.backends import Backend
from models.classifier.calibration import softmax
from models.classifier.confidence import ConfidenceModel, NeighbourIndex, Neighbours, confidence_features
from models.classifier.linear import LinearTextHead
from models.classifier.scope import SECOND_VIEW, ClassGaussian, ScopeIndex, scope_columns, view_vectors

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
    in_scope: np.ndarray
    scope_columns: np.ndarray  # ``models.classifier.scope`` columns of the simulated rows
    scope: ScopeEvidence


@dataclass(frozen=True)
class ScopeEvidence:
    """The scope views fitted on all rows (saved with the model) and every training row's view
    of them as a new message would see it: second-view neighbours without the row itself,
    Gaussian distances from the fold model that did not see it."""

    index: ScopeIndex
    heldout_second: Neighbours
    heldout_gaussian: np.ndarray | None

    def heldout_columns(self, first: Neighbours, predicted: np.ndarray) -> np.ndarray:
        return scope_columns(self.heldout_second, first, predicted, self.heldout_gaussian)


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
    simulated = simulate_unknown(fitter, texts, features, vectors, y, splits, config, head, scores)
    return scores, fitter.wrap(head), simulated


def fit_scope_evidence(
    head: LinearTextHead,
    texts: list[str],
    embeddings: np.ndarray | None,
    second: Any,
    y: np.ndarray,
    splits: list[tuple[np.ndarray, np.ndarray]],
    heldout_scores: np.ndarray,
    n_classes: int,
) -> ScopeEvidence:
    """``ScopeEvidence`` from the cross-fitting folds; the Gaussian only with embeddings."""
    heldout_gaussian = None
    gaussian = None
    if embeddings is not None:
        heldout_gaussian = np.zeros((len(y), 3))
        for train_idx, held_idx in splits:
            fold = ClassGaussian.fit(embeddings[train_idx], y[train_idx], n_classes)
            heldout_gaussian[held_idx] = fold.features(
                embeddings[held_idx], heldout_scores[held_idx].argmax(axis=1)
            )
        gaussian = ClassGaussian.fit(embeddings, y, n_classes)
    view = SECOND_VIEW["hybrid" if embeddings is not None else "tfidf"]
    second_index = NeighbourIndex(second, y)
    index = ScopeIndex(view, second_index, gaussian)
    return ScopeEvidence(index, second_index.query(second, leave_one_out=True), heldout_gaussian)


def simulate_unknown(
    fitter: _Fitter,
    texts: list[str],
    features: Any,
    vectors: Any,
    y: np.ndarray,
    splits: list[tuple[np.ndarray, np.ndarray]],
    config: TrainConfig,
    head: LinearTextHead,
    heldout_scores: np.ndarray,
) -> Simulated | None:
    """For each of up to ``UNKNOWN_GROUPS`` folds, a model trained without that fold's rows
    and without one group of intents; the fold's rows of those intents are then unknown."""
    groups = min(UNKNOWN_GROUPS, len(splits))
    if fitter.n_classes < 2 * groups:
        return None
    hybrid = config.backend == "hybrid"
    second = view_vectors(head, SECOND_VIEW[config.backend], texts)
    order = np.random.default_rng(config.seed).permutation(fitter.n_classes)
    parts: list[tuple[np.ndarray, np.ndarray, Neighbours, np.ndarray, np.ndarray]] = []
    for g in tqdm(range(groups), desc="unknown intents", unit="fold", disable=not config.progress):
        unknown = np.isin(y, order[g::groups])
        train_idx, held_idx = splits[g]
        train_idx = train_idx[~unknown[train_idx]]
        fold = fitter.head().fit_classifier(features[train_idx], y[train_idx], hybrid, fitter.n_classes)
        logits = fold.decision_from_features(features[held_idx])
        predicted = logits.argmax(axis=1)
        neighbours = NeighbourIndex(vectors[train_idx], y[train_idx]).query(vectors[held_idx])
        # The scope views as this fold model would have had them: fitted without the unknowns.
        second_nb = NeighbourIndex(second[train_idx], y[train_idx]).query(second[held_idx])
        gaussian = (
            ClassGaussian.fit(vectors[train_idx], y[train_idx], fitter.n_classes).features(
                vectors[held_idx], predicted
            )
            if hybrid
            else None
        )
        target = ~unknown[held_idx] & (predicted == y[held_idx])
        parts.append(
            (held_idx, logits, neighbours, target, scope_columns(second_nb, neighbours, predicted, gaussian))
        )
    held = np.concatenate([p[0] for p in parts])
    return Simulated(
        np.vstack([p[1] for p in parts]),
        [texts[i] for i in held],
        Neighbours(np.vstack([p[2].sims for p in parts]), np.vstack([p[2].labels for p in parts])),
        np.concatenate([p[3] for p in parts]),
        np.concatenate([~np.isin(y[p[0]], order[g::groups]) for g, p in enumerate(parts)]),
        np.vstack([p[4] for p in parts]),
        fit_scope_evidence(
            head, texts, vectors if hybrid else None, second, y, splits, heldout_scores, fitter.n_classes
        ),
    )


def fit_scope_models(
    simulated: Simulated, temperature: float, held_features: np.ndarray
) -> tuple[ConfidenceModel, ConfidenceModel, np.ndarray]:
    """The out-of-scope models fitted on the simulation, and the scores they give the held-out
    rows (``held_features``: their confidence features, then their scope columns). Raises
    ``ValueError`` when a target has one class.

    The score is P(intent known) x P(known and top intent right): on inner splits of the
    training file (a quarter of the intents unknown, 5 seeds) the product found as many unknown
    intents as the second factor alone (the model before) with fewer in-scope flags, and more
    than the first alone, which ranks unknowns best but spends the flag budget on right answers.
    """
    sim_features = np.hstack(
        [
            confidence_features(
                softmax(simulated.logits, temperature), simulated.texts, simulated.neighbours
            ),
            simulated.scope_columns,
        ]
    )
    names = simulated.scope.index.feature_names
    known = ConfidenceModel.fit(sim_features, simulated.in_scope, True, names)
    right = ConfidenceModel.fit(sim_features, simulated.in_scope_and_right, True, names)
    return known, right, known.confidence(held_features) * right.confidence(held_features)


def plain_folds(n: int, folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    order = np.random.default_rng(seed).permutation(n)
    parts = np.array_split(order, folds)
    return [(np.concatenate(parts[:i] + parts[i + 1 :]), part) for i, part in enumerate(parts)]
