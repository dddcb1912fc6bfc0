"""The friction detector: message tone plus conversation signals into one calibrated score.

``FrictionDetector.assess(turns)`` scores a conversation after its latest customer turn:
a logistic model over the signal features (``signals.FEATURES``) gives a probability that a
good agent would step in now; it escalates at the shipped threshold, and at once on an
explicit request for a person: one the patterns of ``human`` recognise, or, in a trained detector,
one its learned second opinion (``person_model``) is sure of. A trained detector scores with boosted
trees over the same features and the turn's context (``boosted``) instead of the linear weights,
unless trained with ``--conversation-model linear``. A saved detector is a directory with
``friction.json`` (version, threshold, weights, tone calibration, metrics) and, when trained,
``tone.joblib``, ``person.joblib``, ``pushback.joblib`` and ``conversation.json`` (the trees).
"""

from __future__ import annotations

import json
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from models.friction import signals as sig
from models.friction.boosted import CONTEXT_FEATURES, BoostedScore, context_features
from models.friction.person_model import PersonRequestModel
from models.friction.pushback import PushbackModel, bot_before
from models.friction.tone import LexiconTone, ToneScorer, TrainedTone
from models.types import FrictionAssessment, FrictionReason, Role, Turn

CONFIG_FILE = "friction.json"
# The parts of friction.json that ``load`` reads itself; every other key is metadata.
_SECTIONS = frozenset(
    {
        "version",
        "threshold",
        "bias",
        "weights",
        "signals",
        "tone",
        "person_model",
        "pushback_model",
        "conversation_model",
    }
)
CONVERSATION_FILE = "conversation.json"

# Hand-set conversation weights for the untrained default, in ``signals.FEATURES`` order:
# a very frustrated message, or a milder one with a rejected answer, repeat or long wait,
# crosses 0.5; a single negative fact ("my card was stolen") does not.
DEFAULT_WEIGHTS = {
    "tone": 5.0,
    "tone_prev": 1.5,
    "complaint": 1.5,
    "rising": 1.5,
    "repeat": 1.5,
    "repeat_claim": 2.5,
    "rejected": 3.0,
    "rejected_prev": 1.0,
    "low_conf": 2.0,
    "shouting": 2.0,
    "profanity": 2.0,
    "wait": 1.5,
    "threat": 3.0,
    "negative_turns": 1.0,
    # Only a trained detector has a pushback model; this is the prior its fitted weight shrinks towards.
    "pushback": 2.0,
}
DEFAULT_BIAS = -4.2

# How the agent reads a feature when no single signal fired but several weak ones crossed the threshold.
FEATURE_NAMES = {
    "tone": "frustrated tone",
    "tone_prev": "frustrated tone earlier",
    "complaint": "complaint words",
    "rising": "rising negativity",
    "repeat": "a repeated question",
    "repeat_claim": "a claim to have asked before",
    "rejected": "the bot's answer turned down",
    "rejected_prev": "an earlier answer turned down",
    "low_conf": "the bot unsure",
    "shouting": "shouting",
    "profanity": "profanity",
    "wait": "a long wait",
    "threat": "a threat to leave or complain",
    "negative_turns": "negative turns",
    "pushback": "pushback on the bot",
}


