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
        return self._full_scores(self.clf_.decision_function(features))

    def decision_one(
        self, text: str, embedding: np.ndarray | None = None
    ) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
        """``decision_function([text], embedding)`` for one message (equal up to float rounding)
        and its word TF-IDF row as (column indices, values). For one short message sklearn's
        input checks, the feature hstack and the sparse products cost far more than the
        arithmetic: this gathers the weight columns of the message's features instead."""
        if self.uses_embeddings_ != (embedding is not None):
            raise ValueError(
                "this head was fitted " + ("with" if self.uses_embeddings_ else "without") + " embeddings"
            )
        fast = getattr(self, "_fast_", None)
        if fast is None:
            fast = self._fast_ = _FastFeatures(self)
        word, char = fast.word.row(text), fast.char.row(text)
        columns, values = [word[0], char[0] + fast.n_word], [word[1], char[1]]
        if embedding is not None:
            columns.append(fast.embedding_columns)
            # Cast as ``features`` does: float32 embeddings times the weight, then float64.
            values.append(np.asarray(embedding, dtype=np.float32).reshape(-1) * self.embedding_weight)
        coef = self.clf_.coef_
        scores = coef[:, np.concatenate(columns)] @ np.concatenate(values).astype(np.float64)
        return self._full_scores((scores + self.clf_.intercept_)[None, :]), word

    def __getstate__(self) -> dict:
        # The fast-path cache is rebuilt on first use; keep it out of saved models.
        state = self.__dict__.copy()
        state.pop("_fast_", None)
        return state

    def _full_scores(self, scores: np.ndarray) -> np.ndarray:
        if scores.ndim == 1 or scores.shape[1] == 1:  # binary: one column; make it two like multiclass
            scores = scores.reshape(-1)
            scores = np.column_stack([-scores, scores])
        if len(self.classes_) == self.n_classes_:
            return scores
        # Classes never seen in fit get a score well below every seen one.
        full = np.repeat(scores.min(axis=1, keepdims=True) - 10.0, self.n_classes_, axis=1)
        full[:, self.classes_] = scores
        return full


class _TfidfRow:
    """One text's row of a fitted ``TfidfVectorizer``: what ``transform([text])`` computes (count
    the known n-grams, sublinear tf, idf, L2 norm) without its per-call validation. Settings
    this does not reproduce fall back to ``transform``."""

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        self.vectorizer = vectorizer
        self.exact = (
            vectorizer.norm == "l2"
            and vectorizer.use_idf
            and not vectorizer.binary
            and np.dtype(vectorizer.dtype) == np.float64
        )
        self.analyze = vectorizer.build_analyzer()
        self.vocabulary = vectorizer.vocabulary_
        self.idf = vectorizer.idf_ if self.exact else None
        self.sublinear = vectorizer.sublinear_tf

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Sorted column indices and values."""
        if not self.exact:
            x = sparse.csr_matrix(self.vectorizer.transform([text]))
            return x.indices, x.data
        counts: dict[int, int] = {}
        vocabulary = self.vocabulary
        for gram in self.analyze(text):
            j = vocabulary.get(gram)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        indices = np.fromiter(counts, dtype=np.int32, count=len(counts))
        values = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        order = np.argsort(indices)
        indices, values = indices[order], values[order]
        if self.sublinear:
            values = np.log(values) + 1.0
        values *= self.idf[indices]
        norm = np.sqrt(values @ values)
        if norm > 0:
            values /= norm
        return indices, values


class _FastFeatures:
    """What ``LinearTextHead.decision_one`` needs, prepared once per loaded head."""

    def __init__(self, head: LinearTextHead) -> None:
        self.word = _TfidfRow(head.word_)
        self.char = _TfidfRow(head.char_)
        self.n_word = len(head.word_.vocabulary_)
        start = self.n_word + len(head.char_.vocabulary_)
        self.embedding_columns = np.arange(start, head.clf_.coef_.shape[1])
