"""Models: the trained versions with their evaluation figures; activate one (admin key)."""

import pandas as pd
import streamlit as st

from agent_ui import actions
from agent_ui.client import ApiError

SCOPE = "models"
ADMIN_HINT = (
    "The Models page needs an **admin** key. Create one with "
    "`replydesk create-key --role admin --name ml-team` and start the console with "
    "`REPLYDESK_API_KEY=<key>`."
)


def figures(metrics: dict) -> dict[str, float]:
    """The numeric figures of a model, flat; ``coverage_at_precision["0.99"]`` becomes ``coverage_at_99``."""
    flat: dict[str, float] = {k: v for k, v in metrics.items() if isinstance(v, int | float)}
    for level, value in (metrics.get("coverage_at_precision") or {}).items():
        coverage = value.get("coverage") if isinstance(value, dict) else value
        if isinstance(coverage, int | float):
            flat[f"coverage_at_{round(float(level) * 100)}"] = coverage
    return flat


st.title("Models")
client = actions.agent_client()
actions.run_pending(SCOPE, client)
try:
    versions = client.models()
except ApiError as err:
    if err.status in (401, 403):
        st.warning(ADMIN_HINT, icon=":material/lock:")
    st.error(err.message, icon=":material/warning:")
    st.stop()

if not versions:
    st.info("No trained model yet: run `replydesk train` (or `replydesk up`, which trains a quick one).")
    st.stop()

rows = []
for version in versions:
    row = {
        "version": version["version"],
        "active": bool(version.get("active")),
        "backend": version.get("backend"),
    }
    row.update(figures(version.get("metrics") or {}))
    row["created"] = str(version.get("created_at", ""))[:16]
    rows.append(row)
table = pd.DataFrame(rows)
st.dataframe(table, hide_index=True, width="stretch", key="models_table")

active = next((v["version"] for v in versions if v.get("active")), None)
st.markdown(f"Active model: **{active or 'none'}**")
with st.form("activate_form", border=True):
    st.selectbox("Version to activate", [v["version"] for v in versions], key="activate_version")
    st.text_input("Why? (kept in the audit log)", key="activate_reason")
    st.form_submit_button(
        "Activate",
        type="primary",
        on_click=lambda: actions.request(
            SCOPE,
            "activate_model",
            st.session_state["activate_version"],
            st.session_state.get("activate_reason") or None,
            done=f"Activated {st.session_state['activate_version']}; the service switched without a restart.",
        ),
    )
