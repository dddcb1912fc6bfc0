"""Behavioural and unit tests of the friction detector (the untrained lexicon default)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from models.friction import FrictionDetector
from models.friction.detector import DEFAULT_WEIGHTS
from models.types import Role, Turn
from tests.models.conversations import T0, conv


def codes(assessment) -> set[str]:
    return {r.code for r in assessment.reasons}


def test_calm_message_stays_calm_when_the_name_changes(detector):
    scores = [
        detector.assess(conv(f"Hi, this is {name}. How do I order a new card?")).score
        for name in ("Anna", "Mohammed", "Søren", "Priya")
    ]
    assert max(scores) < detector.threshold
    assert max(scores) - min(scores) < 0.02


def test_third_time_i_ask_raises_the_score(detector):
    base = conv("Where is my refund?", "Refunds take up to 5 days.", "Where is my refund for order 4471?")
    worse = conv(
        "Where is my refund?",
        "Refunds take up to 5 days.",
        "Where is my refund for order 4471? This is the third time I ask",
    )
    assert detector.assess(worse).score > detector.assess(base).score + 0.1
    assert "repeat_question" in codes(detector.assess(worse))


@pytest.mark.parametrize(
    "text",
    [
        "my card was stolen",
        "I lost my wallet yesterday and both cards were in it",
        "Mit kort blev stjålet i morges, hvad gør jeg?",
    ],
)
def test_negative_facts_alone_do_not_escalate(detector, text):
    a = detector.assess(conv(text))
    assert not a.escalate and not a.human_requested


@pytest.mark.parametrize(
    "text",
    [
        "can I talk to a human",
        "agent please",
        "Can I speak to a real person?",
        "I want to talk to someone",
        "get me a manager",
        "transfer me to an agent",
        "human",
        "jeg vil tale med et menneske",
        "kan jeg få en medarbejder?",
        "Stil mig videre til en rådgiver",
        "Jeg vil gerne snakke med en rigtig person",
        "medarbejder tak",
        "is there a human I can talk to",
        "can someone call me back",
        "please escalate this",
        "I don't want to talk to a bot",
        "speaking with a bloody live agent",
        "kan I ringe mig op?",
        "er der et menneske?",
        "viderestil mig",
        "jeg vil ikke tale med en robot",
        "kan en medarbejder kigge på det?",
        "Jeg vil gerne have hjælp af en medarbejder",
        "Kan du sende mig videre?",
        "human agent needed",
        "I need help from a human",
        "agent!",
        "HUMAN!!",
        "representative",
        "operator please",
        "customer service please",
        "speak to someone",
        "let me talk to a representitive",
        "real person pls",
        "can you connect me with an agent",
        "i want a real human",
        "stop, I want a person",
        "someone needs to call me about this",
        "menneske",
        "mennesk!",
        "jeg vil tale med et mennesk",
        "kan jeg tale med en medarbeider",
        "rigtig person tak",
        "stil mig om til kundeservice",
        "ring mig op",
        "kundeservice",
        "kan jeg faa en radgiver",
        "Er der ikke en medarbejder, der kan kigge på det?",
        "er der overhovedet nogen rigtige mennesker der arbejder hos jer",
        "jeg gider ikke skrive med en robot",
    ],
)
def test_explicit_request_for_a_person_escalates_at_once(detector, text):
    a = detector.assess(conv("How do I order a new card?", "In the app under Cards.", text))
    assert a.human_requested and a.escalate
    assert a.reasons[0].code == "human_request" and a.reasons[0].turn_index == 2
    assert a.score >= a.threshold


@pytest.mark.parametrize(
    "text",
    [
        "how do I transfer money to another person?",
        "the agent at the branch said I could do it here",
        "Kan jeg ringe til jer om lørdagen?",
        "Hvordan tilføjer jeg en person til min konto?",
        "Can my husband be added as a person on the account?",
        "hvordan overfører jeg penge til en anden person?",
        "what are your support hours?",
        "does a person review my application?",
        "I talked to someone yesterday and they said it's fixed",
        "Is the travel insurance per person?",
        "Jeg er et menneske med dårligt syn. Kan man gøre skriften større?",
        "Hvornår har kundeservice åbent?",
        "Har I nogen tilbud på mobilabonnementer?",
    ],
)
def test_mentioning_a_person_is_not_a_request(detector, text):
    assert not detector.assess(conv(text)).human_requested


def test_long_wait_fires_from_the_gap_and_from_now(detector):
    turns = conv("My SIM card doesn't work", "I'll pass you to a technician.")
    turns.append(Turn(Role.CUSTOMER, "hello?? is anyone there", at=turns[-1].at + timedelta(minutes=40)))
    a = detector.assess(turns)
    wait = [r for r in a.reasons if r.code == "long_wait"]
    assert wait and wait[0].turn_index == 2
    unanswered = conv("My SIM card doesn't work")
    assert "long_wait" not in codes(detector.assess(unanswered, now=T0 + timedelta(seconds=20)))
    assert "long_wait" in codes(detector.assess(unanswered, now=T0 + timedelta(minutes=30)))


def test_reasons_point_at_the_right_turn(detector):
    turns = conv(
        "This is fucking ridiculous, my card doesn't work",
        "Sorry! Try restarting the app.",
        "ok I'll try",
        "Did it work?",
        "no",
    )
    a = detector.assess(turns)
    earlier = [r for r in a.reasons if r.code == "negative_tone"]
    assert earlier and earlier[0].turn_index == 0 and earlier[0].text == turns[0].text
    b = detector.assess(turns[:1])
    assert {r.turn_index for r in b.reasons} == {0} and "profanity" in codes(b)


def test_answer_rejected_and_shouting_and_profanity(detector):
    assert "answer_rejected" in codes(
        detector.assess(conv("How do I rebook?", "See Flights.", "That doesn't help, not what I asked"))
    )
    shout = detector.assess(conv("I DID THAT ALREADY!!! IT STILL DOES NOT WORK"))
    assert "shouting" in codes(shout) and shout.escalate
    da = detector.assess(conv("Det her er fandme latterligt"))
    assert "profanity" in codes(da) and da.escalate


def test_danish_frustration_escalates(detector):
    a = detector.assess(conv("Det er helt uacceptabelt, det er tredje gang jeg skriver"))
    assert a.escalate and not a.human_requested


def test_same_question_again_is_noticed_by_text_and_by_intent(detector):
    by_text = detector.assess(
        conv(
            "How do I change my delivery address?",
            "Under My orders.",
            "How do I change my delivery address??",
        )
    )
    assert [r.turn_index for r in by_text.reasons if r.code == "repeat_question"] == [2]
    turns = [
        Turn(Role.CUSTOMER, "card not arrived", intent="card_arrival"),
        Turn(Role.BOT, "It takes 5 days."),
        Turn(Role.CUSTOMER, "still nothing in the mail", intent="card_arrival"),
    ]
    assert "repeat_question" in codes(detector.assess(turns))


def test_low_confidence_streak(detector):
    turns = [
        Turn(Role.CUSTOMER, "blorp the thing", confidence=0.2),
        Turn(Role.BOT, "Sorry?"),
        Turn(Role.CUSTOMER, "the thing with the stuff", out_of_scope=True),
    ]
    streak = [r for r in detector.assess(turns).reasons if r.code == "low_confidence_streak"]
    assert streak and streak[0].turn_index == 2
    assert "low_confidence_streak" not in codes(detector.assess(turns[:1]))


class FixedTone:
    """A tone scorer with given scores per text, to test the conversation signals in isolation."""

    def __init__(self, scores: dict[str, float]) -> None:
        self.scores = scores

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return np.array([self.scores[t] for t in texts])


def test_rising_negativity_fires_on_a_rising_tone_only():
    tones = {"a": 0.1, "b": 0.3, "c": 0.45, "d": 0.05}
    det = FrictionDetector(FixedTone(tones), DEFAULT_WEIGHTS, -4.2)
    rising = det.assess(conv("a", "x", "b", "y", "c"))
    assert [r.turn_index for r in rising.reasons if r.code == "rising_negativity"] == [4]
    assert "rising_negativity" not in codes(det.assess(conv("c", "x", "b", "y", "d")))


def test_no_customer_turn_is_calm(detector):
    a = detector.assess([Turn(Role.BOT, "Hello! How can I help?")])
    assert a.score < 0.1 and not a.escalate and a.reasons == ()


def test_save_and_load_round_trip(tmp_path, detector):
    detector.save(tmp_path / "d")
    loaded = FrictionDetector.load(tmp_path / "d")
    turns = conv("This is the third time I ask, where is my refund?!")
    assert loaded.assess(turns) == detector.assess(turns)
    cfg = json.loads((tmp_path / "d" / "friction.json").read_text())
    assert {"version", "threshold", "weights", "tone", "signals"} <= set(cfg)


def test_load_names_the_problem(tmp_path):
    with pytest.raises(FileNotFoundError, match="friction.json"):
        FrictionDetector.load(tmp_path)
    (tmp_path / "friction.json").write_text('{"version": "x"}')
    with pytest.raises(ValueError, match="not a valid friction detector"):
        FrictionDetector.load(tmp_path)


def test_naive_and_aware_times_mix(detector):
    turns = [Turn(Role.CUSTOMER, "hello?", at=datetime(2026, 1, 1, 12, 0))]
    assert "long_wait" in codes(detector.assess(turns, now=datetime(2026, 1, 1, 13, 0, tzinfo=UTC)))


def test_short_replies_are_not_repeated_questions(detector):
    a = detector.assess(conv("Thanks!", "You're welcome.", "Thanks!"))
    assert "repeat_question" not in codes(a) and not a.escalate


def test_assess_from_many_threads_agrees_with_one(detector):
    from concurrent.futures import ThreadPoolExecutor

    convs = [
        conv(f"Message number {i}: where is my refund?", "It takes 5 days.", f"{i} days now!!")
        for i in range(60)
    ]
    with ThreadPoolExecutor(4) as pool:
        parallel = list(pool.map(detector.assess, convs))
    assert parallel == [detector.assess(c) for c in convs]


def test_the_request_is_quoted_as_the_customer_wrote_it(detector):
    a = detector.assess(conv("Kan jeg få fat i en Rådgiver?"))
    assert a.human_requested and "Rådgiver" in a.reasons[0].message


def test_only_a_given_answer_can_be_rejected(detector):
    first = detector.assess(
        conv("I just tried to pay my bill with my library card. What's the account number?")
    )
    assert "answer_rejected" not in codes(first) and not first.escalate
    sarcastic = detector.assess(
        conv(
            "Why was I charged twice for my bus pass?",
            "You can buy a monthly pass in the app.",
            "Oh great, buying a third one is exactly what I wanted. Genius.",
        )
    )
    assert "answer_rejected" in codes(sarcastic)


def test_annoyed_at_oneself_is_not_a_complaint(detector):
    own = detector.features(conv("Ugh, I'm annoyed at myself, I booked the wrong date. Can I change it?"))
    angry = detector.features(conv("I'm annoyed, you booked the wrong date. Change it."))
    assert own.features["complaint"] < angry.features["complaint"]


@pytest.mark.parametrize(
    "text",
    [
        "It's been 40 minutes. Is anyone actually looking at this?",
        "I'm cancelling my contract if this isn't fixed this week.",
        "Jeg opsiger mit abonnement, hvis det ikke bliver løst.",
        "The bus didn't come again. Every f***ing morning.",
    ],
)
def test_ultimatums_waiting_and_masked_swearing_count(detector, text):
    found = detector.features(conv(text)).features
    assert found["complaint"] > 0 or found["profanity"] > 0


@pytest.mark.parametrize(
    "text", ["I was scammed by a web shop, what do I do?", "Jeg er blevet snydt af en netbutik"]
)
def test_reporting_fraud_calmly_is_not_a_complaint(detector, text):
    assert detector.features(conv(text)).features["complaint"] == 0


def test_laughing_at_a_mishap_softens_the_signals(detector):
    joke = detector.features(
        conv("Lost my season ticket, third one this year haha :) How do I get a new one?")
    )
    serious = detector.features(conv("Lost my season ticket, third one this year. How do I get a new one?"))
    assert joke.features["repeat_claim"] < serious.features["repeat_claim"]
    swear = detector.features(conv("Holy crap, that refund was fast! Thanks!")).features["profanity"]
    assert 0 < swear < detector.features(conv("Holy crap, where is my refund")).features["profanity"]
