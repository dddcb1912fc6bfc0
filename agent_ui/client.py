"""The console's only way to the service: a small HTTP client for the v1 API (docs/api.md).

Every failure becomes an ``ApiError`` whose message an agent can act on ("the service is not
running", "your key may not do this", "another agent already claimed it"), so pages show
it with ``st.error`` instead of a traceback. ``retryable`` tells a page whether trying the
same action again may help (network trouble) or not (the service said no).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any
from urllib.parse import quote

import httpx

from replydesk.settings import get_settings

log = logging.getLogger(__name__)

_STATUS_HINTS = {
    400: "The service could not use that",
    401: "The API key was not accepted; set REPLYDESK_API_KEY to a key from `replydesk create-key`",
    403: "This key's role may not do that",
    404: "Not found",
    409: "Someone got there first",
    413: "That is too long",
    422: "The service rejected the input",
}


class ApiError(Exception):
    """A failed call, with a message fit for the person at the console."""

    def __init__(self, message: str, status: int | None = None, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.retryable = retryable


def _detail(response: httpx.Response) -> str:
    """The service's ``detail`` (a string, or FastAPI's list of validation errors) as one line."""
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:200]
    detail = body.get("detail", body) if isinstance(body, dict) else body
    if isinstance(detail, list):
        parts = []
        for item in detail:
            if isinstance(item, dict):
                where = ".".join(str(p) for p in item.get("loc", [])[1:])
                parts.append(f"{where}: {item.get('msg', '')}".strip(": "))
            else:
                parts.append(str(item))
        return "; ".join(parts)
    return str(detail)


def _q(identifier: str) -> str:
    # IDs come from people too (the console's id box): never let one change the path.
    return quote(str(identifier), safe="")


class ReplyDeskClient:
    """Calls the v1 API with one key; one method per endpoint the console uses."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {api_key}"} if api_key else {},
            timeout=timeout,
            transport=transport,
        )

    def _call(self, method: str, path: str, *, json: Any = None, params: dict[str, Any] | None = None) -> Any:
        try:
            response = self._http.request(method, path, json=json, params=params)
        except httpx.TimeoutException as exc:
            raise ApiError(
                f"The service at {self.base_url} did not answer in time; try again.", retryable=True
            ) from exc
        except httpx.TransportError as exc:
            raise ApiError(
                f"Cannot reach the ReplyDesk service at {self.base_url}: is it running (`replydesk serve`)?",
                retryable=True,
            ) from exc
        if response.is_success:
            return response.json() if response.content else None
        status = response.status_code
        hint = _STATUS_HINTS.get(status, f"The service failed ({status})")
        detail = _detail(response)
        log.info("%s %s -> %s %s", method, path, status, detail)
        raise ApiError(f"{hint}: {detail}" if detail else hint, status, retryable=status >= 500)

    # -- ops ---------------------------------------------------------------------------
    def ready(self) -> dict[str, Any]:
        return self._call("GET", "/readyz")

    # -- agent -------------------------------------------------------------------------
    def queue(self) -> list[dict[str, Any]]:
        return self._call("GET", "/v1/queue")

    def conversation(self, conversation_id: str) -> dict[str, Any]:
        return self._call("GET", f"/v1/conversations/{_q(conversation_id)}")

    def claim(self, conversation_id: str) -> Any:
        return self._call("POST", f"/v1/conversations/{_q(conversation_id)}/claim")

    def takeover(self, conversation_id: str) -> Any:
        return self._call("POST", f"/v1/conversations/{_q(conversation_id)}/takeover")

    def handback(self, conversation_id: str) -> Any:
        return self._call("POST", f"/v1/conversations/{_q(conversation_id)}/handback")

    def resolve(self, conversation_id: str) -> Any:
        return self._call("POST", f"/v1/conversations/{_q(conversation_id)}/resolve")

    def reply(self, conversation_id: str, text: str) -> Any:
        return self._call("POST", f"/v1/conversations/{_q(conversation_id)}/reply", json={"text": text})

    def approve(self, suggestion_id: str) -> Any:
        return self._call("POST", f"/v1/suggestions/{_q(suggestion_id)}/approve")

    def edit(self, suggestion_id: str, text: str) -> Any:
        return self._call("POST", f"/v1/suggestions/{_q(suggestion_id)}/edit", json={"text": text})

    def choose(self, suggestion_id: str, intent: str) -> Any:
        return self._call("POST", f"/v1/suggestions/{_q(suggestion_id)}/choose", json={"intent": intent})

    def reject(self, suggestion_id: str, reason: str | None = None) -> Any:
        body = {"reason": reason} if reason else {}
        return self._call("POST", f"/v1/suggestions/{_q(suggestion_id)}/reject", json=body)

    def stats(self) -> dict[str, Any]:
        return self._call("GET", "/v1/stats")

    # -- admin -------------------------------------------------------------------------
    def models(self) -> list[dict[str, Any]]:
        return self._call("GET", "/v1/models")

    def activate_model(self, version: str, reason: str | None = None) -> Any:
        body = {"reason": reason} if reason else {}
        return self._call("POST", f"/v1/models/{_q(version)}/activate", json=body)

    # -- channel -----------------------------------------------------------------------
    def start_conversation(
        self, customer_name: str, *, channel: str = "web", external_id: str | None = None
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"channel": channel, "customer_name": customer_name}
        if external_id:
            body["external_id"] = external_id
        return self._call("POST", "/v1/conversations", json=body)

    def send_message(self, conversation_id: str, text: str, idempotency_key: str) -> dict[str, Any]:
        body = {"text": text, "idempotency_key": idempotency_key}
        return self._call("POST", f"/v1/conversations/{_q(conversation_id)}/messages", json=body)

    def replies(self, conversation_id: str, after: str | None = None) -> list[dict[str, Any]]:
        params = {"after": after} if after else None
        return self._call("GET", f"/v1/conversations/{_q(conversation_id)}/replies", params=params)


@lru_cache(maxsize=4)
def _client_for(base_url: str, api_key: str) -> ReplyDeskClient:
    # One client (and its connection pool) per key, shared by every rerun of every page.
    return ReplyDeskClient(base_url, api_key)


def get_client() -> ReplyDeskClient:
    """The console's client: the agent (or admin) key from the settings."""
    settings = get_settings()
    return _client_for(settings.api_url, settings.api_key)


def get_channel_client() -> ReplyDeskClient:
    """The customer chat page's client: it speaks as a chat channel, with the channel key."""
    settings = get_settings()
    return _client_for(settings.api_url, settings.channel_api_key)
