"""Spelling normalisation for the person-request detector (``human``): folding and typo/SMS repair.

Customers write "raadgiver", "agnet", "talk 2 sum1"; the request patterns are written once, in
normal spelling, and both the text and the patterns are folded here to one spelling so that a
single pattern covers them all. Kept apart from ``human`` so that the detector reads as the
matching logic alone, and so that the spelling tables can be extended without touching it.

Folding: lower case, æ→ae, ø→o, å→a, "aa"→"a", "oe"→"o". Normalising adds SMS spellings ("2",
"w/", "sum1", "m") as words and replaces a token one typo away from a person or contact word
("agnet", "speek", "medarbjeder") with that word. Both keep, for each output character, the
index of its source character, so that a match can be quoted as the customer wrote it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_FOLD_CHARS = {"æ": "ae", "ø": "o", "å": "a", "é": "e", "è": "e", "ü": "u", "ö": "o", "ä": "ae", "’": "'"}
_FOLD_PAIRS = {"aa": "a", "oe": "o"}


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character, the index of its source character."""
    lower = text.lower()
    out: list[str] = []
    index: list[int] = []
    i = 0
    while i < len(lower):
        pair = _FOLD_PAIRS.get(lower[i : i + 2])
        if pair is not None:
            out.append(pair)
            index.append(i)
            i += 2
            continue
        for ch in _FOLD_CHARS.get(lower[i], lower[i]):
            out.append(ch)
            index.append(i)
        i += 1
    return "".join(out), index


def fold_pattern(pattern: str) -> str:
    r"""A regular expression with its letters folded the way ``fold`` folds text; case is kept,
    since "\W" is not "\w"."""
    for pair, single in _FOLD_PAIRS.items():
        pattern = pattern.replace(pair, single)
    return "".join(_FOLD_CHARS.get(ch, ch) for ch in pattern)


# SMS and chat spellings of the words the patterns need.
_SMS = dict(
    pair.split("=")
    for pair in (
        "w/=with|u=you|ur=your|ppl=people|sum1=someone|some1=someone|sumone=someone|sumbody=somebody|"
        "any1=anyone|ne1=anyone|wanna=want to|gimme=give me|mgr=manager|tlk=talk|spk=speak|cn=can|"
        "hooman=human|hmn=human|telephone=phone|telefonere=ringe|wth=with|wiht=with|wirh=with|whit=with|"
        "m=med|ka=kan|nogn=nogen|tlf=telefon|medarb=medarbejder|thru=through|thr=through"
    ).split("|")
)
# "2" is "to" only next to a verb of talking: "talk 2 a person", "need 2 speak"; not "2 people".
_TALK = frozenset("talk speak chat write go get reply listen respond call ring".split())

# Words a typo may hide; a token one edit away (same first letter, five letters or more) becomes the word.
_CANONICAL = tuple(
    fold_pattern(w)
    for w in (
        "human humans person people agent agents someone somebody anyone anybody representative "
        "representatives operator employee employees manager supervisor colleague advisor adviser "
        "assistant customer service support specialist technician speak transfer connect escalate "
        "callback phone member staff real actual please talk chat talking chatting speaking "
        "contacting "
        "menneske mennesker medarbejder medarbejdere rådgiver rådgivere kundeservice personale "
        "konsulent sagsbehandler viderestil snakke chatte ringe overordnet"
    ).split()
)
# Real words one edit from a word above: never "corrected".
_REAL_WORDS = frozenset(
    (
        "humane humid humor persons parson prison agency agenda urgent arent abent managed manages manage "
        "mangler operate operated employer employed advise advised advises assistance cheat cheats chart "
        "charts chant chatty cattle chatten cheating chanting contracting taking tanking tailing talks "
        "special speck spear steak sneak spark sparks sneaking spanking spent speed connects connected "
        "escalated phones phoned phony prone memer memery mesmer stuff stiff reply really realm pleased "
        "plead pleas pease rings ringed rinse ringer ringet ringes ringede range snake snaked snakes "
        "snakker chatter personer persona personal konsulenter transfers employers advisory"
    ).split()
)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


# Symmetric one-deletion neighbourhoods: a shared form means one deletion, insertion, substitution
# or swap of neighbours apart.
_NEAR: dict[str, str] = {}
for _word in _CANONICAL:
    for _form in _deletes(_word) | {_word}:
        _NEAR.setdefault(_form, _word)


@lru_cache(maxsize=8192)
def _correct(token: str) -> str:
    if len(token) < 5 or token in _REAL_WORDS or token in _CANONICAL or not token.isalpha():
        return token
    for form in (token, *sorted(_deletes(token))):
        word = _NEAR.get(form)
        if word is not None and word[0] == token[0] and abs(len(word) - len(token)) <= 1:
            return word
    return token


_TOKEN = re.compile(r"w/|[a-z0-9']+")


@lru_cache(maxsize=4096)
def normalise(text: str) -> tuple[str, tuple[int, ...]]:
    """``fold`` plus SMS spellings and one-typo person words; returns the text and its source indexes.

    Cached: the patterns, the request model and the pushback model all read the latest message."""
    folded, index = fold(text)
    tokens = list(_TOKEN.finditer(folded))
    out: list[str] = []
    out_index: list[int] = []
    pos = 0
    for k, m in enumerate(tokens):
        tok = m.group(0)
        new = _SMS.get(tok) or _correct(tok)
        if tok == "2":
            before = tokens[k - 1].group(0) if k else ""
            after = tokens[k + 1].group(0) if k + 1 < len(tokens) else ""
            new = "to" if before in _TALK or _correct(after) in _TALK or after in {"speak", "talk"} else tok
        out.append(folded[pos : m.start()])
        out_index.extend(index[pos : m.start()])
        out.append(new)
        span = index[m.start() : m.end()]
        out_index.extend(span[min(i, len(span) - 1)] for i in range(len(new)))
        pos = m.end()
    out.append(folded[pos:])
    out_index.extend(index[pos:])
    return "".join(out), tuple(out_index)
