"""Train the person-request model (``models/friction/person_model.py``) and choose its threshold.

Requests: ``data/friction/person_requests.csv`` (English and Danish, every register) and Bitext's
``contact_human_agent`` rows. Hard negatives: that file's messages that mention people or calls
without asking for one. Bulk negatives: every other Bitext row (except ``contact_customer_service``,
which asks how to reach the company and sits between the two), the customer turns of the calm DEV
conversations, BANKING77's training questions and the hand-written tone aids; any of them that the
patterns take for a request ("Who do I call to cancel a transfer?") is left out rather than taught as
calm. The held-out check file ``person_requests_check.csv`` is never read here.

The threshold is the lowest of a grid whose out-of-fold false alarms on the hard negatives stay
within ``max_false_alarm`` (5-fold, after ``human.request_ruled_out``): a needless handoff costs an
agent a minute, a missed request costs the customer, but a model that fires on every message that
says "adviser" would teach agents to ignore the flag.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion

from models.friction.human import human_request, normalise, request_ruled_out
from models.friction.person_model import PersonRequestModel
from models.types import Role
from training import friction_data as fd

log = logging.getLogger(__name__)

PERSON_REQUESTS_FILE = fd.DATA_DIR / "friction" / "person_requests.csv"
BANKING77_TRAIN_FILE = fd.DATA_DIR / "banking77" / "train.csv"
THRESHOLD_GRID = tuple(np.round(np.arange(0.5, 0.96, 0.05), 2))
POSITIVE, HARD_NEGATIVE, BULK_NEGATIVE = "request", "hard_negative", "bulk_negative"


def training_rows(
    dev: Sequence[fd.LabelledConversation], bulk_limit: int | None = None, seed: int = 0
) -> pd.DataFrame:
    """The model's rows as columns ``text,kind`` (``POSITIVE``, ``HARD_NEGATIVE``, ``BULK_NEGATIVE``)."""
    hand = pd.read_csv(PERSON_REQUESTS_FILE, keep_default_na=False)
    bitext = pd.read_csv(fd.BITEXT_FILE, keep_default_na=False)
    requests = hand.loc[hand["is_request"] == 1, "text"].tolist()
    requests += bitext.loc[bitext["intent"] == "contact_human_agent", "instruction"].tolist()
    hard = hand.loc[hand["is_request"] == 0, "text"].tolist()
    bulk = bitext.loc[
        ~bitext["intent"].isin({"contact_human_agent", "contact_customer_service"}), "instruction"
    ]
    bulk = bulk.tolist() + [t.text for c in dev if not c.escalate for t in c.turns if t.role is Role.CUSTOMER]
    if BANKING77_TRAIN_FILE.is_file():
        bulk += pd.read_csv(BANKING77_TRAIN_FILE, keep_default_na=False)["text"].tolist()
    for file in (fd.DANISH_AID_FILE, fd.ENGLISH_AID_FILE):
        if file.is_file():
            bulk += fd.read_messages(file)["text"].tolist()
    bulk = [t for t in dict.fromkeys(bulk) if human_request(t) is None]
    if bulk_limit is not None and len(bulk) > bulk_limit:
        keep = np.random.default_rng(seed).choice(len(bulk), bulk_limit, replace=False)
        bulk = [bulk[i] for i in sorted(keep)]
    parts = [(requests, POSITIVE), (hard, HARD_NEGATIVE), (bulk, BULK_NEGATIVE)]
    return pd.DataFrame([(t, kind) for texts, kind in parts for t in texts], columns=["text", "kind"])


def _fit(texts: Sequence[str], y: np.ndarray, c: float) -> tuple[FeatureUnion, LogisticRegression]:
    vectorizer = FeatureUnion(
        [
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
            ("word", TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True)),
        ]
    )
    x = vectorizer.fit_transform(texts)
    classifier = LogisticRegression(C=c, class_weight="balanced", max_iter=3000).fit(x, y)
    return vectorizer, classifier


def choose_threshold(scores: np.ndarray, kind: np.ndarray, max_false_alarm: float) -> float:
    """The lowest grid threshold whose false alarms on the hard negatives stay within ``max_false_alarm``."""
    hard = scores[kind == HARD_NEGATIVE]
    for t in THRESHOLD_GRID:
        if len(hard) == 0 or float(np.mean(hard >= t)) <= max_false_alarm:
            return float(t)
    return float(THRESHOLD_GRID[-1])


def train_person_model(
    rows: pd.DataFrame, c: float = 4.0, max_false_alarm: float = 0.05, folds: int = 5, seed: int = 0
) -> PersonRequestModel:
    """Fit on ``rows`` (``training_rows``); the threshold and the metrics come from ``folds``
    out-of-fold scores."""
    texts = [normalise(t)[0] for t in rows["text"]]
    kind = rows["kind"].to_numpy()
    y = (kind == POSITIVE).astype(int)
    if y.sum() < folds or (1 - y).sum() < folds:
        raise ValueError(
            f"the person-request model needs at least {folds} requests and {folds} other messages"
        )
    scores = np.zeros(len(texts))
    for train, held in StratifiedKFold(folds, shuffle=True, random_state=seed).split(texts, y):
        vectorizer, classifier = _fit([texts[i] for i in train], y[train], c)
        scores[held] = classifier.predict_proba(vectorizer.transform([texts[i] for i in held]))[:, 1]
    ruled_out = np.array([request_ruled_out(t) for t in rows["text"]])
    scores[ruled_out] = 0.0
    threshold = choose_threshold(scores, kind, max_false_alarm)
    fired = scores >= threshold
    patterns = np.array([human_request(t) is not None for t in rows["text"]])
    metrics = {
        "out_of_fold": {
            "request_recall": round(float(fired[y == 1].mean()), 4),
            "hard_negative_false_alarms": round(float(fired[kind == HARD_NEGATIVE].mean()), 4),
            "bulk_negative_false_alarms": int(fired[kind == BULK_NEGATIVE].sum()),
            "requests_the_patterns_miss_caught": f"{int((fired & ~patterns)[y == 1].sum())}"
            f"/{int((~patterns)[y == 1].sum())}",
        },
        "rows": {k: int((kind == k).sum()) for k in (POSITIVE, HARD_NEGATIVE, BULK_NEGATIVE)},
        "c": c,
        "max_false_alarm": max_false_alarm,
    }
    log.info("person-request model: threshold %.2f, out of fold %s", threshold, metrics["out_of_fold"])
    vectorizer, classifier = _fit(texts, y, c)
    return PersonRequestModel(vectorizer, classifier, threshold, metrics)
