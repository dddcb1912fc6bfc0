"""Round-nine families of the friction detector (dev8 error analysis), mostly calm conversations that
look alarming to a rule reader: strong words about another bank (one the customer is leaving, or a
friend's), threats and capitals quoted from a letter, a scam text or an error message, questions about
how complaints are escalated or whether there is an ombudsman, a person asked about for later or out of
curiosity, and recurring events counted by the calendar ("fourth time this year I pay ..."). New
escalation families: holding the bank responsible, understatement ("unsatisfactory"), a recommendation
withdrawn, a lawyer who will be in touch, the bot's time frame refused, "as per my last email", one last
try, "not there" about the bot's pointer, sarcastic patience ("it's only my wages"), and a person asked
for by what they must do now (lexicon default, no trained model). The sentences are new phrasings, not
dev8's own."""

from __future__ import annotations

import pytest

from models.friction.human import human_request
from tests.models.conversations import conv, features

# --- calm: another bank -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "My previous bank was a total disgrace, they lost my paperwork twice. That's why I'm moving to you. "
        "What do I need to bring?",
        "Min tidligere bank var helt elendig og uforskammet, derfor skifter jeg til jer. "
        "Hvad skal I bruge fra mig?",
        "My sister's bank is useless, she waited a month for a card. How long does yours take?",
        "Hendes bank er en katastrofe, de svarer aldrig. Har I åbent i chatten om aftenen?",
    ],
)
def test_strong_words_about_another_bank_count_half(detector, text):
    f = features(detector, text)
    assert f["complaint"] <= 0.5
    assert f["profanity"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "My old bank never lost my money like you did. This is a disgrace.",
        "Min gamle bank var aldrig så elendig som jer. Det her er en skandale.",
    ],
)
def test_a_comparison_that_blames_the_bank_still_complains(detector, text):
    assert features(detector, text)["complaint"] == 1.0


# --- calm: quoted letters, scam texts and error messages ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The letter says 'final demand - we will take legal action'. Can I pay it from my savings account?",
        "Der står 'sidste rykker - sagen sendes til retslig inkasso' i brevet. Kan jeg betale det med "
        "MobilePay?",
    ],
)
def test_a_threat_quoted_from_a_letter_is_not_the_customers(detector, text):
    assert features(detector, text)["threat"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "The pump screen says 'CARD REJECTED - CONTACT YOUR BANK IMMEDIATELY' every time. What does it mean?",
        "Appen skriver 'ADGANG NÆGTET - KONTAKT BANKEN STRAKS' når jeg logger ind. Hvad betyder det?",
    ],
)
def test_capitals_quoted_from_an_error_message_are_not_shouting(detector, text):
    assert features(detector, text)["shouting"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "The newspaper calls these overdraft fees 'a disgrace'. What do you charge for an overdraft?",
        "Forbrugerrådet kalder den slags gebyrer 'en skandale' ifølge avisen. Hvad tager I for et overtræk?",
    ],
)
def test_complaint_words_quoted_from_the_paper_do_not_count(detector, text):
    assert features(detector, text)["complaint"] == 0.0


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("I'm taking legal action unless this is fixed today.", "threat"),
        ("You call this 'service'? It's a disgrace.", "complaint"),
    ],
)
def test_the_customers_own_threat_or_complaint_still_counts(detector, text, feature):
    assert features(detector, text)[feature] == 1.0


# --- calm: how escalation works, the ombudsman, a person for later -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm writing an essay on consumer rights. Is there a banking ombudsman in Denmark?",
        "Til min opgave i samfundsfag: hvordan behandles en klage hos jer, og findes der et ankenævn?",
        "How are disputes usually handled at a bank, and who reviews appeals? It's for a class.",
    ],
)
def test_asking_about_the_complaints_process_is_no_threat(detector, text):
    f = features(detector, text)
    assert f["threat"] == 0.0
    assert f["complaint"] == 0.0
    assert human_request(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Out of curiosity, if I ever need to, can I ask to speak to an advisor in this chat?",
        "Af nysgerrighed: hvis jeg nogensinde får brug for det, kan jeg så tale med en rådgiver her?",
        "For future reference, how would I get transferred to a human agent? Everything's fine today.",
        "Bare så jeg ved det til en anden gang: kan jeg blive stillet videre til en medarbejder?",
    ],
)
def test_a_person_asked_about_for_later_is_not_a_request(text):
    assert human_request(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to the ombudsman about this.",
        "Jeg går til Pengeinstitutankenævnet med det her.",
    ],
)
def test_taking_the_bank_to_the_ombudsman_is_still_a_threat(detector, text):
    assert features(detector, text)["threat"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "I need to speak to an advisor about this now.",
        "Jeg vil tale med en rådgiver om det her nu.",
    ],
)
def test_a_plain_request_for_a_person_stays_one(text):
    assert human_request(text) is not None