class FrictionDetector:
    """Scores the friction of a conversation and says why; see the module docstring."""

    def __init__(
        self,
        tone: ToneScorer,
        weights: dict[str, float],
        bias: float,
        threshold: float = 0.5,
        signal_config: sig.SignalConfig | None = None,
        version: str = "default",
        metadata: dict[str, Any] | None = None,
        person: PersonRequestModel | None = None,
        pushback: PushbackModel | None = None,
        conversation: BoostedScore | None = None,
    ) -> None:
        unknown = set(weights) - set(sig.FEATURES)
        if unknown:
            raise ValueError(f"unknown friction features: {sorted(unknown)}")
        self.tone = tone
        self.weights = {f: float(weights.get(f, 0.0)) for f in sig.FEATURES}
        self.bias = float(bias)
        self.threshold = float(threshold)
        self.signal_config = signal_config or sig.SignalConfig()
        self.version = version
        self.metadata = metadata or {}
        self.person = person
        self.pushback = pushback
        self.conversation = conversation  # None: the linear weights score the conversation
        # Earlier turns are re-scored on every message; a small cache keeps that cheap.
        self._tone_cache: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def default(cls) -> FrictionDetector:
        """A detector that needs no trained model: lexicon tone and hand-set weights (English and Danish)."""
        return cls(LexiconTone(), DEFAULT_WEIGHTS, DEFAULT_BIAS, version="default-lexicon")

    # --- scoring -----------------------------------------------------------------------------

    def tone_scores(self, texts: Sequence[str]) -> list[float]:
        """Calibrated frustration probability of each message, cached by text (thread-safe)."""
        with self._lock:
            known = {t: self._tone_cache[t] for t in texts if t in self._tone_cache}
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            known.update(zip(missing, (float(p) for p in self.tone.predict_proba(missing)), strict=True))
            with self._lock:
                self._tone_cache.update((t, known[t]) for t in missing)
                while len(self._tone_cache) > 4096:
                    self._tone_cache.popitem(last=False)
        return [known[t] for t in texts]

    def features(self, turns: Sequence[Turn], now: datetime | None = None) -> sig.Signals:
        """The signals after the latest customer turn: the rules of ``signals``, then the learned ones of
        a trained detector (the pushback feature, and a request for a person the patterns missed)."""
        found = sig.extract(turns, self.tone_scores, now, self.signal_config)
        last = max((i for i, t in enumerate(turns) if t.role is Role.CUSTOMER), default=None)
        if last is None:
            return found
        if self.pushback is not None:
            p = self.pushback.probability(turns[last].text, bot_before(turns, last))
            fired = found.fired
            if p >= self.pushback.FIRES:
                message = (
                    f"The customer's reply reads as pushback on the bot (the pushback model is {p:.0%} sure)."
                )
                fired = (*fired, sig.Signal("pushback", "pushback", message, last))
            found = replace(found, features={**found.features, "pushback": p}, fired=fired)
        if found.human_request is None and self.person is not None:
            q = self.person.asks_for_person(turns[last].text)
            if q is not None:
                message = f"The customer seems to ask for a person (the request model is {q:.0%} sure)."
                found = replace(found, human_request=sig.Signal("human_request", "", message, last))
        return found

    def score_features(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights[f] * features[f] for f in sig.FEATURES)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def conversation_vector(self, features: dict[str, float], turns: Sequence[Turn]) -> list[float]:
        """The boosted model's input, in the order its trees name: signal features and the latest
        customer turn's context."""
        if self.conversation is None:
            raise ValueError("this detector has no boosted conversation model (linear weights only)")
        last = max((i for i, t in enumerate(turns) if t.role is Role.CUSTOMER), default=None)
        known = {**features, **(context_features(turns, last) if last is not None else {})}
        return [known.get(name, 0.0) for name in self.conversation.features]

    def assess(self, turns: Sequence[Turn], now: datetime | None = None) -> FrictionAssessment:
        """The friction of the conversation after its latest customer turn, with the reasons that fired."""
        found = self.features(turns, now)
        boosted = self.conversation
        if boosted is not None:
            x = self.conversation_vector(found.features, turns)
            score = boosted.probability(x)
            # The turn's own log-odds once for all the reasons that fired.
            added = boosted.contributions(x, list(dict.fromkeys(s.feature for s in found.fired)))

            def adds(feature: str) -> float:
                return added[feature] if feature in added else boosted.contribution(x, feature)
        else:
            score = self.score_features(found.features)

            def adds(feature: str) -> float:
                return self.weights[feature] * found.features[feature]

        reasons = [
            FrictionReason(
                s.code, s.message, s.turn_index, turns[s.turn_index].text, round(adds(s.feature), 4)
            )
            for s in found.fired
        ]
        if not reasons and score >= self.threshold:
            reasons.append(self._combined_reason(found.features, adds, turns))
        h = found.human_request
        human = h is not None
        if h is not None:
            reasons.insert(
                0,
                FrictionReason(
                    h.code,
                    h.message,
                    h.turn_index,
                    turns[h.turn_index].text,
                    round(max(self.weights.values()), 4),
                ),
            )
            score = max(score, self.threshold)
        reasons.sort(key=lambda r: (r.code != "human_request", -r.weight))
        return FrictionAssessment(
            score=round(score, 4),
            escalate=human or score >= self.threshold,
            human_requested=human,
            reasons=tuple(reasons),
            threshold=self.threshold,
        )

    @staticmethod
    def _combined_reason(
        features: dict[str, float], adds: Callable[[str], float], turns: Sequence[Turn]
    ) -> FrictionReason:
        """The reason shown when the score crossed the threshold without any one signal firing: the
        features that added most, with their values (an escalation always says why)."""
        added = sorted(((adds(f), f) for f in sig.FEATURES if features[f] > 0), reverse=True)
        top = [(w, f) for w, f in added if w > 0][:3]
        listed = (
            ", ".join(f"{FEATURE_NAMES[f]} ({features[f]:.2f})" for _, f in top) or "the conversation so far"
        )
        last = max((i for i, t in enumerate(turns) if t.role is Role.CUSTOMER), default=len(turns) - 1)
        return FrictionReason(
            "combined_signals",
            f"No single signal is strong, but together they cross the threshold: {listed}.",
            last,
            turns[last].text,
            round(sum(w for w, _ in top), 4),
        )

    # --- persistence -------------------------------------------------------------------------

    def config(self) -> dict[str, Any]:
        """The JSON description written to ``friction.json``."""
        tone: dict[str, Any]
        if isinstance(self.tone, TrainedTone):
            tone = {
                "kind": "trained",
                "platt": list(self.tone.platt),
                "danish": self.tone.danish.to_dict(),
                "danish_blend": self.tone.danish_blend,
                "file": TrainedTone.FILENAME,
            }
            if self.tone.stack is not None:
                tone["stack"] = list(self.tone.stack)
                tone["encoder_dir"] = "tone_encoder"  # EncoderTone.DIRNAME, without importing torch
            if self.tone.encoder_band is not None:
                tone["encoder_band"] = list(self.tone.encoder_band)
            members = getattr(self.tone.encoder, "members", None)  # an EncoderEnsemble's
            if members is not None:
                tone["encoder_count"] = len(members)
        elif isinstance(self.tone, LexiconTone):
            tone = {"kind": "lexicon", **self.tone.to_dict()}
        else:
            raise TypeError(f"cannot save a tone scorer of type {type(self.tone).__name__}")
        return {
            "version": self.version,
            "created_at": self.metadata.get("created_at", datetime.now(UTC).isoformat()),
            "threshold": self.threshold,
            "bias": self.bias,
            "weights": self.weights,
            "signals": asdict(self.signal_config),
            "tone": tone,
            **({"person_model": self.person.to_config()} if self.person is not None else {}),
            **({"pushback_model": self.pushback.to_config()} if self.pushback is not None else {}),
            **({"conversation_model": {"file": CONVERSATION_FILE}} if self.conversation is not None else {}),
            **{k: v for k, v in self.metadata.items() if k != "created_at"},
        }

    def save(self, path: str | Path) -> Path:
        """Write the detector to directory ``path`` (created) and return it."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if isinstance(self.tone, TrainedTone):
            self.tone.save(path)
        if self.person is not None:
            self.person.save(path)
        if self.pushback is not None:
            self.pushback.save(path)
        if self.conversation is not None:
            (path / CONVERSATION_FILE).write_text(json.dumps(self.conversation.to_dict()) + "\n")
        (path / CONFIG_FILE).write_text(json.dumps(self.config(), indent=2, ensure_ascii=False) + "\n")
        return path

    @classmethod
    def load(cls, path: str | Path) -> FrictionDetector:
        """Load a detector saved by ``save``; ``FileNotFoundError``/``ValueError`` name what is wrong."""
        path = Path(path)
        file = path / CONFIG_FILE
        if not file.is_file():
            raise FileNotFoundError(f"no friction detector at {path} (missing {CONFIG_FILE})")
        try:
            cfg = json.loads(file.read_text())
            tone_cfg = cfg["tone"]
            tone: ToneScorer
            if tone_cfg["kind"] == "trained":
                tone = TrainedTone.load(path, tone_cfg)
            else:
                tone = LexiconTone(tone_cfg["weights"], tone_cfg["bias"])
            meta = {k: v for k, v in cfg.items() if k not in _SECTIONS}
            # Detectors saved before the person-request model have none: patterns only.
            person = PersonRequestModel.load(path, cfg["person_model"]) if "person_model" in cfg else None
            pushback = PushbackModel.load(path, cfg["pushback_model"]) if "pushback_model" in cfg else None
            conversation = None  # detectors saved before the boosted score have the linear weights only
            if "conversation_model" in cfg:
                conv_file = path / cfg["conversation_model"]["file"]
                if not conv_file.is_file():
                    raise FileNotFoundError(f"friction detector at {path} is missing {conv_file.name}")
                conversation = BoostedScore.from_dict(json.loads(conv_file.read_text()))
                unknown = set(conversation.features) - set(sig.FEATURES) - set(CONTEXT_FEATURES)
                if unknown:
                    raise ValueError(
                        f"{conv_file} uses features this version does not know: {sorted(unknown)}"
                    )
            return cls(
                tone,
                cfg["weights"],
                cfg["bias"],
                cfg["threshold"],
                sig.SignalConfig(**cfg["signals"]),
                cfg["version"],
                meta,
                person,
                pushback,
                conversation,
            )
        except (KeyError, TypeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{file} is not a valid friction detector description: {exc!r}") from exc
