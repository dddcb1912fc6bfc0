"""The promotion gates: may a challenger replace the champion?

A pure function of the two models' scores on the same held-out data, so the rule is easy to
test and to read in a report. A challenger is promoted only when every gate passes:

- ``held_out``: at least ``min_held_out`` held-out rows (on fewer, a worse model can look better);
- ``accuracy``: not lower than the champion's (less ``accuracy_tolerance``, default 0);
- ``calibration``: its ECE not worse than the champion's by more than ``ece_tolerance``;
- ``intent_precision``: no intent's precision among the messages it would auto-reply (at the
  challenger's own per-intent threshold) below ``target_precision``. An intent with fewer than
  ``min_auto_replies`` such messages is too thin to judge and is listed, not failed.

Without a champion (the very first model) only the precision gate applies.
"""

from __future__ import annotations

from dataclasses import dataclass

from replydesk.loop.scoring import ModelScore


@dataclass(frozen=True)
class GateConfig:
    accuracy_tolerance: float = 0.0
    ece_tolerance: float = 0.01
    target_precision: float = 0.99
    min_auto_replies: int = 5
    min_held_out: int = 50


@dataclass(frozen=True)
class GateFailure:
    """One gate that failed, with a sentence saying why (shown in the report and the CLI)."""

    gate: str
    message: str


@dataclass(frozen=True)
class GateVerdict:
    failures: tuple[GateFailure, ...]
    unjudged_intents: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict[str, object]:
        return {
            "passed": self.passed,
            "failures": [{"gate": f.gate, "message": f.message} for f in self.failures],
            "unjudged_intents": list(self.unjudged_intents),
        }


def check_gates(
    champion: ModelScore | None, challenger: ModelScore, config: GateConfig = GateConfig()
) -> GateVerdict:
    """Which gates the challenger fails against the champion, and why (empty when it may be promoted)."""
    failures: list[GateFailure] = []
    if challenger.n < config.min_held_out:
        failures.append(
            GateFailure(
                "held_out",
                f"only {challenger.n} held-out rows; at least {config.min_held_out} are needed to judge",
            )
        )
    if champion is not None:
        if challenger.accuracy < champion.accuracy - config.accuracy_tolerance:
            failures.append(
                GateFailure(
                    "accuracy",
                    f"accuracy {challenger.accuracy:.4f} is below the champion's {champion.accuracy:.4f}",
                )
            )
        if challenger.ece > champion.ece + config.ece_tolerance:
            failures.append(
                GateFailure(
                    "calibration",
                    f"ECE {challenger.ece:.4f} is worse than the champion's {champion.ece:.4f} "
                    f"by more than {config.ece_tolerance:.4f}",
                )
            )
    unjudged: list[str] = []
    for intent, ip in sorted(challenger.per_intent.items()):
        if ip.auto_replies < config.min_auto_replies:
            unjudged.append(intent)
        elif ip.precision is not None and ip.precision < config.target_precision:
            failures.append(
                GateFailure(
                    "intent_precision",
                    f"intent {intent!r}: precision {ip.precision:.3f} at its auto-reply threshold "
                    f"({ip.correct}/{ip.auto_replies}) is below the target {config.target_precision:.2f}",
                )
            )
    return GateVerdict(tuple(failures), tuple(unjudged))
