"""What one customer message says, read from its words: complaints, contempt, rejected answers.

The conversation signals (``signals``) combine what happened across turns: repeats, waits,
streaks, trends. The phrase-level reading they rely on, and the regular expressions for context
the lexicon cannot see on its own, are long and change as new phrasings turn up, so they live
here; each function takes the text of one message (lower-cased where it says ``lower``).
"""

from __future__ import annotations

import re

from models.friction import lexicon

# Words too common to tell two questions apart.
_STOP = frozenset(
    "i me my you your the a an is are was be to of and or in on at for it this that do does did can could "
    "would will what how why when where have has had not no yes please hi hello thanks thank ok okay so just "
    "jeg mig min mit mine du din dit det den er var at og eller i på til for kan vil hvad hvordan hvorfor "
    "hvornår hvor har ikke ja nej tak hej ok så bare en et de der som med af".split()
)


# Context the lexicon cannot see on its own (it matches one message; these look at what it answers).
# The customer says they already did what the bot suggested, or that what it pointed at is not there.
_DID_IT = re.compile(
    r"^\W*(?:i )?(?:already )?(?:did|done|tried) (?:that|this|it)\b[^.?!]{0,20}"
    r"\b(?:twice|already|before|yesterday|\w+ times)\b|"
    r"\b(?:i|we) (?:already |just )?(?:did|have|had) (?:already )?\w+(?:ed|en|t)\b[^.?!]{0,30}"
    r"\b(?:already|yesterday|twice|before|this morning|last week)\b|"
    r"\b(?:det )?har jeg (?:jo |lige |allerede )+(?:skrevet|sagt|prøvet|gjort|bekræftet|sendt|tjekket)\b|"
    r"\bjeg har (?:jo |allerede )?\w+(?:et|t)\b[^.?!]{0,30}\b(?:i går|allerede|to gange|før|i morges)\b"
)
_NOT_THERE = re.compile(
    r"\b(?:there's|there is|there are) (?:nothing|no\b|none)|"
    r"\b(?:it's|it is|it isn't|isn't|it's not) (?:not )?there\b|"
    r"\bnothing (?:is )?(?:there|pending|listed|showing)\b|"
    r"\bder står (?:jo )?(?:ingenting|intet|ikke noget)\b|"
    r"\bder er (?:jo )?(?:ingenting|intet)\b|\b(?:det|den) er der (?:jo )?ikke\b"
)
_NOT_READ = re.compile(
    r"\b(?:are|do) you (?:even |actually )?(?:read|reading|listen|listening)\b|"
    r"\blæser du (?:overhovedet|egentlig|slet ikke|ikke)\b|"
    r"\b(?:brilliant|great|fantastic|excellent|amazing|wonderful|super|lovely|fremragende|fantastisk|god|flot)\b"
    r"[^.?!]{0,25}\b(?:as always|as usual|som altid|som sædvanlig)\b"
)
_STRESSED_DID = re.compile(r"\b(?:[Ii]|[Ww]e) (?:DID|HAVE|HAD)\b|\b[Jj]eg (?:HAR|HAVDE|GJORDE)\b")
# Contempt and orders that AFINN and the complaint words miss: "what is the point of you", "sort it out".
_CONTEMPT = re.compile(
    r"\bwhat(?:'s| is) (?:even )?the point of (?:you|this (?:bot|chat|service))\b|\bwhat good are you\b|"
    r"\bhvad skal (?:man|jeg) (?:overhovedet |egentlig )?bruge (?:dig|jer|den her chat) til\b|"
    r"\b(?:sort it out|fix it(?: now)?[.!]|get it sorted|få det ordnet|ordn det|få det løst)\b"
)
# A complaint word about the day, the weather or one's luck describes the customer's situation.
_SITUATION = re.compile(
    r"^\W*(?:\w+\W+){0,1}(?:day|week|morning|night|weather|storm|rain|snow|traffic|commute|luck|trip|year|"
    r"dag|uge|morgen|nat|vejr|storm|regn|sne|trafik|held|rejse|år)\b"
)
# "Hvad skal jeg gøre med hans konto?" asks how, it is not "what am I supposed to do".
_HOW_TO = re.compile(
    r"^(?:hvad skal jeg gøre\b(?!\s*(?:så|nu|overhovedet|\?{2,}))|hvad sker der,? (?:så )?(?:hvis|når|med)\b)"
)
# "Charged twice" counts payments; "third time I use your insurance" counts visits: neither is asking again.
_COUNTED_NOT_ASKED = re.compile(
    r"\b(?:charged|debited|billed|paid|taken|gone out|went out|booked|trukket|betalt|hævet|gået|opkrævet|"
    r"bogført)\s+(?:\w+\s+)?(?:twice|two times|three times|\d+ times|to gange|tre gange|\d+ gange)\b|"
    r"\b(?:time|gang) (?:i'm |i am |i've |i |jeg )?(?:using|used|use|ordering|ordered|flying|buying|bought|"
    r"bruger|bestiller|køber|rejser|flyver)\b|"
    # One's own keystrokes or a message sent twice by mistake: "typed the wrong password five times".
    r"\b(?:sent|sendte|typed|typing|tastede|entered|entering|indtastede|pressed|trykkede)\b[^.?!]{0,40}"
    r"\b(?:twice|\w+ times|to gange|tre gange|fem gange|\d+ gange)\b"
)
_ASKING = re.compile(
    r"\b(?:ask\w*|writ\w*|wrote|told|tell|call\w*|contact\w*|chat\w*|explain\w*|message\w*|spørg\w*|"
    r"skr[ie]v\w*|ring\w*|kontakt\w*|forklar\w*|henvend\w*)\b"
)
# Praise that would be sarcastic after a failure is genuine when the customer says it worked.
_WORKED = re.compile(
    r"\b(?:det virker|virker nu|it works|that worked|works now|fandt (?:det|den)|found it|det hjalp|"
    r"that helped|det er løst|sorted)\b(?! (?:ikke|not))"
)
# "A bit annoying": the customer says how mild it is.
_MILD = re.compile(
    r"\b(?:a bit|a little|slightly|kind of|kinda|somewhat|lidt|en smule|en anelse)\s+(?:\w+\s+)?"
    r"(?:annoy\w*|frustrat\w*|irritere\w*|ærgerlig\w*|træls|upset|bothersome)"
)
# A complaint word right after "not", "if", "never" ("if the card is blocked") is not a complaint.
_CANCELLED_BY = re.compile(r"\b(not|never|no|if|whether|ikke|aldrig|ingen|hvis)\s+(\w+\s+)?$")
# The bot's own fallbacks: the previous message was out of its scope even where the turn carries no flag.
_FALLBACK = re.compile(
    r"\b(?:didn't|did not|don't|do not) (?:quite )?understand|\brephrase\b|\bi'm (?:still )?learning\b|"
    r"\bforstod jeg ikke\b|\bforstår (?:jeg )?ikke\b|\bomformulere\b|\blærer stadig\b",
    re.IGNORECASE,
)


