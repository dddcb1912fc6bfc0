import pytest
import yaml

from models.answers import Answer, AnswerLibrary
from replydesk.loop.curate import ReviewError, apply_review, propose_answers, read_review, write_review
from replydesk.loop.feedback import FeedbackRow

LIB = AnswerLibrary(
    version="v1",
    answers={
        "card_arrival": Answer(
            "card_arrival", "Card has not arrived", "Hi {customer_name}, it is on its way."
        ),
    },
)


def _edit(label, reply, actor="a1"):
    return FeedbackRow(text="where is it", label=label, kind="edit", action="edit", suggested_intent=label,
                       reply=reply, actor=actor)  # fmt: skip


CARD = [
    _edit("card_arrival", "Hi Ana, cards arrive within 5 working days. Track it in the app.", "a1"),
    _edit("card_arrival", "Hi Bo, cards arrive within 5 working days. Track it in the app!", "a2"),
    _edit("card_arrival", "Hi Søren, cards arrive within 5 working days - track it in the app.", "a1"),
]


def test_recurring_similar_edits_become_one_improvement():
    rows = CARD + [_edit("card_arrival", "Please call us about this, we need to check your address.")]
    [p] = propose_answers(rows, LIB, min_count=3)
    assert p.intent == "card_arrival" and p.kind == "improve" and p.title == "Card has not arrived"
    assert p.occurrences == 3 and p.agents == 2
    assert p.proposed_reply.startswith("Hi {customer_name}, cards arrive within 5 working days")
    assert p.current_reply == "Hi {customer_name}, it is on its way."
    assert p.cohesion > 0.75 and not p.accept


def test_an_intent_without_an_answer_gets_a_new_one_and_rare_or_different_edits_none():
    rows = [_edit("crypto", f"Hej {n}, vi understøtter ikke krypto endnu.") for n in ("Ana", "Bo", "Eva")]
    rows += [_edit("refund", "Refunds take 5 days."), _edit("refund", "Refunds take 5 days!")]
    rows += [_edit("fees", t) for t in ("No fee.", "See the fee page for all fees.", "Ring til os")]
    [p] = propose_answers(rows, LIB, min_count=3)
    assert (p.intent, p.kind, p.title) == ("crypto", "new", "Crypto")
    assert p.proposed_reply == "Hej {customer_name}, vi understøtter ikke krypto endnu."


def test_edits_that_restate_the_library_answer_propose_nothing():
    rows = [_edit("card_arrival", f"Hi {n}, it is on its way.") for n in ("Ana", "Bo", "Eva", "Kim")]
    assert propose_answers(rows, LIB) == []
    assert propose_answers([r for r in rows if r.kind == "confirm"], LIB) == []


def test_review_round_trip_and_apply(tmp_path):
    proposals = propose_answers(CARD, LIB)
    path = tmp_path / "review.yaml"
    write_review(proposals, path, None, LIB.version)
    body = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert body["proposals"][0]["accept"] is False
    unchanged, n = apply_review(LIB, read_review(path))
    assert n == 0 and unchanged == LIB
    body["proposals"][0]["accept"] = True
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    new, n = apply_review(LIB, read_review(path))
    assert n == 1 and new.version.startswith("v1+curated-")
    assert new.get("card_arrival").reply.startswith("Hi {customer_name}, cards arrive within 5 working days")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("just text", "needs a top-level 'proposals' list"),
        ("proposals: [{intent: a}]", "proposal #1 .* needs an intent and a proposed_reply"),
        ("proposals: [{intent: a, proposed_reply: x, accept: yes please}]", "accept must be true or false"),
        ("proposals: [", "not valid YAML"),
    ],
)
def test_bad_review_files_fail_clearly(tmp_path, content, message):
    path = tmp_path / "review.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReviewError, match=message):
        read_review(path)


def test_curate_answers_cli_proposes_then_applies_what_a_person_accepted(home, tmp_path):
    from typer.testing import CliRunner

    from replydesk.cli import app
    from replydesk.loop.feedback import write_feedback_csv

    runner = CliRunner()
    fb = tmp_path / "fb.csv"
    write_feedback_csv(CARD, fb)
    review = tmp_path / "review.yaml"
    result = runner.invoke(app, ["curate-answers", "--feedback", str(fb), "--out", str(review)])
    assert result.exit_code == 0, result.output
    assert "1 proposal(s) written" in result.output
    body = yaml.safe_load(review.read_text(encoding="utf-8"))
    assert body["library_version"] == "loop-test-1" and body["proposals"][0]["intent"] == "card_arrival"
    body["proposals"][0]["accept"] = True
    review.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")

    result = runner.invoke(app, ["curate-answers", "--apply", str(review)])
    assert result.exit_code == 1 and "--apply needs --out" in result.output
    new = tmp_path / "new.yaml"
    result = runner.invoke(app, ["curate-answers", "--apply", str(review), "--out", str(new)])
    assert result.exit_code == 0, result.output
    lib = AnswerLibrary.load(new)
    assert "cards arrive within 5 working days" in lib.get("card_arrival").reply
    assert lib.get("change_pin") is not None  # the rest of the library is kept
    assert AnswerLibrary.load(home.settings.answers_path).version == "loop-test-1"  # original untouched
