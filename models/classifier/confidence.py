"""A confidence that ranks errors better than the top probability alone.

The temperature-scaled top probability knows only what the linear model thinks. Two more
views help to tell a right answer from a wrong one, and an unknown intent from a known one:

- the shape of the probability vector: margin to the runner-up and entropy;
- the message's nearest training examples (cosine similarity of embeddings for ``hybrid``,
  of word TF-IDF for ``tfidf``): how close the nearest one is at all, how close the nearest
  one of the predicted intent is, and how many of the k nearest share the predicted intent.
  A message far from every training example is likely out of scope.

A logistic regression on these features, fitted on out-of-fold predictions to say "the top
intent is right", gives the reported confidence. It is calibrated by construction (fitted by
likelihood on data the model did not train on) and it orders messages for the auto-reply and
out-of-scope thresholds. With a few parameters fitted on thousands of rows it does not overfit.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from threadpoolctl import ThreadpoolController

K_NEIGHBOURS = 10
PROB_FEATURES = ("top_logit", "margin", "entropy", "log_words")
NEIGHBOUR_FEATURES = ("nearest_sim", "nearest_same_sim", "vote_share")
_EPS = 1e-6


@functools.cache
def _blas_controller() -> ThreadpoolController:
    """Finding the loaded BLAS libraries takes milliseconds: do it once."""
    return ThreadpoolController()


@dataclass(frozen=True)
class Neighbours:
    """For each query: similarities (descending) and class indices of its k nearest examples."""

    sims: np.ndarray
    labels: np.ndarray


class NeighbourIndex:
    """Training vectors (unit length, dense or sparse) and their class indices; a query is one
    matrix product, a few ms for 10,000 training rows."""

    def __init__(self, vectors: np.ndarray | sparse.spmatrix, y: np.ndarray, k: int = K_NEIGHBOURS) -> None:
        if vectors.shape[0] != len(y):
            raise ValueError(f"{vectors.shape[0]} vectors but {len(y)} labels")
        # Stored transposed (and row-compressed when sparse): a query is then one fast product.
        self.vectors_t = vectors.T.tocsr() if sparse.issparse(vectors) else np.ascontiguousarray(vectors.T)
        self.y = np.asarray(y)
        self.k = max(1, min(k, len(self.y) - 1))

    def query(self, vectors: np.ndarray | sparse.spmatrix, leave_one_out: bool = False) -> Neighbours:
        """k nearest training rows of each query; ``leave_one_out`` (queries are the training
        rows themselves, in order) skips each row's own entry, as out-of-fold data would."""
        n = vectors.shape[0]
        if n == 1 and sparse.issparse(vectors) and not leave_one_out:
            return self._query_one((vectors @ self.vectors_t).toarray()[0])  # no BLAS in sparse products
        if n <= 64:
            # A few messages: one BLAS thread. Several threads on busy cores wait for each
            # other (measured 16 ms vs 1.2 ms for one message over 10,000 training rows).
            with _blas_controller().limit(limits=1, user_api="blas"):
                if n == 1 and not leave_one_out:
                    return self._query_one(np.asarray(vectors @ self.vectors_t)[0])
                return self._query(vectors, leave_one_out)
        return self._query(vectors, leave_one_out)

    def _query_one(self, sims: np.ndarray) -> Neighbours:
        """``_query`` for one message's similarities, without the batch bookkeeping."""
        top = np.argpartition(-sims, self.k - 1)[: self.k]
        top = top[np.argsort(-sims[top])]
        return Neighbours(sims[top].astype(np.float64)[None, :], self.y[top].astype(int)[None, :])

    def _query(self, vectors: np.ndarray | sparse.spmatrix, leave_one_out: bool) -> Neighbours:
        n = vectors.shape[0]
        sims_out = np.zeros((n, self.k))
        labels_out = np.zeros((n, self.k), dtype=int)
        for start in range(0, n, 1024):  # chunks keep the (chunk, train) similarity matrix small
            block = vectors[start : start + 1024] @ self.vectors_t
            block = block.toarray() if sparse.issparse(block) else np.asarray(block)
            if leave_one_out:
                rows = np.arange(block.shape[0])
                block[rows, start + rows] = -np.inf
            top = np.argpartition(-block, self.k - 1, axis=1)[:, : self.k]
            top_sims = np.take_along_axis(block, top, axis=1)
            order = np.argsort(-top_sims, axis=1)
            sims_out[start : start + len(block)] = np.take_along_axis(top_sims, order, axis=1)
            labels_out[start : start + len(block)] = self.y[np.take_along_axis(top, order, axis=1)]
        return Neighbours(sims_out, labels_out)


