"""A fake of the console's HTTP client: canned answers shaped like docs/api.md, and a call log."""

from __future__ import annotations

import copy
from typing import Any

from agent_ui.client import ApiError

QUEUE = [
    {
        "conversation_id": "c-angry",
        "status": "waiting_for_agent",
        "customer_name": "Mette",
        "channel": "web",
        "friction_score": 0.86,
        "top_reason": {"code": "human_requested", "message": "The customer asked for a person"},
        "waiting_since": "2026-11-22T07:00:00+00:00",
        "waiting_seconds": 340,
        "last_message": "Jeg vil tale med et menneske nu!",
        "agent": None,
    },
    {
        "conversation_id": "c-unsure",
        "status": "waiting_for_agent",
        "customer_name": "Ana",
        "channel": "web",
        "friction_score": 0.12,
        "top_reason": None,
        "waiting_since": "2026-11-22T07:03:00+00:00",
        "waiting_seconds": 65,
        "last_message": "Where is my card?",
        "agent": None,
    },
]

SUGGESTION = {
    "id": "s-1",
    "message_id": "m-1",
    "intent": "card_arrival",
    "title": "Card has not arrived",
    "reply": "Cards usually arrive within 3 working days.",
    "confidence": 0.83,
    "alternatives": [
        {
            "intent": "card_delivery_estimate",
            "title": "Delivery time",
            "reply": "Delivery takes 3-5 days.",
            "confidence": 0.09,
        },
        {
            "intent": "lost_or_stolen_card",
            "title": "Lost card",
            "reply": "Freeze your card in the app.",
            "confidence": 0.04,
        },
    ],
    "model_version": "tfidf-1",
    "status": "pending",
    "created_at": "2026-11-22T07:03:01+00:00",
}

CONVERSATION = {
    "conversation": {
        "id": "c-unsure",
        "status": "agent",
        "customer_name": "Ana",
        "channel": "web",
        "agent": "eva",
    },
    "messages": [
        {
            "id": "m-0",
            "role": "customer",
            "text": "Hi, I ordered a card",
            "created_at": "2026-11-22T07:02:00+00:00",
            "author": None,
        },
        {
            "id": "m-b",
            "role": "bot",
            "text": "Hello! How can I help?",
            "created_at": "2026-11-22T07:02:01+00:00",
            "author": None,
        },
        {
            "id": "m-1",
            "role": "customer",
            "text": "Where is my card? This is the third time I ask!",
            "created_at": "2026-11-22T07:03:00+00:00",
            "author": None,
        },
        {
            "id": "m-a",
            "role": "agent",
            "text": "Let me check that for you.",
            "created_at": "2026-11-22T07:04:00+00:00",
            "author": "eva",
        },
    ],
    "suggestions": [SUGGESTION],
    "friction": {
        "score": 0.62,
        "escalate": True,
        "reasons": [
            {
                "code": "repeated_question",
                "message": "The customer says they asked before",
                "turn_index": 2,
                "message_id": "m-1",
                "text": "This is the third time I ask!",
            },
        ],
    },
}

STATS = {
    "automation_rate": 0.41,
    "acceptance": {"approved": 0.6, "edited": 0.2, "chosen": 0.1, "rejected": 0.1},
    "acceptance_counts": {"approved": 6, "edited": 2, "chosen": 1, "rejected": 1},
    "per_intent": [
        {
            "intent": "card_arrival",
            "messages": 9,
            "auto_replies": 3,
            "approved": 4,
            "edited": 1,
            "chosen": 0,
            "rejected": 1,
        },
        {
            "intent": "top_up_failed",
            "messages": 4,
            "auto_replies": 0,
            "approved": 2,
            "edited": 1,
            "chosen": 1,
            "rejected": 0,
        },
    ],
    "escalations_by_reason": {"human_requested": 3, "friction": 2},
    "reliability": [
        {"low": 0.5, "high": 0.6, "suggestions": 4, "accepted_as_is": 0.5},
        {"low": 0.6, "high": 0.7, "suggestions": 0, "accepted_as_is": None},
        {"low": 0.8, "high": 0.9, "suggestions": 6, "accepted_as_is": 0.83},
    ],
}

MODELS = [
    {
        "version": "tfidf-1",
        "backend": "tfidf",
        "created_at": "2026-11-22T06:00:00+00:00",
        "active": True,
        "metrics": {
            "accuracy": 0.9,
            "macro_f1": 0.89,
            "ece": 0.02,
            "coverage_at_precision": {"0.99": {"coverage": 0.66, "precision": 0.99}},
        },
        "path": "var/models/a",
    },
    {
        "version": "hybrid-2",
        "backend": "hybrid",
        "created_at": "2026-11-22T07:00:00+00:00",
        "active": False,
        "metrics": {"accuracy": 0.94, "macro_f1": 0.94, "ece": 0.01},
        "path": "var/models/b",
    },
]


class FakeClient:
    """Answers like the service; ``calls`` records ``(method, args)``; ``fail`` maps a method to an error."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.fail: dict[str, ApiError] = {}
        self.conversation_data = copy.deepcopy(CONVERSATION)
        self.queue_items = copy.deepcopy(QUEUE)
        self.reply_items: list[dict[str, Any]] = []

    def _record(self, name: str, *args: Any) -> None:
        self.calls.append((name, args))
        if name in self.fail:
            raise self.fail[name]

    def called(self, name: str) -> list[tuple[Any, ...]]:
        return [args for method, args in self.calls if method == name]

    def queue(self):
        self._record("queue")
        return self.queue_items

    def conversation(self, conversation_id):
        self._record("conversation", conversation_id)
        return self.conversation_data

    def stats(self):
        self._record("stats")
        return STATS

    def models(self):
        self._record("models")
        return MODELS

    def replies(self, conversation_id, after=None):
        self._record("replies", conversation_id)
        return self.reply_items

    def start_conversation(self, customer_name, *, channel="web", external_id=None):
        self._record("start_conversation", customer_name)
        return {"id": "c-new", "status": "bot", "customer_name": customer_name, "channel": channel}

    def send_message(self, conversation_id, text, idempotency_key):
        self._record("send_message", conversation_id, text, idempotency_key)
        return {
            "message_id": "m-new",
            "conversation_id": conversation_id,
            "decision": "escalate",
            "reply": None,
            "reasons": [{"code": "human_requested", "message": "asked for a person"}],
            "status": "waiting_for_agent",
            "suggestion_id": None,
            "prediction": None,
            "friction": None,
        }

    def __getattr__(self, name: str):
        # The agent actions all answer with the updated object; the fake just records them.
        if name in {
            "claim",
            "takeover",
            "handback",
            "resolve",
            "reply",
            "approve",
            "edit",
            "choose",
            "reject",
            "activate_model",
        }:

            def action(*args: Any) -> dict[str, Any]:
                self._record(name, *args)
                return {"ok": True}

            return action
        raise AttributeError(name)
