"""Round six of the person-request rules: a fresh batch of 100 requests and 40 look-alikes written
before measuring (49/50 English and 49/50 Danish found, one look-alike flagged). The misses are
pinned here with neighbours that must stay as they are."""

from __future__ import annotations

import pytest

from models.friction.human import human_request


@pytest.mark.parametrize(
    "text",
    [
        "I want my case handled by a person",
        "I'd like this looked at by a human, not software",
        "my complaint should be reviewed by a manager",
        "kontakt mig venligst telefonisk",
        "Kontakt mig på 12345678",
        "kan I kontakte mig telefonisk",
        "jeg vil gerne tale telefonisk med en",
        # From the same fresh batch, found before and after the change.
        "is there anybody real I can talk to",
        "hand me over to a colleague of yours who is a person",
        "jeg gider ikke mere bot, giv mig en person",
        "hvilket nummer kan jeg ringe til for at tale med jer",
    ],
)
def test_requests_for_a_person(text: str) -> None:
    assert human_request(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "how long does a transfer to another person take",
        "the money transfer to someone abroad failed",
        "I sent a transfer to a person by mistake",
        "my payment was reviewed by someone last week",
        "it was handled by your team yesterday",
        "I kontaktede mig telefonisk i sidste uge",
        "jeg talte telefonisk med jer i går",
        "du skal ikke kontakt mig",
        "hvorfor kontakt mig ikke",
        "can a person under 18 open an account",
    ],
)
def test_look_alikes_are_not_requests(text: str) -> None:
    assert human_request(text) is None
