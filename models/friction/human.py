"""Explicit requests for a person, in English and Danish, tolerant of typos, SMS spelling and missing
diacritics.

Missing a request for a person costs far more than a needless handoff, so the patterns are
broad; what keeps them honest is that each needs a person word *and* something that asks for
one (a verb of contact, "please", a whole message that is just "agent!"), and that a match is
dropped when the words around it say it is not a request ("no need to call me", "I'm not a
robot", "a person or a company", "it was nice to talk to an agent").

Text is normalised before matching: lower case, æ→ae, ø→o, å→a, "aa"→"a", "oe"→"o" (so that
"radgiver" and "raadgiver" match "rådgiver"), SMS spellings ("2", "w/", "sum1", "m") become words,
and a misspelt word one typo away from a person or contact word ("agnet", "speek", "medarbjeder")
becomes that word (``human_normalise``). The patterns, in ``human_patterns``, are written in normal
spelling and folded the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from models.friction.human_normalise import fold, fold_pattern, normalise
from models.friction.human_patterns import (
    NEGATED_CONTACT,
    NOT_A_REQUEST,
    PATTERNS,
    SCHEDULED,
    URGENT,
    WORDS_BEFORE,
)

# Callers import these from here; which module defines them is this package's own business.
__all__ = [
    "NOT_A_REQUEST",
    "PATTERNS",
    "SCHEDULED",
    "URGENT",
    "WORDS_BEFORE",
    "fold",
    "human_request",
    "normalise",
    "request_ruled_out",
]

_COMPILED = tuple(re.compile(fold_pattern(p)) for p in PATTERNS)
_NOT_A_REQUEST = re.compile(fold_pattern("|".join(f"(?:{p})" for p in NOT_A_REQUEST)))
_WORDS_BEFORE = re.compile(fold_pattern(WORDS_BEFORE))
_SCHEDULED = re.compile(fold_pattern(SCHEDULED))
_URGENT = re.compile(fold_pattern(URGENT))
_NEGATED_CONTACT = re.compile(fold_pattern(NEGATED_CONTACT))


def _booked_for_later(norm: str) -> bool:
    """A call arranged for later without urgency ("call me next Wednesday"), in normalised text."""
    return bool(_SCHEDULED.search(norm)) and not _URGENT.search(norm)


def _request_span(text: str) -> tuple[int, int] | None:
    """The span of the first phrase that asks for a person and is not cancelled by its context."""
    cancelled = [m.span() for m in _NOT_A_REQUEST.finditer(text)]
    found = sorted(m.span() for pattern in _COMPILED for m in pattern.finditer(text))
    negated_until = -1
    for start, end in found:
        if start < negated_until or any(a < max(end, start + 1) and start < b for a, b in cancelled):
            continue
        # The words right before the phrase: "no need to", "please don't", "it was nice to". A negation
        # covers the rest of its clause: "don't need to put me through to anyone".
        clause = re.split(r"[.!?,;:]", text[max(0, start - 40) : start])[-1]
        if _WORDS_BEFORE.search(clause):
            stop = re.search(r"[.!?,;:]", text[end:])
            negated_until = end + stop.start() if stop else len(text)
            continue
        return start, end
    return None


@lru_cache(maxsize=4096)
def human_request(text: str) -> str | None:
    """The phrase of ``text`` that asks for a person (as the customer wrote it), or ``None``."""
    norm, index = normalise(text)
    if _booked_for_later(norm):
        return None
    span = _request_span(norm)
    if span is None:
        return None
    start, end = span[0], max(span[0], span[1] - 1)
    if start >= len(index):
        return text.strip()
    phrase = text[index[start] : index[min(end, len(index) - 1)] + 1].strip()
    return phrase or text.strip()


@lru_cache(maxsize=4096)
def request_ruled_out(text: str) -> bool:
    """Whether ``text`` says outright that it is not asking for a person now: a phrase that mentions
    one without asking ("I'm not a robot", "a person or a company"), a contact verb negated or refused
    ("I don't need to speak to an adviser", "stop calling me"), or a call booked for later without
    urgency. The learned second opinion (``person_model``) defers to it: a bag of words cannot see
    the scope of a "don't"."""
    norm, _ = normalise(text)
    return bool(_booked_for_later(norm) or _NOT_A_REQUEST.search(norm) or _NEGATED_CONTACT.search(norm))
