"""Customer chat: talk to ReplyDesk as a customer would, through the channel API.

Next to the console's other pages this shows the whole loop in one browser: write here,
watch the message appear in the Queue, answer it there, and see the reply arrive here.
"""

import uuid

import streamlit as st

from agent_ui import actions
from agent_ui.client import ApiError
from agent_ui.ui import ROLE_AVATARS, ROLE_LABELS, plain
from replydesk.settings import get_settings

SCOPE = "customer_chat"
POLL_SECONDS = 3
DECISIONS = {
    "auto_reply": "answered by the bot",
    "suggest": "an agent is checking the bot's suggestion",
    "escalate": "handed to a person",
}

if "chat_log" not in st.session_state:
    st.session_state["chat_log"] = []  # [{"id", "role", "text", "note"}], in the order seen
if "chat_conversation" not in st.session_state:
    st.session_state["chat_conversation"] = None

client = actions.channel_client()
log: list[dict] = st.session_state["chat_log"]

st.title("Customer chat")
st.caption("You are the customer here. What needs a person shows up in the Queue.")
if not get_settings().channel_api_key:
    st.warning(
        "This page speaks as a chat channel and needs a channel key: set REPLYDESK_CHANNEL_API_KEY "
        "(`replydesk create-key --role channel --name web-chat`).",
        icon=":material/key:",
    )

done = actions.run_pending(SCOPE, client)
if done is not None and done.op == "start_conversation":
    st.session_state["chat_conversation"] = done.result["id"]
    log.clear()
elif done is not None and done.op == "send_message":
    result = done.result
    reasons = ", ".join(r.get("message") or r.get("code", "") for r in result.get("reasons", []))
    note = DECISIONS.get(result.get("decision"), result.get("decision", ""))
    log.append(
        {
            "id": result.get("message_id"),
            "role": "customer",
            "text": done.args[1],
            "note": note,
            "why": reasons,
        }
    )

with st.form("start_chat", border=False):
    st.text_input("Your name", value="Ana", key="chat_name")
    st.form_submit_button(
        "Start a new chat",
        on_click=lambda: actions.request(
            SCOPE, "start_conversation", st.session_state["chat_name"], done="Chat started."
        ),
    )

conversation_id = st.session_state["chat_conversation"]
if conversation_id is None:
    st.info("Start a chat to write your first message.")
    st.stop()
st.caption(f"Conversation {conversation_id}")


@st.fragment(run_every=POLL_SECONDS)
def transcript() -> None:
    seen = {entry["id"] for entry in log}
    try:
        replies = client.replies(conversation_id)
    except ApiError as err:
        st.error(err.message, icon=":material/warning:")
        replies = []
    # Replies arrive oldest first; ones we have not shown yet go after what is on screen.
    log.extend({**r, "note": "", "why": ""} for r in replies if r["id"] not in seen)
    for entry in log:
        role = entry["role"]
        with st.chat_message(role, avatar=ROLE_AVATARS.get(role)):
            st.markdown(plain(entry["text"]))
            if entry.get("note"):
                st.caption(entry["note"] + (f" ({entry['why']})" if entry.get("why") else ""))
            elif role != "customer":
                st.caption(ROLE_LABELS.get(role, role))


transcript()


def _send() -> None:
    text = (st.session_state.get("chat_input") or "").strip()
    if text:
        # The idempotency key travels with the pending action: a retry cannot post twice.
        actions.request(SCOPE, "send_message", conversation_id, text, str(uuid.uuid4()), done="Sent.")


st.chat_input("Write a message", key="chat_input", on_submit=_send)
