"""Loading and rendering of answer libraries (models/answers.py), including bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.answers import Answer, AnswerLibrary, AnswerLibraryError

GOOD = """\
version: "tiny-v1"
answers:
  - intent: card_arrival
    title: Card has not arrived
    reply: >-
      Hi {customer_name}, your card is on its way
      and arrives within {delivery_days} days.
  - intent: "reverted_card_payment?"
    title: "  Card payment reverted "
    reply: "  The money is back in your balance.  "
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_answers_in_file_order(tmp_path: Path) -> None:
    library = AnswerLibrary.load(_write(tmp_path, GOOD))
    assert library.version == "tiny-v1"
    assert list(library.answers) == ["card_arrival", "reverted_card_payment?"]
    assert len(library) == 2
    assert "card_arrival" in library and "pin_blocked" not in library
    assert library.get("pin_blocked") is None
    assert library.get("reverted_card_payment?") == Answer(
        intent="reverted_card_payment?",
        title="Card payment reverted",
        reply="The money is back in your balance.",
    )


def test_folded_reply_becomes_one_line(tmp_path: Path) -> None:
    answer = AnswerLibrary.load(_write(tmp_path, GOOD)).get("card_arrival")
    assert answer is not None
    assert answer.reply == (
        "Hi {customer_name}, your card is on its way and arrives within {delivery_days} days."
    )


def test_version_defaults_to_file_stem(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("answers:\n  - {intent: a, title: A, reply: Hello.}\n", encoding="utf-8")
    assert AnswerLibrary.load(path).version == "mine"


def test_render_fills_given_values_and_keeps_the_rest() -> None:
    answer = Answer(intent="x", title="X", reply="Hi {customer_name}, see {fee_page_url} ({customer_name}).")
    assert answer.render({"customer_name": "Ida"}) == "Hi Ida, see {fee_page_url} (Ida)."
    assert answer.render() == answer.reply


def test_to_yaml_round_trips(tmp_path: Path) -> None:
    library = AnswerLibrary.load(_write(tmp_path, GOOD))
    copy = tmp_path / "copy.yaml"
    copy.write_text(library.to_yaml(), encoding="utf-8")
    assert AnswerLibrary.load(copy) == library


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(AnswerLibraryError, match="not found.*nope.yaml"):
        AnswerLibrary.load(missing)


def test_directory_is_not_a_library(tmp_path: Path) -> None:
    with pytest.raises(AnswerLibraryError, match="not found"):
        AnswerLibrary.load(tmp_path)


def test_invalid_yaml(tmp_path: Path) -> None:
    with pytest.raises(AnswerLibraryError, match="not valid UTF-8 YAML"):
        AnswerLibrary.load(_write(tmp_path, "answers: [\n  - intent: a\n"))


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(
        "answers:\n  - {intent: a, title: Kort, reply: Tak for din besked, Søren.}\n".encode("latin-1")
    )
    with pytest.raises(AnswerLibraryError, match="not valid UTF-8 YAML"):
        AnswerLibrary.load(path)


@pytest.mark.parametrize(
    "text",
    ["", "just a string\n", "- a\n- b\n", "version: v1\n", "answers: {intent: a}\n"],
    ids=["empty", "scalar", "top-level-list", "no-answers", "answers-not-a-list"],
)
def test_needs_a_top_level_answers_list(tmp_path: Path, text: str) -> None:
    with pytest.raises(AnswerLibraryError, match="top-level 'answers' list"):
        AnswerLibrary.load(_write(tmp_path, text))


def test_duplicate_intent_is_named(tmp_path: Path) -> None:
    text = (
        "answers:\n"
        "  - {intent: card_arrival, title: One, reply: First.}\n"
        "  - {intent: card_arrival, title: Two, reply: Second.}\n"
    )
    with pytest.raises(AnswerLibraryError, match="'card_arrival' appears twice"):
        AnswerLibrary.load(_write(tmp_path, text))


@pytest.mark.parametrize(
    "row",
    [
        "{title: T, reply: R.}",
        "{intent: a, reply: R.}",
        "{intent: a, title: T}",
        "{intent: a, title: '', reply: R.}",
        "{intent: a, title: T, reply: null}",
        "{intent: a, title: '   ', reply: R.}",
        '{intent: a, title: T, reply: "  \\n "}',
        "just text",
    ],
    ids=[
        "no-intent",
        "no-title",
        "no-reply",
        "empty-title",
        "null-reply",
        "blank-title",
        "blank-reply",
        "not-a-mapping",
    ],
)
def test_missing_fields_name_the_entry(tmp_path: Path, row: str) -> None:
    text = f"answers:\n  - {{intent: ok, title: Fine, reply: Fine.}}\n  - {row}\n"
    with pytest.raises(AnswerLibraryError, match="answer #2 .* needs intent, title and reply"):
        AnswerLibrary.load(_write(tmp_path, text))


def test_library_defaults_fill_placeholders_and_call_values_win(tmp_path):
    from models.answers import unfilled_placeholders

    path = tmp_path / "lib.yaml"
    path.write_text(
        "version: v\ndefaults:\n  customer_name: there\n  app_name: the app\nanswers:\n"
        "  - {intent: a, title: A, reply: 'Hi {customer_name}, open {app_name} or {fee_page_url}.'}\n",
        encoding="utf-8",
    )
    library = AnswerLibrary.load(path)
    title, reply = library.render("a")
    assert (title, reply) == ("A", "Hi there, open the app or {fee_page_url}.")
    assert unfilled_placeholders(reply) == ["fee_page_url"]
    assert library.render("a", {"customer_name": "Ida"})[1].startswith("Hi Ida,")
    assert library.render("missing") is None
    assert AnswerLibrary.load(_roundtrip(library, tmp_path)).defaults == library.defaults


def _roundtrip(library: AnswerLibrary, tmp_path) -> str:
    out = tmp_path / "again.yaml"
    out.write_text(library.to_yaml(), encoding="utf-8")
    return str(out)


def test_defaults_must_be_a_mapping(tmp_path):
    path = tmp_path / "lib.yaml"
    path.write_text("defaults: [1]\nanswers:\n  - {intent: a, title: A, reply: r}\n", encoding="utf-8")
    with pytest.raises(AnswerLibraryError, match="defaults"):
        AnswerLibrary.load(path)
