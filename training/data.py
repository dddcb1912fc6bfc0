"""Reading labelled message data sets and checking them against an answer library.

A data set is a CSV with a ``text`` column and a ``label`` column (BANKING77's ``category``
is accepted too). Test sets may use the label ``oos`` for out-of-scope messages. Every problem
is raised as ``DataError`` with a message that names the file and what is wrong, so the CLI
can print it instead of a traceback.
"""

from __future__ import annotations

import csv
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
from sklearn.model_selection import train_test_split

from models.answers import AnswerLibrary

logger = logging.getLogger(__name__)

OOS_LABEL = "oos"
_LABEL_COLUMNS = ("label", "category", "intent")


class DataError(ValueError):
    """A data set is missing, malformed, empty or does not fit the model or answer library."""


class Example(NamedTuple):
    """One labelled customer message; a plain ``(text, label)`` tuple works wherever this does."""

    text: str
    label: str


def read_examples(path: str | Path) -> list[Example]:
    """Read ``text,label`` (or ``text,category``) rows from a CSV file.

    Blank texts or labels are an error rather than silently dropped: a data set with holes
    usually means the wrong file or a broken export.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"data file not found: {path}")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        columns = [c.strip().lower() for c in reader.fieldnames or []]
        if "text" not in columns:
            raise DataError(f"{path} needs a 'text' column (found: {', '.join(columns) or 'no header'})")
        label_col = next((c for c in _LABEL_COLUMNS if c in columns), None)
        if label_col is None:
            raise DataError(f"{path} needs a 'label' (or 'category') column (found: {', '.join(columns)})")
        reader.fieldnames = columns
        rows = [_example(row, label_col, path, i + 2) for i, row in enumerate(reader)]
    if not rows:
        raise DataError(f"{path} holds no rows")
    return rows


def _example(row: dict[str, str | None], label_col: str, path: Path, line: int) -> Example:
    text = (row.get("text") or "").strip()
    label = (row.get(label_col) or "").strip()
    if not text or not label:
        raise DataError(f"{path} line {line}: empty text or label")
    return Example(text, label)


def as_examples(rows: Iterable[tuple[str, str]]) -> list[Example]:
    """Normalise rows given from Python (tuples or ``Example``) and reject an empty set."""
    out = [Example(str(text), str(label)) for text, label in rows]
    if not out:
        raise DataError("the data set is empty")
    return out


def check_training_labels(
    rows: Sequence[Example], answers: AnswerLibrary | None, *, allow_unanswered: bool = False
) -> list[Example]:
    """Check that every training label has an answer in the library.

    A label without an answer would let the model pick an intent nobody can reply to, so it
    is an error by default; with ``allow_unanswered`` those rows are dropped with a warning.
    ``oos`` rows are never training targets and are always an error here.
    """
    if any(r.label == OOS_LABEL for r in rows):
        raise DataError(f"training data holds '{OOS_LABEL}' rows; out-of-scope is learned from thresholds")
    labels = Counter(r.label for r in rows)
    if len(labels) < 2:
        raise DataError(f"training data needs at least two labels, found {len(labels)}")
    if answers is None:
        return list(rows)
    missing = sorted(label for label in labels if label not in answers)
    if not missing:
        return list(rows)
    shown = ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
    if not allow_unanswered:
        raise DataError(
            f"{len(missing)} training label(s) have no answer in library {answers.version!r}: {shown} "
            "(add answers, or pass --allow-unanswered to drop those rows)"
        )
    kept = [r for r in rows if r.label in answers]
    logger.warning(
        "dropping %d rows of %d label(s) without an answer: %s", len(rows) - len(kept), len(missing), shown
    )
    return check_training_labels(kept, answers)


def validation_split(y: np.ndarray, fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices to fit on and to hold out (stratified when every class has 2 rows)."""
    idx = np.arange(len(y))
    stratify = y if np.bincount(y).min() >= 2 else None
    n_held = max(int(round(fraction * len(y))), len(np.unique(y)) if stratify is not None else 1)
    if n_held >= len(y):
        raise DataError(f"too few rows ({len(y)}) to hold out a validation split")
    fit_idx, held_idx = train_test_split(idx, test_size=n_held, stratify=stratify, random_state=seed)
    return fit_idx, held_idx
