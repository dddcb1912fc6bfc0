"""The curated answer library: one reviewed reply per intent.

A library is a YAML file::

    version: "banking77-2026.11"
    answers:
      - intent: card_arrival
        title: Card has not arrived
        reply: "Hi {customer_name}, ..."

Replies may hold ``{placeholders}``; ``render`` fills the ones it is given and leaves
the others visible so an agent notices them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class AnswerLibraryError(ValueError):
    """The answer library file is missing or malformed."""


@dataclass(frozen=True)
class Answer:
    intent: str
    title: str
    reply: str

    def render(self, values: Mapping[str, str] | None = None) -> str:
        values = values or {}
        return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), self.reply)


def customer_values(customer_name: str | None) -> dict[str, str]:
    """Per-conversation placeholder values: the customer's name when we know it."""
    return {"customer_name": customer_name} if customer_name else {}


def unfilled_placeholders(text: str) -> list[str]:
    """The ``{placeholders}`` still in a rendered reply: such a reply must not reach a customer unseen."""
    return _PLACEHOLDER.findall(text)


@dataclass(frozen=True)
class AnswerLibrary:
    """Answers by intent, plus ``defaults``: the library's own values for its placeholders
    (e.g. ``app_name``), so a reply can be sent as it is; per-call values win over them."""

    version: str
    answers: Mapping[str, Answer]
    defaults: Mapping[str, str] = field(default_factory=dict)

    def __contains__(self, intent: object) -> bool:
        return intent in self.answers

    def __len__(self) -> int:
        return len(self.answers)

    def get(self, intent: str) -> Answer | None:
        return self.answers.get(intent)

    def render(self, intent: str, values: Mapping[str, str] | None = None) -> tuple[str, str] | None:
        """(title, reply) for ``intent`` with the library defaults and ``values`` filled in."""
        answer = self.answers.get(intent)
        if answer is None:
            return None
        return answer.title, answer.render({**self.defaults, **(values or {})})

    def to_yaml(self) -> str:
        body: dict[str, object] = {"version": self.version}
        if self.defaults:
            body["defaults"] = dict(self.defaults)
        body |= {
            "answers": [
                {"intent": a.intent, "title": a.title, "reply": a.reply} for a in self.answers.values()
            ],
        }
        return yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)

    @classmethod
    def load(cls, path: str | Path) -> AnswerLibrary:
        path = Path(path)
        if not path.is_file():
            raise AnswerLibraryError(f"answer library not found: {path}")
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise AnswerLibraryError(f"answer library {path} is not valid UTF-8 YAML: {exc}") from exc
        if not isinstance(raw, dict) or not isinstance(raw.get("answers"), list):
            raise AnswerLibraryError(f"answer library {path} needs a top-level 'answers' list")
        answers: dict[str, Answer] = {}
        for i, row in enumerate(raw["answers"]):
            # Blank (whitespace-only) values count as missing: an empty reply must never be sent.
            if not isinstance(row, dict) or not all(
                str(row.get(k) or "").strip() for k in ("intent", "title", "reply")
            ):
                raise AnswerLibraryError(f"answer #{i + 1} in {path} needs intent, title and reply")
            intent = str(row["intent"])
            if intent in answers:
                raise AnswerLibraryError(f"intent {intent!r} appears twice in {path}")
            answers[intent] = Answer(
                intent=intent, title=str(row["title"]).strip(), reply=str(row["reply"]).strip()
            )
        defaults = raw.get("defaults") or {}
        if not isinstance(defaults, dict):
            raise AnswerLibraryError(f"'defaults' in {path} must be a mapping of placeholder to value")
        return cls(
            version=str(raw.get("version", path.stem)),
            answers=answers,
            defaults={str(k): str(v) for k, v in defaults.items()},
        )
