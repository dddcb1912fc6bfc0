"""The tone ensemble: NB-scaled logistic regression folded into the plain one, on a small made-up set."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix, diags, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

from models.friction.tone import LexiconTone, TrainedTone, lexicon_matrix
from training.friction_train import FrictionTrainConfig, _add_nb_model, nb_ratio

CALM = [
    "How do I order a new card?",
    "Where can I see my statement?",
    "Thanks, that answers it",
    "Can I change my address online?",
    "Hvordan bestiller jeg et nyt kort?",
    "Tak for hjælpen, det virker nu",
] * 4
ANGRY = [
    "This is ridiculous, I'm furious",
    "Worst service ever, absolutely useless",
    "I am so angry, nobody helps me",
    "This is a joke, terrible bank",
    "Det er helt uacceptabelt og elendig service",
    "Jeg er så vred, I er ubrugelige",
] * 4


def _data() -> tuple[list[str], np.ndarray]:
    return CALM + ANGRY, np.array([0] * len(CALM) + [1] * len(ANGRY))


def test_nb_ratio_signs_and_dense_columns():
    x = csr_matrix(np.array([[1.0, 0.0, 0.3], [1.0, 0.0, 0.7], [0.0, 1.0, 0.2], [0.0, 1.0, 0.9]]))
    y = np.array([1, 1, 0, 0])
    r = nb_ratio(x, y, n_dense=1, beta=0.5)
    assert r[0] > 0 > r[1]  # a friction-only column leans up, a calm-only one down
    assert r[2] == 1.0  # lexicon columns are not counts: left as they are
    assert np.isclose(abs(r[0]), abs(np.log((3 / 4) / (1 / 4))) ** 0.5)


def test_folded_ensemble_is_the_sum_of_both_models():
    texts, y = _data()
    vec = FeatureUnion([("word", TfidfVectorizer(sublinear_tf=True))]).fit(texts)
    lex = lexicon_matrix(texts)
    x = hstack([vec.transform(texts), csr_matrix(lex)]).tocsr()
    weight = np.ones(len(y))
    clf = LogisticRegression(C=2.0, max_iter=1000).fit(x, y)
    plain = clf.decision_function(x)
    cfg = FrictionTrainConfig(nb_c=2.0, nb_beta=0.5)
    r = nb_ratio(x, y, lex.shape[1], cfg.nb_beta)
    nb = LogisticRegression(C=cfg.nb_c, max_iter=3000).fit(x @ diags(r), y, sample_weight=weight)
    _add_nb_model(clf, x, y, weight, lex.shape[1], cfg)
    assert np.allclose(clf.decision_function(x), plain + nb.decision_function(x @ diags(r)))
    # The fast scorer reads the folded coefficients and gives the same numbers.
    tone = TrainedTone(vec, clf, (1.0, 0.0), LexiconTone())
    assert np.allclose(tone.raw_scores(texts), clf.decision_function(x))


def test_folded_ensemble_ranks_unseen_messages():
    texts, y = _data()
    vec = FeatureUnion([("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True))])
    vec.fit(texts)
    lex = lexicon_matrix(texts)
    x = hstack([vec.transform(texts), csr_matrix(lex)]).tocsr()
    clf = LogisticRegression(C=2.0, max_iter=1000).fit(x, y)
    _add_nb_model(clf, x, y, np.ones(len(y)), lex.shape[1], FrictionTrainConfig())
    tone = TrainedTone(vec, clf, (1.0, 0.0), LexiconTone())
    calm, angry = tone.predict_proba(["How do I change my card?", "This is useless and ridiculous"])
    assert angry > calm
    da_calm, da_angry = tone.predict_proba(["Hvordan ændrer jeg mit kort?", "Elendig service, jeg er vred"])
    assert da_angry > da_calm