def confidence_features(probs: np.ndarray, texts: list[str], neighbours: Neighbours | None) -> np.ndarray:
    """The meta-model's inputs per message (columns: ``PROB_FEATURES`` then, when there are
    neighbours, ``NEIGHBOUR_FEATURES``)."""
    order = np.argsort(-probs, axis=1)
    rows = np.arange(len(probs))
    top = probs[rows, order[:, 0]]
    second = probs[rows, order[:, 1]] if probs.shape[1] > 1 else np.zeros(len(probs))
    clipped = np.clip(top, _EPS, 1 - _EPS)
    entropy = -(probs * np.log(np.clip(probs, 1e-12, 1.0))).sum(axis=1)
    words = np.log1p([len(t.split()) for t in texts])
    columns = [np.log(clipped / (1 - clipped)), top - second, entropy, np.asarray(words, dtype=float)]
    if neighbours is not None:
        same = neighbours.labels == order[:, :1]
        # Similarity to the nearest example of the predicted intent; 0 when none is among the k.
        same_sim = np.where(same, neighbours.sims, -np.inf).max(axis=1)
        columns += [neighbours.sims[:, 0], np.where(np.isfinite(same_sim), same_sim, 0.0), same.mean(axis=1)]
    return np.column_stack(columns)


@dataclass(frozen=True)
class ConfidenceModel:
    """Standardised features -> logistic regression -> P(top intent is right)."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    uses_neighbours: bool
    # Columns after the confidence features (the out-of-scope model's, ``models.classifier.scope``);
    # models saved before they existed have none.
    extra_features: tuple[str, ...] = ()

    @classmethod
    def fit(
        cls,
        features: np.ndarray,
        correct: np.ndarray,
        uses_neighbours: bool,
        extra_features: tuple[str, ...] = (),
    ) -> ConfidenceModel:
        """Fit on held-out features and whether the top intent was right (or, for the
        out-of-scope model, known)."""
        if len(np.unique(correct)) < 2:
            raise ValueError("need both right and wrong held-out predictions to fit a confidence model")
        # A floor on the scale: a feature that is constant up to float32 rounding (1.0 similarity
        # to a duplicate) must not turn rounding noise into many standard deviations.
        mean, scale = features.mean(axis=0), np.maximum(features.std(axis=0), 1e-4)
        lr = LogisticRegression(C=1.0, max_iter=1000).fit((features - mean) / scale, correct.astype(int))
        return cls(
            tuple(mean.tolist()),
            tuple(scale.tolist()),
            tuple(lr.coef_[0].tolist()),
            float(lr.intercept_[0]),
            uses_neighbours,
            tuple(extra_features),
        )

    def confidence(self, features: np.ndarray) -> np.ndarray:
        z = ((features - np.array(self.mean)) / np.array(self.scale)) @ np.array(self.coef) + self.intercept
        return np.exp(-np.logaddexp(0.0, -z))  # the logistic function, without overflow warnings

    def to_dict(self) -> dict[str, Any]:
        names = PROB_FEATURES + (NEIGHBOUR_FEATURES if self.uses_neighbours else ()) + self.extra_features
        return {
            "method": "logistic regression on out-of-fold correctness",
            "features": list(names),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "uses_neighbours": self.uses_neighbours,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ConfidenceModel:
        uses_neighbours = bool(raw["uses_neighbours"])
        base = len(PROB_FEATURES) + (len(NEIGHBOUR_FEATURES) if uses_neighbours else 0)
        return cls(
            tuple(raw["mean"]),
            tuple(raw["scale"]),
            tuple(raw["coef"]),
            float(raw["intercept"]),
            uses_neighbours,
            tuple(raw.get("features", ())[base:]),
        )


def with_confidence(probs: np.ndarray, confidence: np.ndarray) -> np.ndarray:
    """``probs`` with each row's top entry replaced by ``confidence`` and the others scaled to
    share the rest, capped just below the top so the top intent stays the top one. Rows then sum
    to at most 1: what is left over is the chance that the message is none of the intents."""
    rows = np.arange(len(probs))
    top = probs.argmax(axis=1)
    p_top = probs[rows, top]
    rest = np.maximum(1.0 - p_top, 1e-12)
    out = probs * ((1.0 - confidence) / rest)[:, None]
    out = np.minimum(out, confidence[:, None] * (1 - 1e-9))
    out[rows, top] = confidence
    return out
