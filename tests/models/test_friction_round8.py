"""Round-eight families of the friction detector (dev7 error analysis), mostly calm uses of alarming
words: asking how to complain or naming another trade's complaints board is neither a complaint nor a
threat; strong words about a named third party (an airline, a shop) are not at the bank; a theft counted
("stolen for the third time") is not asking again; asking whether a person does the work, whether
advisers work on Saturdays, or reporting someone's advice to ask for a person is not a request. New
escalation families: a polite refusal to accept, the stake named ("or the sale falls through"),
"nothing you suggest works", bitter acceptance after a bot loop, and a person named by authority or
"above you" (lexicon default, no trained model). The sentences are new phrasings, not dev7's own."""

from __future__ import annotations

import pytest

from models.friction.human import human_request
from tests.models.conversations import features

LOOP_EN = (
    "Why was my transfer rejected?",
    "Transfers can be rejected for security reasons.",
    "It was to my own account.",
    "Transfers can be rejected for security reasons.",
)
LOOP_DA = (
    "Hvorfor blev min overførsel afvist?",
    "Overførsler kan afvises af sikkerhedshensyn.",
    "Den gik til min egen konto.",
    "Overførsler kan afvises af sikkerhedshensyn.",
)


@pytest.mark.parametrize(
    "text",
    [
        "Where can I lodge a complaint about a car dealer?",
        "What's the procedure for complaining about an estate agent?",
        "Hvor kan man indsende en klage over et rejsebureau?",
    ],
)
def test_asking_how_to_complain_about_someone_else_is_calm(detector, text):
    found = features(detector, text)
    assert found["complaint"] == 0.0
    assert found["threat"] == 0.0


def test_declaring_a_complaint_about_the_service_is_still_a_threat(detector):
    found = features(detector, "This is the worst service, I'm going to file a complaint.")
    assert found["threat"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Jeg har sendt min sag om vandskaden til Ankenævnet for Forsikring.",
        "My case about the travel agency is with the travel complaints board now.",
    ],
)
def test_another_trades_complaints_board_is_no_threat(detector, text):
    assert features(detector, text)["threat"] == 0.0


def test_the_banks_own_complaints_board_is_a_threat(detector):
    assert features(detector, "Så går jeg til Pengeinstitutankenævnet.")["threat"] == 1.0


def test_swearing_at_a_named_third_party_is_not_at_the_bank(detector):
    english = features(detector, "The damn hotel charged my card twice, absolute cowboys. Can you help?")
    assert english["profanity"] == 0.0
    danish = features(detector, "Den latterlige webshop har lukket, og pengene er væk. Kan du hjælpe?")
    assert danish["complaint"] == 0.5


@pytest.mark.parametrize(
    ("texts", "feature", "value"),
    [
        (("I'm furious with Spotify for billing me twice. Can I stop their payments?",), "complaint", 0.5),
        (
            ("Jeg er pissesur på min udlejer, men det er ikke din skyld. Hvornår blev huslejen trukket?",),
            "profanity",
            0.0,
        ),
        (("How can I complain about a rude taxi driver who overcharged me?",), "complaint", 0.0),
        (
            ("Been waiting 40 minutes at the dentist, so quick question: can I pay by card there?",),
            "complaint",
            0.5,
        ),
        (
            ("Between the move and the new baby my finances are a nightmare. Can I pause my savings plan?",),
            "complaint",
            0.5,
        ),
        (
            ("Skilsmisse og flytning, så økonomien er noget rod. Kan jeg sætte opsparingen på pause?",),
            "complaint",
            0.5,
        ),
    ],
)
def test_anger_at_someone_named_or_at_ones_own_situation_counts_less(detector, texts, feature, value):
    assert features(detector, *texts)[feature] == value


@pytest.mark.parametrize(
    "text",
    [
        "I'm going nuts at myself, that's the second PIN I've forgotten this month.",
        "Jeg bliver sindssyg på mig selv, koden er væk igen.",
        "I'm absolutely livid with myself for clicking that link.",
    ],
)
def test_anger_at_oneself_halves_the_tone(detector, text):
    assert features(detector, text)["tone"] == pytest.approx(0.5 * detector.tone_scores([text])[0])


