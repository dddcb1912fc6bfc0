"""What agents do with a suggestion: approve it, edit it, choose an alternative, or reject it.

Each act is a training label, so each writes one ``agent_actions`` row with who did it, the
suggested intent/confidence/model version, the customer message and what was finally sent.
The conversation is locked before the suggestion (the same order as a new customer message
takes), so a suggestion handled by one agent answers a second agent with 409.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.answers import AnswerLibrary, customer_values
from service.crud.conversations import (
    lock_conversation,
    record_action,
    send_agent_message,
    take_ownership,
)
from service.db import Message, Suggestion, utcnow
from service.errors import Conflict, NotFound
from service.security import Principal


class SuggestionAct(StrEnum):
    APPROVE = "approve"
    EDIT = "edit"
    CHOOSE = "choose"
    REJECT = "reject"


# The status a suggestion ends in after each act.
_STATUS = {
    SuggestionAct.APPROVE: "approved",
    SuggestionAct.EDIT: "edited",
    SuggestionAct.CHOOSE: "chosen",
    SuggestionAct.REJECT: "rejected",
}


def get_suggestion(session: Session, suggestion_id: str) -> Suggestion:
    row = session.get(Suggestion, suggestion_id)
    if row is None:
        raise NotFound(f"suggestion {suggestion_id} not found")
    return row


def _final(
    act: SuggestionAct,
    s: Suggestion,
    text: str | None,
    intent: str | None,
    answers: AnswerLibrary | None,
    customer_name: str | None,
) -> tuple[str | None, str | None]:
    """The (intent, text) that goes to the customer for this act; ``None`` text sends nothing."""
    if act is SuggestionAct.APPROVE:
        if s.reply is None:
            raise Conflict(f"suggestion {s.id} has no reply text to approve; edit it or reply yourself")
        return s.intent, s.reply
    if act is SuggestionAct.EDIT:
        return s.intent, text
    if act is SuggestionAct.CHOOSE:
        offered = {a["intent"]: a for a in s.alternatives}
        # Added by the learning loop (issue 6): an agent may also pick any intent of the answer
        # library when none of the offered ones is right; that correction is the most useful label.
        in_library = answers is not None and intent is not None and intent in answers
        if intent not in offered and not in_library:
            choices = ", ".join(offered) or "none"
            raise Conflict(
                f"intent {intent!r} is not an alternative of suggestion {s.id} (offered: {choices}) "
                "nor an intent of the answer library"
            )
        reply = offered.get(intent or "", {}).get("reply")
        if (
            reply is None
            and answers is not None
            and intent
            and (found := answers.render(intent, customer_values(customer_name)))
        ):
            reply = found[1]
        if reply is None:
            raise Conflict(f"the answer library has no reply for {intent!r}; edit the suggestion instead")
        return intent, reply
    return None, None


def act_on_suggestion(
    *,
    session: Session,
    suggestion_id: str,
    who: Principal,
    act: SuggestionAct,
    text: str | None = None,
    intent: str | None = None,
    reason: str | None = None,
    answers: AnswerLibrary | None = None,
) -> Suggestion:
    """Apply one agent act to a pending suggestion and record it as a label."""
    conversation_id = get_suggestion(session, suggestion_id).conversation_id
    session.rollback()  # release the unlocked read; take the locks in a fixed order next
    conv = lock_conversation(session, conversation_id)
    stmt = select(Suggestion).where(Suggestion.id == suggestion_id).with_for_update()
    s = session.scalars(stmt.execution_options(populate_existing=True)).one()
    if conv.status == "resolved":
        raise Conflict(f"conversation {conv.id} is resolved")
    if s.status != "pending":
        by = f" by {s.handled_by}" if s.handled_by else ""
        raise Conflict(f"suggestion {s.id} was already handled: {s.status}{by}")
    if conv.status == "agent" and conv.agent != who.name:
        raise Conflict(f"conversation {conv.id} is held by agent {conv.agent}")
    final_intent, final_text = _final(act, s, text, intent, answers, conv.customer_name)
    sent: Message | None = None
    if final_text is not None:
        sent = send_agent_message(
            session, conv, who, final_text, reply_to_id=s.message_id, suggestion_id=s.id
        )
    else:
        take_ownership(conv, who)
    s.status, s.handled_by, s.handled_at = _STATUS[act], who.name, utcnow()
    s.final_intent, s.final_text = final_intent, final_text
    customer = session.get(Message, s.message_id)
    payload: dict[str, Any] = {
        "suggested_intent": s.intent,
        "confidence": s.confidence,
        "model_version": s.model_version,
        "suggested_reply": s.reply,
        "customer_message_id": s.message_id,
        "customer_text": customer.text if customer else None,
        "final_intent": final_intent,
        "final_text": final_text,
    }
    if act is SuggestionAct.EDIT:
        payload["edited_text"] = text
    if act is SuggestionAct.CHOOSE:
        payload["chosen_intent"] = intent
    if act is SuggestionAct.REJECT:
        payload["reason"] = reason
    record_action(
        session,
        conv=conv,
        who=who,
        action=act.value,
        suggestion_id=s.id,
        message_id=sent.id if sent else s.message_id,
        payload=payload,
    )
    session.commit()
    return s
