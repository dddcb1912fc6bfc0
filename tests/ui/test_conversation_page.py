"""Conversation page: history, suggestion, friction, and each agent action reaching the API."""

import pytest

from agent_ui.client import ApiError

OPEN = {"conversation_id": "c-unsure"}


def test_history_suggestion_and_friction_are_shown(open_page, fake):
    at = open_page("views/conversation.py", **OPEN)
    assert set(fake.called("conversation")) == {("c-unsure",)}
    assert not at.info, "nothing changed while the page was drawn"
    captions = [c.value for c in at.caption]
    assert any(c.startswith("#1 · **Customer**") for c in captions)
    assert any(c.startswith("#2 · **Bot**") for c in captions)
    assert any(c.startswith("#4 · **Agent (eva)**") for c in captions)
    markdown = [m.value for m in at.markdown]
    assert "**Card has not arrived** · :green-badge[83% sure]" in markdown
    assert "**Delivery time** · :red-badge[9% sure]" in markdown
    # The friction reason points at the customer's third message, in the history and the panel.
    assert ":red[:material/warning: The customer says they asked before]" in markdown
    assert any("→ **#3** “This is the third time I ask!”" in m for m in markdown)
    assert at.text_area(key="edit_s-1").value == "Cards usually arrive within 3 working days."


def test_send_as_is(open_page, fake):
    at = open_page("views/conversation.py", **OPEN)
    at.button(key="approve_s-1").click().run()
    assert not at.exception
    assert fake.called("approve") == [("s-1",)]
    assert [s.value for s in at.success] == ["Sent the suggested reply."]


def test_edit_and_send_sends_the_edited_text(open_page, fake):
    at = open_page("views/conversation.py", **OPEN)
    at.text_area(key="edit_s-1").set_value("Your card ships today, Ana.")
    at.button(key="FormSubmitter:edit_form_s-1-Send edited").click().run()
    assert not at.exception
    assert fake.called("edit") == [("s-1", "Your card ships today, Ana.")]
    assert [s.value for s in at.success] == ["Sent your edited reply."]


def test_pick_an_alternative(open_page, fake):
    at = open_page("views/conversation.py", **OPEN)
    at.button(key="choose_s-1_card_delivery_estimate").click().run()
    assert fake.called("choose") == [("s-1", "card_delivery_estimate")]
    assert not at.exception


def test_reject_with_a_reason(open_page, fake):
    at = open_page("views/conversation.py", **OPEN)
    at.text_input(key="reject_reason_s-1").set_value("wrong intent")
    at.button(key="FormSubmitter:reject_form_s-1-Reject suggestion").click().run()
    assert fake.called("reject") == [("s-1", "wrong intent")]
    assert not at.exception


def test_write_my_own(open_page, fake):
    at = open_page("views/conversation.py", **OPEN)
    at.text_area(key="own_c-unsure").set_value("I have reordered your card.")
    at.button(key="FormSubmitter:own_form_c-unsure-Send my reply").click().run()
    assert fake.called("reply") == [("c-unsure", "I have reordered your card.")]
    assert [s.value for s in at.success] == ["Sent your reply."]


@pytest.mark.parametrize(
    ("status", "op"),
    [
        ("waiting_for_agent", "claim"),
        ("bot", "takeover"),
        ("waiting_for_agent", "takeover"),
        ("agent", "handback"),
        ("agent", "resolve"),
    ],
)
def test_ownership_actions(open_page, fake, status, op):
    fake.conversation_data["conversation"]["status"] = status
    at = open_page("views/conversation.py", **OPEN)
    assert not at.button(key=f"{op}_c-unsure").disabled
    at.button(key=f"{op}_c-unsure").click().run()
    assert not at.exception
    assert fake.called(op) == [("c-unsure",)]


def test_a_failed_send_is_kept_and_retried_with_the_same_text(open_page, fake):
    fake.fail["edit"] = ApiError("Cannot reach the ReplyDesk service", retryable=True)
    at = open_page("views/conversation.py", **OPEN)
    at.text_area(key="edit_s-1").set_value("Edited once")
    at.button(key="FormSubmitter:edit_form_s-1-Send edited").click().run()
    assert [e.value for e in at.error] == ["Cannot reach the ReplyDesk service"]
    at.run()  # an unrelated rerun (refresh) neither loses nor drops the action
    assert at.text_area(key="edit_s-1").value == "Edited once"
    del fake.fail["edit"]
    at.button(key="retry:conversation").click().run()
    assert not at.exception
    assert fake.called("edit") == [("s-1", "Edited once")] * 3
    assert [s.value for s in at.success] == ["Sent your edited reply."]
    at.run()
    assert len(fake.called("edit")) == 3, "a confirmed action is not sent again"


def test_a_refused_action_is_explained_and_dropped(open_page, fake):
    fake.fail["approve"] = ApiError("Someone got there first: suggestion already handled", 409)
    at = open_page("views/conversation.py", **OPEN)
    at.button(key="approve_s-1").click().run()
    assert [e.value for e in at.error] == ["Someone got there first: suggestion already handled"]
    at.run()
    assert len(fake.called("approve")) == 1
    assert not at.error


def test_without_a_conversation_it_points_to_the_queue(open_page, fake):
    at = open_page("views/conversation.py")
    assert any("Pick a conversation" in i.value for i in at.info)
    assert not fake.called("conversation")


def test_live_history_notices_a_change_and_offers_a_reload(open_page, fake, monkeypatch):
    answers = iter([fake.conversation_data, {**fake.conversation_data, "suggestions": []}])
    monkeypatch.setattr(fake, "conversation", lambda cid: next(answers, fake.conversation_data))
    at = open_page("views/conversation.py", **OPEN)
    assert any("suggestion changed" in i.value for i in at.info)
    at.button(key="show_changes").click().run()
    assert not at.exception


def test_customer_text_is_shown_as_written_not_as_markdown(open_page, fake):
    fake.conversation_data["messages"][0]["text"] = "I paid $5 *twice* :red[now]"
    at = open_page("views/conversation.py", **OPEN)
    assert r"I paid \$5 \*twice\* \:red\[now\]" in [m.value for m in at.markdown]
