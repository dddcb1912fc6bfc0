from dataclasses import replace

import numpy as np
import pytest

from models.types import Prediction
from replydesk.loop.gates import GateConfig, binomial_cdf, check_gates
from replydesk.loop.scoring import (
    IntentPrecision,
    ModelScore,
    coverage_at_precision,
    expected_calibration_error,
    score_predictions,
)

CHAMPION = ModelScore(
    n=100,
    accuracy=0.90,
    ece=0.03,
    coverage=0.5,
    auto_precision=0.99,
    coverage_at_99=0.5,
    per_intent={"card_arrival": IntentPrecision(20, 20), "top_up_failed": IntentPrecision(10, 10)},
)


def _pred(intent, conf, threshold=0.9):
    return Prediction(intent, conf, (), False, threshold, "v")


def test_scores_from_predictions():
    preds = [_pred("a", 0.95), _pred("a", 0.95), _pred("b", 0.6), _pred("b", 0.92)]
    score = score_predictions(preds, ["a", "b", "b", "b"])
    assert score.n == 4 and score.accuracy == 0.75
    assert score.coverage == 0.75  # three at or above their threshold
    assert score.auto_precision == pytest.approx(2 / 3)
    assert score.per_intent == {"a": IntentPrecision(2, 1), "b": IntentPrecision(1, 1)}
    # bins: 0.95 (2 msgs, 1 right), 0.92 (1, right), 0.6 (1, right)
    assert score.ece == pytest.approx(0.5 * 0.45 + 0.25 * 0.08 + 0.25 * 0.4)


def test_scoring_rejects_mismatched_or_empty_input():
    with pytest.raises(ValueError, match="2 predictions for 1 labels"):
        score_predictions([_pred("a", 0.9)] * 2, ["a"])
    with pytest.raises(ValueError, match="empty"):
        score_predictions([], [])


def test_coverage_at_precision_takes_the_most_confident_first():
    conf = np.array([0.99, 0.98, 0.97, 0.5, 0.4])
    correct = np.array([1, 1, 0, 1, 1], dtype=float)
    assert coverage_at_precision(conf, correct, 0.99) == pytest.approx(0.4)
    assert coverage_at_precision(conf, correct, 0.75) == pytest.approx(1.0)
    assert coverage_at_precision(conf, np.zeros(5), 0.99) == 0.0


def test_perfectly_calibrated_bins_have_zero_ece():
    conf = np.array([0.75] * 4 + [0.25] * 4)
    correct = np.array([1, 1, 1, 0, 1, 0, 0, 0], dtype=float)
    assert expected_calibration_error(conf, correct) == pytest.approx(0.0)


def test_an_equal_or_better_challenger_passes():
    better = replace(CHAMPION, accuracy=0.92, ece=0.02)
    verdict = check_gates(CHAMPION, better)
    assert verdict.passed and verdict.failures == ()
    assert check_gates(CHAMPION, CHAMPION).passed


def test_lower_accuracy_fails():
    verdict = check_gates(CHAMPION, replace(CHAMPION, accuracy=0.89))
    assert not verdict.passed
    assert [f.gate for f in verdict.failures] == ["accuracy"]
    assert "0.8900" in verdict.failures[0].message and "0.9000" in verdict.failures[0].message


def test_calibration_may_worsen_only_within_the_tolerance():
    assert check_gates(CHAMPION, replace(CHAMPION, ece=0.039)).passed
    verdict = check_gates(CHAMPION, replace(CHAMPION, ece=0.045))
    assert [f.gate for f in verdict.failures] == ["calibration"]
    assert check_gates(CHAMPION, replace(CHAMPION, ece=0.045), GateConfig(ece_tolerance=0.02)).passed


def test_an_intent_below_target_precision_fails_and_thin_intents_are_only_listed():
    challenger = replace(
        CHAMPION,
        per_intent={
            "card_arrival": IntentPrecision(20, 18),
            "top_up_failed": IntentPrecision(10, 10),
            "rare": IntentPrecision(2, 1),
        },
    )
    verdict = check_gates(CHAMPION, challenger)
    assert [f.gate for f in verdict.failures] == ["intent_precision"]
    assert "'card_arrival'" in verdict.failures[0].message and "18/20" in verdict.failures[0].message
    assert verdict.unjudged_intents == ("rare",)


