"""Message tone: the calibrated probability that one customer message shows frustration.

Two scorers share one small interface (``predict_proba(texts) -> np.ndarray``):

* ``LexiconTone``: a fixed logistic model over language-agnostic lexicon features (AFINN in
  the message's language, keyword rules, shouting). Needs no training, so the detector works
  out of the box in English and Danish.
* ``TrainedTone``: word and character TF-IDF plus the same lexicon features into a logistic
  regression, calibrated with Platt scaling on held-out data. Danish messages, which the
  mostly-English training data covers poorly, are blended with a lexicon model fitted on the
  same data so they are not scored by English n-grams alone. With a fine-tuned encoder
  (``tone_encoder.EncoderTone``, or the mean of several: ``EncoderEnsemble``), other messages whose
  TF-IDF probability falls in ``encoder_band`` are scored by a logistic blend of both models'
  decision values, fitted on held-out data (``stack``); Danish ones never go through the encoder,
  whose vocabulary and training data are English.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from models.friction import lexicon
from models.friction.human import human_request

if TYPE_CHECKING:  # torch is imported only when a detector with an encoder is loaded
    from models.friction.tone_encoder import EncoderEnsemble, EncoderTone

LEXICON_FEATURES = (
    "negative",
    "positive",
    "worst",
    "complaint",
    "profanity",
    "answer_rejected",
    "repeat_claim",
    "human_request",
    "shouting",
    "exclamations",
)


def lexicon_features(text: str) -> np.ndarray:
    """The language-agnostic features of one message, in ``LEXICON_FEATURES`` order."""
    lang = lexicon.detect_language(text)
    s = lexicon.sentiment(text, lang)
    norm = math.sqrt(max(s.n_words, 1))
    lower = text.lower()
    return np.array(
        [
            s.negative / norm,
            s.positive / norm,
            s.worst / 5.0,
            float(lexicon.matches(lexicon.COMPLAINT, lower) is not None),
            float(lexicon.matches(lexicon.PROFANITY, lower) is not None),
            float(lexicon.matches(lexicon.ANSWER_REJECTED, lower) is not None),
            float(lexicon.matches(lexicon.REPEAT_CLAIM, lower) is not None),
            float(human_request(text) is not None),
            lexicon.shouting(text),
            min(text.count("!"), 3) / 3.0,
        ]
    )


def lexicon_matrix(texts: Sequence[str]) -> np.ndarray:
    return np.vstack([lexicon_features(t) for t in texts]) if texts else np.zeros((0, len(LEXICON_FEATURES)))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def tfidf_dot(vectorizer, texts: Sequence[str], coef: np.ndarray) -> np.ndarray:
    """``vectorizer.transform(texts) @ coef`` for a fitted sublinear, L2-normed ``TfidfVectorizer``.

    Computed in plain Python from the analyzer, vocabulary and idf: on one short message
    this is the same number without sklearn's input validation, which costs more than the work.
    """
    if not (vectorizer.sublinear_tf and vectorizer.use_idf and vectorizer.norm == "l2"):
        raise ValueError("expected a sublinear, idf-weighted, L2-normed TfidfVectorizer")
    analyze = vectorizer.build_analyzer()
    vocab = vectorizer.vocabulary_
    idf = vectorizer.idf_
    out = np.zeros(len(texts))
    for k, text in enumerate(texts):
        counts: dict[int, int] = {}
        for gram in analyze(text):
            j = vocab.get(gram)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            continue
        cols = np.fromiter(counts, dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=float, count=len(counts))
        weights = (1.0 + np.log(tf)) * idf[cols]
        out[k] = float(weights @ coef[cols]) / float(np.sqrt(weights @ weights))
    return out


class ToneScorer(Protocol):
    def predict_proba(self, texts: Sequence[str]) -> np.ndarray: ...


class LexiconTone:
    """A logistic model over lexicon features with given weights (hand-set or fitted)."""

    # Hand-set defaults: one strong cue (profanity, a complaint word, a rejected answer) gives
    # about 0.6-0.7; neutral text about 0.1; plain negative facts ("stolen") stay low.
    DEFAULT_WEIGHTS = (1.2, -0.8, 0.6, 2.6, 2.8, 2.6, 2.2, 0.8, 2.0, 0.6)
    DEFAULT_BIAS = -2.3

    def __init__(self, weights: Sequence[float] = DEFAULT_WEIGHTS, bias: float = DEFAULT_BIAS) -> None:
        if len(weights) != len(LEXICON_FEATURES):
            raise ValueError(f"expected {len(LEXICON_FEATURES)} lexicon weights, got {len(weights)}")
        self.weights = np.asarray(weights, dtype=float)
        self.bias = float(bias)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return _sigmoid(lexicon_matrix(texts) @ self.weights + self.bias)

    def to_dict(self) -> dict[str, object]:
        return {"weights": [round(float(w), 6) for w in self.weights], "bias": round(self.bias, 6)}


class TrainedTone:
    """TF-IDF + lexicon features, logistic regression, Platt-calibrated (see ``fit`` in training)."""

    FILENAME = "tone.joblib"

    def __init__(
        self,
        vectorizer,
        classifier,
        platt: tuple[float, float],
        danish: LexiconTone,
        danish_blend: float = 0.5,
        encoder: EncoderTone | EncoderEnsemble | None = None,
        stack: tuple[float, float, float] | None = None,
        encoder_band: tuple[float, float] | None = None,
    ) -> None:
        if (encoder is None) != (stack is None):
            raise ValueError("a tone encoder needs its blend weights (stack) and the other way round")
        if encoder_band is not None and not 0.0 <= encoder_band[0] <= encoder_band[1] <= 1.0:
            raise ValueError(f"the encoder band must be 0 <= low <= high <= 1, got {encoder_band}")
        self.vectorizer = vectorizer
        self.classifier = classifier
        self.platt = platt
        self.danish = danish
        self.danish_blend = danish_blend
        self.encoder = encoder
        self.stack = stack
        # The TF-IDF model's calibrated probabilities for which the encoder is consulted; outside it
        # the encoder would not change the verdict on held-out data, and skipping it keeps most
        # messages within the detector's time budget. None: every non-Danish message.
        self.encoder_band = encoder_band

    def raw_scores(self, texts: Sequence[str]) -> np.ndarray:
        """Uncalibrated decision values (the logistic regression's), for the Platt parameters.

        Computed part by part against slices of the coefficients: the same numbers as
        ``classifier.decision_function`` on the stacked features, without the stacking and input
        checks that cost more than the model itself on one short message.
        """
        coef = self.classifier.coef_[0]
        total = np.full(len(texts), float(self.classifier.intercept_[0]))
        start = 0
        for _, part in self.vectorizer.transformer_list:
            size = len(part.vocabulary_)
            total += tfidf_dot(part, texts, coef[start : start + size])
            start += size
        return total + lexicon_matrix(texts) @ coef[start:]

    def calibrated(self, raw: np.ndarray) -> np.ndarray:
        """The TF-IDF model's probability of ``raw_scores`` (Platt), before any encoder or Danish blend."""
        a, b = self.platt
        return _sigmoid(a * np.asarray(raw) + b)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros(0)
        raw = self.raw_scores(texts)
        p = self.calibrated(raw)
        is_da = np.array([lexicon.detect_language(t) == "da" for t in texts])
        if self.encoder is not None and self.stack is not None and not is_da.all():
            other = ~is_da
            if self.encoder_band is not None:
                low, high = self.encoder_band
                other &= (p >= low) & (p <= high)
            w_tfidf, w_encoder, bias = self.stack
            enc = self.encoder.logits([t for t, o in zip(texts, other, strict=True) if o])
            p[other] = _sigmoid(w_tfidf * raw[other] + w_encoder * enc + bias)
        if is_da.any():
            da_p = self.danish.predict_proba([t for t, d in zip(texts, is_da, strict=True) if d])
            p[is_da] = (1 - self.danish_blend) * p[is_da] + self.danish_blend * da_p
        return p

    def save(self, directory: Path) -> None:
        import joblib

        joblib.dump({"vectorizer": self.vectorizer, "classifier": self.classifier}, directory / self.FILENAME)
        if self.encoder is not None:
            self.encoder.save(directory)

    @classmethod
    def load(cls, directory: Path, config: dict) -> TrainedTone:
        import joblib

        parts = joblib.load(directory / cls.FILENAME)
        danish = LexiconTone(config["danish"]["weights"], config["danish"]["bias"])
        stack = config.get("stack")  # detectors saved before the tone encoder have none
        encoder: EncoderTone | EncoderEnsemble | None = None
        if stack is not None:
            from models.friction.tone_encoder import EncoderEnsemble, EncoderTone

            count = int(config.get("encoder_count", 1))  # detectors saved before ensembles have one
            encoder = EncoderTone.load(directory) if count == 1 else EncoderEnsemble.load(directory, count)
        return cls(
            parts["vectorizer"],
            parts["classifier"],
            tuple(config["platt"]),
            danish,
            config.get("danish_blend", 0.5),
            encoder,
            tuple(stack) if stack is not None else None,
            tuple(config["encoder_band"]) if config.get("encoder_band") else None,
        )
