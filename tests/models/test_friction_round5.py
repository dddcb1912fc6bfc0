"""Round-five families of the friction detector (dev4 error analysis): a bot going in circles whose
answer the customer does not take, giving up ("forget it", "så må jeg vel"), moving one's money to
another bank, praise sworn at, complaint words that only describe the situation, and requests
for a person by phone number, department or "one of you" (lexicon default, no trained model)."""

from __future__ import annotations

import pytest

from models.friction.human import human_request
from tests.models.conversations import conv

LOOP_EN = ("Where is my new card?", "New cards arrive within 5-7 working days.", "It's been two weeks.")
LOOP_DA = ("Hvor er mit nye kort?", "Nye kort leveres inden for 5-7 hverdage.", "Det er to uger siden.")


@pytest.mark.parametrize(
    ("loop", "reply"),
    [(LOOP_EN, "Cheers for that, really enlightening."), (LOOP_EN, "and?"), (LOOP_DA, "???")],
)
def test_a_repeated_answer_the_customer_does_not_take_is_rejected(detector, loop, reply):
    found = detector.features(conv(*loop, loop[1], reply))
    assert found.features["rejected"] == 1.0
    assert any("repeated its answer" in s.message for s in found.fired)


@pytest.mark.parametrize(
    "reply", ["ok thanks", "Found it, thanks!", "Okay, det prøver jeg. Tak", "that's all, bye"]
)
def test_taking_a_repeated_answer_is_not_a_rejection(detector, reply):
    assert detector.features(conv(*LOOP_EN, LOOP_EN[1], reply)).features["rejected"] == 0.0


def test_a_closing_line_said_twice_is_not_a_loop(detector):
    turns = conv(
        "How do I order a card?",
        "Under Cards > Order. Is there anything else I can help you with?",
        "What does it cost?",
        "It is free. Is there anything else I can help you with?",
        "And can I choose the design?",
        "Is there anything else I can help you with?",
        "Hello, the design?",
    )
    assert not any("repeated its answer" in s.message for s in detector.features(turns).fired)


@pytest.mark.parametrize(
    ("loop", "reply"), [(LOOP_EN, "forget it"), (LOOP_DA, "Nå, så må jeg vel tage ned i en filial.")]
)
def test_giving_up_after_a_loop_is_a_full_rejection(detector, loop, reply):
    assert detector.features(conv(*loop, loop[1], reply)).features["rejected"] == 1.0


def test_giving_up_after_one_plain_answer_counts_half(detector):
    turns = conv("Can I change my due date?", "No, the due date is fixed.", "Forget it then, I'll manage.")
    assert detector.features(turns).features["rejected"] == 0.5


def test_never_mind_when_it_worked_is_not_giving_up(detector):
    turns = conv("Where is my IBAN?", "Under Accounts > Details.", "never mind, found it")
    assert detector.features(turns).features["rejected"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Right, if that fee isn't refunded by Friday I'm moving my salary account to another bank.",
        "Hvis ikke det bliver rettet i denne uge, flytter jeg min løn til en anden bank.",
        "If I get late fees because of this I'm posting about it everywhere.",
        "Jeg klager til Pengeinstitutankenævnet i dag.",
    ],
)
def test_moving_money_and_going_public_are_threats(detector, text):
    assert detector.features(conv(text)).features["threat"] == 1.0


@pytest.mark.parametrize(
    "text", ["Can I move my savings to another bank?", "Det vidste jeg ikke. Så skifter jeg, tak."]
)
def test_a_question_or_an_accepted_offer_is_no_threat(detector, text):
    assert (
        detector.features(conv("Why is my card fee so high?", "You can switch card.", text)).features[
            "threat"
        ]
        == 0.0
    )


@pytest.mark.parametrize(
    "text", ["omg the new savings goals feature is fucking amazing", "den nye funktion er pisse god"]
)
def test_praise_sworn_at_is_not_profanity(detector, text):
    assert detector.features(conv(text)).features["profanity"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Our boiler broke down, awful timing right before Christmas. Can I get a small loan?",
        "I got a horrible scam text pretending to be you. I didn't click.",
        "Hvordan klager jeg over en butik der ikke vil refundere mig?",
    ],
)
def test_situation_and_how_to_complaints_do_not_count_in_full(detector, text):
    assert detector.features(conv(text)).features["complaint"] < 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Could somebody please telephone me? My number is 31 22 45 67.",
        "What number do I call to stop it? Quickly please.",
        "I'd rather talk this through with someone, to be honest.",
        "Please get him or someone from his team on the phone.",
        "Surely someone there can look at my actual statement?",
        "is there anyone else I could ask about this?",
        "Is there a helpline I can ring?",
        "Hej, kan jeg snakke med en af jer?",
        "Er der ikke nogen andre jeg kan spørge om det?",
        "Jeg vil have at en person kigger på min konto.",
        "Jeg skal tale med nogen nu, det er hele min opsparing.",
        "Kan du sætte mig i forbindelse med boliglånsafdelingen?",
        "Gjort. Stil mig nu om til jeres svindelafdeling.",
        "Der må da være nogen hos jer der kan kigge på det?",
        "kobl mig på en medarbejder",
        "Kan I venligst kontakte mig telefonisk?",
    ],
)
def test_new_request_families_are_recognised(text):
    assert human_request(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Jeg talte med en af jeres medarbejdere i telefonen i går. Er betalingen gået igennem?",
        "I spoke to someone yesterday. Just checking the status.",
        "Quick question, is this a real person or a bot? Just curious haha",
        "Jeg har ikke brug for et menneske, sig bare IBAN.",
        "Botten hjalp fint, ingen brug for en medarbejder.",
        "Kan nogen ringe til mig torsdag eftermiddag? Det haster overhovedet ikke.",
        "Min sag er sendt videre til kreditafdelingen, hvor lang tid tager det?",
        "Why did someone from your bank call me? Was it real?",
        "I had a nice chat with your staff at the event.",
        "Is there a human-readable version of my statement?",
    ],
)
def test_mentions_that_ask_for_no_one_are_not_requests(text):
    assert human_request(text) is None, text
