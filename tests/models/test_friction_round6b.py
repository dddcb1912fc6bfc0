"""Round-six families of the friction detector (dev5 error analysis): replies that say the answer is no
news or did not work, sarcastic praise, having to spell it out, giving up after a repeated answer
even when the reply opens like "nå, så fint", formal complaints and money moved elsewhere as threats,
promises not kept and waits stated in Danish, swearing at one's own wrong keystroke or at feeling
foolish, complaint words about someone else or the world, and requests for a person named by a
qualifier, a Danish compound or urgency in words (lexicon default, no trained model). The sentences
are new phrasings of each family, not dev5's own."""

from __future__ import annotations

import pytest

from models.friction.human import human_request
from tests.models.conversations import conv

ASKED_EN = ("When will my new PIN letter arrive?", "PIN letters arrive within 5 working days.")
ASKED_DA = ("Hvornår kommer mit nye pinbrev?", "Pinbreve kommer inden for 5 hverdage.")


@pytest.mark.parametrize(
    ("asked", "reply"),
    [
        (ASKED_EN, "Yes. That's exactly why I'm writing, it has been nine days."),
        (ASKED_EN, "Sure, which I already knew from your letter."),
        (ASKED_EN, "I've done everything you told me and nothing has come."),
        (ASKED_DA, "Ja, det er netop derfor jeg henvender mig. Der er gået ti dage."),
        (ASKED_DA, "Det vidste jeg godt allerede."),
    ],
)
def test_an_answer_that_is_no_news_is_rejected(detector, asked, reply):
    assert detector.features(conv(*asked, reply)).features["rejected"] == 1.0


@pytest.mark.parametrize(
    ("asked", "reply"),
    [
        (ASKED_EN, "We restarted the phone as you said and it still says error 12."),
        (ASKED_EN, "We ARE using the new card."),
        (ASKED_DA, "Jeg har opdateret appen som du skrev, men den giver stadig fejl."),
        (ASKED_DA, "Jeg ER logget ind med MitID."),
    ],
)
def test_saying_the_suggestion_was_done_and_failed_is_a_rejection(detector, asked, reply):
    assert detector.features(conv(*asked, reply)).features["rejected"] == 1.0


@pytest.mark.parametrize(
    "reply",
    ["Thank you for your help as always.", "great, so useful 👏", "Tak for hjælpen som sædvanlig.", "ok 🙄"],
)
def test_sarcastic_praise_is_a_rejection(detector, reply):
    assert detector.features(conv(*ASKED_EN, reply)).features["rejected"] == 1.0


def test_clapping_at_a_fix_that_worked_is_praise(detector):
    assert detector.features(conv(*ASKED_EN, "Thanks, that worked 👏")).features["rejected"] == 0.0


@pytest.mark.parametrize(
    "reply",
    [
        "I can't put it any clearer than that.",
        "How else should I explain it? Annual statement. For 2023.",
        "Hvor meget tydeligere kan jeg skrive det?",
    ],
)
def test_having_to_spell_it_out_is_a_rejection(detector, reply):
    assert detector.features(conv(*ASKED_EN, reply)).features["rejected"] == 1.0


@pytest.mark.parametrize(
    "reply",
    ["Nå. Så kan jeg vel bare vinke farvel til de penge.", "Ok then. Guess I'll just write it off."],
)
def test_giving_up_after_a_repeated_answer_is_not_taking_it(detector, reply):
    turns = conv(*ASKED_DA, "Det er to uger siden.", ASKED_DA[1], reply)
    assert detector.features(turns).features["rejected"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "I would like to lodge a formal complaint about how my card dispute was handled.",
        "Refund the fee, otherwise we'll take our business accounts elsewhere.",
        "Fix the rate, and if not I'll be moving my mortgage elsewhere.",
        "Hvis ikke, flytter vi vores opsparing et andet sted hen.",
        "Jeg sender sagen til Finanstilsynet.",
    ],
)
def test_formal_complaints_and_moving_elsewhere_are_threats(detector, text):
    assert detector.features(conv(text)).features["threat"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Your adviser never called me back as promised.",
        "Nobody has got back to me about the overdraft.",
        "I expect a written apology for this.",
        "Ingen har ringet til mig, selvom det var aftalt.",
        "Der er gået tre uger siden jeg sendte papirerne.",
        "Jeg har siddet her i over en halv time.",
        "Kan det passe? Det er simpelthen vildledende.",
    ],
)
def test_broken_promises_formal_demands_and_waits_are_complaints(detector, text):
    assert detector.features(conv(text)).features["complaint"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Damn it, I paid the electricity bill to the wrong account number. What now?",
        "Shit, we transferred the rent twice by mistake.",
        "Fandens også, jeg har betalt regningen til den forkerte modtager.",
        "Lort, jeg tastede et forkert beløb ind.",
    ],
)
def test_swearing_at_ones_own_wrong_keystroke_is_not_profanity(detector, text):
    assert detector.features(conv(text)).features["profanity"] == 0.0


@pytest.mark.parametrize(
    "text",
    ["I feel so stupid, I clicked the link in that SMS.", "Jeg føler mig helt dum, men hvor er min IBAN?"],
)
def test_feeling_foolish_oneself_is_not_profanity(detector, text):
    assert detector.features(conv(text)).features["profanity"] == 0.0


def test_swearing_at_a_wrong_transfer_by_the_bank_still_counts(detector):
    text = "Damn it, you sent my salary to the wrong account."
    assert detector.features(conv(text)).features["profanity"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "My accountant is furious about the new reporting rules. Where do I find the annual statement?",
        "House prices are absurd right now. What is your rate on a 30-year loan?",
        "Min nabo er helt uacceptabel, han parkerer altid foran min garage. Kan jeg ændre min adresse hos"
        " jer?",
        "Politikerne er da helt latterlige med de nye regler. Hvornår kommer årsopgørelsen?",
    ],
)
def test_complaints_about_someone_else_or_the_world_count_half(detector, text):
    assert detector.features(conv(text)).features["complaint"] == 0.5


def test_a_complaint_the_customer_shares_counts_in_full(detector):
    text = "My wife and I are disappointed with how you handled our loan."
    assert detector.features(conv(text)).features["complaint"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Could someone with the authority to waive fees please look at this?",
        "Can a person with access to the back end check my transfer?",
        "Jeg vil gerne have at afdelingslederen kontakter mig.",
        "Jeg forventer at kundechefen ringer mig op i dag.",
        "Please have someone call me tomorrow morning, it is time-sensitive.",
        "Kan en rådgiver ringe mig op i morgen? Det kan ikke vente.",
    ],
)
def test_requests_named_by_a_qualifier_a_compound_or_urgency(text):
    assert human_request(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "I had a phone call with someone from your mortgage team last week, they said the offer was coming.",
        "Jeg fik et opkald fra en medarbejder i jeres kortafdeling i går om min nye pinkode.",
        "Could someone call me next Tuesday about my pension?",
        "Jeg er afdelingsleder i et mindre firma. Hvordan bestiller jeg firmakort?",
    ],
)
def test_past_calls_bookings_and_job_titles_are_not_requests(text):
    assert human_request(text) is None
