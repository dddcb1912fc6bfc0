"""Keys and roles (401/403) and every kind of bad input answered with a clear 4xx."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api


def test_missing_and_invalid_keys_are_401(api: Api):
    r = api.client.get("/v1/queue")
    assert r.status_code == 401 and "missing API key" in r.json()["detail"]
    r = api.client.get("/v1/queue", headers={"Authorization": "Bearer rd_not-a-key"})
    assert r.status_code == 401 and r.json()["detail"] == "invalid or revoked API key"


@pytest.mark.parametrize(
    ("who", "method", "path", "code"),
    [
        ("channel", "get", "/v1/queue", 403),
        ("channel", "get", "/v1/stats", 403),
        ("channel", "get", "/v1/models", 403),
        ("ana", "get", "/v1/models", 403),
        ("ana", "post", "/v1/conversations", 403),
        ("admin", "get", "/v1/queue", 200),
        ("admin", "get", "/v1/models", 200),
        ("ana", "get", "/v1/queue", 200),
    ],
)
def test_roles(api: Api, who, method, path, code):
    r = getattr(api.client, method)(path, headers=api.as_(who), **({"json": {}} if method == "post" else {}))
    assert r.status_code == code, r.text
    if code == 403:
        assert "key" in r.json()["detail"]


def test_a_channel_key_cannot_act_as_an_agent(api: Api):
    cid = api.conversation()
    sid = api.say(cid, "pin?")["suggestion_id"]
    for path in (f"/v1/conversations/{cid}/claim", f"/v1/suggestions/{sid}/approve"):
        assert api.client.post(path, headers=api.as_("channel")).status_code == 403
    assert api.client.get(f"/v1/conversations/{cid}", headers=api.as_("channel")).status_code == 403


def test_admin_may_act_as_agent_and_is_recorded(api: Api):
    cid = api.conversation()
    api.say(cid, "pin?")
    r = api.client.post(f"/v1/conversations/{cid}/claim", headers=api.as_("admin"))
    assert r.status_code == 200 and r.json()["agent"] == "admin"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "at least 1 character"),
        ("   \n", "must not be empty"),
        ("x" * 20_000, "at most 10000 characters"),
    ],
)
def test_bad_message_text_is_422_and_stores_nothing(api: Api, text, needle):
    cid = api.conversation()
    r = api.client.post(f"/v1/conversations/{cid}/messages", json={"text": text}, headers=api.as_("channel"))
    assert r.status_code == 422 and needle in r.json()["detail"] and "text" in r.json()["detail"]
    detail = api.client.get(f"/v1/conversations/{cid}", headers=api.as_("ana")).json()
    assert detail["messages"] == []


def test_malformed_json_is_422_with_a_clear_message(api: Api):
    cid = api.conversation()
    r = api.client.post(
        f"/v1/conversations/{cid}/messages",
        content=b'{"text": "hi"',
        headers=api.as_("channel") | {"Content-Type": "application/json"},
    )
    assert r.status_code == 422 and r.json()["detail"].startswith("malformed JSON body")


def test_unknown_fields_and_missing_text_are_422(api: Api):
    cid = api.conversation()
    r = api.client.post(f"/v1/conversations/{cid}/messages", json={"txt": "hi"}, headers=api.as_("channel"))
    assert r.status_code == 422 and "text: Field required" in r.json()["detail"]


def test_unknown_ids_are_404(api: Api):
    r = api.client.post("/v1/conversations/nope/messages", json={"text": "hi"}, headers=api.as_("channel"))
    assert r.status_code == 404 and r.json()["detail"] == "conversation nope not found"
    for path in ("/v1/conversations/nope/claim", "/v1/suggestions/nope/approve"):
        assert api.client.post(path, headers=api.as_("ana")).status_code == 404
    assert api.client.get("/v1/conversations/nope", headers=api.as_("ana")).status_code == 404
    cid = api.conversation()
    r = api.client.get(f"/v1/conversations/{cid}/replies?after=zzz", headers=api.as_("channel"))
    assert r.status_code == 404


def test_secrets_never_reach_the_logs(api: Api, caplog):
    caplog.set_level("DEBUG")
    api.client.get("/v1/queue", headers=api.as_("ana"))
    api.client.get("/v1/queue", headers={"Authorization": "Bearer rd_wrong"})
    logged = caplog.text
    assert all(secret not in logged for secret in api.keys.values()) and "rd_wrong" not in logged
