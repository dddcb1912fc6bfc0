"""Agent actions → training rows: what each kind of action teaches the model.

The feedback file is a CSV with these columns (``FEEDBACK_COLUMNS``):

========================  =====================================================================
``text``                  the customer's message, redacted (see ``replydesk.loop.redact``)
``label``                 the intent this row is about (see ``kind``)
``kind``                  ``confirm``: an approved suggestion, ``label`` is right;
                          ``correct``: the agent picked an alternative, ``label`` is the chosen
                          intent (the model's guess is in ``suggested_intent``);
                          ``edit``: the agent edited the reply, ``label`` (the suggested intent) is
                          right and ``reply`` holds the edited text, a candidate new answer;
                          ``negative``: the agent rejected the suggestion or took the conversation
                          over from the bot: ``label`` is *wrong* for ``text``. Never a positive.
``action``                the agent action it came from (approve/choose/edit/reject/takeover)
``suggested_intent``      what the model proposed
``reply``                 the edited reply (``edit`` rows only), redacted
``confidence``            the model's confidence in ``suggested_intent``
``model_version``         the model that made the suggestion
``message_id``            the customer message (one positive row per message at most)
``conversation_id``       its conversation
``actor``                 the agent key that acted
``at``                    when (ISO-8601 UTC)
========================  =====================================================================

Training uses the ``POSITIVE_KINDS`` rows as (text, label); ``negative`` rows are kept for
evaluation and for the record, and the retrainer refuses to train on them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path

from replydesk.loop.errors import LoopError
from replydesk.loop.redact import redact

POSITIVE_KINDS = frozenset({"confirm", "correct", "edit"})
KIND_BY_ACTION = {
    "approve": "confirm",
    "choose": "correct",
    "edit": "edit",
    "reject": "negative",
    "takeover": "negative",
}


class FeedbackError(LoopError):
    """A feedback file is missing or malformed; the message names the problem."""


@dataclass(frozen=True)
class ActionRecord:
    """One agent action joined with the message and suggestion it concerns (still unredacted).

    ``suggested_intent`` is the model's proposal (for a takeover: the intent of the bot's last
    answer); ``chosen_intent`` is set for ``choose``, ``edited_text`` for ``edit``.
    """

    action: str
    at: datetime
    actor: str
    text: str
    suggested_intent: str | None
    message_id: str | None = None
    conversation_id: str | None = None
    chosen_intent: str | None = None
    edited_text: str | None = None
    confidence: float | None = None
    model_version: str | None = None


@dataclass(frozen=True)
class FeedbackRow:
    text: str
    label: str
    kind: str
    action: str
    suggested_intent: str
    reply: str = ""
    confidence: float | None = None
    model_version: str = ""
    message_id: str = ""
    conversation_id: str = ""
    actor: str = ""
    at: str = ""

    @property
    def is_positive(self) -> bool:
        return self.kind in POSITIVE_KINDS


FEEDBACK_COLUMNS = tuple(f.name for f in fields(FeedbackRow))


def _row(record: ActionRecord) -> FeedbackRow | None:
    kind = KIND_BY_ACTION.get(record.action)
    if kind is None or not record.suggested_intent or not record.text.strip():
        return None
    label = record.suggested_intent
    if kind == "correct":
        if not record.chosen_intent:
            return None
        label = record.chosen_intent
    if kind == "edit" and not (record.edited_text or "").strip():
        return None
    return FeedbackRow(
        text=redact(record.text),
        label=label,
        kind=kind,
        action=record.action,
        suggested_intent=record.suggested_intent,
        reply=redact(record.edited_text or "") if kind == "edit" else "",
        confidence=record.confidence,
        model_version=record.model_version or "",
        message_id=record.message_id or "",
        conversation_id=record.conversation_id or "",
        actor=record.actor,
        at=record.at.isoformat(),
    )


def feedback_rows(records: Iterable[ActionRecord]) -> list[FeedbackRow]:
    """Turn agent actions into redacted feedback rows, oldest first.

    A message keeps only its latest positive row (an agent's last word wins), and a negative
    is dropped when a later positive for the same message says that intent was right after all.
    """
    rows = [r for r in (_row(rec) for rec in sorted(records, key=lambda r: r.at)) if r is not None]
    latest_positive: dict[str, int] = {}
    for i, row in enumerate(rows):
        if row.is_positive and row.message_id:
            latest_positive[row.message_id] = i
    kept: list[FeedbackRow] = []
    for i, row in enumerate(rows):
        final = latest_positive.get(row.message_id) if row.message_id else None
        if row.is_positive and final is not None and final != i:
            continue
        if not row.is_positive and final is not None and final > i and rows[final].label == row.label:
            continue
        kept.append(row)
    return kept


def write_feedback_csv(rows: Sequence[FeedbackRow], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=FEEDBACK_COLUMNS)
        writer.writeheader()
        for row in rows:
            d = asdict(row)
            d["confidence"] = "" if row.confidence is None else f"{row.confidence:.6f}"
            writer.writerow(d)


def read_feedback_csv(path: Path) -> list[FeedbackRow]:
    """Read a feedback file written by ``export-feedback``; raises ``FeedbackError`` on bad input."""
    if not path.is_file():
        raise FeedbackError(f"feedback file not found: {path}")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = {"text", "label", "kind"} - set(reader.fieldnames or ())
        if missing:
            raise FeedbackError(f"feedback file {path} lacks the column(s) {', '.join(sorted(missing))}")
        rows: list[FeedbackRow] = []
        for n, raw in enumerate(reader, start=2):
            kind = raw.get("kind") or ""
            if kind not in POSITIVE_KINDS and kind != "negative":
                raise FeedbackError(f"{path} line {n}: unknown kind {kind!r}")
            if not (raw.get("text") or "").strip() or not (raw.get("label") or "").strip():
                raise FeedbackError(f"{path} line {n}: empty text or label")
            values = {k: raw.get(k) or "" for k in FEEDBACK_COLUMNS}
            conf = values.pop("confidence")
            try:
                confidence = float(conf) if conf else None
            except ValueError:
                raise FeedbackError(f"{path} line {n}: confidence {conf!r} is not a number") from None
            rows.append(FeedbackRow(**values, confidence=confidence))
    return rows
