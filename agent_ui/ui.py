"""Small display helpers shared by the console's pages: percentages, colours, badges, roles."""

from __future__ import annotations

import re
from typing import Any

# Confidence colours: green is what an agent may send without reading twice, red is a guess.
_CONFIDENCE_BANDS = ((0.8, "green"), (0.5, "orange"))
# Friction colours follow the detector's meaning: above ~0.5 a person should step in.
_FRICTION_BANDS = ((0.5, "red"), (0.3, "orange"))

ROLE_LABELS = {"customer": "Customer", "bot": "Bot", "agent": "Agent"}
ROLE_AVATARS = {
    "customer": ":material/person:",
    "bot": ":material/smart_toy:",
    "agent": ":material/support_agent:",
}


# Markdown (and Streamlit's ``:color[...]``, ``$math$``) characters that would change how a
# customer's or agent's text looks; escaped so it is shown exactly as written.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|$~:])")


def plain(text: str | None) -> str:
    """``text`` made safe to show with ``st.markdown``: "I paid $5 *twice*" stays as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text or "").replace("\n", "  \n")


def clip(text: str, length: int) -> str:
    """At most ``length`` characters, with an ellipsis when something was cut."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def pct(value: float | None) -> str:
    """A 0..1 share as a whole percentage ("82%"); a dash when unknown."""
    return "–" if value is None else f"{value:.0%}"


def confidence_colour(confidence: float) -> str:
    return next((colour for floor, colour in _CONFIDENCE_BANDS if confidence >= floor), "red")


def friction_colour(score: float) -> str:
    return next((colour for floor, colour in _FRICTION_BANDS if score >= floor), "green")


def confidence_badge(confidence: float) -> str:
    """Markdown for a coloured confidence badge, e.g. ``:green-badge[82% sure]``."""
    return f":{confidence_colour(confidence)}-badge[{pct(confidence)} sure]"


def friction_badge(score: float | None) -> str:
    if score is None:
        return ":gray-badge[friction –]"
    return f":{friction_colour(score)}-badge[friction {pct(score)}]"


def waiting(seconds: float | None) -> str:
    """A waiting time for people: "45 s", "12 min", "3 h 5 min"."""
    if seconds is None:
        return "–"
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


def role_label(message: dict[str, Any]) -> str:
    role = message.get("role", "")
    label = ROLE_LABELS.get(role, role.title())
    author = message.get("author")
    return f"{label} ({author})" if author and role == "agent" else label
