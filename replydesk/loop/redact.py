"""Redaction of personal data before customer text leaves the database for training.

Customers paste card numbers, IBANs, e-mail addresses, phone numbers and Danish CPR numbers
into chat. None of that may reach a training file, a report or a proposed answer, so every
text the learning loop exports goes through :func:`redact` first, which replaces each finding
with a typed token (``<CARD>``, ``<IBAN>``, ``<EMAIL>``, ``<PHONE>``, ``<CPR>``). The token
keeps the sentence's shape, so the classifier still learns "my card <CARD> was declined".

Candidates are found with permissive patterns and then validated (Luhn for cards, ISO 13616
mod-97 for IBANs, a real calendar date for CPR numbers) so that amounts, order numbers and
dates are left alone. Where two findings overlap the more specific kind wins (see ``_ORDER``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

CARD, IBAN, EMAIL, PHONE, CPR = "CARD", "IBAN", "EMAIL", "PHONE", "CPR"


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind and where it sits in the text (``text[start:end]``)."""

    kind: str
    start: int
    end: int


_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
# Country code, check digits, then up to 30 letters/digits in groups separated by a space or dash.
_IBAN_RE = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,30}", re.IGNORECASE)
_CARD_RE = re.compile(r"(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])")
_CPR_RE = re.compile(r"(?<![\d])(\d{2})(\d{2})(\d{2})[- ]?(\d{4})(?![\d])")
# International: +CC or 00CC, then 6-14 more digits in groups (spaces, dashes, dots, brackets).
_INTL_PHONE_RE = re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ .-]?\(?\d{1,4}\)?){2,6}(?![\d])")
# Danish subscriber numbers: 8 digits, written 12345678, 12 34 56 78 or 1234 5678. Spaces only
# (a dash would catch ISO dates), and not when more digit groups follow or precede (a longer
# number, such as a mistyped card number, is not a phone number).
_DK_PHONE_RE = re.compile(r"(?<![\d+-])(?<!\d )(?:\d{2}(?: ?\d{2}){3}|\d{4} \d{4})(?! ?\d)")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _iban_ok(compact: str) -> bool:
    """ISO 13616: move the first four characters to the end, letters to numbers, mod 97 == 1."""
    if not (15 <= len(compact) <= 34) or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def _cpr_date_ok(dd: str, mm: str, yy: str, serial: str) -> bool:
    """A CPR number starts with a real birth date; the 7th digit tells the century."""
    day, month, year2 = int(dd), int(mm), int(yy)
    seventh = int(serial[0])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if year2 <= 36 else 1900
    else:
        century = 2000 if year2 <= 57 else 1800
    if not 1 <= month <= 12:
        return False
    return 1 <= day <= calendar.monthrange(century + year2, month)[1]


def _emails(text: str) -> Iterator[Finding]:
    for m in _EMAIL_RE.finditer(text):
        yield Finding(EMAIL, m.start(), m.end())


def _ibans(text: str) -> Iterator[Finding]:
    # The pattern may run on into following words ("... 43 OK"); take the longest prefix that
    # validates, so a trailing word never hides a real IBAN.
    for m in _IBAN_RE.finditer(text):
        span = m.group(0)
        ends = [i + 1 for i, ch in enumerate(span) if ch.isalnum()]
        for n_chars in range(len(ends), 14, -1):
            compact = re.sub(r"[ -]", "", span[: ends[n_chars - 1]]).upper()
            if _iban_ok(compact):
                yield Finding(IBAN, m.start(), m.start() + ends[n_chars - 1])
                break


def _cards(text: str) -> Iterator[Finding]:
    for m in _CARD_RE.finditer(text):
        if _luhn_ok(re.sub(r"\D", "", m.group(0))):
            yield Finding(CARD, m.start(), m.end())


def _cprs(text: str) -> Iterator[Finding]:
    for m in _CPR_RE.finditer(text):
        if _cpr_date_ok(*m.groups()):
            yield Finding(CPR, m.start(), m.end())


def _phones(text: str) -> Iterator[Finding]:
    for m in _INTL_PHONE_RE.finditer(text):
        if 8 <= sum(ch.isdigit() for ch in m.group(0)) <= 15:
            yield Finding(PHONE, m.start(), m.end())
    for m in _DK_PHONE_RE.finditer(text):
        yield Finding(PHONE, m.start(), m.end())


# Priority order: e-mails first (they may hold digits), then the validated numbers, then
# phones, whose patterns are the loosest.
_ORDER: tuple[Callable[[str], Iterator[Finding]], ...] = (_emails, _ibans, _cards, _cprs, _phones)


def find_personal_data(text: str) -> list[Finding]:
    """All non-overlapping findings in ``text``, in reading order."""
    taken: list[Finding] = []
    for detector in _ORDER:
        for f in detector(text):
            if all(f.end <= t.start or f.start >= t.end for t in taken):
                taken.append(f)
    return sorted(taken, key=lambda f: f.start)


def redact(text: str) -> str:
    """``text`` with every finding replaced by its typed token, e.g. ``<CARD>``."""
    out: list[str] = []
    pos = 0
    for f in find_personal_data(text):
        out.append(text[pos : f.start])
        out.append(f"<{f.kind}>")
        pos = f.end
    out.append(text[pos:])
    return "".join(out)
