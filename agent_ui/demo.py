"""Demo conversations for a fresh system, sent through the channel API like a real chat would.

One calm question the bot can answer, one upset customer (Danish, then English) who should be
escalated, and one vague message that leaves the model unsure, so every part of the console
has something to show on first start. Idempotency keys make seeding twice harmless.
"""

from __future__ import annotations

import logging
from typing import Any

from agent_ui.client import ReplyDeskClient

log = logging.getLogger(__name__)

DEMO_CONVERSATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Ana", ("Hi! How long does it take for a new card to arrive?",)),
    (
        "Mette",
        (
            "Mit kort virker stadig ikke, og jeg har skrevet til jer før!",
            "This is the third time I write and nobody helps. This is ridiculous, "
            "I want to talk to a real person NOW!!",
        ),
    ),
    ("Sam", ("Something looks off with a payment from last week, not sure what happened",)),
)


def seed_demo(client: ReplyDeskClient) -> list[dict[str, Any]]:
    """Create the demo conversations; returns the outcome of each one's last message."""
    outcomes = []
    for name, texts in DEMO_CONVERSATIONS:
        conversation = client.start_conversation(name, channel="demo", external_id=f"demo-{name.lower()}")
        outcome: dict[str, Any] = {}
        for i, text in enumerate(texts):
            key = f"demo-{conversation['id']}-{i}"
            outcome = client.send_message(conversation["id"], text, idempotency_key=key)
        log.info("demo conversation with %s: %s", name, outcome.get("decision"))
        outcomes.append(outcome)
    return outcomes