def _content_words(text: str) -> set[str]:
    return {w for w in lexicon.words(text) if w not in _STOP and len(w) > 1}


def _trigrams(text: str) -> set[str]:
    s = re.sub(r"\s+", " ", re.sub(r"[^\wæøå ]", "", text.lower())).strip()
    return {s[i : i + 3] for i in range(len(s) - 2)}


def similarity(a: str, b: str) -> float:
    """How alike two messages are, 0..1: the larger of trigram Jaccard and content-word overlap."""
    # Short replies ("thanks", "ok") repeat all the time without being a repeated question.
    if min(len(lexicon.words(a)), len(lexicon.words(b))) < 3:
        return 0.0
    ta, tb = _trigrams(a), _trigrams(b)
    jac = len(ta & tb) / len(ta | tb) if ta and tb else 0.0
    wa, wb = _content_words(a), _content_words(b)
    overlap = len(wa & wb) / min(len(wa), len(wb)) if min(len(wa), len(wb)) >= 3 else 0.0
    return max(jac, overlap)


def complaint(lower: str) -> tuple[str | None, float]:
    """The strongest complaint phrase of a message and its strength: 1, 0.5 where it describes the
    customer's situation ("a horrible day"), 0 for a how-to question or one's own act ("jeg lagde på")."""
    best: tuple[str | None, float] = (None, 0.0)
    for m in lexicon.COMPLAINT.finditer(lower):
        if _CANCELLED_BY.search(lower[max(0, m.start() - 20) : m.start()]):
            continue
        phrase = m.group(0).strip()
        if _HOW_TO.match(lower[m.start() :]) or (
            phrase in {"lagde på", "hung up on me"} and lower[: m.start()].endswith(("jeg ", "i "))
        ):
            strength = 0.0
        elif _SITUATION.match(lower[m.end() :]):
            strength = 0.5
        else:
            strength = 1.0
        if strength > best[1] or best[0] is None:
            best = (phrase, max(strength, best[1]))
    contempt = _CONTEMPT.search(lower)
    if contempt:
        return contempt.group(0).strip(), 1.0
    return best if best[1] > 0 else (None, 0.0)


def rejection(text: str, lower: str) -> tuple[str | None, float]:
    """The customer turning down the bot's last answer: the lexicon's phrases, "I DID confirm them",
    "are you even reading this" (1.0), or "there's nothing there" (0.5); praise that says it worked is not."""
    found = lexicon.matches(lexicon.ANSWER_REJECTED, lower)
    if found and _WORKED.search(lower):
        found = None
    if found:
        return found, 1.0
    for pattern, source in ((_STRESSED_DID, text), (_DID_IT, lower), (_NOT_READ, lower)):
        m = pattern.search(source)
        if m:
            return m.group(0).strip(), 1.0
    m = _NOT_THERE.search(lower)
    # "Is there no fee?" asks; "there's nothing pending!!" contradicts.
    if m is None or re.match(r"[^.!?]*\?", lower[m.end() :]):
        return None, 0.0
    return m.group(0).strip(), 0.5


def sounds_mild(lower: str) -> bool:
    """The customer says how mild the annoyance is: "a bit annoying", "lidt træls"."""
    return _MILD.search(lower) is not None


def counts_not_asks(lower: str) -> bool:
    """A count that is not of asking again: "charged twice", "third time I use your insurance",
    "typed the wrong password five times"."""
    return _COUNTED_NOT_ASKED.search(lower) is not None and _ASKING.search(lower) is None


def is_fallback(bot_text: str) -> bool:
    """The bot's message is one of its fallbacks ("I didn't understand, could you rephrase?")."""
    return _FALLBACK.search(bot_text) is not None
