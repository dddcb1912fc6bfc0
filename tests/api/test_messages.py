"""Customer messages: the three decisions, model failures, idempotency, replies to the channel."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.api.conftest import Api
from tests.api.fakes import FakeClassifierProvider, FakeFrictionProvider


def test_confident_calm_message_is_answered_by_the_bot(api: Api):
    cid = api.conversation("Ana")
    out = api.say(cid, "Where is my card?")
    assert out["decision"] == "auto_reply"
    assert out["reply"] == "Hi Ana, cards arrive within 5 working days."
    assert out["status"] == "bot" and out["suggestion_id"] is None
    assert out["prediction"]["intent"] == "card_arrival" and out["prediction"]["model_version"] == "fake-1"
    assert out["friction"]["score"] == 0.05
    assert [r["code"] for r in out["reasons"]] == ["confident"]
    replies = api.client.get(f"/v1/conversations/{cid}/replies", headers=api.as_("channel")).json()
    assert [(r["role"], r["text"]) for r in replies] == [("bot", out["reply"])]


def test_unsure_message_becomes_a_suggestion_for_agents(api: Api):
    cid = api.conversation()
    out = api.say(cid, "how do I change my pin")
    assert out["decision"] == "suggest" and out["reply"] is None
    assert out["status"] == "waiting_for_agent" and out["suggestion_id"]
    assert [r["code"] for r in out["reasons"]] == ["low_confidence"]
    detail = api.client.get(f"/v1/conversations/{cid}", headers=api.as_("ana")).json()
    (suggestion,) = detail["suggestions"]
    assert suggestion["intent"] == "change_pin" and suggestion["status"] == "pending"
    assert suggestion["reply"] == "You can change your PIN at any ATM."
    assert [a["intent"] for a in suggestion["alternatives"]] == ["lost_or_stolen_card", "change_pin"]
    assert suggestion["alternatives"][0]["reply"] == "Please freeze your card in the app."
    assert api.client.get(f"/v1/conversations/{cid}/replies", headers=api.as_("channel")).json() == []


def test_friction_and_human_requests_escalate_with_reasons(api: Api):
    cid = api.conversation()
    out = api.say(cid, "my card!! I am angry")
    assert out["decision"] == "escalate" and [r["code"] for r in out["reasons"]] == ["friction"]
    assert out["friction"]["reasons"][0]["code"] == "anger"
    cid2 = api.conversation()
    out2 = api.say(cid2, "card. let me talk to a human")
    assert [r["code"] for r in out2["reasons"]] == ["human_requested"]
    detail = api.client.get(f"/v1/conversations/{cid}", headers=api.as_("ana")).json()
    msg_id = detail["messages"][0]["id"]
    assert detail["friction"]["reasons"][0]["message_id"] == msg_id


def test_out_of_scope_escalates(api: Api):
    out = api.say(api.conversation(), "what is the weather")
    assert out["decision"] == "escalate" and [r["code"] for r in out["reasons"]] == ["out_of_scope"]


def test_without_a_model_every_message_goes_to_agents(make_api):
    api = make_api(classifier=FakeClassifierProvider(model=None))
    out = api.say(api.conversation(), "Where is my card?")
    assert out["decision"] == "escalate" and out["prediction"] is None and out["suggestion_id"] is None
    assert [r["code"] for r in out["reasons"]] == ["model_unavailable"]
    assert out["status"] == "waiting_for_agent"


def test_a_crashing_model_sends_nothing_automatically(api: Api):
    out = api.say(api.conversation(), "card crash")
    assert out["decision"] == "escalate" and [r["code"] for r in out["reasons"]] == ["model_unavailable"]


def test_without_friction_detector_the_bot_only_suggests(make_api):
    api = make_api(friction=FakeFrictionProvider(detector=None))
    out = api.say(api.conversation(), "Where is my card?")
    assert out["decision"] == "suggest" and out["friction"] is None
    assert [r["code"] for r in out["reasons"]] == ["friction_unavailable"]


def test_no_answer_text_means_no_automatic_reply(api: Api):
    out = api.say(api.conversation(), "nolibrary rate please")
    assert out["decision"] == "suggest" and [r["code"] for r in out["reasons"]] == ["no_answer"]


def test_an_anonymous_customer_gets_the_library_default_and_an_unfilled_placeholder_blocks_sending(
    make_api, settings
):
    library = settings.var_dir / "with-defaults.yaml"
    library.parent.mkdir(parents=True, exist_ok=True)
    library.write_text(
        "version: t\ndefaults:\n  customer_name: there\nanswers:\n"
        "  - {intent: card_arrival, title: Card, reply: 'Hi {customer_name}, see {fee_page_url}.'}\n",
        encoding="utf-8",
    )
    overrides = {"answers_path": library, "answer_values": {"fee_page_url": "https://bank.example/fees"}}
    filled = make_api(app_settings=settings.model_copy(update=overrides))
    out = filled.say(filled.conversation(name=None), "Where is my card?")
    assert out["decision"] == "auto_reply" and out["reply"] == "Hi there, see https://bank.example/fees."

    unfilled = make_api(app_settings=settings.model_copy(update={"answers_path": library}))
    out = unfilled.say(unfilled.conversation("Ana"), "Where is my card?")
    assert out["decision"] == "suggest" and out["reply"] is None
    assert [r["code"] for r in out["reasons"]] == ["unfilled_placeholder"]


def test_missing_answer_library_still_serves(make_api, settings):
    api = make_api(app_settings=settings.model_copy(update={"answers_path": settings.var_dir / "none.yaml"}))
    out = api.say(api.conversation(), "Where is my card?")
    assert out["decision"] == "suggest" and out["suggestion_id"]
    detail = api.client.get(f"/v1/conversations/{out['conversation_id']}", headers=api.as_("ana")).json()
    assert detail["suggestions"][0]["reply"] is None


def test_retry_with_same_idempotency_key_stores_nothing_new(api: Api):
    cid = api.conversation()
    first = api.say(cid, "Where is my card?", key="wh-1")
    again = api.say(cid, "Where is my card?", key="wh-1")
    assert again == first
    other = api.say(cid, "Where is my card?", key="wh-2")
    assert other["message_id"] != first["message_id"]
    detail = api.client.get(f"/v1/conversations/{cid}", headers=api.as_("ana")).json()
    assert [m["role"] for m in detail["messages"]] == ["customer", "bot", "customer", "bot"]


def test_a_late_retry_beyond_the_recent_history_still_stores_nothing_new(api: Api):
    # The turn spots recent retries in the history it reads anyway; an older one is caught by the
    # unique key at the INSERT, and must answer the same way.
    from service.crud.messages import FRICTION_WINDOW

    cid = api.conversation()
    first = api.say(cid, "Where is my card?", key="old-1")
    for i in range(FRICTION_WINDOW):
        api.say(cid, f"card question {i}", key=f"later-{i}")
    again = api.say(cid, "Where is my card?", key="old-1")
    assert again == first | {"status": again["status"]}
    detail = api.client.get(f"/v1/conversations/{cid}", headers=api.as_("ana")).json()
    customer = [m for m in detail["messages"] if m["role"] == "customer"]
    assert len(customer) == FRICTION_WINDOW + 1
    # The positions stay dense and ordered: each customer message and its bot reply.
    assert [m["role"] for m in detail["messages"]] == ["customer", "bot"] * (FRICTION_WINDOW + 1)
    api.say(cid, "one more card question", key="after-retry")  # the failed INSERT left nothing behind


def test_a_lagging_last_seq_catches_up_instead_of_blocking_the_conversation(api: Api):
    # E.g. messages written by a replica of an older version, which did not keep last_seq.
    from sqlalchemy import update

    from service.db import Conversation

    def lag() -> None:
        with api.client.app.state.sessions() as session:
            session.execute(update(Conversation).where(Conversation.id == cid).values(last_seq=1))
            session.commit()

    cid = api.conversation()
    api.say(cid, "card?")
    api.say(cid, "card again?")  # seq 3 and 4 (each with the bot's reply)
    lag()
    api.say(cid, "card, third time?", key="k-3", expect=409)  # its position was taken: refused...
    api.say(cid, "card, third time?", key="k-3")  # ...and the retry goes through
    lag()
    r = api.client.post(f"/v1/conversations/{cid}/reply", json={"text": "Here."}, headers=api.as_("ana"))
    assert r.status_code == 200, r.text  # an agent's message checks the stored positions itself
    api.say(cid, "thanks")
    detail = api.client.get(f"/v1/conversations/{cid}", headers=api.as_("ana")).json()
    assert [m["text"] for m in detail["messages"] if m["role"] != "bot"] == [
        "card?",
        "card again?",
        "card, third time?",
        "Here.",
        "thanks",
    ]


def test_concurrent_retries_store_one_message(api: Api):
    cid = api.conversation()
    with ThreadPoolExecutor(6) as pool:
        outs = list(pool.map(lambda _: api.say(cid, "how do I change my pin", key="same"), range(6)))
    assert len({o["message_id"] for o in outs}) == 1
    detail = api.client.get(f"/v1/conversations/{cid}", headers=api.as_("ana")).json()
    assert len(detail["messages"]) == 1 and len(detail["suggestions"]) == 1


def test_a_new_message_supersedes_the_pending_suggestion(api: Api):
    cid = api.conversation()
    first = api.say(cid, "pin?")
    second = api.say(cid, "pin please")
    detail = api.client.get(f"/v1/conversations/{cid}", headers=api.as_("ana")).json()
    status = {s["id"]: s["status"] for s in detail["suggestions"]}
    assert status == {first["suggestion_id"]: "superseded", second["suggestion_id"]: "pending"}


def test_replies_after_a_message(api: Api):
    cid = api.conversation()
    api.say(cid, "card?")
    seen = api.client.get(f"/v1/conversations/{cid}/replies", headers=api.as_("channel")).json()
    api.say(cid, "card again?")
    newer = api.client.get(
        f"/v1/conversations/{cid}/replies", params={"after": seen[-1]["id"]}, headers=api.as_("channel")
    ).json()
    assert len(newer) == 1 and newer[0]["id"] != seen[-1]["id"]
