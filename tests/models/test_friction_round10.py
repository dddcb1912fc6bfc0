"""Round-ten families of the friction detector (dev9 error analysis): a single outburst that opens a
calm request for help ("Ugh!!", "Seriously?", one swear word about the situation, "Det er latterligt"
after a price question), a polite correction offered as a question, and escalations that build without
a strong word (curt "ok." replies, then giving up), a correction repeated, a product or the bank given up
on in plain words, and a person asked for in new words ("a grown-up", "a living soul", "hear a voice",
"a case handler"; lexicon default, no trained model). The sentences are new phrasings, not dev9's own."""

from __future__ import annotations

import pytest

from models.friction.human import human_request
from tests.models.conversations import features

# --- calm: one outburst that opens a request for help --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ugh, the parking meter swallowed my card. How do I get a new one?",
        "Seriously? The ATM on Main Street is out of cash. Where is the nearest other one?",
        "Damn it, my phone died and I can't log in. Is there a way to check my balance by phone?",
        "So annoying, I spilled coffee on my card reader. Can I order another?",
        "What the hell is a 'settlement adjustment' on my statement?",
        "Satans, jeg har tabt mit kort i toget. Hvordan spærrer jeg det?",
        "Hvad fanden betyder 'afventende postering'?",
        "Pisse irriterende, mit kort er knækket. Kan jeg få et nyt sendt?",
        "40 kr for at hæve penge? Det er latterligt.",
        "A 60 kr fee to change my PIN? This is ridiculous.",
    ],
)
def test_one_outburst_opening_a_request_for_help_counts_half(detector, text):
    f = features(detector, text)
    assert f["complaint"] <= 0.5
    assert f["profanity"] <= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Ugh, you blocked my card. This is outrageous.",
        "Seriously? Jeres app har lukket min konto uden varsel.",
        "Damn it, this is the third time you charge me. I'll call my lawyer.",
        "Satans, I har spærret mit kort igen!!!",
    ],
)
def test_an_outburst_that_blames_the_bank_or_adds_a_second_cue_still_counts(detector, text):
    f = features(detector, text)
    assert max(f["complaint"], f["profanity"], f["threat"]) == 1.0


def test_an_outburst_after_the_bot_has_answered_still_counts(detector):
    f = features(
        detector,
        "How do I order a new card?",
        "Go to Cards > Order new card.",
        "Damn it, that menu doesn't exist. Is there another way?",
    )
    assert f["profanity"] == 1.0


# --- calm: a polite correction asked as a question -----------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "I thought the limit went up to 20,000 kr in January? That's what it said on your website.",
        "Isn't it 25 kr per year? Your price list says so.",
        "Jeg troede, gebyret var fjernet i år? Det står på jeres side.",
        "Er det ikke 2 % nu? Det stod i jeres nyhedsbrev.",
    ],
)
def test_a_hedged_correction_is_not_a_rejected_answer(detector, reply):
    f = features(detector, "What is the fee?", "The fee is 50 kr.", reply)
    assert f["rejected"] == 0.0


# --- escalations ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("curt", "give_up"),
    [
        ("right.", "forget it."),
        ("ok.", "never mind."),
        ("nå.", "glem det."),
        ("ja.", "nej. lad være."),
    ],
)
def test_giving_up_after_curt_replies_is_a_full_rejection(detector, curt, give_up):
    f = features(
        detector,
        "Why has my direct debit not been paid?",
        "Direct debits are paid on the due date.",
        "The due date was the 1st.",
        "Please check the creditor's details.",
        curt,
        "Can I help with anything else?",
        give_up,
    )
    assert f["rejected"] == 1.0


def test_giving_up_after_a_full_reply_stays_half(detector):
    f = features(
        detector,
        "Why has my direct debit not been paid?",
        "Direct debits are paid on the due date; yours is scheduled for the 5th.",
        "forget it.",
    )
    assert f["rejected"] == 0.5


@pytest.mark.parametrize(
    "reply",
    [
        "Again, it's a BUSINESS account, not a personal one.",
        "I've now written Sweden twice. Not Norway.",
        "I said the 14th. Twice now.",
        "Igen: det er et erhvervslån, ikke et boliglån.",
        "Jeg har nu skrevet Sverige to gange.",
    ],
)
def test_correcting_the_bot_a_second_time_rejects_the_answer(detector, reply):
    f = features(detector, "What's the rate?", "Personal accounts pay 1%.", reply)
    assert f["rejected"] > 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Fine. I'll use my other bank for this from now on.",
        "I'll go look for a bank that actually answers.",
        "I'm done with this app.",
        "I'll be closing my savings with you this week.",
        "Then I'll take my business elsewhere.",
        "Så dropper jeg jeres app.",
        "Jeg finder en anden bank.",
        "Så flytter jeg virksomheden.",
    ],
)
def test_giving_up_on_the_bank_is_a_threat(detector, text):
    assert features(detector, "Why was my card declined?", "Please try again.", text)["threat"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to stop using my credit card, I don't need it. How do I cancel it?",
        "My daughter found another bank for her student loan. Can she still transfer to me?",
        "Jeg vil gerne stoppe min aktiesparekonto. Hvordan lukker jeg den?",
    ],
)
def test_stopping_a_product_for_a_reason_is_not_a_threat(detector, text):
    assert features(detector, text)["threat"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Is there a grown-up over there who can approve this?",
        "Any living soul I can talk to about this?",
        "I need to hear a human voice about this, today.",
        "Can you pass this to an actual case handler?",
        "Please pass me over to your colleagues.",
        "Er der en voksen derinde, der kan godkende det?",
        "Er der en levende sjæl, der kan hjælpe?",
        "Jeg vil gerne høre en rigtig stemme nu.",
        "Kan jeg tale med en rigtig sagsbehandler?",
        "Send mig videre til dine kolleger.",
    ],
)
def test_a_person_asked_for_in_new_words(text):
    assert human_request(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "My grown-up son usually helps me with the app.",
        "Not a living soul was at the branch on Saturday, so I'll ask here: what are your hours?",
        "My case handler at the council told me to ask you for a statement.",
        "Min voksne datter har fuldmagt. Hvordan registrerer jeg den?",
        "Min sagsbehandler i kommunen har bedt om et kontoudtog.",
    ],
)
def test_people_mentioned_are_not_requests(text):
    assert human_request(text) is None
