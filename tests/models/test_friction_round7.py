"""Round-seven families of the friction detector (dev6 error analysis): requests for a person named by
their tie to the case, preferred over the bot, asked for in the passive or for a call within the hour;
calls someone else promised are not requests; present-tense ultimatums and a mortgage or savings taken
to a named competitor are threats; praise around a loss, praise for an error message, "tried later",
"I gathered as much", "that's not an answer" and a stressed "Today IS ..." are rejected answers;
checking whether a text is a scam is not a complaint (lexicon default, no trained model). The sentences
are new phrasings of each family, not dev6's own."""

from __future__ import annotations

import pytest

from models.friction.human import human_request
from tests.models.conversations import conv

ASKED_EN = ("When will my refund arrive?", "Refunds are processed within 10 banking days.")
ASKED_DA = ("Hvornår kommer min refusion?", "Refusioner behandles inden for 10 bankdage.")


@pytest.mark.parametrize(
    "text",
    [
        "Can I speak to whoever is handling my loan application?",
        "Put me in touch with whoever decides on the fee refund.",
        "I want to reach the one working on my case.",
        "Kan jeg tale med den som behandler min ansøgning?",
        "Kan jeg komme igennem til dem der sidder med min sag?",
        "Må jeg få lov til at tale med personen der sidder med min klage?",
    ],
)
def test_a_person_named_by_their_tie_to_the_case_is_asked_for(text):
    assert human_request(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "I would prefer to go through this with an advisor rather than a bot.",
        "I'd rather sort this out with someone than with a bot.",
        "Jeg vil hellere drøfte det med en rådgiver end med en robot.",
        "Jeg tager det hellere med nogen fra banken end med botten.",
    ],
)
def test_preferring_a_person_over_the_bot_is_a_request(text):
    assert human_request(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "I'd rather use the app than a chatbot, it's quicker.",
        "Jeg vil hellere bruge netbanken end en chatbot.",
    ],
)
def test_preferring_the_app_over_the_bot_is_not_a_request(text):
    assert human_request(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Is it possible to be transferred? The FAQ doesn't cover this.",
        "Could my question be handed over to a specialist?",
        "Any chance of being handed over to a colleague?",
        "I'd like to talk about my overdraft with an advisor.",
        "Jeg vil gerne drøfte min pension med en rådgiver.",
    ],
)
def test_passive_requests_and_the_subject_before_the_person(text):
    assert human_request(text) is not None


def test_a_case_already_handed_over_is_not_a_request():
    assert human_request("My complaint has been handed over to your legal team already.") is None


@pytest.mark.parametrize(
    "text",
    [
        "Could someone phone me within the next 30 minutes? I'm boarding soon.",
        "Can an advisor call me in the next hour, my card is stuck in the machine.",
        "Kan en rådgiver ringe mig op i løbet af den næste halve time?",
        "Vil I ringe til mig hurtigst muligt i morgen tidlig?",
    ],
)
def test_a_call_within_the_hour_is_urgent_not_booked(text):
    assert human_request(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Your adviser Jonas told me he would call me Friday. Can you check my new PIN letter was sent?",
        "They promised to ring me back about the valuation. When does the offer expire?",
        "Min rådgiver lovede at ringe til mig om renten. Hvad er den aktuelle rente?",
        "Hun sagde at hun ville kontakte mig efter mødet. Hvor finder jeg referatet?",
    ],
)
def test_a_call_someone_else_promised_is_not_a_request(text):
    assert human_request(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Refund the fee by Monday or I cancel every card I have with you.",
        "Answer me today, otherwise we're leaving.",
        "Sort the double charge out or I'm off to Sydbank.",
        "Få det rettet, eller også trækker jeg alle mine penge ud.",
        "I'll move my savings over to Lunar if this isn't fixed by Friday.",
        "If nobody calls me back I'll take our business account to Danske Bank.",
        "Så flytter jeg bare pensionen over til Nordea.",
    ],
)
def test_present_tense_ultimatums_and_a_named_competitor_are_threats(detector, text):
    assert detector.features(conv(text)).features["threat"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "We're consolidating everything with my wife's bank. How do I close my account?",
        "Can I move my pension to Nordea if I change jobs?",
        "I'll transfer the rent to Nordea tomorrow.",
        "Skal jeg betale nu, eller venter jeg til næste måned?",
    ],
)
def test_moving_money_calmly_is_not_a_threat(detector, text):
    assert detector.features(conv(text)).features["threat"] == 0.0


