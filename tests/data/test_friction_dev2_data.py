"""Data expectations for the second friction DEV set, data/friction/conversations_dev2.jsonl.

The second dev set is written to be harder than the first (indirect frustration, mid-conversation
escalation, calm customers with bad news), and the detector is tuned on it; these tests guard the
fixed format the tuning and evaluation code parse, and the balance of languages and labels.
"""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

DEV2 = Path(__file__).resolve().parents[2] / "data" / "friction" / "conversations_dev2.jsonl"

FIELDS = {"id", "lang", "label", "escalate_at", "turns", "note"}
TURN_FIELDS = {"role", "text", "t"}
LABELS = {"escalate", "no_escalate"}
MIN_ROWS = 200
MIN_SHARE = 0.35


@pytest.fixture(scope="module")
def conversations() -> list[dict]:
    parsed = []
    for number, line in enumerate(DEV2.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            parsed.append(json.loads(line))
        except json.JSONDecodeError as exc:
            pytest.fail(f"{DEV2.name} line {number} is not JSON: {exc}")
    return parsed


def test_every_conversation_has_exactly_the_fixed_fields(conversations):
    for conv in conversations:
        assert set(conv) == FIELDS, conv.get("id")
        assert conv["lang"] in {"en", "da"}, conv["id"]
        assert conv["label"] in LABELS, conv["id"]
        assert re.fullmatch(rf"dev2-{conv['lang']}-\d{{3}}", conv["id"]), conv["id"]
        assert isinstance(conv["note"], str) and conv["note"].strip(), conv["id"]


def test_ids_are_unique(conversations):
    duplicates = [i for i, n in Counter(c["id"] for c in conversations).items() if n > 1]
    assert not duplicates


def test_turns_are_well_formed_and_time_never_goes_back(conversations):
    for conv in conversations:
        turns = conv["turns"]
        assert 3 <= len(turns) <= 10, conv["id"]
        assert turns[0]["role"] == "customer", conv["id"]
        previous = 0
        for turn in turns:
            assert set(turn) == TURN_FIELDS, conv["id"]
            assert turn["role"] in {"customer", "bot"}, conv["id"]
            assert isinstance(turn["text"], str) and turn["text"].strip(), conv["id"]
            assert isinstance(turn["t"], int) and not isinstance(turn["t"], bool), conv["id"]
            assert turn["t"] >= previous, conv["id"]
            previous = turn["t"]


def test_escalate_at_matches_the_label_and_points_at_a_customer_turn(conversations):
    for conv in conversations:
        at = conv["escalate_at"]
        if conv["label"] == "no_escalate":
            assert at is None, conv["id"]
            continue
        assert isinstance(at, int) and not isinstance(at, bool), conv["id"]
        assert 0 <= at < len(conv["turns"]), conv["id"]
        assert conv["turns"][at]["role"] == "customer", conv["id"]


def test_set_is_large_enough_and_balanced(conversations):
    assert len(conversations) >= MIN_ROWS
    langs = Counter(c["lang"] for c in conversations)
    labels = Counter(c["label"] for c in conversations)
    for name, count in [*langs.items(), *labels.items()]:
        assert count / len(conversations) >= MIN_SHARE, (name, count)
    assert set(langs) == {"en", "da"} and set(labels) == LABELS


def test_escalation_is_spread_over_the_conversation(conversations):
    # The set is meant to be hard: many escalations happen mid-conversation, not at the first turn,
    # and the conversation goes on after the turn where a person should step in.
    at = [c["escalate_at"] for c in conversations if c["label"] == "escalate"]
    assert sum(a >= 4 for a in at) / len(at) >= 0.25
    assert max(at) >= 7
    escalating = [c for c in conversations if c["label"] == "escalate"]
    continuing = [c for c in escalating if c["escalate_at"] < len(c["turns"]) - 1]
    assert len(continuing) / len(escalating) >= 0.5


def test_no_conversation_is_duplicated(conversations):
    texts = Counter(tuple(t["text"] for t in c["turns"]) for c in conversations)
    assert not [t for t, n in texts.items() if n > 1]


def test_danish_conversations_are_written_in_danish(conversations):
    # Guards against English rows mislabelled as Danish: a Danish row uses æøå or common Danish words.
    danish = re.compile(r"[æøå]|\b(jeg|ikke|det|er|tak|hej|min|mit)\b", re.I)
    for conv in conversations:
        if conv["lang"] == "da":
            text = " ".join(t["text"] for t in conv["turns"] if t["role"] == "customer")
            assert danish.search(text), conv["id"]
