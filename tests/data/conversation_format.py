"""The fixed format of a friction conversation file (one JSON object per line), checked the same
way for the test set and the DEV sets: the evaluation and tuning code parse exactly this."""

import re
from collections import Counter

FIELDS = {"id", "lang", "label", "escalate_at", "turns", "note"}
TURN_FIELDS = {"role", "text", "t"}
LABELS = {"escalate", "no_escalate"}


def check_fields(conversations: list[dict], id_prefix: str) -> None:
    """Exactly the fixed fields; ids look like ``<id_prefix><lang>-NNN``."""
    for conv in conversations:
        assert set(conv) == FIELDS, conv.get("id")
        assert conv["lang"] in {"en", "da"}, conv["id"]
        assert conv["label"] in LABELS, conv["id"]
        assert re.fullmatch(rf"{id_prefix}{conv['lang']}-\d{{3}}", conv["id"]), conv["id"]
        assert isinstance(conv["note"], str) and conv["note"].strip(), conv["id"]


def check_unique_ids(conversations: list[dict]) -> None:
    duplicates = [i for i, n in Counter(c["id"] for c in conversations).items() if n > 1]
    assert not duplicates


def check_turns(conversations: list[dict], whole_seconds: bool, min_turns: int = 3) -> None:
    """``min_turns``-10 turns, the customer first, non-empty texts, times that never go back (whole
    seconds where ``whole_seconds``)."""
    time_type = int if whole_seconds else int | float
    for conv in conversations:
        turns = conv["turns"]
        assert min_turns <= len(turns) <= 10, conv["id"]
        assert turns[0]["role"] == "customer", conv["id"]
        for turn in turns:
            assert set(turn) == TURN_FIELDS, conv["id"]
            assert turn["role"] in {"customer", "bot"}, conv["id"]
            assert isinstance(turn["text"], str) and turn["text"].strip(), conv["id"]
            assert isinstance(turn["t"], time_type) and not isinstance(turn["t"], bool), conv["id"]
            assert turn["t"] >= 0, conv["id"]
        times = [turn["t"] for turn in turns]
        assert times == sorted(times), conv["id"]


def check_escalate_at(conversations: list[dict]) -> None:
    """``escalate_at`` is None for calm conversations, else the index of a customer turn."""
    for conv in conversations:
        at = conv["escalate_at"]
        if conv["label"] == "no_escalate":
            assert at is None, conv["id"]
            continue
        assert isinstance(at, int) and not isinstance(at, bool), conv["id"]
        assert 0 <= at < len(conv["turns"]), conv["id"]
        role = conv["turns"][at]["role"]
        assert role == "customer", f"{conv['id']}: escalate_at {at} is not a customer turn"
