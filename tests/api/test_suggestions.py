"""Every verdict on a suggestion is sent (or not) and stored as a label with who gave it."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api
from tests.api.test_handoff import actions, post


def suggestion(api: Api, text: str = "pin?", name: str = "Ana") -> tuple[str, str]:
    cid = api.conversation(name)
    out = api.say(cid, text)
    return cid, out["suggestion_id"]


def replies(api: Api, cid: str) -> list[dict]:
    return api.client.get(f"/v1/conversations/{cid}/replies", headers=api.as_("channel")).json()


def test_approve_sends_the_suggestion_as_is(api: Api):
    cid, sid = suggestion(api)
    r = post(api, f"/v1/suggestions/{sid}/approve", "ana")
    assert r.status_code == 200 and r.json()["status"] == "approved" and r.json()["handled_by"] == "ana"
    assert [x["text"] for x in replies(api, cid)] == ["You can change your PIN at any ATM."]
    (row,) = actions(api)
    assert (row.action, row.actor, row.suggestion_id) == ("approve", "ana", sid)
    assert row.payload["suggested_intent"] == "change_pin" and row.payload["confidence"] == 0.6
    assert row.payload["customer_text"] == "pin?" and row.payload["model_version"] == "fake-1"


def test_edit_sends_and_keeps_the_edited_text(api: Api):
    cid, sid = suggestion(api)
    r = post(api, f"/v1/suggestions/{sid}/edit", "bo", json={"text": "Any ATM works, Ana."})
    assert r.json()["status"] == "edited" and r.json()["final_text"] == "Any ATM works, Ana."
    assert replies(api, cid)[0]["text"] == "Any ATM works, Ana."
    (row,) = actions(api)
    assert row.action == "edit" and row.actor == "bo" and row.payload["edited_text"] == "Any ATM works, Ana."


def test_choose_sends_the_alternative_and_records_the_intent(api: Api):
    cid, sid = suggestion(api)
    r = post(api, f"/v1/suggestions/{sid}/choose", "ana", json={"intent": "lost_or_stolen_card"})
    assert r.status_code == 200 and r.json()["status"] == "chosen"
    assert r.json()["final_intent"] == "lost_or_stolen_card"
    assert replies(api, cid)[0]["text"] == "Please freeze your card in the app."
    (row,) = actions(api)
    assert row.action == "choose" and row.payload["chosen_intent"] == "lost_or_stolen_card"
    bad = post(api, f"/v1/suggestions/{suggestion(api)[1]}/choose", "ana", json={"intent": "nope"})
    assert bad.status_code == 409 and "not an alternative" in bad.json()["detail"]


def test_choose_may_correct_to_any_intent_of_the_library(api: Api):
    cid, sid = suggestion(api)  # change_pin, with alternatives lost_or_stolen_card and change_pin
    r = post(api, f"/v1/suggestions/{sid}/choose", "ana", json={"intent": "card_arrival"})
    assert r.status_code == 200 and r.json()["final_intent"] == "card_arrival"
    assert replies(api, cid)[0]["text"] == "Hi Ana, cards arrive within 5 working days."


def test_reject_sends_nothing_and_keeps_the_reason(api: Api):
    cid, sid = suggestion(api)
    r = post(api, f"/v1/suggestions/{sid}/reject", "ana", json={"reason": "wrong intent"})
    assert r.json()["status"] == "rejected"
    assert replies(api, cid) == []
    (row,) = actions(api)
    assert row.action == "reject" and row.payload["reason"] == "wrong intent"
    # A body is optional for reject.
    assert post(api, f"/v1/suggestions/{suggestion(api)[1]}/reject", "ana").status_code == 200


@pytest.mark.parametrize("second", ["approve", "reject"])
def test_a_handled_suggestion_answers_409(api: Api, second: str):
    _, sid = suggestion(api)
    assert post(api, f"/v1/suggestions/{sid}/approve", "ana").status_code == 200
    r = post(api, f"/v1/suggestions/{sid}/{second}", "ana")
    assert r.status_code == 409 and "already handled: approved by ana" in r.json()["detail"]
    assert len(actions(api)) == 1


def test_a_suggestion_in_a_conversation_held_by_another_agent_is_409(api: Api):
    cid, sid = suggestion(api)
    post(api, f"/v1/conversations/{cid}/claim", "ana")
    r = post(api, f"/v1/suggestions/{sid}/approve", "bo")
    assert r.status_code == 409 and "held by agent ana" in r.json()["detail"]


def test_stats_count_decisions_and_verdicts(api: Api):
    api.say(api.conversation(), "Where is my card?")
    api.say(api.conversation(), "weather")
    _, sid = suggestion(api)
    post(api, f"/v1/suggestions/{sid}/approve", "ana")
    _, sid = suggestion(api)
    post(api, f"/v1/suggestions/{sid}/edit", "ana", json={"text": "x"})
    stats = api.client.get("/v1/stats", headers=api.as_("ana")).json()
    assert stats["customer_messages"] == 4
    assert stats["decisions"] == {"auto_reply": 1, "escalate": 1, "suggest": 2}
    assert stats["automation_rate"] == 0.25
    assert stats["acceptance"]["as_is"] == 0.5 and stats["acceptance"]["edited"] == 0.5
    assert stats["escalations_by_reason"] == {"out_of_scope": 1}
    pin = next(r for r in stats["per_intent"] if r["intent"] == "change_pin")
    assert (pin["messages"], pin["approved"], pin["edited"]) == (2, 1, 1)
    bin6 = stats["reliability"][6]
    assert (bin6["low"], bin6["suggestions"], bin6["accepted_as_is"]) == (0.6, 2, 0.5)
