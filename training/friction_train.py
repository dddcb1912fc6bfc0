"""Train the friction detector: the message tone model, then the conversation score on top.

1. Tone: word + character TF-IDF and lexicon features into a logistic regression, trained on
   GoEmotions friction train, Bitext (minus a held-out share) and the Danish aid file when it
   exists; Platt-calibrated on GoEmotions dev, whose F1-best threshold is the message threshold.
2. Conversation: a logistic model over the signal features, fitted on synthetic conversations
   (``friction_synth``); its escalation threshold is the conversation-level F1-best one on a
   second, independent synthetic set. The labelled test set is never touched here.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion
from tqdm import tqdm

from models.friction import FrictionDetector, lexicon
from models.friction import signals as sig
from models.friction.detector import DEFAULT_WEIGHTS
from models.friction.tone import LexiconTone, TrainedTone, lexicon_matrix
from training import friction_data as fd
from training import friction_synth as synth
from training.friction_metrics import best_threshold, binary_metrics, conversation_report, replay

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FrictionTrainConfig:
    """Everything that shapes a trained detector; saved in ``friction.json``."""

    tone_c: float = 1.0
    max_char_features: int = 150_000
    danish_blend: float = 0.5
    conv_c: float = 1.0
    prior_strength: float = 0.5
    n_synthetic_train: int = 2000
    n_synthetic_dev: int = 800
    seed: int = 0
    goemotions_limit: int | None = None  # for quick tests: use only the first N GoEmotions rows per split


def _vectorizer(cfg: FrictionTrainConfig) -> FeatureUnion:
    return FeatureUnion(
        [
            ("word", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
            (
                "char",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(2, 5),
                    min_df=3,
                    sublinear_tf=True,
                    max_features=cfg.max_char_features,
                ),
            ),
        ]
    )


def train_tone(
    train: pd.DataFrame, dev: pd.DataFrame, cfg: FrictionTrainConfig
) -> tuple[TrainedTone, float, dict]:
    """Fit, calibrate and threshold the tone model; returns (model, message threshold, dev metrics)."""
    texts = train["text"].tolist()
    log.info("tone model: %d training messages (%.1f%% friction)", len(texts), 100 * train["friction"].mean())
    vec = _vectorizer(cfg).fit(texts)
    lex = lexicon_matrix(texts)
    x = hstack([vec.transform(texts), csr_matrix(lex)]).tocsr()
    clf = LogisticRegression(C=cfg.tone_c, max_iter=3000).fit(x, train["friction"])
    # Danish leans on lexicon features alone. Fitted with customer-service text (Bitext, the Danish
    # aid) weighing as much as all of Reddit, whose noisy labels would otherwise flatten the weights.
    lex_clf = LogisticRegression(C=1.0, max_iter=2000).fit(
        lex, train["friction"], sample_weight=train["weight"]
    )
    danish = LexiconTone(lex_clf.coef_[0].tolist(), float(lex_clf.intercept_[0]))
    tone = TrainedTone(vec, clf, (1.0, 0.0), danish, cfg.danish_blend)
    raw = tone.raw_scores(dev["text"].tolist())
    platt = LogisticRegression(C=1e4).fit(raw.reshape(-1, 1), dev["friction"])
    tone.platt = (float(platt.coef_[0, 0]), float(platt.intercept_[0]))
    probs = tone.predict_proba(dev["text"].tolist())
    threshold = best_threshold(dev["friction"].to_numpy(), probs)
    metrics = binary_metrics(dev["friction"].to_numpy(), probs, threshold)
    log.info("tone dev: F1 %.3f at threshold %.2f", metrics["f1"], threshold)
    return tone, threshold, metrics


def fit_conversation_model(
    detector: FrictionDetector, cfg: FrictionTrainConfig, calm: list[str], angry: list[str]
) -> dict:
    """Fit the conversation weights and threshold on synthetic data; returns synthetic-dev metrics."""
    train = synth.generate(cfg.n_synthetic_train, cfg.seed, calm, angry)
    samples, labels = synth.prefixes(train)
    log.info("conversation model: %d synthetic conversations, %d customer turns", len(train), len(samples))
    found = [detector.features(turns, now) for turns, now in tqdm(samples, desc="conversation features")]
    # Explicit requests for a person escalate by rule; left in, they would only blur the weights.
    keep = [k for k, f in enumerate(found) if f.human_request is None]
    x = np.array([[found[k].features[name] for name in sig.FEATURES] for k in keep])
    labels = [labels[k] for k in keep]
    model = LogisticRegression(C=cfg.conv_c, max_iter=2000).fit(x, labels)
    # Synthetic data makes our own rules look perfect and the tone model useless; shrink the fitted
    # weights towards the hand-set prior so real phrasing the rules miss can still escalate, then
    # recalibrate the blended score (Platt) so it stays a probability. Negative weights are clipped:
    # a signal may only push towards escalation.
    k = cfg.prior_strength
    blended = np.array(
        [
            max(0.0, (1 - k) * w + k * DEFAULT_WEIGHTS[f])
            for f, w in zip(sig.FEATURES, model.coef_[0], strict=True)
        ]
    )
    z = x @ blended
    platt = LogisticRegression(C=1e4).fit(z.reshape(-1, 1), labels)
    a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    detector.weights = {f: a * float(w) for f, w in zip(sig.FEATURES, blended, strict=True)}
    detector.bias = b
    dev = synth.generate(cfg.n_synthetic_dev, cfg.seed + 1, calm, angry)
    convs = [
        fd.LabelledConversation(f"synth-{i}", c.lang, c.escalate_at is not None, c.escalate_at, c.turns)
        for i, c in enumerate(dev)
    ]
    rows = replay(detector, convs)
    best = max(
        np.arange(0.2, 0.85, 0.025),
        key=lambda th: (conversation_report(rows, float(th), detector.version)["f1"], -abs(th - 0.5)),
    )
    detector.threshold = round(float(best), 3)
    return conversation_report(rows, detector.threshold, detector.version)


def _rule_fires(text: str) -> bool:
    rules = (lexicon.COMPLAINT, lexicon.PROFANITY, lexicon.ANSWER_REJECTED, lexicon.REPEAT_CLAIM)
    return (
        any(lexicon.matches(rule, text) for rule in rules)
        or lexicon.HUMAN_REQUEST.search(text.lower()) is not None
    )


def train_detector(cfg: FrictionTrainConfig = FrictionTrainConfig()) -> FrictionDetector:
    """Train a complete detector from the shipped data sets (see the module docstring)."""
    go_train, go_dev = fd.load_goemotions("train"), fd.load_goemotions("dev")
    if cfg.goemotions_limit is not None:
        go_train, go_dev = go_train.head(cfg.goemotions_limit), go_dev.head(cfg.goemotions_limit)
    bitext_train, bitext_held = fd.load_bitext(seed=cfg.seed)
    parts = [go_train.assign(weight=len(bitext_train) / len(go_train)), bitext_train.assign(weight=1.0)]
    sources = {"goemotions_train": len(go_train), "bitext": len(bitext_train)}
    if fd.DANISH_AID_FILE.is_file():
        danish = fd.read_messages(fd.DANISH_AID_FILE)
        parts.append(danish.assign(weight=1.0))
        sources["danish_aid"] = len(danish)
    tone, tone_threshold, tone_metrics = train_tone(pd.concat(parts, ignore_index=True), go_dev, cfg)
    version = "friction-" + datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    detector = FrictionDetector(tone, {}, 0.0, version=version)
    calm = bitext_held.loc[bitext_held["friction"] == 0, "text"].tolist()
    # Real frustrated messages that no rule catches, so the score also learns to trust the tone.
    angry = bitext_held.loc[bitext_held["friction"] == 1, "text"].tolist() + [
        t for t in fd.load_strong_friction("dev") if not _rule_fires(t)
    ]
    conv_metrics = fit_conversation_model(detector, cfg, calm, angry)
    detector.metadata = {
        "created_at": datetime.now(UTC).isoformat(),
        "tone_threshold": round(tone_threshold, 4),
        "training": {"config": asdict(cfg), "sources": sources},
        "calibration": {
            "tone": "platt on goemotions dev",
            "conversation": "logistic on synthetic conversations",
        },
        "metrics": {"tone_goemotions_dev": tone_metrics, "conversation_synthetic_dev": conv_metrics},
    }
    return detector


def train_and_save(out: Path, cfg: FrictionTrainConfig = FrictionTrainConfig()) -> FrictionDetector:
    detector = train_detector(cfg)
    detector.save(out)
    log.info("saved friction detector %s to %s", detector.version, out)
    return detector
