"""Round-sixteen requests for a person (dev2, dev13 and dev18 error analysis): a person named as the one
who should act on the case ("kan en medarbejder tjekke det?", "jeg har brug for at en medarbejder hjælper
mig", "jeg vil gerne have at en rådgiver ser på det", "I want an explanation from someone"), and the
mentions of a person that stay calm. The sentences are new phrasings, not the DEV sets' own."""

from __future__ import annotations

import pytest

from models.friction.human import human_request


@pytest.mark.parametrize(
    "text",
    [
        "Kan en rådgiver lige kigge på min ansøgning?",
        "Gider en medarbejder tjekke hvorfor kortet er spærret",
        "Kan nogen kontakte mig om det her, tak",
        "Jeg har brug for at en rådgiver hjælper mig med budgettet",
        "Jeg vil gerne have at en sagsbehandler ser på sagen",
        "I need a straight answer from a real person today.",
        "I'd like an explanation from an adviser, please.",
    ],
)
def test_a_person_asked_to_act_on_the_case_is_a_request(text):
    assert human_request(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Kan en medarbejder se mine kontoudtog?",  # privacy, not a request
        "Min rådgiver vil gerne have at jeg sender lønsedler.",
        "I got an answer from someone yesterday, thanks.",
        "My adviser would like an explanation from me about the transfer.",
    ],
)
def test_a_person_mentioned_without_asking_stays_calm(text):
    assert human_request(text) is None
