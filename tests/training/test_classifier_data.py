"""Tests of reading data sets, plus the toy data, tiny encoder and tiny answer library the
other classifier tests build on (kept here so every test module shares one definition)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from models.answers import Answer, AnswerLibrary
from tests.tiny_bert import write_tiny_bert
from training.data import DataError, Example, check_training_labels, read_examples

PHRASES = {
    "card_arrival": [
        "when will my card arrive",
        "my new card has not come yet",
        "still waiting for my card",
        "card delivery is taking so long",
        "has my card been sent",
    ],
    "lost_card": [
        "i lost my card",
        "my card was stolen",
        "someone took my wallet with the card",
        "cannot find my card anywhere",
        "block my missing card",
    ],
    "exchange_rate": [
        "what exchange rate do you use",
        "the currency rate looks wrong",
        "how much is a euro in pounds",
        "rate for converting dollars",
        "why is the exchange rate so bad",
    ],
    "refund": [
        "i want my money back",
        "how do i get a refund",
        "the refund for my purchase is missing",
        "return an item and get my money back",
        "when is my refund coming",
    ],
}
NAMES = ["ana", "bo", "carl", "dana", "erik", "fatima", "gustav", "hanne", "ida", "jonas"]
PREFIXES = ["", "hi, ", "hello, i am {name}, ", "please help: ", "this is {name}. "]
SUFFIXES = ["", " thanks", " - {name}", " asap", " please"]


def toy_rows(n: int = 400, seed: int = 0, noise: float = 0.08) -> list[Example]:
    """Four intents of templated messages; ``noise`` of the labels are flipped so the model is
    not always right and calibration has something to fix."""
    rng = random.Random(seed)
    labels = sorted(PHRASES)
    rows = []
    for i in range(n):
        label = labels[i % len(labels)]
        name = rng.choice(NAMES)
        text = (rng.choice(PREFIXES) + rng.choice(PHRASES[label]) + rng.choice(SUFFIXES)).format(name=name)
        if rng.random() < noise:
            label = rng.choice(labels)
        rows.append(Example(text, label))
    return rows


def tiny_library(labels: list[str] | None = None) -> AnswerLibrary:
    labels = labels or sorted(PHRASES)
    answers = {x: Answer(x, x.replace("_", " ").title(), f"Hi {{customer_name}}, about {x}.") for x in labels}
    return AnswerLibrary(version="toy-1", answers=answers)


def write_csv(path: Path, rows: list[tuple[str, str]], header: str = "text,label") -> Path:
    lines = [header] + [f'"{t}",{label}' for t, label in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def tiny_encoder(path: Path) -> Path:
    """A 2-layer BERT with hidden size 32 and a word-level vocabulary of the toy data."""
    words = {w for phrases in PHRASES.values() for p in phrases for w in p.split()}
    words |= set(NAMES) | {w for x in PREFIXES + SUFFIXES for w in x.replace("{name}", "").split()}
    return write_tiny_bert(path, [",", ".", "-", ":", "!"] + sorted(words))


def test_reads_text_label_and_category_columns(tmp_path: Path) -> None:
    a = read_examples(write_csv(tmp_path / "a.csv", [("hello there", "greet")]))
    b = read_examples(write_csv(tmp_path / "b.csv", [("hello there", "greet")], header="text,category"))
    assert a == b == [Example("hello there", "greet")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("text,intentionally_wrong\nhi,x\n", "label"),
        ("message,label\nhi,x\n", "'text' column"),
        ("text,label\n", "no rows"),
        ("text,label\nhi,\n", "line 2"),
    ],
)
def test_bad_csv_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        read_examples(path)


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="nope.csv"):
        read_examples(tmp_path / "nope.csv")


def test_labels_without_answers_fail_or_are_dropped_on_request() -> None:
    rows = toy_rows(40)
    library = tiny_library(["card_arrival", "lost_card", "refund"])
    with pytest.raises(DataError, match="exchange_rate"):
        check_training_labels(rows, library)
    kept = check_training_labels(rows, library, allow_unanswered=True)
    assert kept and all(r.label != "exchange_rate" for r in kept)


def test_oos_rows_cannot_be_training_targets() -> None:
    with pytest.raises(DataError, match="oos"):
        check_training_labels([*toy_rows(8), Example("what is the weather", "oos")], None)
