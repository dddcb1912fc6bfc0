"""The conversation score as shallow boosted trees over the signal features and the turn's context.

The linear score adds its signals up, the same way in every situation. Out of fold on the DEV
conversations, trees that may combine them did better: a strong tone in a customer's very first
message, before anyone has answered, says less than the same tone after a bot reply; pushback from a
short correction means more than from a long message that asks something new. Four facts about the
latest customer turn take part for that (``CONTEXT_FEATURES``); they shape the score but are not
reasons of their own.

The trees are fitted by scikit-learn's ``HistGradientBoostingClassifier`` (``training/friction_conv``)
and copied into flat arrays here, so scoring one turn is a few vectorised steps (no sklearn call,
whose input checks cost more than the trees) and a saved detector is plain JSON that names its
features. A reason's weight is what its feature adds to the score: the log-odds with the feature
against the same turn with it at 0, so the agent sees how much each reason moved the decision.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from models.types import Role, Turn

CONTEXT_FEATURES = ("no_reply_yet", "customer_turn", "asks_question", "log_words")
MAX_CUSTOMER_TURN = 4  # "the fifth customer turn or later" is one value: few conversations run longer


def context_features(turns: Sequence[Turn], index: int) -> dict[str, float]:
    """For the customer turn at ``index``: 1.0 when nobody has replied before it; the number of customer
    turns before it (at most ``MAX_CUSTOMER_TURN``); 1.0 when it asks a question; log(1 + its words)."""
    before = turns[:index]
    text = turns[index].text
    return {
        "no_reply_yet": float(not any(t.role is not Role.CUSTOMER for t in before)),
        "customer_turn": float(min(sum(1 for t in before if t.role is Role.CUSTOMER), MAX_CUSTOMER_TURN)),
        "asks_question": float("?" in text),
        "log_words": math.log1p(len(text.split())),
    }


@dataclass(frozen=True)
class BoostedScore:
    """Trees in flat arrays (node ``i``: ``feature[i]``, ``threshold[i]``, children ``left[i]``/``right[i]``
    as global node indices, a leaf being its own child, with ``value[i]``), their roots, and a Platt step
    on the sum."""

    features: tuple[str, ...]
    baseline: float
    roots: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    depth: int
    scale: float = 1.0
    shift: float = 0.0

    @classmethod
    def from_sklearn(cls, model: Any, features: Sequence[str]) -> BoostedScore:
        """Copy a fitted binary ``HistGradientBoostingClassifier`` (numerical features, no missing
        values) into arrays. Its trees are read from ``_predictors``, the one place sklearn keeps
        them; ``training.friction_conv`` checks the copy against ``decision_function``."""
        roots, parts, offset, depth = [], [], 0, 1
        for (predictor,) in model._predictors:
            nodes = predictor.nodes
            roots.append(offset)
            parts.append((nodes, offset))
            depth = max(depth, int(nodes["depth"].max()) + 1)
            offset += len(nodes)
        nodes = np.concatenate([n for n, _ in parts])
        shift = np.concatenate([np.full(len(n), o) for n, o in parts])
        leaf = nodes["is_leaf"].astype(bool)
        # Leaves point at themselves, so every tree can take ``depth`` steps whatever its own depth.
        own = np.arange(len(nodes))
        zero = np.zeros((1, len(features)))
        trees_only = cls(
            tuple(features), 0.0, np.array(roots), nodes["feature_idx"].astype(np.int64),
            nodes["num_threshold"].astype(float), np.where(leaf, own, nodes["left"] + shift),
            np.where(leaf, own, nodes["right"] + shift), nodes["value"].astype(float), depth,
        )  # fmt: skip
        baseline = float(model.decision_function(zero)[0]) - trees_only.tree_sum(zero[0])
        return cls(**{**trees_only.__dict__, "baseline": baseline})

    def tree_sum(self, x: np.ndarray) -> float:
        node = self.roots
        for _ in range(self.depth):
            go_left = x[self.feature[node]] <= self.threshold[node]
            node = np.where(go_left, self.left[node], self.right[node])
        return float(self.value[node].sum())

    def raw(self, x: np.ndarray) -> float:
        """The trees' log-odds for one feature vector (in ``features`` order), before the Platt step."""
        return self.baseline + self.tree_sum(np.asarray(x, dtype=float))

    def logit(self, x: np.ndarray) -> float:
        return self.scale * self.raw(x) + self.shift

    def probability(self, x: np.ndarray) -> float:
        z = max(-30.0, min(30.0, self.logit(x)))
        return 1.0 / (1.0 + np.exp(-z))

    def contribution(self, x: np.ndarray, name: str) -> float:
        """How much feature ``name`` adds to the log-odds of ``x``: against the same turn with it at 0."""
        return self.contributions(x, [name])[name]

    def contributions(self, x: np.ndarray, names: Sequence[str]) -> dict[str, float]:
        """``contribution`` of each of ``names``, the log-odds of ``x`` itself computed once."""
        x = np.asarray(x, dtype=float)
        base = self.logit(x)
        out = {}
        for name in names:
            without = x.copy()
            without[self.features.index(name)] = 0.0
            out[name] = base - self.logit(without)
        return out

    def with_platt(self, scale: float, shift: float) -> BoostedScore:
        return BoostedScore(**{**self.__dict__, "scale": float(scale), "shift": float(shift)})

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": "gradient-boosted trees (sklearn HistGradientBoostingClassifier), Platt-scaled",
            "features": list(self.features),
            "baseline": self.baseline,
            "scale": self.scale,
            "shift": self.shift,
            "depth": self.depth,
            "roots": self.roots.tolist(),
            "nodes": {
                "feature": self.feature.tolist(),
                "threshold": self.threshold.tolist(),
                "left": self.left.tolist(),
                "right": self.right.tolist(),
                "value": self.value.tolist(),
            },
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> BoostedScore:
        nodes = raw["nodes"]
        n = len(nodes["feature"])
        if any(len(nodes[k]) != n for k in ("threshold", "left", "right", "value")):
            raise ValueError("the conversation model's node arrays differ in length")
        return cls(
            tuple(raw["features"]),
            float(raw["baseline"]),
            np.asarray(raw["roots"], dtype=np.int64),
            np.asarray(nodes["feature"], dtype=np.int64),
            np.asarray(nodes["threshold"], dtype=float),
            np.asarray(nodes["left"], dtype=np.int64),
            np.asarray(nodes["right"], dtype=np.int64),
            np.asarray(nodes["value"], dtype=float),
            int(raw["depth"]),
            float(raw["scale"]),
            float(raw["shift"]),
        )
