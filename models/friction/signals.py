"""Conversation signals: explainable features of a conversation after its latest customer turn.

Each signal is a number in 0..1 that feeds the conversation score, and, when it is strong
enough to matter, a reason with a stable code, a sentence for the agent and the turn that
triggered it. The combination into a score lives in ``detector``; this module only looks.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from models.friction import calm_contexts, calm_targets, lexicon, rejections, text_signals
from models.friction.human import human_request
from models.friction.text_signals import similarity
from models.types import Role, Turn

FEATURES = (
    "tone",
    "tone_prev",
    "complaint",
    "rising",
    "repeat",
    "repeat_claim",
    "rejected",
    "rejected_prev",
    "low_conf",
    "shouting",
    "profanity",
    "wait",
    "threat",
    "negative_turns",
    # Set by the detector from its learned pushback model (``pushback``), when it has one; 0 otherwise.
    "pushback",
)


@dataclass(frozen=True)
class SignalConfig:
    """Firing levels of the signals; stored in ``friction.json`` with the detector."""

    tone_fires: float = 0.5
    repeat_similarity: float = 0.55
    low_confidence: float = 0.5
    low_conf_streak: int = 2
    long_wait_seconds: float = 300.0
    rising_delta: float = 0.25


@dataclass(frozen=True)
class Signal:
    """One signal that fired: its code, sentence, the turn that triggered it and its feature name."""

    code: str
    feature: str
    message: str
    turn_index: int


@dataclass(frozen=True)
class Signals:
    features: dict[str, float]
    fired: tuple[Signal, ...]
    human_request: Signal | None


def _utc(t: datetime) -> datetime:
    # Naive times are taken as UTC so that a caller mixing both does not crash the detector.
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)


def _seconds_between(a: datetime | None, b: datetime | None) -> float | None:
    return (_utc(b) - _utc(a)).total_seconds() if a is not None and b is not None else None


def _waiting_seconds(turns: Sequence[Turn], last: int, now: datetime | None) -> float:
    """How long the customer waited: the gap before their latest turn, or until ``now`` when unanswered."""
    waits = []
    if last > 0:
        gap = _seconds_between(turns[last - 1].at, turns[last].at)
        waits.append(gap or 0.0)
    if now is not None and last == len(turns) - 1:
        waits.append(_seconds_between(turns[last].at, now) or 0.0)
    return max(waits, default=0.0)


def _low_conf(turn: Turn, level: float) -> bool:
    return turn.out_of_scope or (turn.confidence is not None and turn.confidence < level)


class _Scan:
    """The state of one ``extract`` call: the conversation, the features so far and what fired."""

    def __init__(
        self, turns: Sequence[Turn], tones: list[float], cust: list[int], config: SignalConfig
    ) -> None:
        self.turns, self.tones, self.cust, self.config = turns, tones, cust, config
        self.last = cust[-1]
        self.text = turns[self.last].text
        self.lower = self.text.lower()
        self.f = dict.fromkeys(FEATURES, 0.0)
        self.fired: list[Signal] = []
        self.looped = False
        self.latest_negative = False

    # Contexts several features ask about; each computed at most once per message.
    @functools.cached_property
    def opening_outburst(self) -> bool:
        return calm_targets.opening_outburst(self.lower, len(self.cust) == 1)

    @functools.cached_property
    def third_party_first(self) -> bool:
        return calm_targets.third_party_first(self.lower, len(self.cust) == 1)

    @functools.cached_property
    def aimed_elsewhere(self) -> bool:
        return calm_targets.aimed_elsewhere(self.lower)

    @functools.cached_property
    def about_other_bank(self) -> bool:
        return calm_targets.about_other_bank(self.lower)

    def fire(self, code: str, feature: str, message: str, index: int | None = None) -> None:
        self.fired.append(Signal(code, feature, message, self.last if index is None else index))

    def tone(self) -> None:
        """Frustrated tone now, earlier (fading with distance), complaint words, and a rising trend."""
        tones, level = self.tones, self.config.tone_fires
        # Swearing at one's own mishap, or "a bit annoying", reads angrier to the tone model than it is.
        # So do praise sworn at ("fucking amazing"), "just so you know", and complaint words that only
        # describe the situation ("awful timing") or ask how ("how do I complain").
        own = (
            lexicon.MISHAP.search(self.lower)
            or lexicon.matches(lexicon.HEDGE, self.lower)
            or lexicon.PRAISE_SWEAR.search(self.lower)
            or text_signals.sounds_mild(self.lower)
            or text_signals.complaint_softened(self.lower)
            # Round eight: strong words about a named third party, or another trade's complaints board.
            or self.aimed_elsewhere
            or calm_targets.calm_board(self.lower)
            or calm_targets.AT_MYSELF.search(self.lower)
            # Round nine: another bank's service described, or a question for information only.
            or self.about_other_bank
            or calm_contexts.hypothetical(self.lower)
            or calm_contexts.HEARSAY.search(self.lower)
            or calm_contexts.SELF_CORRECTION.search(self.lower)
            # Round ten: one outburst that opens a calm request for help.
            or self.opening_outburst
            # Round eleven: anger at a shop or a landlord in the first message, with a question for us.
            or self.third_party_first
        )
        self.f["tone"] = tones[-1] * (0.5 if own else 1.0)
        if tones[-1] >= level:
            self.fire("negative_tone", "tone", f"The latest message sounds frustrated ({tones[-1]:.0%}).")
        complaint, strength = text_signals.complaint(self.lower)
        if complaint:
            soft = (
                lexicon.matches(lexicon.HEDGE, self.lower)
                or lexicon.LAUGHTER.search(self.lower)
                or lexicon.MISHAP.search(self.lower)
                or self.opening_outburst
                or self.third_party_first
            )
            self.f["complaint"] = strength * (0.5 if soft else 1.0)
            if tones[-1] < level:
                self.fire("negative_tone", "complaint", f'The customer sounds annoyed ("{complaint}").')
        threat = lexicon.matches(lexicon.THREAT, self.lower)
        if threat and (
            calm_contexts.threat_elsewhere(lexicon.THREAT, self.lower)
            or calm_contexts.calm_threat(lexicon.THREAT, self.lower)
        ):
            threat = None  # "how do I file a complaint about a shop", "Ankenævnet for Forsikring"
        if threat:
            self.f["threat"] = 1.0
            self.fire("negative_tone", "threat", f'The customer threatens to leave or complain ("{threat}").')
        self.latest_negative = complaint is not None or threat is not None
        if len(tones) > 1:
            prev = max(range(len(tones) - 1), key=lambda k: tones[k])
            self.f["tone_prev"] = max(tones[k] * 0.7 ** (len(tones) - 2 - k) for k in range(len(tones) - 1))
            if tones[prev] >= level and tones[-1] < level:
                message = f"An earlier message sounded frustrated ({tones[prev]:.0%})."
                self.fire("negative_tone", "tone_prev", message, self.cust[prev])
        recent = tones[-3:]
        if len(recent) == 3 and recent[0] <= recent[1] <= recent[2]:
            self.f["rising"] = recent[2] - recent[0]
            if self.f["rising"] >= self.config.rising_delta and recent[2] >= 0.4:
                self.fire(
                    "rising_negativity",
                    "rising",
                    "The customer has grown more negative over the last messages.",
                )

    def negative_turns(self, latest_negative: bool) -> None:
        """How many customer messages so far were negative (tone, complaint, threat or rejection):
        graded, so that two mildly annoyed messages count for more than one."""
        level = self.config.tone_fires
        count = 0
        for k, i in enumerate(self.cust):
            text = self.turns[i].text
            negative = (
                self.tones[k] >= level
                or (i == self.last and latest_negative)
                or lexicon.matches(lexicon.COMPLAINT, text) is not None
                or text_signals.lexicon_rejection(text.lower()) is not None
            )
            count += negative
        self.f["negative_turns"] = min(1.0, count / 3)
        if count >= 2:
            self.fire(
                "rising_negativity",
                "negative_turns",
                f"{count} of the customer's messages so far were negative.",
            )

    def repeats(self) -> None:
        """The same question again (by text or by intent), the bot going in circles, "third time I ask"."""
        turns, last = self.turns, self.last
        similar = [
            i
            for i in self.cust[:-1]
            if (
                turns[i].intent is not None
                and turns[i].intent == turns[last].intent
                and not turns[last].out_of_scope
            )
            or similarity(self.text, turns[i].text) >= self.config.repeat_similarity
        ]
        bot = [t.text for t in turns[:last] if t.role is not Role.CUSTOMER]
        bot_repeat = len(bot) >= 2 and any(similarity(bot[-1], b) >= 0.8 for b in bot[:-1])
        # The bot answered the same thing again (or fell back again), not a closing line ("anything else?").
        self.looped = (
            len(bot) >= 2
            and text_signals.is_answer(bot[-1])
            and any(text_signals.same_answer(bot[-1], b) for b in bot[:-1])
        )
        # Asking once more may be a polite clarification; asking a third time is not.
        self.f["repeat"] = min(1.0, 0.5 * len(similar) + (0.5 if bot_repeat else 0.0))
        if similar:
            self.fire(
                "repeat_question",
                "repeat",
                f"The customer asked the same thing again (as in turn {similar[-1]}).",
            )
        elif bot_repeat:
            self.fire(
                "repeat_question",
                "repeat",
                "The bot gave the same answer twice; the customer is going in circles.",
            )
        claim = lexicon.matches(lexicon.REPEAT_CLAIM, self.lower)
        if claim and text_signals.counts_not_asks(self.lower):
            claim = None
        if claim:
            self.f["repeat_claim"] = 0.5 if lexicon.LAUGHTER.search(self.lower) else 1.0
            self.fire(
                "repeat_question", "repeat_claim", f'The customer says they have asked before ("{claim}").'
            )

    def rules(self) -> None:
        """Rejected answers, low-confidence streaks, shouting and profanity."""
        # Only an answer that was given can be rejected ("I just tried to pay..." opens a chat calmly).
        answered = any(t.role is not Role.CUSTOMER for t in self.turns[: self.last])
        rejected, strength = text_signals.rejection(self.text, self.lower) if answered else (None, 0.0)
        if rejected and strength <= 0.5 and rejections.HEDGED_CORRECTION.search(self.lower):
            rejected = None  # round ten: "I think it was raised to 15,000?" offers a fact to check
        if rejected:
            self.f["rejected"] = strength
            self.fire("answer_rejected", "rejected", f'The customer rejected the answer ("{rejected}").')
        earlier = [i for i in self.cust[:-1] if text_signals.lexicon_rejection(self.turns[i].text.lower())]
        self.f["rejected_prev"] = min(1.0, len(earlier) / 2)
        streak = 0
        for i in reversed(self.cust):
            turn = self.turns[i]
            # The bot's fallback reply says the message was out of its scope; the latest message,
            # not yet answered and with no classifier result, neither counts nor breaks the streak.
            after = self.turns[i + 1] if i + 1 < len(self.turns) else None
            fell_back = (
                after is not None and after.role is not Role.CUSTOMER and text_signals.is_fallback(after.text)
            )
            if i == self.last and after is None and turn.confidence is None and not turn.out_of_scope:
                continue
            if not (_low_conf(turn, self.config.low_confidence) or fell_back):
                break
            streak += 1
        self.f["low_conf"] = min(1.0, streak / 3)
        self.resigned(answered, streak, len(earlier))
        self.loop_not_accepted()
        # Counted once the latest message's rejection is known: turning an answer down is negative too.
        self.negative_turns(self.latest_negative or self.f["rejected"] > 0)
        if streak >= self.config.low_conf_streak:
            self.fire(
                "low_confidence_streak", "low_conf", f"The bot was unsure about {streak} messages in a row."
            )
        # A quoted error message or scam text in capitals is not the customer's voice.
        self.f["shouting"] = lexicon.shouting(calm_contexts.unquoted(self.text))
        if self.f["shouting"] >= 0.5:
            self.fire("shouting", "shouting", "The customer is shouting (capitals or '!!!').")
        swear = lexicon.matches(lexicon.PROFANITY, self.lower)
        if swear and (
            lexicon.PRAISE_SWEAR.search(self.lower)
            or lexicon.SELF_INSULT.search(self.lower)
            or self.aimed_elsewhere
            or self.about_other_bank
        ):
            # "fucking amazing" praises, "stupid me" blames oneself, "bloody parking company" is at them
            swear = None
        if swear:
            light = (
                lexicon.LIGHT_HEARTED.search(self.lower)
                or lexicon.MISHAP.search(self.lower)
                or self.opening_outburst
            )
            self.f["profanity"] = 0.5 if light else 1.0
            self.fire("profanity", "profanity", f'The customer used strong language ("{swear}").')

    def resigned(self, answered: bool, streak: int, rejected_before: int) -> None:
        """Giving up ("forget it", "så må jeg vel ..."): a rejection when the bot went in circles or
        missed before, half of one after an answer that may simply be bad news."""
        if not answered or self.f["rejected"] > 0:
            return
        phrase = text_signals.resignation(self.lower)
        if phrase is None:
            return
        failed = self.f["repeat"] > 0 or streak > 0 or rejected_before > 0 or self.f["tone_prev"] >= 0.5
        # Round ten: curt replies ("ok.", "right.", "nå.") before giving up are a slow build, not good news.
        failed = failed or rejections.curt_before([self.turns[i].text for i in self.cust[:-1]])
        failed = (
            failed or rejections.LEAVES_CHAT.search(self.lower) is not None
        )  # round eleven: to the branch
        self.f["rejected"] = 1.0 if failed else 0.5
        self.fire("answer_rejected", "rejected", f'The customer gives up on the answer ("{phrase}").')

    def loop_not_accepted(self) -> None:
        """The bot gave the same answer again and the customer did not take it ("ok thanks", "found
        it"): whatever they write next turns the answer down, a bot going in circles is not coping."""
        if self.f["rejected"] >= 1.0 or not self.looped or text_signals.accepts(self.lower):
            return
        self.f["rejected"] = 1.0
        self.fire(
            "answer_rejected", "rejected", "The bot repeated its answer and the customer did not accept it."
        )

    def wait(self, now: datetime | None) -> None:
        wait = _waiting_seconds(self.turns, self.last, now)
        # Log scale: the firing level counts 0.25, eight times it (40 minutes by default) 1.0.
        self.f["wait"] = min(1.0, max(0.0, math.log2(max(wait, 1.0) / self.config.long_wait_seconds) + 1) / 4)
        if wait >= self.config.long_wait_seconds:
            self.fire("long_wait", "wait", f"The customer has waited {wait / 60:.0f} minutes for a reply.")


def extract(
    turns: Sequence[Turn],
    tone: Callable[[Sequence[str]], Sequence[float]],
    now: datetime | None = None,
    config: SignalConfig | None = None,
) -> Signals:
    """Compute the features and the fired signals after the latest customer turn of ``turns``."""
    cust = [i for i, t in enumerate(turns) if t.role is Role.CUSTOMER]
    if not cust:
        return Signals(dict.fromkeys(FEATURES, 0.0), (), None)
    scan = _Scan(turns, list(tone([turns[i].text for i in cust])), cust, config or SignalConfig())
    # No negation check here: missing a request for a person costs more than a needless handoff.
    phrase = human_request(scan.text)
    human = None
    if phrase:
        human = Signal("human_request", "", f'The customer asked for a person ("{phrase}").', scan.last)
    scan.tone()
    scan.repeats()
    scan.rules()
    scan.wait(now)
    return Signals(scan.f, tuple(scan.fired), human)
