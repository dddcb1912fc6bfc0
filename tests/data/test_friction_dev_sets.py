"""Data expectations for the friction DEV sets the detector is tuned on (the held-out test set stays
untouched): data/friction/conversations_dev.jsonl to conversations_dev15.jsonl (see data/friction/README.md
for what each adds), and the held-out check set conversations_check.jsonl. They guard the fixed format
that the tuning and evaluation code parse, and the language and label balance tuning assumes; every DEV
file the training reads is checked here.
"""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.data.conversation_format import (
    LABELS,
    check_escalate_at,
    check_fields,
    check_turns,
    check_unique_ids,
)

FRICTION = Path(__file__).resolve().parents[2] / "data" / "friction"
# file -> (id prefix, minimum rows)
DEV_SETS = {
    "conversations_dev.jsonl": ("dev", 150),
    "conversations_dev2.jsonl": ("dev2", 200),
    "conversations_dev3.jsonl": ("dev3", 150),
    "conversations_dev4.jsonl": ("dev4", 200),
    "conversations_dev5.jsonl": ("dev5", 100),
    "conversations_dev6.jsonl": ("dev6", 120),
    "conversations_dev7.jsonl": ("dev7", 120),
    "conversations_dev8.jsonl": ("dev8", 120),
    "conversations_dev9.jsonl": ("dev9", 100),
    "conversations_dev10.jsonl": ("dev10", 80),
    "conversations_dev11.jsonl": ("dev11", 170),
    "conversations_dev12.jsonl": ("dev12", 170),
    "conversations_dev13.jsonl": ("dev13", 170),
    "conversations_dev14.jsonl": ("dev14", 170),
    "conversations_dev15.jsonl": ("dev15", 170),
    "conversations_dev16.jsonl": ("dev16", 85),
    "conversations_dev17.jsonl": ("dev17", 85),
    "conversations_dev18.jsonl": ("dev18", 170),
    "conversations_dev19.jsonl": ("dev19", 160),
}

# Held-out sets: the same format and balance, never read by the training.
HELD_OUT_SETS = {"conversations_check.jsonl": ("check", 90)}
ALL_SETS = DEV_SETS | HELD_OUT_SETS

MIN_SHARE = 0.35
# Sets written as real traffic comes, with short chats too: a single exchange (a customer who writes once
# and gets one answer) or, in dev15, a first message that needs a person before the bot replies.
MIN_TURNS = {
    "conversations_check.jsonl": 2,
    "conversations_dev15.jsonl": 1,
    "conversations_dev16.jsonl": 1,
    "conversations_dev17.jsonl": 1,
    "conversations_dev18.jsonl": 1,
    "conversations_dev19.jsonl": 2,
}


def test_every_dev_file_the_training_reads_is_checked_here():
    from training.friction_data import CHECK_CONVERSATIONS_FILE, DEV_CONVERSATION_FILES

    assert {f.name for f in DEV_CONVERSATION_FILES} == set(DEV_SETS)
    assert CHECK_CONVERSATIONS_FILE.name in HELD_OUT_SETS
    assert CHECK_CONVERSATIONS_FILE not in DEV_CONVERSATION_FILES  # never trained or tuned on


@pytest.fixture(scope="module", params=sorted(ALL_SETS))
def dev_set(request) -> tuple[str, list[dict]]:
    path = FRICTION / request.param
    parsed = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            parsed.append(json.loads(line))
        except json.JSONDecodeError as exc:
            pytest.fail(f"{path.name} line {number} is not JSON: {exc}")
    return request.param, parsed


@pytest.fixture(scope="module")
def conversations(dev_set) -> list[dict]:
    return dev_set[1]


def test_every_conversation_has_exactly_the_fixed_fields(dev_set):
    check_fields(dev_set[1], id_prefix=f"{ALL_SETS[dev_set[0]][0]}-")


def test_ids_are_unique(conversations):
    check_unique_ids(conversations)


def test_turns_are_well_formed_and_time_never_goes_back(dev_set):
    name, conversations = dev_set
    check_turns(conversations, whole_seconds=True, min_turns=MIN_TURNS.get(name, 3))


def test_escalate_at_matches_the_label_and_points_at_a_customer_turn(conversations):
    check_escalate_at(conversations)


def test_set_is_large_enough_and_balanced(dev_set):
    name, conversations = dev_set
    assert len(conversations) >= ALL_SETS[name][1]
    langs = Counter(c["lang"] for c in conversations)
    labels = Counter(c["label"] for c in conversations)
    for name, count in [*langs.items(), *labels.items()]:
        assert count / len(conversations) >= MIN_SHARE, (name, count)
    assert set(langs) == {"en", "da"} and set(labels) == LABELS


def test_no_conversation_is_duplicated(conversations):
    texts = Counter(tuple(t["text"] for t in c["turns"]) for c in conversations)
    assert not [t for t, n in texts.items() if n > 1]


def test_danish_conversations_are_written_in_danish(conversations):
    # Guards against English rows mislabelled as Danish: a Danish row uses æøå or common Danish words.
    danish = re.compile(
        r"[æøå]|\b(jeg|ikke|det|er|tak|hej|min|mit|nej|mig|hvad|hvor|konto|kort|saldo)\b", re.I
    )
    for conv in conversations:
        if conv["lang"] == "da":
            text = " ".join(t["text"] for t in conv["turns"] if t["role"] == "customer")
            assert danish.search(text), conv["id"]


def test_dev2_escalation_is_spread_over_the_conversation():
    # The second set is meant to be hard: many escalations happen mid-conversation, not at the first
    # turn, and the conversation goes on after the turn where a person should step in.
    lines = (FRICTION / "conversations_dev2.jsonl").read_text(encoding="utf-8").splitlines()
    escalating = [c for c in map(json.loads, lines) if c["label"] == "escalate"]
    at = [c["escalate_at"] for c in escalating]
    assert sum(a >= 4 for a in at) / len(at) >= 0.25
    assert max(at) >= 7
    continuing = [c for c in escalating if c["escalate_at"] < len(c["turns"]) - 1]
    assert len(continuing) / len(escalating) >= 0.5


def test_dev3_has_hard_negatives_that_mention_people_or_bad_news():
    # The third set is a generalisation check: calm customers with bad news or negative words, and
    # customers who mention staff or calls without asking for a person, must be among its negatives.
    lines = (FRICTION / "conversations_dev3.jsonl").read_text(encoding="utf-8").splitlines()
    calm = [c for c in map(json.loads, lines) if c["label"] == "no_escalate"]
    text = [" ".join(t["text"].lower() for t in c["turns"] if t["role"] == "customer") for c in calm]
    bad_news = re.compile(
        r"stolen|stjålet|passed away|døde|lost|mistet|scam|snydt|terrible|horrible|forfærdelig"
    )
    people = re.compile(
        r"agent|advisor|rådgiver|person|medarbejder|husband|mand\b|manager|chef|call me|ringe til mig"
    )
    assert sum(bool(bad_news.search(t)) for t in text) >= 10
    assert sum(bool(people.search(t)) for t in text) >= 10
