"""Requests for a person (issue 3): every phrasing in data/friction/person_requests.csv that asks for a
person must be recognised, and none of its hard negatives (sentences that mention people, agents or
calls without asking for one) may be. The file was written independently of the friction test set."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from models.friction.human import human_request

FILE = Path(__file__).resolve().parents[2] / "data" / "friction" / "person_requests.csv"


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with FILE.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_file_format_and_size(rows):
    assert rows and set(rows[0]) == {"text", "lang", "is_request"}
    counts = Counter((r["lang"], r["is_request"]) for r in rows)
    assert set(counts) == {("en", "1"), ("da", "1"), ("en", "0"), ("da", "0")}
    for lang in ("en", "da"):
        assert counts[(lang, "1")] >= 150, lang
        assert counts[(lang, "0")] >= 100, lang
    texts = Counter((r["lang"], r["text"].strip().lower()) for r in rows)
    assert not [t for t, n in texts.items() if n > 1], "duplicate phrasings"
    assert all(r["text"].strip() for r in rows)


@pytest.mark.parametrize("lang", ["en", "da"])
def test_every_request_for_a_person_is_recognised(rows, lang):
    asks = [r["text"] for r in rows if r["lang"] == lang and r["is_request"] == "1"]
    missed = [text for text in asks if not human_request(text)]
    assert not missed, f"{len(missed)} requests missed, e.g. {missed[:5]}"


@pytest.mark.parametrize("lang", ["en", "da"])
def test_no_hard_negative_is_taken_for_a_request(rows, lang):
    wrong = [
        (r["text"], human_request(r["text"]))
        for r in rows
        if r["lang"] == lang and r["is_request"] == "0" and human_request(r["text"])
    ]
    assert not wrong, f"{len(wrong)} false requests, e.g. {wrong[:5]}"


def test_the_phrase_points_into_the_message(rows):
    # The reason shown to the agent quotes the customer's own words.
    for r in rows:
        if r["is_request"] == "1":
            phrase = human_request(r["text"])
            assert phrase and phrase in r["text"], (r["text"], phrase)
