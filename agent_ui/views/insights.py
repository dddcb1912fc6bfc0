"""Insights: automation, what agents do with suggestions, escalations, and live calibration."""

import altair as alt
import pandas as pd
import streamlit as st

from agent_ui import actions
from agent_ui import insights_data as data
from agent_ui.client import ApiError
from agent_ui.ui import pct

st.title("Insights")
try:
    stats = actions.agent_client().stats()
except ApiError as err:
    st.error(err.message, icon=":material/warning:")
    st.stop()

totals = data.acceptance_totals(stats)
handled = sum(totals.values())
top = st.columns(4)
top[0].metric(
    "Automation rate", pct(stats.get("automation_rate")), help="Customer messages answered by the bot alone."
)
top[1].metric("Accepted as is", pct(totals.get("as is", 0) / handled) if handled else "–")
top[2].metric("Edited", pct(totals.get("edited", 0) / handled) if handled else "–")
top[3].metric("Rejected", pct(totals.get("rejected", 0) / handled) if handled else "–")

st.subheader("Per intent: answered by the bot, or what agents did with its suggestion")
per_intent = data.acceptance_per_intent(stats)
if per_intent.empty:
    st.info("No agent feedback yet.")
else:
    chart = (
        alt.Chart(per_intent)
        .mark_bar()
        .encode(
            x=alt.X("sum(count):Q", stack="normalize", title="share of customer messages"),
            y=alt.Y("intent:N", sort="-x", title=None),
            color=alt.Color("outcome:N", sort=["bot alone", "as is", "edited", "alternative", "rejected"]),
            tooltip=["intent", "outcome", "count"],
        )
    )
    st.altair_chart(chart, width="stretch", key="acceptance_chart")

st.subheader("Escalations by reason")
escalations = data.escalations(stats)
if escalations.empty:
    st.info("No escalations yet.")
elif escalations["day"].astype(bool).any():
    over_time = escalations.pivot_table(index="day", columns="reason", values="count", aggfunc="sum").fillna(
        0
    )
    st.line_chart(over_time)
else:
    totals = (
        alt.Chart(escalations)
        .mark_bar()
        .encode(
            x=alt.X("count:Q", title="escalations", axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("reason:N", sort="-x", title=None),
            tooltip=["reason", "count"],
        )
    )
    st.altair_chart(totals, width="stretch", key="escalations_chart")

st.subheader("Does 80% confidence mean 80% accepted?")
st.caption(
    "Each point is a confidence bin of live suggestions; on the diagonal the percentages mean what they say."
)
bins = data.reliability(stats)
if bins.empty:
    st.info("Not enough agent feedback for a reliability diagram yet.")
else:
    # One data set for both lines: Streamlit's renderer fails on layers with separate data.
    perfect = pd.DataFrame({"confidence": [0.0, 1.0], "accepted": [0.0, 1.0], "count": [0, 0]})
    plot = pd.concat(
        [bins.assign(series="live agent feedback"), perfect.assign(series="perfectly calibrated")]
    )
    chart = (
        alt.Chart(plot)
        .mark_line(point=True)
        .encode(
            x=alt.X("confidence:Q", scale=alt.Scale(domain=[0, 1]), title="confidence shown to agents"),
            y=alt.Y("accepted:Q", scale=alt.Scale(domain=[0, 1]), title="share accepted as is"),
            color=alt.Color("series:N", title=None),
            strokeDash=alt.StrokeDash("series:N", title=None),
            tooltip=["confidence", "accepted", "count"],
        )
    )
    st.altair_chart(chart, width="stretch", key="reliability_chart")
