"""Train the pushback model (``models/friction/pushback.py``) and cross-fit its feature for the DEV episodes.

Rows come from the labelled DEV conversations only (never the test or check sets): each customer
turn up to the labelled escalation, with the bot reply before it; 1 at the turn where a good agent
steps in, 0 before it and in calm conversations. The conversation weights are fitted on DEV
features, so the DEV conversations' ``pushback`` values must come from models that did not train on
them: ``cross_fitted_episodes`` scores each fold with a model trained on the other folds.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import FeatureUnion

from models.friction import FrictionDetector
from models.friction.human import normalise
from models.friction.pushback import PushbackModel, bot_before
from models.friction.signals import FEATURES
from models.types import Role
from training import friction_conv
from training.friction_data import LabelledConversation

log = logging.getLogger(__name__)


def training_rows(conversations: Sequence[LabelledConversation]) -> tuple[list[str], list[str], np.ndarray]:
    """(customer texts, bot texts before them, labels) of every customer turn up to the labelled
    escalation."""
    customer, bot, y = [], [], []
    for conv in conversations:
        for i, turn in enumerate(conv.turns):
            if turn.role is not Role.CUSTOMER:
                continue
            if conv.escalate and i > conv.escalate_at:
                break
            customer.append(turn.text)
            bot.append(bot_before(conv.turns, i))
            y.append(int(conv.escalate and i == conv.escalate_at))
    return customer, bot, np.array(y, dtype=int)


def train_pushback(conversations: Sequence[LabelledConversation], c: float = 2.0) -> PushbackModel:
    """Fit the model on ``conversations``; raises ``ValueError`` without both kinds of turn."""
    customer, bot, y = training_rows(conversations)
    if y.sum() < 2 or (1 - y).sum() < 2:
        raise ValueError(
            "the pushback model needs labelled DEV conversations with escalations and calm turns"
        )
    customer_vectorizer = FeatureUnion(
        [
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
            ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
        ]
    )
    bot_vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    x = hstack(
        [
            customer_vectorizer.fit_transform([normalise(t)[0] for t in customer]),
            bot_vectorizer.fit_transform([normalise(t)[0] for t in bot]),
        ]
    ).tocsr()
    classifier = LogisticRegression(C=c, class_weight="balanced", max_iter=3000).fit(x, y)
    return PushbackModel(customer_vectorizer, bot_vectorizer, classifier, {"rows": len(y), "c": c})


def cross_fitted_episodes(
    detector: FrictionDetector,
    conversations: Sequence[LabelledConversation],
    c: float = 2.0,
    folds: int = 5,
    seed: int = 0,
) -> list[friction_conv.Episode]:
    """``friction_conv.episodes`` of ``conversations`` in their order, each fold's ``pushback`` feature
    made by a model trained on the other folds; ``detector.pushback`` is left as it was. The
    out-of-fold turn AUROC goes into the full model's metrics when ``detector`` has one."""
    full = detector.pushback
    order = np.random.default_rng(seed).permutation(len(conversations))
    by_index: dict[int, friction_conv.Episode] = {}
    try:
        for f in range(folds):
            held = set(order[f::folds].tolist())
            detector.pushback = train_pushback([cv for j, cv in enumerate(conversations) if j not in held], c)
            part = sorted(held)
            eps = friction_conv.episodes(
                detector, [conversations[j] for j in part], f"DEV features, fold {f + 1}"
            )
            by_index.update(zip(part, eps, strict=True))
    finally:
        detector.pushback = full
    episodes = [by_index[j] for j in range(len(conversations))]
    # The turns ``training_rows`` labels, read off the episodes' own (out-of-fold) pushback column.
    column = FEATURES.index("pushback")
    scores, labels = [], []
    for ep in episodes:
        at = ep.conversation.escalate_at
        for k, i in enumerate(ep.turn_index):
            if at is not None and i > at:
                break
            scores.append(float(ep.x[k, column]))
            labels.append(int(at is not None and i == at))
    if full is not None and len(set(labels)) == 2:
        full.metrics["dev_turn_auroc_out_of_fold"] = round(float(roc_auc_score(labels, scores)), 4)
        log.info(
            "pushback model: DEV turn AUROC out of fold %.3f", full.metrics["dev_turn_auroc_out_of_fold"]
        )
    return episodes
