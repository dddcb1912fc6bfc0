"""Small fake models: predictable predictions and friction built from ``models.types`` objects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from models.types import Alternative, FrictionAssessment, FrictionReason, Prediction, Role, Turn

# text keyword -> (intent, confidence, out_of_scope)
RULES = {
    "card": ("card_arrival", 0.97, False),
    "pin": ("change_pin", 0.6, False),
    "weather": ("card_arrival", 0.2, True),
    "nolibrary": ("exchange_rate", 0.99, False),
}


class FakeClassifier:
    def __init__(self, version: str = "fake-1") -> None:
        self.version = version

    def predict(self, text: str) -> Prediction:
        if "crash" in text:
            raise RuntimeError("model exploded")
        intent, confidence, oos = next(
            (rule for word, rule in RULES.items() if word in text.lower()), ("card_arrival", 0.3, False)
        )
        return Prediction(
            intent=intent,
            confidence=confidence,
            alternatives=(Alternative("lost_or_stolen_card", 0.02), Alternative("change_pin", 0.01)),
            out_of_scope=oos,
            threshold=0.9,
            model_version=self.version,
        )


@dataclass
class FakeClassifierProvider:
    model: FakeClassifier | None = field(default_factory=FakeClassifier)

    def current(self) -> FakeClassifier | None:
        return self.model

    def status(self) -> str | None:
        return None if self.model else "no trained model (fake)"


class FakeDetector:
    """Calm unless the last customer turn says 'human' (asks for a person) or 'angry'."""

    def assess(self, turns: Sequence[Turn], now: datetime | None = None) -> FrictionAssessment:
        index = max(i for i, t in enumerate(turns) if t.role is Role.CUSTOMER)
        last = turns[index].text.lower()
        if "human" in last:
            reason = FrictionReason("human_requested", "Asked for a person", index, turns[index].text, 1.0)
            return FrictionAssessment(0.8, True, True, (reason,))
        if "angry" in last:
            reason = FrictionReason("anger", "Sounds angry", index, turns[index].text, 0.7)
            return FrictionAssessment(0.9, True, False, (reason,))
        return FrictionAssessment(0.05, False, False, ())


@dataclass
class FakeFrictionProvider:
    detector: FakeDetector | None = field(default_factory=FakeDetector)

    def current(self) -> FakeDetector | None:
        return self.detector

    def status(self) -> str | None:
        return None if self.detector else "no friction detector (fake)"
