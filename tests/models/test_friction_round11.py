"""Round-eleven families of the friction detector (dev10 error analysis): a bare demand that the bank
act, said after the bot has answered ("Unbelievable. Sort it out.", "is this a joke? fix it", "Do your
job", "Få det ordnet", "Ret det", "Det er jeres job"), sarcastic thanks, the chat called useless, giving
up for the branch or the phone, accounts moved away, a Danish specialist compound asked for
("pensionsrådgiver"), and anger at a shop in the first message with a question for the bank (calm;
lexicon default, no trained model). The sentences are new phrasings, not dev10's own."""

from __future__ import annotations

import pytest

from models.friction import FrictionDetector
from models.friction.human import human_request
from tests.models.conversations import conv


def last_features(detector: FrictionDetector, *texts: str) -> dict[str, float]:
    return detector.features(conv(*texts)).features


OPEN = "My direct debit to the gym was rejected this morning."
BOT = "Direct debits are rejected when the account has insufficient funds."
OPEN_DA = "Min betaling til fitnesscentret blev afvist i morges."
BOT_DA = "Betalinger afvises, hvis der ikke er dækning på kontoen."


@pytest.mark.parametrize(
    "reply",
    [
        "Unreal. There was 6,000 on it. Sort this out.",
        "You've got to be kidding. Fix it then.",
        "There was money on it. Deal with it today.",
        "Unblock it yourselves, I can't.",
        "Refund them now.",
        "Just do your job and check the logs.",
        "Then do something about it.",
        "Wow thanks, so helpful. The money was there.",
        "Thanks for nothing.",
        "What's the point of this bot if it can't check a payment",
        "Never mind, I'll just call tomorrow morning.",
        "I'm moving all my savings to Lunar this week.",
    ],
)
def test_a_demand_or_a_verdict_after_an_answer_is_a_rejection_or_threat(detector, reply):
    f = last_features(detector, OPEN, BOT, reply)
    assert f["rejected"] >= 1.0 or f["threat"] >= 1.0


@pytest.mark.parametrize(
    "reply",
    [
        "Helt utroligt. Der var 6.000 på den. Få den rettet.",
        "Er det for sjov? Fiks det.",
        "Ordn det!",
        "Tilbagefør dem med det samme.",
        "Gør noget ved det, tak.",
        "Det er dit arbejde at finde ud af det.",
        "Tak, virkelig hjælpsomt. Pengene var der.",
        "Tak for ingenting.",
        "Hvad er meningen med den her chat, når den ikke kan se en betaling",
        "Glem det, så ringer jeg i morgen.",
        "Vi flytter vores penge til Lunar i næste uge.",
    ],
)
def test_danish_demands_and_verdicts_after_an_answer_count(detector, reply):
    f = last_features(detector, OPEN_DA, BOT_DA, reply)
    assert f["rejected"] >= 1.0 or f["threat"] >= 1.0


def test_the_known_weak_spot_now_clears_the_threshold(detector):
    for reply in ("Unbelievable. Sort it out.", "is this a joke? fix it", "Utroligt. Få det ordnet."):
        assert detector.assess(conv(OPEN, BOT, reply)).escalate, reply


@pytest.mark.parametrize(
    "text",
    [
        "Can you fix my address? It still shows my old flat.",
        "Could you sort out the standing order for me, please?",
        "Kan I rette min adresse? Den viser stadig den gamle.",
        "Thanks, very helpful, it worked!",
        "Tak, meget hjælpsomt, nu virker det.",
        "Can I move my accounts to you from Nordea?",
        "Kan vi flytte vores konti til jer?",
    ],
)
def test_look_alikes_stay_calm_after_an_answer(detector, text):
    f = last_features(detector, OPEN, BOT, text)
    assert f["rejected"] < 1.0 and f["threat"] < 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Kan jeg ikke bare snakke med en boligrådgiver?",
        "Jeg vil gerne tale med en kreditmedarbejder i dag.",
        "Kan jeg få fat i en investeringsrådgiver?",
    ],
)
def test_a_danish_specialist_compound_is_a_person(text):
    assert human_request(text)


@pytest.mark.parametrize(
    "text",
    [
        "The airline cancelled my flight and won't refund. Outrageous. Can the bank get my money back?",
        "The landlord kept my whole deposit, absolutely ridiculous. Could you help me with a chargeback?",
        "Udlejeren nægter at betale depositum tilbage. Helt latterligt. Kan banken hjælpe?",
    ],
)
def test_anger_at_a_third_party_with_a_question_for_the_bank_counts_half(detector, text):
    f = last_features(detector, text)
    assert f["complaint"] <= 0.5
    assert not detector.assess(conv(text)).escalate


def test_anger_at_the_bank_itself_in_the_first_message_still_counts(detector):
    f = last_features(detector, "The shop says your card system failed. Outrageous. Can you explain why?")
    assert f["complaint"] >= 1.0