# --- calm: recurring events counted by the calendar ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "Fourth time this year I'm paying the car insurance through you, works great. Automatic?",
            False,
        ),
        ("Det er anden gang i år, at forsikringen stiger. Kan du vise mig beløbene?", False),
        ("Second time this month we're splitting the rent in the app. Can I add a third person?", False),
        ("Third time this month the app has crashed on me.", True),
        ("Fourth time this week I'm writing to you about it.", True),
        ("Tredje gang i år at kortet bliver afvist i udlandet.", True),
    ],
)
def test_a_count_by_the_calendar_is_not_asking_again(detector, text, claim):
    assert (features(detector, text)["repeat_claim"] > 0) is claim


# --- escalations -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("I am holding you fully responsible for the lost deposit.", "complaint"),
        ("Vi holder banken ansvarlig for hele tabet.", "complaint"),
        ("Frankly, the way this has been handled is unsatisfactory.", "complaint"),
        ("Jeres svar er ærlig talt ikke særlig tilfredsstillende.", "complaint"),
        ("Sure, take all the time you want, it's only my wages.", "complaint"),
        ("Tag I bare jeres tid, det er jo bare min løn.", "complaint"),
        ("I'll no longer recommend your bank to my clients.", "threat"),
        ("Jeg har anbefalet jer til hele familien, men det gør jeg ikke længere.", "threat"),
        ("My solicitor will be in touch with you on Monday.", "threat"),
        ("Min advokat tager kontakt til banken i morgen.", "threat"),
    ],
)
def test_new_complaint_and_threat_wordings(detector, text, feature):
    assert features(detector, text)[feature] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "I don't have two weeks, I have until Friday.",
        "Jeg har ikke tre dage, jeg har til i aften.",
        "As per my previous email, the card was never received.",
        "Som jeg skrev tidligere, er kortet aldrig kommet.",
        "Let me try one more time: the transfer, not the card.",
        "Jeg prøver en allersidste gang: overførslen, ikke kortet.",
        "Nope, not there. Only my private accounts are listed.",
        "Nej, den står der ikke.",
    ],
)
def test_new_rejections_of_the_bots_answer(detector, text):
    f = features(detector, "Where can I see it?", "You will find it under Accounts > Overview.", text)
    assert f["rejected"] == 1.0


def test_not_there_yet_is_a_question_not_a_rejection(detector):
    f = features(
        detector, "Where can I see it?", "You will find it under Accounts > Overview.", "Not there yet?"
    )
    assert f["rejected"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Who can unblock my account before noon?",
        "Hvem kan frigive pengene inden fredag?",
        "Somebody has to investigate this.",
        "Nogen bliver nødt til at undersøge det her.",
        "Is there somebody who deals with inheritance cases?",
        "Er der ikke nogen der sidder med arvesager?",
        "Please have a specialist review my application.",
        "En medarbejder skal tjekke min sag i dag.",
    ],
)
def test_a_person_asked_for_by_what_they_must_do(text):
    assert human_request(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Who can open a junior account, only the parents?",
        "Someone needs to sign for the parcel, can it be my neighbour?",
        "Er der nogen der har haft samme problem?",
    ],
)
def test_look_alikes_are_not_requests(text):
    assert human_request(text) is None


def test_a_calm_switch_from_another_bank_does_not_escalate(detector):
    a = detector.assess(
        conv(
            "Honestly my old bank was a nightmare, worst customer service ever, so I'm switching to you. "
            "How do I move my pension?",
            "Welcome! You can move it under Pension > Transfer in.",
            "Great, done. Thanks!",
        )
    )
    assert not a.escalate


@pytest.mark.parametrize(
    "text",
    [
        "I was so angry at my former bank for years. You've been brilliant so far. Mortgage quote?",
        "I saw on the news that customers were furious about the app update. Did it change anything for me?",
        "Jeg hørte at mange kunder var rasende over det nye gebyr. Gælder det også mig?",
    ],
)
def test_praise_for_the_bank_and_hearsay_count_half(detector, text):
    assert features(detector, text)["complaint"] <= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Ugh, stupid typo, I meant 300 not 3000, sorry!",
        "Øv, dumme tastefejl, jeg mente 300 og ikke 3000!",
    ],
)
def test_correcting_ones_own_message_halves_the_tone(detector, text):
    tone = detector.tone_scores([text])[0]
    assert features(detector, text)["tone"] == pytest.approx(0.5 * tone)
