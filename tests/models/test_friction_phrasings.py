"""Round-three phrasing families of the friction detector: threats, graded negativity, stressed
words, own mishaps, scheduled calls and everyday English and Danish rejections (lexicon default)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from models.friction import FrictionDetector
from models.friction.human import human_request
from models.types import Role, Turn

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def conv(*texts: str) -> list[Turn]:
    """Alternating customer/bot turns, 30 seconds apart."""
    return [
        Turn(Role.CUSTOMER if i % 2 == 0 else Role.BOT, text, at=T0 + timedelta(seconds=30 * i))
        for i, text in enumerate(texts)
    ]


@pytest.fixture(scope="module")
def detector() -> FrictionDetector:
    return FrictionDetector.default()


@pytest.mark.parametrize(
    "text",
    [
        "Refund me in full or I'll post this on Trustpilot.",
        "I'll take my business elsewhere if you don't fix it today.",
        "Hvis ikke det er løst i dag, så skifter jeg udbyder.",
        "Så klager jeg til Forbrugerombudsmanden.",
    ],
)
def test_threats_are_a_feature_with_a_reason(detector, text):
    a = detector.assess(conv(text))
    assert detector.features(conv(text)).features["threat"] == 1.0
    assert any(r.code == "negative_tone" and "threatens" in r.message for r in a.reasons)


@pytest.mark.parametrize("text", ["How do I cancel my subscription?", "Hvordan opsiger jeg mit abonnement?"])
def test_asking_how_to_cancel_is_not_a_threat(detector, text):
    assert detector.features(conv(text)).features["threat"] == 0.0


def test_negative_turns_are_counted_and_graded(detector):
    one = detector.features(conv("Where is my parcel?", "On its way.", "This is ridiculous.")).features
    two = detector.features(
        conv("This is unacceptable.", "Sorry.", "Where is my parcel?", "On its way.", "This is ridiculous.")
    )
    assert 0 < one["negative_turns"] < two.features["negative_turns"]
    assert any(s.feature == "negative_turns" for s in two.fired)


@pytest.mark.parametrize(
    "text",
    [
        "can someone actually look at my case?",
        "jeg vil gerne tale med hans chef om det her",
        "der står at adressen ikke findes. kan jeg ringe til jer?",
        "kan en person ikke bare kigge på det",
        "hvem kan jeg snakke med om det her?",
        "så nogen må da kunne hjælpe mig",
        "who can I talk to about this?",
        "Please escalate",
        "Er der nogen jeg kan tale med?",
        "Kan jeg få en til at ringe?",
        "Lad mig tale med en medarbejder",
    ],
)
def test_more_requests_for_a_person(detector, text):
    assert human_request(text) is not None
    assert detector.assess(conv(text)).escalate


@pytest.mark.parametrize(
    "text",
    [
        "Could someone from your team call me next Wednesday about the quote? I'm busy until then",
        "Kan en rådgiver ringe til mig i næste uge om at skifte bank? Der er ingen hast",
        "Jeg fik en sms om at I ringer mig op i dag, ved I cirka hvornår?",
        "I have an advisor meeting on Tuesday. Will they call me or should I call them?",
        "Kan jeg ringe til jer om lørdagen?",
        "lad mig tale med min mand først",
    ],
)
def test_a_call_booked_for_later_is_not_a_plea(text):
    assert human_request(text) is None


def test_urgency_keeps_a_call_request_a_request():
    assert human_request("Call me back tomorrow? No, call me now, this is urgent") is not None


def test_swearing_at_ones_own_mishap_counts_less(detector):
    own = detector.features(conv("well that's just my bloody luck, the bike arrived with a bent wheel"))
    at_us = detector.features(conv("the bloody bike arrived with a bent wheel"))
    assert 0 < own.features["profanity"] < at_us.features["profanity"]


def test_one_stressed_word_is_a_raised_voice(detector):
    assert detector.features(conv("I DID pay, I have the receipt")).features["shouting"] >= 0.5
    assert detector.features(conv("jeg HAR betalt, jeg har kvitteringen")).features["shouting"] >= 0.5
    assert detector.features(conv("Can I get the invoice as a PDF?")).features["shouting"] == 0.0


@pytest.mark.parametrize(
    ("text", "rejected"),
    [
        ("har jeg allerede prøvet. den lukker bare ned", True),
        ("det har jeg jo allerede gjort", True),
        ("I'm asking a simple question. How much do I pay?", True),
        ("forstår du overhovedet hvad jeg skriver?", True),
        ("tak, det har jeg gjort nu", False),
        ("ok har gjort det. skal jeg bruge kvitteringen?", False),
    ],
)
def test_rejections_and_calm_confirmations(detector, text, rejected):
    found = detector.features(conv("Hvordan gør jeg?", "Prøv at genstarte appen.", text)).features
    assert (found["rejected"] > 0) is rejected


def test_a_calm_follow_up_softens_waiting_words(detector):
    calm = detector.features(conv("Hi again, it's been 2 days, just checking it's still on track?"))
    cross = detector.features(conv("It's been 2 days and still nothing."))
    assert calm.features["complaint"] < cross.features["complaint"]


@pytest.mark.parametrize(
    "text",
    [
        "damn it, my kid spilled juice on the keyboard. is that covered?",
        "for helvede, jeg har kørt i en kantsten og punkteret. er det dækket?",
    ],
)
def test_swearing_about_an_accident_of_ones_own_counts_less(detector, text):
    assert detector.features(conv(text)).features["profanity"] == 0.5
