"""How much a customer's reply reads as pushing back on the bot: a learned conversation signal.

The rules of ``signals`` know phrases ("that doesn't help", "per my last message"); customers who
are losing patience politely write what no list holds: "That's where I saw them.", "I know how to
make a transfer. I made one.", "Yes, that's how I signed it last week.", "Det er ti bankdage nu.".
What gives them away is the pairing of a bot reply that missed (a link, a generic answer, the same
answer again) with a short correction. This model reads both: word and character n-grams of the
customer's message and word n-grams of the bot reply before it, in a logistic regression trained
on the labelled DEV conversations (the turn where a good agent steps in against the turns before
it and the turns of calm conversations; ``training/pushback_train.py``). Its probability is the
``pushback`` feature of the conversation score, whose weight is fitted on features the model made
without seeing the conversation (cross-fitted), so the weight is not fooled by training fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from models.friction.human import normalise
from models.friction.learned import linear_probability, load_parts
from models.types import Role, Turn


def bot_before(turns: Sequence[Turn], index: int) -> str:
    """The bot's reply that turn ``index`` answers: the latest reply before it when the bot wrote it;
    "" when nobody has replied yet or a person did (the model learned bot replies, not an agent's)."""
    reply = next((turns[j] for j in range(index - 1, -1, -1) if turns[j].role is not Role.CUSTOMER), None)
    return reply.text if reply is not None and reply.role is Role.BOT else ""


class PushbackModel:
    """Probability that a good agent steps in after this customer message, given the bot's reply before it."""

    FILENAME = "pushback.joblib"
    FIRES = 0.5  # the level at which the signal is shown to the agent as a reason

    def __init__(
        self, customer_vectorizer, bot_vectorizer, classifier, metrics: dict[str, Any] | None = None
    ):
        self.customer_vectorizer = customer_vectorizer  # FeatureUnion of sublinear, L2-normed TF-IDFs
        self.bot_vectorizer = bot_vectorizer  # one sublinear, L2-normed word TfidfVectorizer
        self.classifier = classifier  # binary LogisticRegression over [customer features, bot features]
        self.metrics = metrics or {}

    def probability(self, customer_text: str, bot_text: str = "") -> float:
        """Probability that a good agent steps in after ``customer_text``, answering ``bot_text``."""
        customer = normalise(customer_text)[0]
        blocks = [(part, customer) for _, part in self.customer_vectorizer.transformer_list]
        bot = normalise(bot_text)[0] if bot_text else ""
        return linear_probability(self.classifier, [*blocks, (self.bot_vectorizer, bot)])

    def to_config(self) -> dict[str, Any]:
        return {"file": self.FILENAME, "metrics": self.metrics}

    def save(self, directory: Path) -> None:
        import joblib

        parts = {
            "customer": self.customer_vectorizer,
            "bot": self.bot_vectorizer,
            "classifier": self.classifier,
        }
        joblib.dump(parts, directory / self.FILENAME)

    @classmethod
    def load(cls, directory: Path, config: dict[str, Any]) -> PushbackModel:
        parts = load_parts(directory, config, cls.FILENAME, "a pushback model")
        return cls(parts["customer"], parts["bot"], parts["classifier"], config.get("metrics"))