def test_every_failing_gate_is_reported():
    worse = replace(CHAMPION, accuracy=0.5, ece=0.2, per_intent={"x": IntentPrecision(10, 5)})
    verdict = check_gates(CHAMPION, worse)
    assert [f.gate for f in verdict.failures] == ["accuracy", "calibration", "intent_precision"]
    assert verdict.to_dict()["passed"] is False


def test_too_little_held_out_data_fails():
    verdict = check_gates(CHAMPION, replace(CHAMPION, n=49))
    assert [f.gate for f in verdict.failures] == ["held_out"]
    assert "only 49 held-out rows" in verdict.failures[0].message
    assert check_gates(CHAMPION, replace(CHAMPION, n=49), GateConfig(min_held_out=10)).passed


def test_without_a_champion_only_precision_counts():
    assert check_gates(None, replace(CHAMPION, accuracy=0.1, ece=0.5)).passed


def _scored(confidence: np.ndarray, correct: np.ndarray) -> ModelScore:
    from replydesk.loop.scoring import expected_calibration_error as ece

    return replace(
        CHAMPION,
        n=len(correct),
        ece=ece(confidence, correct),
        confidence=confidence,
        correct=correct.astype(float),
        per_intent={},
    )


def test_a_calibration_gap_within_sampling_noise_does_not_block():
    """Two equally calibrated models on 200 rows differ in ECE by chance; that is no reason to
    keep the better-trained one out."""
    rng = np.random.default_rng(1)  # ECE 0.044 vs 0.064, both perfectly calibrated by construction
    conf_a, conf_b = rng.uniform(0.5, 1.0, 200), rng.uniform(0.5, 1.0, 200)
    champion = _scored(conf_a, rng.random(200) < conf_a)
    challenger = _scored(conf_b, rng.random(200) < conf_b)
    assert challenger.ece > champion.ece + 0.01  # the point estimates alone would block it
    verdict = check_gates(champion, challenger, GateConfig(min_auto_replies=1))
    assert "calibration" not in [f.gate for f in verdict.failures]


def test_a_clearly_overconfident_challenger_is_blocked_with_row_data():
    rng = np.random.default_rng(4)
    conf = rng.uniform(0.5, 1.0, 300)
    right = rng.random(300) < conf
    champion = _scored(conf, right)
    challenger = _scored(np.minimum(conf + 0.15, 0.999), right)  # same answers, 15 points too sure
    verdict = check_gates(champion, challenger, GateConfig(min_auto_replies=1))
    assert [f.gate for f in verdict.failures] == ["calibration"]


def test_one_wrong_answer_on_a_few_rows_is_within_chance_for_many_intents() -> None:
    on_target = {f"intent_{i}": IntentPrecision(5, 5) for i in range(20)}
    thin = {"card_arrival": IntentPrecision(6, 5), "lost_card": IntentPrecision(5, 4)}
    verdict = check_gates(CHAMPION, replace(CHAMPION, per_intent=on_target | thin))
    # 5 of 6 and 4 of 5 at a 99% target: 5.9% and 4.9% likely for one intent exactly on target,
    # and among 22 judged intents some intent shows that most of the time: no evidence.
    assert verdict.passed
    assert verdict.inconclusive_intents == ("card_arrival", "lost_card")
    assert verdict.to_dict()["inconclusive_intents"] == ["card_arrival", "lost_card"]
    # Judged alone, 4 of 5 is evidence at 95%; a clear failure fails among any number of intents.
    alone = check_gates(CHAMPION, replace(CHAMPION, per_intent={"lost_card": IntentPrecision(5, 4)}))
    assert [f.gate for f in alone.failures] == ["intent_precision"]
    assert "'lost_card'" in alone.failures[0].message and "4.9% of the time" in alone.failures[0].message
    bad = check_gates(CHAMPION, replace(CHAMPION, per_intent=on_target | {"x": IntentPrecision(10, 5)}))
    assert [f.gate for f in bad.failures] == ["intent_precision"] and bad.inconclusive_intents == ()


def test_binomial_cdf_matches_the_sum_of_the_terms() -> None:
    from math import comb

    for k, n, p in [(5, 6, 0.99), (18, 20, 0.99), (0, 3, 0.5), (7, 10, 0.3)]:
        exact = sum(comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k + 1))
        assert binomial_cdf(k, n, p) == pytest.approx(exact, rel=1e-9)
    assert binomial_cdf(10, 10, 0.99) == 1.0 and binomial_cdf(9, 10, 1.0) == 0.0
    assert 0.0 < binomial_cdf(2950, 3000, 0.99) < 1.0  # thousands of trials do not overflow
