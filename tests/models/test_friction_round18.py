"""Round-eighteen requests for a person (two fresh request files, 320 requests and 220 look-alikes, written
by helpers who saw neither the patterns nor any data file): a colleague or someone on the bank's side
asked to act, someone free or on duty, a team named in two words, Danish "skal bruge en rådgiver",
"venter på en medarbejder", a conversation (not a meeting) asked for; and the mentions that stay calm:
a human check on the login page, the bot's offer refused, a call already received, a past conversation.
The sentences are new phrasings, not the request files' own."""

from __future__ import annotations

import pytest

from models.friction.human import human_request


@pytest.mark.parametrize(
    "text",
    [
        "would a colleague of yours be able to... actually, could a colleague of yours check it?",
        "Probably simplest if someone at your end rings me about it",
        "It'd help if a member of staff looked at the payment",
        "is anyone free to talk me through this?",
        "I need the international payments team please",
        "pls put me thru to an agent",
        "human human human",
        "Would it be alright if I talked to an adviser instead?",
        "Is anybody from the fraud team around?",
        "Jeg skal bruge en pensionsrådgiver, det her er for indviklet",
        "Jeg venter bare på at en medarbejder tager over",
        "Er der mon en rådgiver der har tid lige nu?",
        "Sidder der nogen i kundeservice nu?",
        "Findes der nogen jeg kan ringe til?",
        "Det er nok bedst hvis en rådgiver kigger på det",
        "Kan jeg få en samtale med en boligrådgiver?",
        "Jeg vil hellere høre det fra en medarbejder",
        "Jeg vil gerne tale med min faste rådgiver",
        "Jeg vil tale med jeres klageansvarlige",
        "opkald tak",
    ],
)
def test_round_eighteen_requests_are_recognised(text):
    assert human_request(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "The human verification puzzle on the login page won't load.",
        "I'd rather not talk to anyone, just send me the form.",
        "Stop asking whether I want an agent, I only need the IBAN.",
        "Your phone agents were lovely last week. What's my new PIN process?",
        "Are card disputes decided by a human or automatically? Just wondering.",
        "It worked, I didn't even need to speak to anyone!",
        "Det er ikke nødvendigt med en medarbejder, jeg fandt svaret.",
        "Jeg har haft en god samtale med jeres boligrådgiver, tak for det.",
        "Jeg blev ringet op af en rådgiver i går, er det normalt?",
        "Please don't transfer me to an agent, the link is enough.",
        "Hvad er nummeret til kortspærring? Jeg vil bare have det gemt.",
        # A meeting or a call booked for later is not a plea for a person now (convention since round three).
        "Kan jeg møde en boligrådgiver i filialen i næste uge?",
    ],
)
def test_round_eighteen_look_alikes_stay_calm(text):
    assert human_request(text) is None


def test_an_earlier_message_that_says_the_answer_worked_is_not_an_earlier_rejection():
    """Earlier turns go through the same rejection guards as the latest one: "exactly what I needed"
    and "found it, it works now" are thanks, not turned-down answers, when the customer writes again."""
    from models.friction import signals as sig
    from models.types import Role, Turn

    def features(first: str):
        turns = [
            Turn(Role.CUSTOMER, "how do I order a new card?"),
            Turn(Role.BOT, "Go to Cards > Order a new card."),
            Turn(Role.CUSTOMER, first),
            Turn(Role.BOT, "Glad to help!"),
            Turn(Role.CUSTOMER, "one more thing, how long does delivery take?"),
        ]
        return sig.extract(turns, lambda texts: [0.05] * len(texts)).features

    thanks_messages = (
        "Perfect, that's exactly what I needed.",
        "that doesn't help... oh wait, found it, it works now",
    )
    for thanks in thanks_messages:
        assert features(thanks)["rejected_prev"] == 0.0
        assert features(thanks)["negative_turns"] == 0.0
    assert features("that doesn't help at all")["rejected_prev"] > 0.0  # a real rejection still counts
