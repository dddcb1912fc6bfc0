"""Reading the friction data: GoEmotions and Bitext for training, CSV/JSONL files for evaluation.

Evaluation files are user input, so every reader raises ``FrictionDataError`` with a message
that names the file and the problem (missing, wrong columns, empty, malformed line).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pandas as pd

from models.types import Role, Turn
from replydesk.settings import DATA_DIR
from training.friction_synth import T0

GOEMOTIONS_DIR = DATA_DIR / "goemotions"
BITEXT_FILE = DATA_DIR / "bitext" / "Bitext_Sample_Customer_Support_Training_Dataset.csv"
DANISH_AID_FILE = DATA_DIR / "friction" / "da_messages_train.csv"
ENGLISH_AID_FILE = DATA_DIR / "friction" / "en_messages_train.csv"
DEV_CONVERSATIONS_FILE = DATA_DIR / "friction" / "conversations_dev.jsonl"
# A second, harder DEV set written by someone who had seen neither the detector nor the test set.
DEV2_CONVERSATIONS_FILE = DATA_DIR / "friction" / "conversations_dev2.jsonl"
# Every labelled DEV conversation set, dev to dev19 (dev3 on were each measured once, unseen, before
# their errors were fixed; after that they are training data like the first two).
DEV_CONVERSATION_FILES = tuple(
    DATA_DIR / "friction" / f"conversations_{name}.jsonl"
    for name in ("dev", *(f"dev{k}" for k in range(2, 20)))
)
# A second held-out set (sixth session), written fresh and never tuned on: the benchmark measures it
# beside the test set, so that a change can be checked on new customers without reading the test set.
CHECK_CONVERSATIONS_FILE = DATA_DIR / "friction" / "conversations_check.jsonl"
# Requests for a person (and hard negatives) written by someone who saw neither the patterns nor the
# model's training data: measured only, never trained or tuned on (``benchmarks/friction_benchmark.py``).
PERSON_REQUESTS_CHECK_FILE = DATA_DIR / "friction" / "person_requests_check.csv"
BITEXT_FRICTION_INTENTS = frozenset({"complaint", "contact_human_agent"})
# Share of Bitext rows kept out of tone training, for the synthetic conversations only.
BITEXT_HOLDOUT = 0.3


class FrictionDataError(ValueError):
    """A data file is missing, empty or not in the expected format."""


@dataclass(frozen=True)
class LabelledConversation:
    """One conversation of a JSONL test file."""

    id: str
    lang: str
    escalate: bool
    escalate_at: int | None
    turns: tuple[Turn, ...]


def load_goemotions(split: str, directory: Path = GOEMOTIONS_DIR, emotions: bool = False) -> pd.DataFrame:
    """GoEmotions friction labels for ``split`` (train/dev/test) as columns ``text,friction``
    (and ``emotions``, comma-separated rater labels, when asked)."""
    df = pd.read_csv(directory / f"friction_binary_{split}.tsv", sep="\t", keep_default_na=False)
    columns = ["text", "friction", "emotions"] if emotions else ["text", "friction"]
    return df[columns].astype({"friction": int})


def load_strong_friction(split: str, directory: Path = GOEMOTIONS_DIR) -> list[str]:
    """GoEmotions ``split`` messages rated angry, annoyed or disgusted (the clearest frustration)."""
    df = pd.read_csv(directory / f"friction_binary_{split}.tsv", sep="\t", keep_default_na=False)
    strong = df["emotions"].str.contains(r"\b(?:anger|annoyance|disgust)\b", regex=True)
    return df.loc[strong, "text"].tolist()


def load_bitext(path: Path = BITEXT_FILE, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Bitext customer messages as ``text,friction`` split into (tone training, held out).

    Positives: complaint and contact-human-agent intents and rows tagged offensive (``W``).
    """
    df = pd.read_csv(path, keep_default_na=False)
    friction = df["intent"].isin(BITEXT_FRICTION_INTENTS) | df["tags"].str.contains("W")
    out = pd.DataFrame({"text": df["instruction"], "friction": friction.astype(int)})
    held = out.sample(frac=BITEXT_HOLDOUT, random_state=seed)
    return out.drop(held.index).reset_index(drop=True), held.reset_index(drop=True)


def read_messages(path: Path) -> pd.DataFrame:
    """A message-level CSV (or ``.tsv``) with columns ``text,friction`` (1 or 0); others are ignored."""
    if not path.is_file():
        raise FrictionDataError(f"{path}: no such file")
    try:
        df = pd.read_csv(path, sep="\t" if path.suffix.lower() == ".tsv" else ",", keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise FrictionDataError(f"{path}: not a readable CSV file ({exc})") from exc
    missing = {"text", "friction"} - set(df.columns)
    if missing:
        raise FrictionDataError(
            f"{path}: missing column(s) {sorted(missing)}; expected columns text,friction"
        )
    if df.empty:
        raise FrictionDataError(f"{path}: no rows")
    labels = pd.to_numeric(df["friction"], errors="coerce")
    if not labels.isin([0, 1]).all():
        bad = df.index[~labels.isin([0, 1])][0] + 2
        raise FrictionDataError(f"{path}: line {bad}: friction must be 0 or 1")
    return pd.DataFrame({"text": df["text"].astype(str), "friction": labels.astype(int)})


def _parse_conversation(raw: dict, where: str) -> LabelledConversation:
    try:
        turns = tuple(
            Turn(Role(t["role"]), str(t["text"]), T0 + timedelta(seconds=float(t["t"])) if "t" in t else None)
            for t in raw["turns"]
        )
        label = raw["label"]
        if label not in ("escalate", "no_escalate"):
            raise ValueError(f"label must be escalate or no_escalate, not {label!r}")
        at = raw.get("escalate_at")
        if label == "escalate" and (
            at is None or not 0 <= at < len(turns) or turns[at].role is not Role.CUSTOMER
        ):
            raise ValueError("escalate_at must index a customer turn")
        if not any(t.role is Role.CUSTOMER for t in turns):
            raise ValueError("no customer turn")
        return LabelledConversation(
            str(raw.get("id", where)),
            str(raw.get("lang", "en")),
            label == "escalate",
            at if label == "escalate" else None,
            turns,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise FrictionDataError(f"{where}: bad conversation ({exc})") from exc


def read_conversations(path: Path) -> list[LabelledConversation]:
    """A conversation-level JSONL file (one conversation per line, see data/friction/README.md)."""
    if not path.is_file():
        raise FrictionDataError(f"{path}: no such file")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FrictionDataError(f"{path}:{n}: not valid JSON ({exc.msg})") from exc
        out.append(_parse_conversation(raw, f"{path}:{n}"))
    if not out:
        raise FrictionDataError(f"{path}: no conversations")
    return out
