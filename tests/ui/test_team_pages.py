"""Insights and Models pages, and the reshaping of ``/v1/stats`` behind the charts."""

import pytest

from agent_ui import insights_data
from agent_ui.client import ApiError
from tests.ui.fake_service import STATS


def test_insights_shows_rates_and_three_charts(open_page, fake):
    at = open_page("views/insights.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Automation rate"] == "41%"
    assert metrics["Accepted as is"] == "60%"  # 6 of 10 handled suggestions
    assert metrics["Rejected"] == "10%"
    charts = at.get("vega_lite_chart")
    assert len(charts) == 3, "acceptance per intent, escalations by reason, reliability diagram"
    assert fake.called("stats")


def test_insights_without_feedback_says_so(open_page, fake, monkeypatch):
    monkeypatch.setattr(fake, "stats", lambda: {"automation_rate": None})
    at = open_page("views/insights.py")
    assert not at.exception
    assert len(at.info) == 3
    assert {m.label: m.value for m in at.metric}["Automation rate"] == "–"


def test_stats_reshaping():
    per_intent = insights_data.acceptance_per_intent(STATS)
    card = per_intent[per_intent.intent == "card_arrival"].set_index("outcome")["count"].to_dict()
    assert card == {"bot alone": 3, "as is": 4, "edited": 1, "rejected": 1}
    assert insights_data.acceptance_totals(STATS) == {
        "as is": 6,
        "edited": 2,
        "alternative": 1,
        "rejected": 1,
    }
    escalations = insights_data.escalations(STATS)
    assert escalations.set_index("reason")["count"].to_dict() == {"human_requested": 3, "friction": 2}
    over_time = insights_data.escalations(
        {"escalations_over_time": [{"day": "2026-11-21", "reason": "friction", "count": 2}]}
    )
    assert over_time.to_dict("records") == [{"day": "2026-11-21", "reason": "friction", "count": 2}]
    bins = insights_data.reliability(STATS)
    assert bins["confidence"].tolist() == pytest.approx([0.55, 0.85])
    assert bins["accepted"].tolist() == [0.5, 0.83] and bins["count"].tolist() == [4, 6]
    assert insights_data.reliability(
        {"reliability": {"0.9-1.0": {"accepted_as_is": 1.0, "count": 2}}}
    ).to_dict("records") == [{"confidence": 0.95, "accepted": 1.0, "count": 2}]


def test_models_lists_versions_with_figures_and_activates(open_page, fake):
    at = open_page("views/models_admin.py")
    table = at.dataframe[0].value
    assert list(table["version"]) == ["tfidf-1", "hybrid-2"]
    assert table.loc[0, "accuracy"] == 0.9 and table.loc[0, "coverage_at_99"] == 0.66
    assert "Active model: **tfidf-1**" in [m.value for m in at.markdown]
    at.selectbox(key="activate_version").select("hybrid-2")
    at.text_input(key="activate_reason").input("better accuracy")
    at.button(key="FormSubmitter:activate_form-Activate").click().run()
    assert not at.exception
    assert fake.called("activate_model") == [("hybrid-2", "better accuracy")]
    assert any("Activated hybrid-2" in s.value for s in at.success)


def test_models_with_an_agent_key_explains_the_admin_key(open_page, fake):
    fake.fail["models"] = ApiError("This key's role may not do that: admin only", 403)
    at = open_page("views/models_admin.py")
    assert not at.exception
    assert "needs an **admin** key" in at.warning[0].value
    assert at.error[0].value == "This key's role may not do that: admin only"
