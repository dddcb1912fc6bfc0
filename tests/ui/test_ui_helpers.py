"""Display helpers: percentages, colour bands, waiting times, clipping."""

import pytest

from agent_ui.ui import clip, confidence_badge, friction_badge, pct, role_label, waiting


@pytest.mark.parametrize(
    ("confidence", "badge"),
    [(0.95, ":green-badge[95% sure]"), (0.8, ":green-badge[80% sure]"), (0.6, ":orange-badge[60% sure]"),
     (0.2, ":red-badge[20% sure]")],
)  # fmt: skip
def test_confidence_colours(confidence, badge):
    assert confidence_badge(confidence) == badge


def test_friction_badge_and_percentages():
    assert friction_badge(0.86) == ":red-badge[friction 86%]"
    assert friction_badge(0.35) == ":orange-badge[friction 35%]"
    assert friction_badge(None) == ":gray-badge[friction –]"
    assert pct(None) == "–" and pct(0.005) == "0%" and pct(1.0) == "100%"


def test_waiting_times_and_clipping_and_roles():
    assert [waiting(s) for s in (None, 45, 720, 11_100)] == ["–", "45 s", "12 min", "3 h 5 min"]
    assert clip("short", 10) == "short"
    assert clip("a much longer text", 10) == "a much lo…"
    assert role_label({"role": "agent", "author": "eva"}) == "Agent (eva)"
    assert role_label({"role": "bot", "author": "x"}) == "Bot"
