"""Conversation: the history, the suggested reply with alternatives, friction, and every agent action."""

import streamlit as st

from agent_ui import actions
from agent_ui import conversation_view as view
from agent_ui.client import ApiError
from agent_ui.ui import plain

REFRESH_SECONDS = 5

client = actions.agent_client()
actions.run_pending(view.SCOPE, client)

# The open conversation lives under a plain key (set by the Queue too); the id box mirrors it.
# A widget's own key would be dropped while another page is showing.
if "conversation_id" not in st.session_state:
    st.session_state["conversation_id"] = st.query_params.get("id", "")
st.session_state["conversation_id_input"] = st.session_state["conversation_id"]


def _sync_id() -> None:
    st.session_state["conversation_id"] = st.session_state["conversation_id_input"].strip()


st.sidebar.text_input(
    "Conversation id",
    key="conversation_id_input",
    on_change=_sync_id,
    help="Claim or open one from the Queue.",
)
st.sidebar.button("Refresh", key="refresh_conversation", help="Reload the whole page (or press R).")
cid = st.session_state["conversation_id"]
if not cid:
    st.info("Pick a conversation in the Queue.")
    st.stop()

try:
    data = client.conversation(cid)
except ApiError as err:
    st.error(err.message, icon=":material/warning:")
    st.stop()

conversation, messages = data["conversation"], data.get("messages", [])
friction = data.get("friction")
flagged = view.reasons_by_message(friction, messages)

st.title(f"Conversation with {plain(conversation.get('customer_name')) or 'a customer'}")
st.markdown(view.status_line(conversation, friction))
view.ownership_actions(conversation)


@st.fragment(run_every=REFRESH_SECONDS)
def live_history(shown: tuple) -> None:
    """New messages appear on their own; a change the rest of the page shows offers a reload."""
    try:
        fresh = client.conversation(cid)
    except ApiError as err:
        st.error(err.message, icon=":material/warning:")
        return
    fresh_messages = fresh.get("messages", [])
    view.history(fresh_messages, view.reasons_by_message(fresh.get("friction"), fresh_messages))
    if view.snapshot(fresh) != shown:
        st.info("The status or the suggestion changed since this page was drawn.", icon=":material/update:")
        if st.button("Show the changes", key="show_changes"):
            st.rerun()


left, right = st.columns([3, 2], gap="large")
with left:
    live_history(view.snapshot(data))
    view.own_reply(cid)
with right:
    view.friction_panel(friction, flagged, messages)
    view.suggestion_panel(view.pending_suggestion(data.get("suggestions", [])))
