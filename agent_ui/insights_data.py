"""Turns ``GET /v1/stats`` into tidy tables for the Insights charts.

Kept apart from the page so the reshaping is tested without Streamlit. Lists of records and
``{key: {...}}`` mappings are both accepted, since either is a natural JSON for a per-intent
or per-bin table.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

OUTCOMES = ("approved", "edited", "chosen", "rejected")
_OUTCOME_NAMES = {
    "auto_replies": "bot alone",
    "approved": "as is",
    "edited": "edited",
    "chosen": "alternative",
    "rejected": "rejected",
}


def _records(value: Any, key_name: str) -> list[dict[str, Any]]:
    """Records from ``[{...}]``, ``{k: {...}}`` (``k`` goes under ``key_name``) or ``{k: count}``."""
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    if isinstance(value, dict):
        return [
            {key_name: k, **v} if isinstance(v, dict) else {key_name: k, "count": v} for k, v in value.items()
        ]
    return []


def acceptance_per_intent(stats: dict[str, Any]) -> pd.DataFrame:
    """Long table ``intent, outcome, count``: answered by the bot alone, or what agents did."""
    rows = []
    for record in _records(stats.get("per_intent"), "intent"):
        counts = record.get("acceptance", record)
        for outcome in ("auto_replies", *OUTCOMES):
            n = counts.get(outcome)
            if isinstance(n, int | float) and n:
                rows.append({"intent": record["intent"], "outcome": _OUTCOME_NAMES[outcome], "count": n})
    return pd.DataFrame(rows, columns=["intent", "outcome", "count"])


def acceptance_totals(stats: dict[str, Any]) -> dict[str, float]:
    """Overall ``{outcome: count}`` (as is / edited / alternative / rejected)."""
    # The service gives counts under ``acceptance_counts`` (``acceptance`` holds the rates).
    counts = stats.get("acceptance_counts") or stats.get("acceptance") or {}
    return {_OUTCOME_NAMES[o]: counts[o] for o in OUTCOMES if isinstance(counts.get(o), int | float)}


def escalations(stats: dict[str, Any]) -> pd.DataFrame:
    """Table ``day, reason, count``; ``day`` is empty when the service gives totals only."""
    value = stats.get("escalations_over_time") or stats.get("escalations_by_reason") or []
    rows = []
    for record in _records(value, "reason"):
        rows.append(
            {
                "day": str(record.get("day") or record.get("date") or ""),
                "reason": record.get("reason") or record.get("code") or "unknown",
                "count": record.get("count", 0),
            }
        )
    return pd.DataFrame(rows, columns=["day", "reason", "count"])


def reliability(stats: dict[str, Any]) -> pd.DataFrame:
    """Table ``confidence, accepted, count``: mean confidence of a bin vs the share accepted as is."""
    rows = []
    for record in _records(stats.get("reliability"), "bin"):
        low, high = record.get("low"), record.get("high")
        if low is None and isinstance(record.get("bin"), str) and "-" in record["bin"]:
            low, high = (float(x) for x in record["bin"].split("-", 1))
        confidence = record.get("mean_confidence", record.get("confidence"))
        if confidence is None and low is not None and high is not None:
            confidence = (float(low) + float(high)) / 2
        accepted = record.get("accepted_as_is", record.get("accepted", record.get("share_accepted")))
        if confidence is None or accepted is None:
            continue
        rows.append(
            {
                "confidence": float(confidence),
                "accepted": float(accepted),
                "count": record.get("count", record.get("suggestions", 0)),
            }
        )
    return pd.DataFrame(rows, columns=["confidence", "accepted", "count"])
