from datetime import UTC, datetime, timedelta

import pytest

from replydesk.loop.feedback import (
    FEEDBACK_COLUMNS,
    ActionRecord,
    FeedbackError,
    feedback_rows,
    read_feedback_csv,
    write_feedback_csv,
)

T0 = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def _rec(action, minutes=0, **kw):
    base = dict(
        action=action, at=T0 + timedelta(minutes=minutes), actor="agent-1",
        text="Where is my card? It is 4111 1111 1111 1111", suggested_intent="card_arrival",
        message_id=f"m-{action}-{minutes}", conversation_id="c1", confidence=0.7, model_version="v1",
    )  # fmt: skip
    return ActionRecord(**(base | kw))


def test_each_action_kind_becomes_the_right_row():
    rows = feedback_rows(
        [
            _rec("approve"),
            _rec("choose", 1, chosen_intent="card_delivery_estimate"),
            _rec("edit", 2, edited_text="Hi Ana, your card arrives in 3 days. Call +45 20304050."),
            _rec("reject", 3),
            _rec("takeover", 4, suggested_intent="lost_or_stolen_card"),
            _rec("claim", 5),  # not feedback
        ]
    )
    assert [(r.action, r.kind, r.label) for r in rows] == [
        ("approve", "confirm", "card_arrival"),
        ("choose", "correct", "card_delivery_estimate"),
        ("edit", "edit", "card_arrival"),
        ("reject", "negative", "card_arrival"),
        ("takeover", "negative", "lost_or_stolen_card"),
    ]
    assert [r.is_positive for r in rows] == [True, True, True, False, False]
    assert rows[1].suggested_intent == "card_arrival"  # the model's wrong guess is kept
    assert rows[2].reply == "Hi Ana, your card arrives in 3 days. Call <PHONE>."
    assert all(r.reply == "" for r in rows if r.kind != "edit")


def test_customer_text_is_redacted_in_every_row():
    rows = feedback_rows([_rec("approve"), _rec("reject", 1, text="mit cpr er 010190-1234, mail a@b.dk")])
    assert rows[0].text == "Where is my card? It is <CARD>"
    assert rows[1].text == "mit cpr er <CPR>, mail <EMAIL>"


def test_a_message_keeps_only_the_agents_last_word():
    rows = feedback_rows(
        [
            _rec("reject", 0, message_id="m"),
            # rejected, then confirmed after all
            _rec("choose", 1, message_id="m", chosen_intent="card_arrival"),
            _rec("approve", 2, message_id="m2", suggested_intent="a"),
            _rec("choose", 3, message_id="m2", suggested_intent="a", chosen_intent="b"),
            _rec("reject", 4, message_id="m3", suggested_intent="x"),
            _rec("approve", 5, message_id="m3", suggested_intent="y"),
        ]
    )
    assert [(r.message_id, r.kind, r.label) for r in rows] == [
        ("m", "correct", "card_arrival"),
        ("m2", "correct", "b"),
        ("m3", "negative", "x"),
        ("m3", "confirm", "y"),
    ]


def test_unusable_actions_are_dropped():
    rows = feedback_rows(
        [
            _rec("choose", chosen_intent=None),
            _rec("edit", edited_text="   "),
            _rec("approve", text="  "),
            _rec("approve", suggested_intent=None),
        ]
    )
    assert rows == []


def test_csv_round_trip(tmp_path):
    rows = feedback_rows([_rec("approve"), _rec("edit", 1, edited_text="Hej, kortet kommer.\nMvh")])
    path = tmp_path / "fb.csv"
    write_feedback_csv(rows, path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(FEEDBACK_COLUMNS)
    assert read_feedback_csv(path) == rows


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("text,kind\nhi,confirm\n", "lacks the column(s) label"),
        ("text,label,kind\nhi,a,positive\n", "line 2: unknown kind 'positive'"),
        ("text,label,kind\n,a,confirm\n", "line 2: empty text or label"),
        ("text,label,kind,confidence\nhi,a,confirm,high\n", "confidence 'high' is not a number"),
    ],
)
def test_bad_feedback_files_fail_clearly(tmp_path, content, message):
    path = tmp_path / "fb.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FeedbackError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_feedback_csv(path)
    with pytest.raises(FeedbackError, match="not found"):
        read_feedback_csv(tmp_path / "missing.csv")
