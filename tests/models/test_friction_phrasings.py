"""Round-three phrasing families of the friction detector: threats, graded negativity, stressed
words, own mishaps, scheduled calls and everyday English and Danish rejections (lexicon default)."""

from __future__ import annotations

import pytest

from models.friction import FrictionDetector
from models.friction.human import human_request
from tests.models.conversations import conv


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


# --- round four: context the lexicon cannot see on its own ---------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("I DID confirm them yesterday. Why is it still blocked?", 1.0),
        ("Jeg HAR bekræftet dem i går.", 1.0),
        ("Det har jeg jo lige skrevet.", 1.0),
        ("Are you even reading what I write?", 1.0),
        ("Brilliant service as always.", 1.0),
        ("there's nothing pending!! how can it be negative", 0.5),
        ("der står ingenting", 0.5),
        ("Did that twice. If this isn't fixed today I'm leaving.", 1.0),
        ("Is there no fee for that?", 0.0),
        ("Så der er ikke noget gebyr?", 0.0),
        ("Genialt, det virker. Tak", 0.0),
        ("Ok, I've done it, thanks", 0.0),
    ],
)
def test_rejections_that_need_the_bots_answer(detector, text, value):
    found = detector.features(conv("How do I do that?", "Please confirm the last three payments.", text))
    assert found.features["rejected"] == value


def test_a_rejection_needs_an_answer_to_reject(detector):
    assert detector.features(conv("I DID pay the invoice, why the reminder?")).features["rejected"] == 0.0


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("My wallet got stolen and it's been a horrible day. What do I do?", 0.5),
        ("Terrible storm here - is the branch open?", 0.5),
        ("Min far døde i sidste uge. Hvad skal jeg gøre med hans konto?", 0.0),
        ("Hvad sker der, hvis pakken ikke kommer?", 0.0),
        ("Nej, jeg lagde på. Ville bare høre om det var jer.", 0.0),
        ("Your service is terrible.", 1.0),
        ("What is the point of you", 1.0),
        ("det ER aktivt. få det ordnet", 1.0),
    ],
)
def test_complaint_words_about_the_situation_count_less(detector, text, value):
    assert detector.features(conv(text)).features["complaint"] == value


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("I've been charged twice for my gym membership", False),
        ("Jeg er blevet trukket to gange for abonnementet", False),
        ("Det er tredje gang jeg bruger jeres rejseforsikring, den er god", False),
        ("This is the third time I'm asking about this", True),
        ("Jeg er blevet trukket to gange og har skrevet til jer to gange", True),
        ("nå så er det 4. gang i år at appen er nede. godt gået", True),
        ("I locked myself out by typing the wrong password five times", False),
        ("nå ok, undskyld jeg sendte den to gange. tak", False),
    ],
)
def test_counting_payments_or_visits_is_not_asking_again(detector, text, claim):
    assert (detector.features(conv(text)).features["repeat_claim"] > 0) is claim


def test_the_bots_fallback_replies_count_as_a_low_confidence_streak(detector):
    turns = conv(
        "Can you help me dispute a parking fine?",
        "Sorry, I didn't understand. Could you rephrase?",
        "A parking fine was paid from my card by mistake",
        "Sorry, I didn't understand. Could you rephrase?",
        "What is the point of you",
    )
    found = detector.features(turns)
    assert found.features["low_conf"] == pytest.approx(2 / 3)
    assert any(s.code == "low_confidence_streak" for s in found.fired)
    answered = conv("Can you help me dispute a fine?", "Yes, open Cards > Dispute.", "Thanks")
    assert detector.features(answered).features["low_conf"] == 0.0


def test_swearing_at_ones_own_mishap_softens_the_tone_feature():
    class FixedTone:
        def predict_proba(self, texts):
            return [0.8 for _ in texts]

    det = FrictionDetector(FixedTone(), {}, 0.0)
    own = det.features(conv("ugh, I dropped my bloody phone in the sea, how do I log in?"))
    theirs = det.features(conv("your bloody app logged me out again, how do I log in?"))
    mild = det.features(conv("The app is a bit annoying, it logs me out. Can I change that?"))
    assert own.features["tone"] == pytest.approx(0.4)
    assert mild.features["tone"] == pytest.approx(0.4)
    assert theirs.features["tone"] == pytest.approx(0.8)


@pytest.mark.parametrize(
    "text",
    [
        "Der skal være nogen der tager sig af det NU",
        "jeg vil tale med filialens leder",
        "I'd rather discuss it with a person, it's complicated",
        "cna i spek to a humna?",
        "no email comes thru. get me some1 real",
    ],
)
def test_round_four_requests_for_a_person(detector, text):
    assert human_request(text) is not None
    assert detector.assess(conv(text)).human_requested


@pytest.mark.parametrize(
    "text",
    [
        "Can another person take over my car loan if I sell the car?",
        "could I book a call with a financial advisor sometime next week? nothing urgent",
        "No need to call me, but could you email me the loan terms?",
        "I behøver ikke ringe til mig, men kan I maile vilkårene?",
        "Hi, what's your phone number? I want to save it in case my card is ever lost",
    ],
)
def test_round_four_mentions_that_are_not_requests(text):
    assert human_request(text) is None
