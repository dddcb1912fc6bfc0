"""Synthetic conversations (English and Danish) for fitting and tuning the conversation score.

The shipped test set ``data/friction/conversations.jsonl`` is never used for training or
tuning; instead the conversation model is fitted on conversations drawn from the templates
in ``friction_templates``, with held-out Bitext messages mixed in as calm openers and as
complaints so that the score does not learn only our own phrases. Each conversation knows
the customer turn where a good agent would step in (``escalate_at``), like the test set.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from models.types import Role, Turn
from training.friction_templates import CALM, FOLLOW_UP, FRICTION, NAMES, TOPICS

T0 = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class SynthConversation:
    """A generated conversation; ``escalate_at`` indexes ``turns`` (a customer turn) or is None."""

    lang: str
    turns: tuple[Turn, ...]
    escalate_at: int | None
    kind: str


def _turn(role: Role, text: str, t: float, **info) -> Turn:
    return Turn(role, text, at=T0 + timedelta(seconds=t), **info)


def generate(
    n: int, seed: int = 0, extra_calm: Sequence[str] = (), extra_angry: Sequence[str] = ()
) -> list[SynthConversation]:
    """``n`` conversations, about half escalating, in English and Danish.

    ``extra_calm``/``extra_angry`` are real messages (held-out Bitext rows, GoEmotions dev) used as
    openers and as frustrated turns, so the conversation score also sees text we did not write.
    """
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        lang = "da" if rng.random() < 0.4 else "en"
        question, good, bad = rng.choice(TOPICS[lang])
        if lang == "en" and extra_calm and rng.random() < 0.3:
            question = rng.choice(extra_calm)
        t = 0.0
        turns = [_turn(Role.CUSTOMER, question, t)]
        escalate = rng.random() < 0.5
        kind = "calm"
        answer = bad if escalate and rng.random() < 0.7 else good
        # A calm follow-up gets a new reply; the first answer comes back only where friction starts.
        replies = [answer, *rng.sample(FOLLOW_UP[lang], 2)]
        prefix = rng.randint(0, 2)
        for k in range(prefix):
            t += rng.uniform(2, 5)
            turns.append(_turn(Role.BOT, replies[k], t))
            t += rng.uniform(10, 120) if rng.random() < 0.85 else rng.uniform(600, 3000)
            calm = rng.choice(CALM[lang]).format(name=rng.choice(NAMES))
            turns.append(_turn(Role.CUSTOMER, calm, t))
        t += rng.uniform(2, 5)
        turns.append(_turn(Role.BOT, answer if escalate else replies[prefix], t))
        escalate_at = None
        if escalate:
            kind = rng.choice(list(FRICTION[lang]) + ["repeat", "low_conf", "real", "real"])
            if kind == "real" and not (lang == "en" and extra_angry):
                kind = "angry"
            if kind == "rising":
                steps = rng.choice(FRICTION[lang]["rising"])
                for text in steps:
                    t += rng.uniform(15, 90)
                    turns.append(_turn(Role.CUSTOMER, text, t))
                    t += rng.uniform(2, 5)
                    turns.append(_turn(Role.BOT, answer, t))
                turns.pop()
            elif kind == "repeat":
                t += rng.uniform(15, 90)
                again = question if rng.random() < 0.5 else question.rstrip("?") + "??"
                turns.append(_turn(Role.CUSTOMER, again, t))
                t += rng.uniform(2, 5)
                turns.append(_turn(Role.BOT, answer, t))
                t += rng.uniform(15, 90)
                turns.append(_turn(Role.CUSTOMER, again + (" Hello?" if lang == "en" else " Hallo?"), t))
            elif kind == "low_conf":
                for text in rng.sample(CALM[lang][4:7], 2):
                    t += rng.uniform(15, 90)
                    turns.append(_turn(Role.CUSTOMER, text, t, confidence=0.2, out_of_scope=True))
                    t += rng.uniform(2, 5)
                    turns.append(
                        _turn(
                            Role.BOT,
                            "Sorry, I didn't understand that."
                            if lang == "en"
                            else "Undskyld, det forstod jeg ikke.",
                            t,
                        )
                    )
                turns.pop()
                t += rng.uniform(15, 90)
                turns.append(
                    _turn(
                        Role.CUSTOMER,
                        rng.choice(FRICTION[lang]["rejected"]),
                        t,
                        confidence=0.2,
                        out_of_scope=True,
                    )
                )
            else:
                text = rng.choice(extra_angry) if kind == "real" else rng.choice(FRICTION[lang][kind])
                t += rng.uniform(900, 3000) if kind == "waiting" else rng.uniform(15, 90)
                turns.append(_turn(Role.CUSTOMER, text, t))
            escalate_at = len(turns) - 1
        else:
            t += rng.uniform(10, 120) if rng.random() < 0.8 else rng.uniform(600, 3000)
            turns.append(_turn(Role.CUSTOMER, rng.choice(CALM[lang]).format(name=rng.choice(NAMES)), t))
        out.append(SynthConversation(lang, tuple(turns), escalate_at, kind))
    return out


def prefixes(
    conversations: Sequence[SynthConversation],
) -> tuple[list[tuple[tuple[Turn, ...], None]], list[int]]:
    """One (turns so far, now) sample per customer turn up to the escalation turn, with its 0/1 label."""
    samples, labels = [], []
    for conv in conversations:
        for i, turn in enumerate(conv.turns):
            if turn.role is not Role.CUSTOMER:
                continue
            if conv.escalate_at is not None and i > conv.escalate_at:
                break
            samples.append((conv.turns[: i + 1], None))
            labels.append(int(conv.escalate_at is not None and i >= conv.escalate_at))
    return samples, labels
