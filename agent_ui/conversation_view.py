"""The pieces of the Conversation page: history, friction panel, suggestion and actions.

Every button only records its action (``actions.request``); the page runs it on its next
run, so nothing an agent clicked or typed is lost to a rerun.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import streamlit as st

from agent_ui import actions
from agent_ui.ui import ROLE_AVATARS, clip, confidence_badge, friction_badge, pct, plain, role_label

SCOPE = "conversation"


def _time(iso: str | None) -> str:
    # "2026-11-22T07:42:10.123+00:00" -> "07:42"; the date is noise inside one conversation.
    return iso[11:16] if iso and len(iso) >= 16 else ""


def reasons_by_message(friction: dict[str, Any] | None, messages: list[dict[str, Any]]) -> dict[int, list]:
    """Friction reasons keyed by the position of the message they point at."""
    position = {m.get("id"): i for i, m in enumerate(messages)}
    found: dict[int, list] = defaultdict(list)
    for reason in (friction or {}).get("reasons", []):
        index = position.get(reason.get("message_id"), reason.get("turn_index"))
        if isinstance(index, int) and 0 <= index < len(messages):
            found[index].append(reason)
    return found


def history(messages: list[dict[str, Any]], flagged: dict[int, list]) -> None:
    """Customer, bot and agent turns, each with its own avatar, label and number."""
    if not messages:
        st.info("No messages yet.")
    for i, message in enumerate(messages):
        role = message.get("role", "")
        with st.chat_message(role, avatar=ROLE_AVATARS.get(role)):
            st.caption(f"#{i + 1} · **{role_label(message)}** · {_time(message.get('created_at'))}")
            st.markdown(plain(message.get("text")))
            for reason in flagged.get(i, []):
                st.markdown(f":red[:material/warning: {plain(reason.get('message') or reason.get('code'))}]")


def friction_panel(friction: dict[str, Any] | None, flagged: dict[int, list], messages: list) -> None:
    st.subheader("Friction")
    if not friction:
        st.caption("No friction assessment yet.")
        return
    st.markdown(
        f"{friction_badge(friction.get('score'))} " + ("· **escalated**" if friction.get("escalate") else "")
    )
    if not flagged:
        st.caption("No signals fired.")
    for index, reasons in sorted(flagged.items()):
        for reason in reasons:
            quoted = plain(clip(reason.get("text") or messages[index].get("text", ""), 80))
            st.markdown(
                f"- {plain(reason.get('message') or reason.get('code'))} → **#{index + 1}** “{quoted}”"
            )


def pending_suggestion(suggestions: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The newest suggestion still waiting for an agent."""
    waiting = [s for s in suggestions if s.get("status") == "pending"]
    return waiting[-1] if waiting else None


def suggestion_panel(suggestion: dict[str, Any] | None) -> None:
    st.subheader("Suggested reply")
    if suggestion is None:
        st.caption("No suggestion is waiting. Write your own reply below.")
        return
    sid = suggestion["id"]
    with st.container(border=True):
        st.markdown(
            f"**{suggestion.get('title') or suggestion.get('intent')}** · "
            f"{confidence_badge(suggestion.get('confidence', 0.0))}"
        )
        st.markdown(plain(suggestion.get("reply")))
        st.button(
            "Send as is",
            key=f"approve_{sid}",
            type="primary",
            on_click=actions.request,
            args=(SCOPE, "approve", sid),
            kwargs={"done": "Sent the suggested reply."},
        )
    edit_key = f"edit_{sid}"
    if edit_key not in st.session_state:
        st.session_state[edit_key] = suggestion.get("reply", "")
    with st.form(key=f"edit_form_{sid}", border=False):
        st.text_area("Edit and send (Ctrl+Enter sends)", key=edit_key, height=140)
        st.form_submit_button(
            "Send edited",
            on_click=actions.request,
            args=(SCOPE, "edit", sid),
            kwargs={"done": "Sent your edited reply.", "text_key": edit_key},
        )
    alternatives = suggestion.get("alternatives") or []
    if alternatives:
        st.markdown("**Alternatives**")
    for alt in alternatives[:3]:
        with st.container(border=True):
            st.markdown(
                f"**{alt.get('title') or alt['intent']}** · {confidence_badge(alt.get('confidence', 0.0))}"
            )
            with st.expander("Read the reply"):
                st.markdown(plain(alt.get("reply")) or "_No reply in the answer library._")
            st.button(
                "Send this instead",
                key=f"choose_{sid}_{alt['intent']}",
                on_click=actions.request,
                args=(SCOPE, "choose", sid, alt["intent"]),
                kwargs={"done": f"Sent the alternative “{alt.get('title') or alt['intent']}”."},
            )
    with st.form(key=f"reject_form_{sid}", border=False):
        st.text_input("Why is it wrong? (optional)", key=f"reject_reason_{sid}")
        st.form_submit_button(
            "Reject suggestion",
            on_click=actions.request,
            args=(SCOPE, "reject", sid),
            kwargs={
                "done": "Rejected; thanks, the model learns from this.",
                "text_key": f"reject_reason_{sid}",
            },
        )


def own_reply(conversation_id: str) -> None:
    key = f"own_{conversation_id}"
    with st.form(key=f"own_form_{conversation_id}", border=False):
        st.text_area("Write my own reply (Ctrl+Enter sends)", key=key, height=100)
        st.form_submit_button(
            "Send my reply",
            on_click=actions.request,
            args=(SCOPE, "reply", conversation_id),
            kwargs={"done": "Sent your reply.", "text_key": key},
        )


def ownership_actions(conversation: dict[str, Any]) -> None:
    """Claim / take over / hand back / resolve, offered where the status allows them."""
    cid, status = conversation["id"], conversation.get("status")
    offered = {
        "claim": ("Claim", status == "waiting_for_agent", "Claimed: the conversation is yours."),
        "takeover": (
            "Take over from the bot",
            status in ("bot", "waiting_for_agent"),
            "You have taken over; the bot is quiet.",
        ),
        "handback": ("Hand back to the bot", status == "agent", "Handed back to the bot."),
        "resolve": ("Resolve", status != "resolved", "Resolved."),
    }
    columns = st.columns(len(offered))
    for column, (op, (label, enabled, done)) in zip(columns, offered.items(), strict=True):
        column.button(
            label,
            key=f"{op}_{cid}",
            disabled=not enabled,
            on_click=actions.request,
            args=(SCOPE, op, cid),
            kwargs={"done": done},
        )


def snapshot(data: dict[str, Any]) -> tuple:
    """What the page outside the live history shows: status, holder and the waiting suggestion."""
    conversation = data.get("conversation", {})
    suggestion = pending_suggestion(data.get("suggestions", []))
    return conversation.get("status"), conversation.get("agent"), suggestion and suggestion["id"]


def status_line(conversation: dict[str, Any], friction: dict[str, Any] | None) -> str:
    agent = f" · with {conversation['agent']}" if conversation.get("agent") else ""
    score = (friction or {}).get("score")
    return (
        f"Status **{conversation.get('status', '?')}**{agent} · {conversation.get('channel', '')} · "
        f"friction {pct(score)}"
    )
