"""The ReplyDesk agent console: ``streamlit run agent_ui/app.py``.

One entry point; each page is a short script under ``views/`` (not ``pages/``,
which Streamlit would also list on its own). The console talks to the
service over HTTP only (``REPLYDESK_API_URL``, ``REPLYDESK_API_KEY``; the customer chat
page uses ``REPLYDESK_CHANNEL_API_KEY``).
"""

import streamlit as st

from replydesk.settings import get_settings

st.set_page_config(page_title="ReplyDesk console", page_icon=":material/forum:", layout="wide")

pages = {
    "Agents": [
        st.Page("views/queue.py", title="Queue", icon=":material/inbox:", default=True),
        st.Page("views/conversation.py", title="Conversation", icon=":material/forum:"),
    ],
    "Team": [
        st.Page("views/insights.py", title="Insights", icon=":material/insights:"),
        st.Page("views/models_admin.py", title="Models", icon=":material/model_training:"),
    ],
    "Try it": [st.Page("views/customer_chat.py", title="Customer chat", icon=":material/chat:")],
}
page = st.navigation(pages)

settings = get_settings()
st.sidebar.caption(f"Service: {settings.api_url}")
if not settings.api_key:
    st.sidebar.warning("No API key: set REPLYDESK_API_KEY (`replydesk create-key --role agent`).")
page.run()
