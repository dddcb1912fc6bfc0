"""The scikit-learn part of the tfidf and hybrid backends: word and character TF-IDF
features (optionally joined with sentence embeddings) in one linear model.

Character n-grams make it robust to typos and work for any language (Danish included);
word n-grams catch phrasing; the embeddings add meaning beyond shared words.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC


class LinearTextHead:
    """TF-IDF (+ embeddings) features and a linear classifier; sklearn-style.

    ``decision_function`` gives uncalibrated scores, one column per class index in ``y``;
    calibration happens outside, on data this head did not see.
    """

    def __init__(
        self,
        model: str = "svm",
        C: float = 1.0,
        embedding_weight: float = 1.0,
        char_ngrams: tuple[int, int] = (2, 5),
        word_ngrams: tuple[int, int] = (1, 2),
        seed: int = 0,
    ) -> None:
        self.model = model
        self.C = C
        self.embedding_weight = embedding_weight
        self.char_ngrams = char_ngrams
        self.word_ngrams = word_ngrams
        self.seed = seed

    def _classifier(self) -> LinearSVC | LogisticRegression:
        if self.model == "svm":
            return LinearSVC(C=self.C, random_state=self.seed)
        if self.model == "logreg":
            return LogisticRegression(C=self.C, max_iter=2000, random_state=self.seed)
        raise ValueError(f"unknown linear model {self.model!r} (use 'svm' or 'logreg')")

    def fit_vectorizers(self, texts: Sequence[str]) -> LinearTextHead:
        """Learn the vocabularies and IDF weights (no labels involved)."""
        self.word_ = TfidfVectorizer(ngram_range=self.word_ngrams, sublinear_tf=True, lowercase=True)
        self.char_ = TfidfVectorizer(
            analyzer="char_wb", ngram_range=self.char_ngrams, sublinear_tf=True, min_df=2, lowercase=True
        )
        self.word_.fit(texts)
        self.char_.fit(texts)
        return self

    def features(self, texts: Sequence[str], embeddings: np.ndarray | None = None) -> sparse.csr_matrix:
        """The feature matrix the linear model sees: word TF-IDF | char TF-IDF | weighted embeddings."""
        parts = [self.word_.transform(texts), self.char_.transform(texts)]
        if embeddings is not None:
            parts.append(sparse.csr_matrix(embeddings * self.embedding_weight))
        return sparse.hstack(parts, format="csr")

    def fit_classifier(
        self, features: sparse.csr_matrix, y: np.ndarray, uses_embeddings: bool, n_classes: int | None = None
    ) -> LinearTextHead:
        """Fit the linear model on ready features, so cross-fitting vectorises the texts only once."""
        self.uses_embeddings_ = uses_embeddings
        self.clf_ = self._classifier().fit(features, y)
        self.classes_ = self.clf_.classes_
        self.n_classes_ = int(n_classes or (y.max() + 1))
        return self

    def fit(
        self,
        texts: Sequence[str],
        y: np.ndarray,
        embeddings: np.ndarray | None = None,
        n_classes: int | None = None,
    ) -> LinearTextHead:
        """Fit on class indices ``y``; ``n_classes`` keeps a column for classes absent here
        (a cross-validation fold may miss a rare intent)."""
        self.fit_vectorizers(texts)
        return self.fit_classifier(self.features(texts, embeddings), y, embeddings is not None, n_classes)

    def decision_function(self, texts: Sequence[str], embeddings: np.ndarray | None = None) -> np.ndarray:
        if self.uses_embeddings_ != (embeddings is not None):
            raise ValueError(
                "this head was fitted " + ("with" if self.uses_embeddings_ else "without") + " embeddings"
            )
        return self.decision_from_features(self.features(texts, embeddings))

    def decision_from_features(self, features: sparse.csr_matrix) -> np.ndarray:
        """Uncalibrated scores with one column per class index, absent classes included."""
        scores = self.clf_.decision_function(features)
        if scores.ndim == 1:  # binary problems give one column; make it two like the multiclass case
            scores = np.column_stack([-scores, scores])
        if len(self.classes_) == self.n_classes_:
            return scores
        # Classes never seen in fit get a score well below every seen one.
        full = np.repeat(scores.min(axis=1, keepdims=True) - 10.0, self.n_classes_, axis=1)
        full[:, self.classes_] = scores
        return full
