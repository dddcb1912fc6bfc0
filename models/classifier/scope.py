"""Evidence for the out-of-scope score beyond the confidence features (issue 2).

The confidence features say whether the top intent is *right*; an unknown intent is a
different question, and three more views help with it (chosen on inner splits of BANKING77's
training file, a quarter of the intents held out, 3-5 seeds; never on the test file):

- neighbours in a second vector space: word TF-IDF for ``hybrid`` (whose first view is the
  embedding), character TF-IDF for ``tfidf`` (first view: word TF-IDF). A message whose words
  and meaning both sit far from the predicted intent's examples is more likely none of them;
- the mean similarity of the 5 and 10 nearest examples, not only the nearest one;
- for ``hybrid``, the Mahalanobis distance of the embedding to the class means (one covariance
  shared by all classes, shrunk halfway to a multiple of the identity): the nearest class, the
  predicted class, and the gap between the two nearest. On TF-IDF (reduced by SVD) it did not
  help, so ``tfidf`` has none.

Everything is fitted at training time; a message costs one sparse product per view and, for
``hybrid``, one 384 x 384 product. The character view is the dear one: on 2 busy cores it took
tfidf's single-message p50 from 0.66 to 1.66 ms and its training from 23 to 33 s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from models.classifier.confidence import NeighbourIndex, Neighbours
from models.classifier.linear import LinearTextHead, _TfidfRow

SECOND_VIEW = {"hybrid": "word", "tfidf": "char"}  # the TF-IDF vectoriser of the second view
SHRINKAGE = 0.5
SECOND_FEATURES = ("second_nearest_sim", "second_nearest_same_sim", "second_vote_share")
MEAN_SIM_FEATURES = ("mean_sim_5", "mean_sim_10")
GAUSSIAN_FEATURES = ("class_distance_min", "class_distance_predicted", "class_distance_gap")


@dataclass(frozen=True)
class ClassGaussian:
    """Class means and a shared, shrunk covariance, stored whitened: the squared Mahalanobis
    distance to class c is ``|x @ whiten - means[c]|^2``."""

    whiten: np.ndarray  # (dim, dim)
    means: np.ndarray  # (classes, dim), whitened; zero rows for classes without examples
    present: np.ndarray  # (classes,) bool

    @classmethod
    def fit(
        cls, vectors: np.ndarray, y: np.ndarray, n_classes: int, shrinkage: float = SHRINKAGE
    ) -> ClassGaussian:
        x = np.asarray(vectors, dtype=np.float64)
        counts = np.bincount(y, minlength=n_classes)
        means = np.zeros((n_classes, x.shape[1]))
        np.add.at(means, y, x)
        present = counts > 0
        means[present] /= counts[present, None]
        centred = x - means[y]
        cov = centred.T @ centred / len(x)
        dim = x.shape[1]
        # Shrinkage: a few thousand rows cannot estimate 384 x 384 covariances well.
        cov = (1 - shrinkage) * cov + shrinkage * np.trace(cov) / dim * np.eye(dim)
        values, vecs = np.linalg.eigh(cov)
        whiten = vecs / np.sqrt(np.maximum(values, 1e-12))
        return cls(whiten, means @ whiten, present)

    def distances(self, vectors: np.ndarray) -> np.ndarray:
        """Squared distances (n, classes); ``inf`` for classes without examples."""
        z = np.asarray(vectors, dtype=np.float64) @ self.whiten
        d = (
            (z * z).sum(axis=1)[:, None]
            - 2 * z @ self.means.T
            + (self.means * self.means).sum(axis=1)[None, :]
        )
        d[:, ~self.present] = np.inf
        return d

    def features(self, vectors: np.ndarray, predicted: np.ndarray) -> np.ndarray:
        """``GAUSSIAN_FEATURES`` columns."""
        d = self.distances(vectors)
        two = np.partition(d, 1, axis=1)[:, :2] if d.shape[1] > 1 else np.repeat(d, 2, axis=1)
        nearest, second = two.min(axis=1), two.max(axis=1)
        gap = np.where(np.isfinite(second), second - nearest, 0.0)
        return np.column_stack([nearest, d[np.arange(len(d)), predicted], gap])


def second_view_features(neighbours: Neighbours, predicted: np.ndarray) -> np.ndarray:
    """``SECOND_FEATURES``: as the confidence model's neighbour features, in the second view."""
    same = neighbours.labels == predicted[:, None]
    same_sim = np.where(same, neighbours.sims, -np.inf).max(axis=1)
    return np.column_stack(
        [neighbours.sims[:, 0], np.where(np.isfinite(same_sim), same_sim, 0.0), same.mean(axis=1)]
    )


def mean_sim_features(neighbours: Neighbours) -> np.ndarray:
    """``MEAN_SIM_FEATURES`` of the first view's neighbours."""
    return np.column_stack([neighbours.sims[:, :5].mean(axis=1), neighbours.sims.mean(axis=1)])


def scope_columns(
    second: Neighbours, first: Neighbours, predicted: np.ndarray, gaussian: np.ndarray | None
) -> np.ndarray:
    """The extra scope columns, in ``ScopeIndex.feature_names`` order."""
    parts = [second_view_features(second, predicted), mean_sim_features(first)]
    if gaussian is not None:
        parts.append(gaussian)
    return np.column_stack(parts)


def view_vectors(head: LinearTextHead, view: str, texts: Sequence[str]) -> sparse.csr_matrix:
    """Unit-length TF-IDF rows of ``view`` ("word" or "char") of the head's vectorisers."""
    return getattr(head, f"{view}_").transform(list(texts))


class ScopeIndex:
    """The fitted second-view neighbour index and (optionally) class Gaussian of a saved model."""

    def __init__(self, view: str, neighbours: NeighbourIndex, gaussian: ClassGaussian | None) -> None:
        if view not in ("word", "char"):
            raise ValueError(f"unknown second view {view!r}")
        self.view = view
        self.neighbours = neighbours
        self.gaussian = gaussian

    @property
    def feature_names(self) -> tuple[str, ...]:
        return SECOND_FEATURES + MEAN_SIM_FEATURES + (GAUSSIAN_FEATURES if self.gaussian is not None else ())

    def features(
        self,
        texts: Sequence[str],
        head: LinearTextHead,
        vectors: Any,
        first: Neighbours,
        predicted: np.ndarray,
    ) -> np.ndarray:
        """Extra scope columns for messages whose first-view ``vectors`` and neighbours are known."""
        if len(texts) == 1:  # the service's case: skip the vectoriser's per-call checks
            row = getattr(self, "_row", None)
            if row is None:
                row = self._row = _TfidfRow(getattr(head, f"{self.view}_"))
            indices, values = row.row(texts[0])
            shape = (1, self.neighbours.vectors_t.shape[0])
            query = sparse.csr_matrix((values, indices, np.array([0, len(indices)])), shape=shape)
        else:
            query = view_vectors(head, self.view, texts)
        second = self.neighbours.query(query)
        gaussian = None if self.gaussian is None else self.gaussian.features(vectors, predicted)
        return scope_columns(second, first, predicted, gaussian)

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state.pop("_row", None)  # rebuilt on first use
        return state
