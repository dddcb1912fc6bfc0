"""Live figures for the ML team and the console: automation, acceptance, escalations, reliability.

All counted in SQL over ``messages`` (customer turns and their decisions) and ``suggestions``
(what agents did with them), so every replica reports the same numbers.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.db import Message, Suggestion

HANDLED = ("approved", "edited", "chosen", "rejected")
BINS = 10


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def compute_stats(*, session: Session) -> dict[str, Any]:
    customer = Message.role == "customer"
    decisions = dict(
        session.execute(
            select(Message.decision, func.count()).where(customer).group_by(Message.decision)
        ).all()
    )
    decisions = {str(k): int(v) for k, v in decisions.items() if k is not None}
    total = sum(decisions.values())

    escalations: dict[str, int] = defaultdict(int)
    rows = session.execute(select(Message.decision_reasons).where(customer, Message.decision == "escalate"))
    for (reasons,) in rows:
        escalations[(reasons or ["unknown"])[0]] += 1

    handled = dict(
        session.execute(
            select(Suggestion.status, func.count())
            .where(Suggestion.status.in_(HANDLED))
            .group_by(Suggestion.status)
        ).all()
    )
    counts = {status: int(handled.get(status, 0)) for status in HANDLED}
    n_handled = sum(counts.values())

    per_intent: dict[str, dict[str, Any]] = {}

    def intent_row(intent: str) -> dict[str, Any]:
        return per_intent.setdefault(
            intent, {"intent": intent, "messages": 0, "auto_replies": 0} | {s: 0 for s in HANDLED}
        )

    by_intent = session.execute(
        select(Message.intent, Message.decision, func.count())
        .where(customer, Message.intent.is_not(None))
        .group_by(Message.intent, Message.decision)
    )
    for intent, decision, n in by_intent:
        row = intent_row(str(intent))
        row["messages"] += n
        if decision == "auto_reply":
            row["auto_replies"] += n
    by_status = session.execute(
        select(Suggestion.intent, Suggestion.status, func.count())
        .where(Suggestion.status.in_(HANDLED))
        .group_by(Suggestion.intent, Suggestion.status)
    )
    for intent, status, n in by_status:
        intent_row(intent)[status] += n

    reliability = [
        {"low": i / BINS, "high": (i + 1) / BINS, "suggestions": 0, "as_is": 0} for i in range(BINS)
    ]
    scored = session.execute(
        select(Suggestion.confidence, Suggestion.status).where(Suggestion.status.in_(HANDLED))
    )
    for confidence, status in scored:
        b = reliability[min(int(confidence * BINS), BINS - 1)]
        b["suggestions"] += 1
        b["as_is"] += status == "approved"

    return {
        "customer_messages": total,
        "decisions": decisions,
        "automation_rate": _share(decisions.get("auto_reply", 0), total),
        "suggestions_handled": n_handled,
        "acceptance": {
            "as_is": _share(counts["approved"], n_handled),
            "edited": _share(counts["edited"], n_handled),
            "chosen": _share(counts["chosen"], n_handled),
            "rejected": _share(counts["rejected"], n_handled),
        },
        "acceptance_counts": counts,
        "escalations_by_reason": dict(escalations),
        "per_intent": sorted(per_intent.values(), key=lambda r: -r["messages"]),
        "reliability": [
            {
                "low": b["low"],
                "high": b["high"],
                "suggestions": b["suggestions"],
                "accepted_as_is": _share(b["as_is"], b["suggestions"]),
            }
            for b in reliability
        ],
    }
