"""Data expectations for the shipped BANKING77 answer library (data/answers/banking77.yaml)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from models.answers import AnswerLibrary

REPO_ROOT = Path(__file__).resolve().parents[2]
LIBRARY = REPO_ROOT / "data" / "answers" / "banking77.yaml"
ALLOWED_PLACEHOLDERS = {
    "customer_name",
    "company_name",
    "app_name",
    "support_hours",
    "fee_page_url",
    "help_center_url",
    "delivery_days",
}
# Anything in braces, so a misspelt or non-word placeholder such as {fee-page} is caught too.
_BRACED = re.compile(r"\{([^{}]*)\}")


def _categories_path() -> Path:
    """The intents in the repo's copy of BANKING77, or the shared copy while that one is missing."""
    shipped = REPO_ROOT / "data" / "banking77" / "categories.json"
    return shipped if shipped.is_file() else Path("/work/shared/data/banking77/categories.json")


@pytest.fixture(scope="module")
def library() -> AnswerLibrary:
    return AnswerLibrary.load(LIBRARY)


@pytest.fixture(scope="module")
def intents() -> list[str]:
    path = _categories_path()
    assert path.is_file(), f"BANKING77 categories not found at {path}"
    return json.loads(path.read_text(encoding="utf-8"))


def test_library_has_a_version(library: AnswerLibrary) -> None:
    assert library.version == "banking77-v1"


def test_covers_exactly_the_banking77_intents_in_order(library: AnswerLibrary, intents: list[str]) -> None:
    assert len(intents) == 77
    assert list(library.answers) == intents


def test_titles_and_replies_are_not_blank(library: AnswerLibrary) -> None:
    for answer in library.answers.values():
        assert answer.title.strip(), answer.intent
        assert answer.reply.strip(), answer.intent


def test_only_allowed_placeholders(library: AnswerLibrary) -> None:
    unknown = {
        (answer.intent, name)
        for answer in library.answers.values()
        for name in _BRACED.findall(answer.reply + answer.title)
        if name not in ALLOWED_PLACEHOLDERS
    }
    assert not unknown, f"placeholders outside the allowed set: {sorted(unknown)}"


def test_no_stray_braces(library: AnswerLibrary) -> None:
    for answer in library.answers.values():
        leftover = _BRACED.sub("", answer.reply)
        assert "{" not in leftover and "}" not in leftover, answer.intent


def test_replies_and_titles_are_distinct(library: AnswerLibrary) -> None:
    replies = [a.reply for a in library.answers.values()]
    titles = [a.title.lower() for a in library.answers.values()]
    assert len(set(replies)) == len(replies)
    assert len(set(titles)) == len(titles)


def test_replies_are_two_to_five_sentences(library: AnswerLibrary) -> None:
    for answer in library.answers.values():
        sentences = re.findall(r"[.!?](?=\s|$)", answer.reply)
        assert 2 <= len(sentences) <= 5, f"{answer.intent}: {len(sentences)} sentences"


def test_replies_greet_the_customer(library: AnswerLibrary) -> None:
    for answer in library.answers.values():
        assert answer.reply.startswith("Hi {customer_name},"), answer.intent


def test_no_sentence_starts_with_a_placeholder(library: AnswerLibrary) -> None:
    """Values such as a lower-case app name would read badly at the start of a sentence."""
    for answer in library.answers.values():
        assert not re.search(r"[.!?;:]\s+\{", answer.reply), answer.intent


def test_replies_are_folded_into_one_paragraph(library: AnswerLibrary) -> None:
    for answer in library.answers.values():
        assert "\n" not in answer.reply, answer.intent
        assert "  " not in answer.reply, answer.intent


def test_render_fills_every_placeholder(library: AnswerLibrary) -> None:
    values = {name: f"<{name}>" for name in ALLOWED_PLACEHOLDERS}
    for answer in library.answers.values():
        text = answer.render(values)
        assert "{" not in text and "}" not in text, answer.intent
        assert text.startswith("Hi <customer_name>,")


def test_render_leaves_missing_values_visible(library: AnswerLibrary) -> None:
    answer = library.get("card_arrival")
    assert answer is not None
    text = answer.render({"customer_name": "Ida"})
    assert text.startswith("Hi Ida,")
    assert "{delivery_days}" in text and "{app_name}" in text


def test_round_trips_through_to_yaml(library: AnswerLibrary, tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_text(library.to_yaml(), encoding="utf-8")
    assert AnswerLibrary.load(copy) == library
