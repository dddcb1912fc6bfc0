from dataclasses import replace

import pytest

from models.policy import Action, DecisionReason, Owner, PolicySettings, decide
from models.types import Alternative, FrictionAssessment, Prediction

CONFIDENT = Prediction(
    intent="card_arrival",
    confidence=0.995,
    alternatives=(Alternative("card_delivery_estimate", 0.004),),
    out_of_scope=False,
    threshold=0.9,
    model_version="test",
)
CALM = FrictionAssessment(score=0.05, escalate=False, human_requested=False)


def test_confident_calm_bot_owned_replies():
    d = decide(CONFIDENT, CALM, Owner.BOT)
    assert d.action is Action.AUTO_REPLY and d.sends_reply
    assert d.reasons == (DecisionReason.CONFIDENT,)


def test_below_intent_threshold_suggests():
    d = decide(replace(CONFIDENT, confidence=0.85), CALM, Owner.BOT)
    assert d.action is Action.SUGGEST and d.reasons == (DecisionReason.LOW_CONFIDENCE,)


def test_floor_applies_even_with_a_low_intent_threshold():
    d = decide(replace(CONFIDENT, confidence=0.4, threshold=0.2), CALM, Owner.BOT)
    assert d.action is Action.SUGGEST


@pytest.mark.parametrize("owner", [Owner.AGENT, Owner.WAITING])
def test_bot_never_speaks_while_a_person_owns(owner):
    d = decide(CONFIDENT, CALM, owner)
    assert d.action is Action.SUGGEST and not d.sends_reply
    assert d.reasons == (DecisionReason.HUMAN_OWNS,)


def test_human_request_escalates_over_confidence():
    asked = FrictionAssessment(score=0.2, escalate=True, human_requested=True)
    assert decide(CONFIDENT, asked, Owner.BOT).reasons == (DecisionReason.HUMAN_REQUESTED,)


def test_friction_escalates():
    angry = FrictionAssessment(score=0.9, escalate=True, human_requested=False)
    d = decide(CONFIDENT, angry, Owner.BOT)
    assert d.action is Action.ESCALATE and d.reasons == (DecisionReason.FRICTION,)


def test_some_friction_suggests_instead_of_replying():
    uneasy = FrictionAssessment(score=0.4, escalate=False, human_requested=False)
    assert decide(CONFIDENT, uneasy, Owner.BOT).reasons == (DecisionReason.SOME_FRICTION,)


def test_settings_threshold_overrides_detector():
    mild = FrictionAssessment(score=0.45, escalate=False, human_requested=False)
    d = decide(CONFIDENT, mild, Owner.BOT, PolicySettings(friction_threshold=0.4))
    assert d.action is Action.ESCALATE


def test_missing_model_goes_to_a_person():
    d = decide(None, CALM, Owner.BOT)
    assert d.action is Action.ESCALATE and d.reasons == (DecisionReason.MODEL_UNAVAILABLE,)


def test_missing_friction_never_auto_replies():
    d = decide(CONFIDENT, None, Owner.BOT)
    assert d.action is Action.SUGGEST and d.reasons == (DecisionReason.FRICTION_UNAVAILABLE,)


def test_out_of_scope_escalates():
    d = decide(replace(CONFIDENT, out_of_scope=True), CALM, Owner.BOT)
    assert d.action is Action.ESCALATE and d.reasons == (DecisionReason.OUT_OF_SCOPE,)


def test_auto_reply_can_be_switched_off():
    d = decide(CONFIDENT, CALM, Owner.BOT, PolicySettings(auto_reply_enabled=False))
    assert d.action is Action.SUGGEST
