"""Queue: conversations that need a person, most urgent first; refreshes itself; one-click claim."""

import streamlit as st

from agent_ui import actions
from agent_ui.client import ApiError
from agent_ui.ui import clip, friction_badge, plain, waiting

REFRESH_SECONDS = 5
SCOPE = "queue"

st.title("Queue")
st.caption("Most urgent first: friction, then waiting time. Refreshes every few seconds.")


def _open(conversation_id: str) -> None:
    st.session_state["conversation_id"] = conversation_id


@st.fragment(run_every=REFRESH_SECONDS)
def queue_panel() -> None:
    client = actions.agent_client()
    done = actions.run_pending(SCOPE, client)
    if done is not None and done.op == "claim":
        st.session_state["conversation_id"] = done.args[0]
        st.switch_page("views/conversation.py")
    try:
        items = client.queue()
    except ApiError as err:
        st.error(err.message, icon=":material/warning:")
        return
    if not items:
        st.info("Nobody is waiting. New conversations that need a person appear here.")
        return
    st.markdown(f"**{len(items)}** waiting")
    for item in items:
        cid = item["conversation_id"]
        with st.container(border=True, key=f"queue_item_{cid}"):
            info, buttons = st.columns([5, 1])
            reason = item.get("top_reason") or {}
            holder = f" · with {item['agent']}" if item.get("agent") else ""
            info.markdown(
                f"**{plain(item.get('customer_name')) or 'Customer'}** · {item.get('channel', '')} · "
                f"{friction_badge(item.get('friction_score'))} · waiting "
                f"{waiting(item.get('waiting_seconds'))}{holder}"
            )
            if reason:
                info.markdown(f":material/warning: {plain(reason.get('message') or reason.get('code'))}")
            if item.get("last_message"):
                info.caption(f"“{plain(clip(item['last_message'], 160))}”")
            buttons.button(
                "Claim",
                key=f"claim_{cid}",
                type="primary",
                disabled=bool(item.get("agent")),
                on_click=actions.request,
                args=(SCOPE, "claim", cid),
                kwargs={"done": "Claimed: the conversation is yours."},
            )
            if buttons.button("Open", key=f"open_{cid}", on_click=_open, args=(cid,)):
                st.switch_page("views/conversation.py")


queue_panel()
