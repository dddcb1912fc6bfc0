"""The HTTP client: the right requests, and every failure as a message a person can act on."""

import ast
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from agent_ui.client import ApiError, ReplyDeskClient

AGENT_UI = Path(__file__).resolve().parents[2] / "agent_ui"


def _client(handler) -> ReplyDeskClient:
    return ReplyDeskClient("http://svc", "k-123", transport=httpx.MockTransport(handler))


def test_requests_follow_the_contract():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(
            (
                request.method,
                request.url.raw_path.decode().split("?")[0],
                request.url.query.decode(),
                request.content.decode(),
            )
        )
        assert request.headers["authorization"] == "Bearer k-123"
        return httpx.Response(200, json={"ok": True})

    client = _client(handler)
    client.edit("s/1", "new text")
    client.reject("s1")
    client.choose("s1", "card_arrival")
    client.claim("c1")
    client.send_message("c1", "hej", "idem-1")
    client.replies("c1", after="m9")
    client.activate_model("v2", "better")
    assert seen == [
        ("POST", "/v1/suggestions/s%2F1/edit", "", '{"text":"new text"}'),
        ("POST", "/v1/suggestions/s1/reject", "", "{}"),
        ("POST", "/v1/suggestions/s1/choose", "", '{"intent":"card_arrival"}'),
        ("POST", "/v1/conversations/c1/claim", "", ""),
        ("POST", "/v1/conversations/c1/messages", "", '{"text":"hej","idempotency_key":"idem-1"}'),
        ("GET", "/v1/conversations/c1/replies", "after=m9", ""),
        ("POST", "/v1/models/v2/activate", "", '{"reason":"better"}'),
    ]


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (409, {"detail": "held by eva"}, "Someone got there first: held by eva"),
        (403, {"detail": "admin only"}, "This key's role may not do that: admin only"),
        (401, {"detail": "bad key"}, "The API key was not accepted"),
        (
            422,
            {"detail": [{"loc": ["body", "text"], "msg": "too short"}]},
            "rejected the input: text: too short",
        ),
        (500, "boom", "The service failed (500): boom"),
    ],
)
def test_errors_become_friendly_messages(status, body, message):
    def handler(request):
        return (
            httpx.Response(status, json=body) if isinstance(body, dict) else httpx.Response(status, text=body)
        )

    with pytest.raises(ApiError) as caught:
        _client(handler).approve("s1")
    assert message in caught.value.message
    assert caught.value.status == status
    assert caught.value.retryable is (status >= 500)


def test_unreachable_service_is_named_and_retryable():
    def handler(request):
        raise httpx.ConnectError("refused")

    with pytest.raises(ApiError) as caught:
        _client(handler).queue()
    assert caught.value.message.startswith("Cannot reach the ReplyDesk service at http://svc")
    assert caught.value.retryable and caught.value.status is None


def test_console_talks_to_the_service_over_http_only():
    forbidden = {"service", "training", "models", "torch", "transformers", "sklearn"}
    for path in AGENT_UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in forbidden, f"{path.name} imports {name}"
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, agent_ui.client, agent_ui.actions, agent_ui.conversation_view, agent_ui.ui;"
            "print(sorted(m for m in ('torch', 'service', 'training') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip() == "[]"