def test_swearing_that_also_blames_the_bank_stays(detector):
    found = features(detector, "The hotel charged twice and you did nothing, damn it.")
    assert found["profanity"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "My bike has been stolen for the third time this year. Does my insurance cover it?",
        "Mit kort er blevet kopieret for anden gang. Hvad gør jeg?",
        "I've locked my card for the second time today, how do I unlock it?",
        "Nu har jeg låst mit kort for tredje gang i denne uge. Hvordan låser jeg det op?",
    ],
)
def test_a_theft_counted_is_not_asking_again(detector, text):
    assert features(detector, text)["repeat_claim"] == 0.0


def test_saying_one_asks_for_the_third_time_is_still_a_repeat(detector):
    assert features(detector, "This is the third time I ask about my stolen bike.")["repeat_claim"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "That isn't acceptable, I've waited a month.",
        "Det kan vi simpelthen ikke acceptere.",
        "Please hurry, or our house sale falls through.",
        "Skynd jer, ellers ryger købet.",
        "Nothing you suggest has worked so far.",
        "Ingenting af det du foreslår hjælper.",
    ],
)
def test_polite_refusals_stakes_and_nothing_working_are_complaints(detector, text):
    assert features(detector, text)["complaint"] == 1.0


@pytest.mark.parametrize(
    "texts",
    [
        (*LOOP_EN, "Ok then. I'll stop trying."),
        (*LOOP_EN, "So I just wait and lose the flat. Understood."),
        (*LOOP_DA, "Nå så. Så bliver jeg vel sat på gaden."),
        (*LOOP_DA, "Okay, så jeg skal bare vente og sulte. Forstået."),
        (*LOOP_DA, "Nå, så går jeg vel ned i banken i morgen."),
    ],
)
def test_bitter_acceptance_after_a_loop_is_a_rejection(detector, texts):
    # Words of acceptance ("understood", "ok then", "nå så") close a sentence that gives up.
    assert features(detector, *texts)["rejected"] == 1.0


def test_a_plain_follow_up_after_one_answer_is_not_a_rejection(detector):
    found = features(
        detector,
        "Why was my transfer rejected?",
        "Transfers can be rejected for security reasons.",
        "So I just wait for the letter?",
    )
    assert found["rejected"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Who in your team has the power to waive this fee?",
        "I need someone with the authority to lift the block.",
        "Hvem i banken har beføjelse til at fjerne spærringen?",
        "Is there anybody above you I can go to?",
        "Er der en over dig?",
        "Any flesh-and-blood staff on duty today?",
        "Could I get a flesh and blood banker on this?",
        "Jeg har brug for, at en medarbejder godkender overførslen nu.",
    ],
)
def test_a_person_named_by_authority_or_in_unusual_words_is_asked_for(text):
    assert human_request(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Does a human ever look at the flagged payments?",
        "Is my claim reviewed by a human or automatically?",
        "Are my documents checked by a real person?",
        "Bliver ansøgningen læst af et rigtigt menneske?",
        "Do you have real people in the chat on Sundays?",
        "Har I rigtige rådgivere om aftenen?",
        "My daughter told me I should always ask for a person, but let's try: how do I change my PIN?",
        "Min datter mener, at jeg bør bede om et rigtigt menneske, men lad os prøve: hvor ser jeg min saldo?",
        "Who has the authority to sign for our company account?",
    ],
)
def test_asking_about_people_or_reporting_advice_is_not_a_request(text):
    assert human_request(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Can a human check this, please?",
        "Is someone actually reading this?",
        "Do you have a person I can talk to right now?",
        "My husband said I should ask for a manager, so please put me through to one.",
    ],
)
def test_look_alike_requests_still_ask_for_a_person(text):
    assert human_request(text) is not None
