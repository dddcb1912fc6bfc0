"""Ownership: claim (one winner), takeover, handback, resolve, agent replies, the queue."""

from __future__ import annotations

import threading

from sqlalchemy import select

from service.db import AgentAction, make_engine, make_sessionmaker
from tests.api.conftest import Api


def actions(api: Api) -> list[AgentAction]:
    engine = make_engine(api.settings.effective_database_url)
    with make_sessionmaker(engine)() as session:
        rows = list(session.scalars(select(AgentAction).order_by(AgentAction.at)))
    engine.dispose()
    return rows


def post(api: Api, path: str, who: str, **kw):
    return api.client.post(path, headers=api.as_(who), **kw)


def test_claim_reply_handback_and_the_bot_speaks_again(api: Api):
    cid = api.conversation()
    api.say(cid, "pin?")
    r = post(api, f"/v1/conversations/{cid}/claim", "ana")
    assert r.status_code == 200 and r.json()["status"] == "agent" and r.json()["agent"] == "ana"
    assert post(api, f"/v1/conversations/{cid}/claim", "ana").status_code == 200  # again: harmless
    conflict = post(api, f"/v1/conversations/{cid}/claim", "bo")
    assert conflict.status_code == 409 and "ana" in conflict.json()["detail"]
    # While a person owns it the bot stays silent even when confident.
    held = api.say(cid, "Where is my card?")
    assert held["decision"] == "suggest" and held["reply"] is None and held["status"] == "agent"
    assert [r["code"] for r in held["reasons"]] == ["human_owns"]
    msg = post(api, f"/v1/conversations/{cid}/reply", "ana", json={"text": "Let me check."}).json()
    assert msg["role"] == "agent" and msg["author"] == "ana"
    assert post(api, f"/v1/conversations/{cid}/handback", "bo").status_code == 409
    back = post(api, f"/v1/conversations/{cid}/handback", "ana").json()
    assert back["status"] == "bot" and back["agent"] is None
    assert api.say(cid, "Where is my card?")["decision"] == "auto_reply"
    replies = api.client.get(f"/v1/conversations/{cid}/replies", headers=api.as_("channel")).json()
    assert [r["role"] for r in replies] == ["agent", "bot"]
    assert [(a.action, a.actor) for a in actions(api)] == [
        ("claim", "ana"),
        ("reply", "ana"),
        ("handback", "ana"),
    ]


def race_to_claim(api: Api, cid: str, agents: tuple[str, ...] = ("ana", "bo")) -> dict[str, int]:
    """Every agent claims ``cid`` at the same instant; returns each one's status code."""
    barrier = threading.Barrier(len(agents))
    results: dict[str, int] = {}

    def claim(who: str) -> None:
        barrier.wait()
        results[who] = post(api, f"/v1/conversations/{cid}/claim", who).status_code

    threads = [threading.Thread(target=claim, args=(who,)) for who in agents]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_two_agents_claiming_at_once_exactly_one_wins(api: Api):
    for _ in range(3):
        cid = api.conversation()
        api.say(cid, "pin?")
        results = race_to_claim(api, cid)
        assert sorted(results.values()) == [200, 409]
        winner = next(w for w, code in results.items() if code == 200)
        detail = api.client.get(f"/v1/conversations/{cid}", headers=api.as_("ana")).json()
        assert detail["conversation"]["agent"] == winner
    assert sum(a.action == "claim" for a in actions(api)) == 3


def test_takeover_is_recorded_with_the_bot_turn_it_judges(api: Api):
    cid = api.conversation()
    out = api.say(cid, "Where is my card?")
    r = post(api, f"/v1/conversations/{cid}/takeover", "bo")
    assert r.status_code == 200 and r.json()["agent"] == "bo"
    (row,) = actions(api)
    assert row.action == "takeover" and row.actor == "bo" and row.actor_role == "agent"
    assert row.payload["customer_message_id"] == out["message_id"]
    assert row.payload["intent"] == "card_arrival" and row.payload["decision"] == "auto_reply"


def test_resolved_conversations_refuse_everything(api: Api):
    cid = api.conversation()
    api.say(cid, "pin?", key="k1")
    assert post(api, f"/v1/conversations/{cid}/resolve", "ana").json()["status"] == "resolved"
    for path in ("claim", "takeover", "handback", "resolve"):
        r = post(api, f"/v1/conversations/{cid}/{path}", "ana")
        assert r.status_code == 409 and "resolved" in r.json()["detail"], path
    r = post(api, f"/v1/conversations/{cid}/reply", "ana", json={"text": "hi"})
    assert r.status_code == 409
    r = api.client.post(
        f"/v1/conversations/{cid}/messages", json={"text": "hello?"}, headers=api.as_("channel")
    )
    assert r.status_code == 409 and "resolved" in r.json()["detail"]
    # A late retry of a message already stored still gets its first answer.
    assert api.say(cid, "pin?", key="k1")["decision"] == "suggest"


def test_queue_orders_by_friction_then_waiting_time(api: Api):
    calm_old = api.conversation("old")
    api.say(calm_old, "pin?")
    angry = api.conversation("angry")
    api.say(angry, "I am angry about my card")
    calm_new = api.conversation("new")
    api.say(calm_new, "pin?")
    bot_only = api.conversation("happy")
    api.say(bot_only, "Where is my card?")
    queue = api.client.get("/v1/queue", headers=api.as_("ana")).json()
    assert [q["conversation_id"] for q in queue] == [angry, calm_old, calm_new]
    assert queue[0]["top_reason"] == {"code": "anger", "message": "Sounds angry"}
    assert queue[1]["waiting_seconds"] >= queue[2]["waiting_seconds"] >= 0
    assert queue[1]["last_message"] == "pin?"