@pytest.mark.parametrize(
    ("asked", "reply"),
    [
        (ASKED_EN, "Splendid. So no salary this month."),
        (ASKED_EN, "Two weeks and still nothing from the merchant. Marvellous."),
        (ASKED_DA, "Herligt. Så må jeg låne af min mor igen."),
        (ASKED_DA, "Ingen penge og intet svar. Strålende."),
    ],
)
def test_praise_around_a_loss_is_a_rejection(detector, asked, reply):
    assert detector.features(conv(*asked, reply)).features["rejected"] == 1.0


@pytest.mark.parametrize(
    ("asked", "reply"),
    [
        (("Is there a fee on the card?", "No, the card is free."), "No fees? Fantastic!"),
        (("Is there a fee on the card?", "No, the card is free."), "No fee at all. Perfect."),
        (ASKED_DA, "Ingen hast. Dejligt."),
    ],
)
def test_good_news_with_praise_is_not_a_rejection(detector, asked, reply):
    assert detector.features(conv(*asked, reply)).features["rejected"] == 0.0


@pytest.mark.parametrize(
    ("asked", "reply"),
    [
        (ASKED_EN, "Great error message by the way, 'code 0x17'. Super clear."),
        (ASKED_EN, "Been trying since Monday and it still fails. So informative, thank you."),
        (ASKED_DA, "Dejlig fejlmeddelelse i øvrigt. Meget sigende."),
        (ASKED_EN, "I tried later, twice."),
        (ASKED_DA, "Jeg har prøvet igen senere. Flere gange."),
    ],
)
def test_praising_an_error_and_trying_later_are_rejections(detector, asked, reply):
    assert detector.features(conv(*asked, reply)).features["rejected"] == 1.0


@pytest.mark.parametrize(
    ("asked", "reply"),
    [
        (ASKED_EN, "Thanks, that was very informative!"),
        (ASKED_EN, "I tried again later and it worked, thanks."),
        (ASKED_DA, "Jeg har prøvet igen senere, og nu virker det. Tak."),
    ],
)
def test_genuine_praise_and_a_later_try_that_worked_are_not_rejections(detector, asked, reply):
    assert detector.features(conv(*asked, reply)).features["rejected"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Someone called saying they were from your fraud team. That's a scam, isn't it?",
        "Det er svindel, ikke sandt? Mailen kom fra en gmail-adresse.",
        "I think this is fraud, the email had a weird link. Should I forward it to you?",
        "Jeg tror det er svindel, den besked jeg fik fra 'banken'.",
    ],
)
def test_checking_whether_a_message_is_a_scam_is_not_a_complaint(detector, text):
    assert detector.features(conv(text)).features["complaint"] == 0.0


def test_calling_the_bank_a_scam_is_still_a_complaint(detector):
    assert detector.features(conv("This is a scam, you took the fee twice!")).features["complaint"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Må jeg godt snakke med nogen om min opsparing?",
        "Må jeg lige tale med nogen om mit lån?",
        "Kan nogen ringe mig op inden for de næste 15 minutter?",
    ],
)
def test_asking_leave_to_talk_to_someone_and_a_call_within_minutes(text):
    assert human_request(text) is not None


def test_an_ultimatum_that_opens_with_what_the_customer_is_doing(detector):
    text = "Closing both accounts this evening unless somebody refunds the fee."
    assert detector.features(conv(text)).features["threat"] == 1.0


@pytest.mark.parametrize(
    ("asked", "reply"),
    [
        (ASKED_EN, "Yes, I gathered as much. What I need is the date."),
        (ASKED_EN, "I'm well aware of that. It's been 14 banking days."),
        (ASKED_DA, "Ja, det kunne jeg godt selv regne ud. Hvornår kommer pengene?"),
        (ASKED_DA, "Det er jeg udmærket klar over."),
        (ASKED_EN, "That is not an answer to what I asked."),
        (ASKED_DA, "Det var da intet svar."),
        (ASKED_EN, "The refund WAS processed, your own letter says so."),
        (ASKED_DA, "Pengene ER trukket, kig nu på kontoen."),
    ],
)
def test_no_news_a_non_answer_and_a_stressed_premise_are_rejections(detector, asked, reply):
    assert detector.features(conv(*asked, reply)).features["rejected"] == 1.0


@pytest.mark.parametrize(
    ("asked", "reply"),
    [
        (ASKED_EN, "That's the answer I was hoping for, thanks."),
        (ASKED_EN, "It IS quicker than last time, great!"),
        (ASKED_DA, "Det ER hurtigere end sidst, dejligt."),
    ],
)
def test_a_welcome_answer_or_stress_in_pleasure_is_not_a_rejection(detector, asked, reply):
    assert detector.features(conv(*asked, reply)).features["rejected"] == 0.0
