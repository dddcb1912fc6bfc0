"""Agent actions that survive reruns.

A button's callback only *records* the action (with any text it needs) in session state;
the page runs it at the top of its next run and forgets it only when the service has
answered. A rerun in between (a refresh, a second click, a dropped connection) therefore
neither loses the action nor sends it twice. When the service cannot be reached the action
stays pending with a Retry button, so the agent's edited text is never thrown away.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import streamlit as st

from agent_ui import client as api

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Done:
    """An action the service confirmed: what was asked and what it answered."""

    op: str
    args: tuple[Any, ...]
    result: Any


def agent_client() -> api.ReplyDeskClient:
    # Looked up at call time so tests can patch ``agent_ui.client.get_client``.
    return api.get_client()


def channel_client() -> api.ReplyDeskClient:
    return api.get_channel_client()


def _key(scope: str) -> str:
    return f"pending_action:{scope}"


def request(scope: str, op: str, *args: Any, done: str, text_key: str | None = None) -> None:
    """Widget callback: remember ``client.<op>(*args[, text])`` for the next run of ``scope``.

    ``text_key`` names a text widget whose value at click time is passed as the last
    argument, so what the agent typed travels with the action.
    """
    if text_key is not None:
        args = (*args, st.session_state.get(text_key, ""))
    st.session_state[_key(scope)] = {"op": op, "args": args, "done": done, "text_key": text_key}


def cancel(scope: str) -> None:
    st.session_state.pop(_key(scope), None)


def pending(scope: str) -> dict[str, Any] | None:
    return st.session_state.get(_key(scope))


def run_pending(scope: str, client: api.ReplyDeskClient) -> Done | None:
    """Run the action waiting in ``scope``, if any; show how it went; return it when it worked."""
    action = pending(scope)
    if action is None:
        return None
    op, args = action["op"], tuple(action["args"])
    try:
        result = getattr(client, op)(*args)
    except api.ApiError as err:
        st.error(err.message, icon=":material/warning:")
        if err.retryable:
            left, right = st.columns(2)
            left.button("Retry", key=f"retry:{scope}", type="primary")
            right.button("Cancel", key=f"cancel:{scope}", on_click=cancel, args=(scope,))
        else:
            cancel(scope)
        return None
    log.info("%s confirmed for %s", op, args[:1])
    cancel(scope)
    if action.get("text_key"):
        # The text went out; the box should not offer it again.
        st.session_state.pop(action["text_key"], None)
    st.success(action["done"], icon=":material/check_circle:")
    return Done(op, args, result)
