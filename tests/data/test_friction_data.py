"""Data expectations for the hand-written friction data in data/friction/.

The conversation file is the friction detector's test set and the Danish CSV a training aid, so
these tests guard the fixed format other code parses, the label balance the targets assume, and the
separation between the two files (no training text may leak into the test set).
"""

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.data.conversation_format import (
    check_escalate_at,
    check_fields,
    check_turns,
    check_unique_ids,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "friction"
CONVERSATIONS = DATA / "conversations.jsonl"
DA_MESSAGES = DATA / "da_messages_train.csv"

# Explicit requests for a person, as customers write them; used only to check coverage of the set.
HUMAN_REQUEST = {
    "en": re.compile(
        r"\b(human|real person|agent|operator|representative|manager|advisor|a person|someone)\b", re.I
    ),
    "da": re.compile(r"\b(menneske|medarbejder|rigtig(?:e|t)? person|en person|rådgiver|leder|chef)\b", re.I),
}
# Hard negatives: calm conversations that still describe a bad event in negative words.
NEGATIVE_PROBLEM = {
    "en": re.compile(r"\b(stolen|lost|hacked|failed|delayed|broken|damaged)\b", re.I),
    "da": re.compile(r"(stjålet|mistet|hacket|fejlede|forsinket|i stykker|beskadiget)", re.I),
}


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


@pytest.fixture(scope="module")
def conversations() -> list[dict]:
    lines = CONVERSATIONS.read_text(encoding="utf-8").splitlines()
    parsed = []
    for number, line in enumerate(lines, start=1):
        try:
            parsed.append(json.loads(line))
        except json.JSONDecodeError as exc:
            pytest.fail(f"{CONVERSATIONS.name} line {number} is not JSON: {exc}")
    return parsed


@pytest.fixture(scope="module")
def da_rows() -> list[dict]:
    with DA_MESSAGES.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["text", "friction"]
        return list(reader)


def _customer_turns(conv: dict) -> list[int]:
    return [i for i, turn in enumerate(conv["turns"]) if turn["role"] == "customer"]


def test_every_conversation_has_exactly_the_fixed_fields(conversations):
    check_fields(conversations, id_prefix="")


def test_ids_are_unique(conversations):
    check_unique_ids(conversations)


def test_turns_are_well_formed_and_time_never_goes_back(conversations):
    check_turns(conversations, whole_seconds=False)


def test_label_and_escalate_at_agree(conversations):
    check_escalate_at(conversations)


def test_size_and_balance(conversations):
    total = len(conversations)
    assert total >= 200
    langs = Counter(c["lang"] for c in conversations)
    labels = Counter(c["label"] for c in conversations)
    assert min(langs["en"], langs["da"]) / total >= 0.35, langs
    assert min(labels["escalate"], labels["no_escalate"]) / total >= 0.35, labels


@pytest.mark.parametrize("lang", ["en", "da"])
def test_explicit_requests_for_a_person_in_both_languages(conversations, lang):
    requests = [
        c["id"]
        for c in conversations
        if c["lang"] == lang
        and c["label"] == "escalate"
        and HUMAN_REQUEST[lang].search(c["turns"][c["escalate_at"]]["text"])
    ]
    assert len(requests) >= 10, requests


@pytest.mark.parametrize("lang", ["en", "da"])
def test_hard_negatives_with_negative_problem_words_in_both_languages(conversations, lang):
    hard = [
        c["id"]
        for c in conversations
        if c["lang"] == lang
        and c["label"] == "no_escalate"
        and any(NEGATIVE_PROBLEM[lang].search(c["turns"][i]["text"]) for i in _customer_turns(c))
    ]
    assert len(hard) >= 10, hard


def test_trigger_is_often_not_the_last_customer_turn(conversations):
    """Further turns follow some triggers, so a detector that only fires at the end shows up as late."""
    escalating = [c for c in conversations if c["label"] == "escalate"]
    followed = [c["id"] for c in escalating if c["escalate_at"] < _customer_turns(c)[-1]]
    assert len(followed) / len(escalating) >= 0.2, len(followed)


def test_danish_conversations_use_danish_letters(conversations):
    danish = [c for c in conversations if c["lang"] == "da"]
    with_letters = [c for c in danish if any(re.search("[æøåÆØÅ]", t["text"]) for t in c["turns"])]
    assert len(with_letters) / len(danish) >= 0.8


def test_no_two_conversations_open_with_the_same_message(conversations):
    openings = Counter(_normalise(c["turns"][0]["text"]) for c in conversations)
    assert [text for text, n in openings.items() if n > 1] == []


def test_da_messages_have_both_classes_and_no_duplicates(da_rows):
    assert len(da_rows) >= 350
    labels = Counter(row["friction"] for row in da_rows)
    assert set(labels) == {"0", "1"}, labels
    assert 0.3 <= labels["1"] / len(da_rows) <= 0.5, labels
    texts = [_normalise(row["text"]) for row in da_rows]
    assert all(texts)
    assert [t for t, n in Counter(texts).items() if n > 1] == []


def test_da_messages_do_not_leak_into_the_conversation_test_set(da_rows, conversations):
    conversation_texts = {_normalise(turn["text"]) for c in conversations for turn in c["turns"]}
    leaked = [row["text"] for row in da_rows if _normalise(row["text"]) in conversation_texts]
    assert leaked == []
