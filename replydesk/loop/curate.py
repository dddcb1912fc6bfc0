"""Answer library curation: agents' recurring edits become proposed answers for a person to accept.

When agents keep rewriting the suggested reply for an intent in the same way, the library's
answer is probably wrong, dated or missing. ``propose_answers`` groups the ``edit`` rows of a
feedback file by intent and by similar edited text (difflib ratio, greedy clustering) and
turns every group seen at least ``min_count`` times into a proposal: an ``improve`` of an
existing answer or a ``new`` one. The representative text is the group's medoid with the
greeting's name put back to ``{customer_name}``.

Nothing changes the library by itself: proposals go to a review YAML file with ``accept:
false``; a person flips the ones to adopt and ``apply_review`` writes a new library file.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import yaml

from models.answers import Answer, AnswerLibrary
from replydesk.loop.errors import LoopError
from replydesk.loop.feedback import FeedbackRow

_GREETING = re.compile(r"^(Hi|Hello|Hey|Dear|Hej|Kære)\s+(?!\{)[^\s,{}]+,", re.IGNORECASE)


class ReviewError(LoopError):
    """A review file is missing or malformed."""


@dataclass(frozen=True)
class Proposal:
    intent: str
    kind: str  # "improve" (the library has an answer) or "new"
    title: str
    proposed_reply: str
    current_reply: str | None
    occurrences: int
    agents: int
    cohesion: float  # mean similarity of the group's texts to the proposed one
    examples: tuple[str, ...]
    accept: bool = False


def _normal(text: str) -> str:
    return " ".join(_GREETING.sub(r"\1 {customer_name},", text.strip()).lower().split())


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _clusters(texts: list[str], threshold: float) -> list[list[int]]:
    """Greedy single-pass grouping: each text joins the group whose first member it is most like."""
    groups: list[list[int]] = []
    for i, t in enumerate(texts):
        best, best_sim = None, threshold
        for g in groups:
            sim = _similarity(texts[g[0]], t)
            if sim >= best_sim:
                best, best_sim = g, sim
        if best is None:
            groups.append([i])
        else:
            best.append(i)
    return groups


def propose_answers(
    rows: Sequence[FeedbackRow],
    library: AnswerLibrary | None = None,
    *,
    min_count: int = 3,
    similarity: float = 0.75,
    max_examples: int = 3,
) -> list[Proposal]:
    """Proposals from the ``edit`` rows that recur, most frequent first."""
    by_intent: dict[str, list[FeedbackRow]] = defaultdict(list)
    for row in rows:
        if row.kind == "edit" and row.reply.strip():
            by_intent[row.label].append(row)
    proposals: list[Proposal] = []
    for intent, edits in by_intent.items():
        current = library.get(intent) if library is not None else None
        current_norm = _normal(current.reply) if current else None
        # An "edit" that only restates the library's answer proposes nothing.
        edits = [e for e in edits if _normal(e.reply) != current_norm]
        texts = [_normal(e.reply) for e in edits]
        for group in _clusters(texts, similarity):
            if len(group) < min_count:
                continue
            sims = [[_similarity(texts[i], texts[j]) if i != j else 1.0 for j in group] for i in group]
            medoid_pos = max(range(len(group)), key=lambda k: sum(sims[k]))
            medoid = edits[group[medoid_pos]].reply.strip()
            proposals.append(
                Proposal(
                    intent=intent,
                    kind="improve" if current else "new",
                    title=current.title if current else intent.replace("_", " ").capitalize(),
                    proposed_reply=_GREETING.sub(r"\1 {customer_name},", medoid),
                    current_reply=current.reply if current else None,
                    occurrences=len(group),
                    agents=len({edits[i].actor for i in group if edits[i].actor}),
                    cohesion=round(sum(sims[medoid_pos]) / len(group), 3),
                    examples=tuple(edits[i].reply.strip() for i in group[:max_examples]),
                )
            )
    return sorted(proposals, key=lambda p: (-p.occurrences, p.intent))


def write_review(
    proposals: Sequence[Proposal], path: Path, library_path: Path | None, library_version: str | None
) -> None:
    """Write the proposals to a YAML review file, each with ``accept: false``."""
    body: dict[str, Any] = {
        "about": "Proposed answers from agents' recurring edits. Set accept: true on the ones to adopt "
        "(edit proposed_reply or title freely), then run: "
        "replydesk curate-answers --apply THIS_FILE --out NEW.yaml",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "library": str(library_path) if library_path else None,
        "library_version": library_version,
        "proposals": [asdict(p) | {"examples": list(p.examples)} for p in proposals],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def read_review(path: Path) -> list[Proposal]:
    if not path.is_file():
        raise ReviewError(f"review file not found: {path}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ReviewError(f"review file {path} is not valid YAML: {exc}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("proposals"), list):
        raise ReviewError(f"review file {path} needs a top-level 'proposals' list")
    proposals = []
    for i, p in enumerate(raw["proposals"], start=1):
        if not isinstance(p, dict) or not p.get("intent") or not str(p.get("proposed_reply") or "").strip():
            raise ReviewError(f"proposal #{i} in {path} needs an intent and a proposed_reply")
        if not isinstance(p.get("accept", False), bool):
            raise ReviewError(f"proposal #{i} in {path}: accept must be true or false")
        proposals.append(
            Proposal(
                intent=str(p["intent"]), kind=str(p.get("kind", "new")),
                title=str(p.get("title") or p["intent"]), proposed_reply=str(p["proposed_reply"]).strip(),
                current_reply=p.get("current_reply"), occurrences=int(p.get("occurrences", 0)),
                agents=int(p.get("agents", 0)), cohesion=float(p.get("cohesion", 0.0)),
                examples=tuple(p.get("examples") or ()), accept=bool(p.get("accept", False)),
            )
        )  # fmt: skip
    return proposals


def apply_review(library: AnswerLibrary, proposals: Sequence[Proposal]) -> tuple[AnswerLibrary, int]:
    """A new library with the accepted proposals in it, and how many were applied."""
    answers = dict(library.answers)
    accepted = [p for p in proposals if p.accept]
    for p in accepted:
        answers[p.intent] = Answer(intent=p.intent, title=p.title, reply=p.proposed_reply)
    version = f"{library.version}+curated-{datetime.now(UTC):%Y%m%d%H%M}" if accepted else library.version
    return AnswerLibrary(version=version, answers=answers), len(accepted)
