"""A learned second opinion on requests for a person, for the wordings the patterns do not know.

The patterns in ``human`` recognise every request in ``data/friction/person_requests.csv``, which
they were written for, but on phrasings written later by someone who never saw them they found
88% of the English requests and 79% of the Danish ones ("yo is there like an actual guy i can talk
to", "robot nej. menneske ja.", "Er der nogen fra låneafdelingen der kan chatte nu?"). This model,
word and character n-grams of the normalised text (``human.normalise``) in a logistic regression
trained on those requests, Bitext's contact-a-human requests and thousands of calm customer
messages, is asked only when the patterns find nothing, and it is overruled when the message says
outright that it is not a request (``human.request_ruled_out``: "I don't need to speak to an
adviser", a call booked for later, "I'm not a robot").

Its threshold is chosen at training time, out of fold, for at most a given share of false alarms
on the hand-written hard negatives (messages that mention people or calls without asking for
one); it is saved with the detector (``person.joblib`` and the ``person_model`` section of
``friction.json``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from models.friction.human import normalise, request_ruled_out
from models.friction.learned import linear_probability, load_parts


class PersonRequestModel:
    """Probability that a customer message asks for a person; ``asks_for_person`` applies the threshold."""

    FILENAME = "person.joblib"

    def __init__(
        self, vectorizer, classifier, threshold: float, metrics: dict[str, Any] | None = None
    ) -> None:
        if not 0.0 < threshold < 1.0:
            raise ValueError(f"a person-request threshold must lie between 0 and 1, got {threshold}")
        self.vectorizer = vectorizer  # a FeatureUnion of sublinear, L2-normed TfidfVectorizers
        self.classifier = classifier  # a fitted binary LogisticRegression over those features
        self.threshold = float(threshold)
        self.metrics = metrics or {}

    def probability(self, text: str) -> float:
        """The model's probability that ``text`` asks for a person (no rules applied)."""
        norm = normalise(text)[0]
        return linear_probability(
            self.classifier, [(part, norm) for _, part in self.vectorizer.transformer_list]
        )

    def asks_for_person(self, text: str) -> float | None:
        """The probability when the model takes ``text`` for a request for a person, else ``None``."""
        if request_ruled_out(text):
            return None
        p = self.probability(text)
        return p if p >= self.threshold else None

    def to_config(self) -> dict[str, Any]:
        return {"file": self.FILENAME, "threshold": round(self.threshold, 4), "metrics": self.metrics}

    def save(self, directory: Path) -> None:
        import joblib

        joblib.dump({"vectorizer": self.vectorizer, "classifier": self.classifier}, directory / self.FILENAME)

    @classmethod
    def load(cls, directory: Path, config: dict[str, Any]) -> PersonRequestModel:
        parts = load_parts(directory, config, cls.FILENAME, "a person-request model")
        return cls(
            parts["vectorizer"], parts["classifier"], float(config["threshold"]), config.get("metrics")
        )
