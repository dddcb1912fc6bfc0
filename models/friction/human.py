"""Explicit requests for a person, in English and Danish, tolerant of typos and missing diacritics.

Missing a request for a person costs far more than a needless handoff, so the patterns are
broad; what keeps them honest is that each needs a person word *and* something that asks for
one (a verb of contact, "please", a whole message that is just "agent!"). Text is folded
before matching (lower case, æ→ae, ø→o, å→a, "aa"→"a", "oe"→"o") so that "medarbeider",
"radgiver" and "raadgiver" match like "medarbejder" and "rådgiver"; the patterns below are
written in normal spelling and folded the same way.
"""

from __future__ import annotations

import re

_FOLD_CHARS = {"æ": "ae", "ø": "o", "å": "a", "é": "e", "ü": "u", "’": "'"}
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


# Person words, English (with common typos) and Danish (folded below, typos included).
_EN = (
    r"(?:hu?ma?n|humans|hooman|huamn|humna|human being|person|persn|peson|people|agent|agnet|agant|agents|"
    r"some ?one|somone|someon|some ?body|representative|represe?nt\w*|rep|reps|operator|oprator|employee|"
    r"staff|staff member|manager|supervisor|colleague|advisor|adviser|assistant|"
    r"customer (?:service|support|care)|"
    r"support (?:team|staff|person|agent)|team member|specialist|technician|live chat|live support)"
)
_WHO_EN = (
    r"(?:a |an |the |your |some |any |one of your )?(?:bloody |fucking |damn |goddamn |freaking )?"
    rf"(?:real |live |actual |proper |human |support |customer service |service |competent )?{_EN}"
)
_DA = (
    r"(?:menn?es?k\w*|mneske\w*|medarb\w*|person|personer|personale|radgiver\w*|rodgiver\w*|kundeservice\w*|"
    r"kundesupport|kundecenter|konsulent\w*|agent|leder|chef|supporter|support|ansat|ansatte|kollega\w*|"
    r"sagsbehandler\w*|nogen(?=\s*(?:[.?!,]|$|der\b|som\b|fra\b|til at\b))|en der|en fra|operatør|operator)"
)
_WHO_DA = (
    r"(?:et |en |jeres |din |nogen |en af jeres |et rigtigt |en rigtig |en levende |"
    r"hans |hendes |deres |den )?"
    rf"(?:rigtigt? |levende |ægte |menneskelig |fysisk )?{_DA}"
)
_PLEASE = r"(?:please|pls|plz|plis|now|asap|right now|thanks|tak|nu|hurtigt|!+)"

_PATTERNS = (
    # English: asking to talk to, reach or be passed to a person.
    rf"\b(?:talk|talking|tlak|takl|speak|speaking|spaek|chat|chatting|write|contact|reach|call)\s+"
    rf"((?:to|with)\s+)?{_WHO_EN}\b",
    rf"\b(?:connect|put|transfer|pass|forward|hand|escalate|send|redirect|route)\s+"
    rf"(?:me|this|it|my (?:chat|case|call))\s+(?:through\s+|over\s+|on\s+)?(?:to|with)\s+{_WHO_EN}\b",
    r"\b(?:transfer me|put me through|connect me|escalation)\b",
    rf"\b(?:transfer|connect|escalate|pass|forward)\s+(?:to|with)\s+{_WHO_EN}\b",
    rf"\b(?:is|are) there\s+{_WHO_EN}\s+(?:available|free|online|i can (?:call|talk|speak|chat|reach))",
    r"\b(?:some ?one|some ?body|anyone|anybody) i can (?:call|talk to|speak to|speak with|chat with|reach)\b",
    r"\bescalate (?:this|it|my case|the case|my issue)\b|"
    r"^\W*(?:please\s+)?escalate\W*(?:please|now|asap)?\W*$|"
    r"\b(?:talk|speak|chat) (?:to|with) (?:you|someone|somebody) (?:on|over) the phone\b",
    rf"\b{_EN}\s*[,.!]*\s*{_PLEASE}(?:\W|$)",
    rf"^\W*(?:please\s+|pls\s+)?(?:i want\s+|i need\s+)?(?:talk to |speak to |get me )?{_WHO_EN}\W*$",
    rf"\b(?:get|give|want|need|bring|find|like|prefer|request|requesting|ask for|asking for)\s+"
    rf"(?:me\s+)?(?:to\s+)?{_WHO_EN}\b(?!'s)",
    r"\b(?:a|an|the|real|actual|any)\s+(?:hu?ma?n|humans|human being|hooman)\b",
    r"\bhuman (?:agent|support|help|assistance|being|contact|response|reply)\b",
    r"\b(?:real|actual|live|proper)\s+(?:person|human|people|agent|man|woman|someone|somebody)\b",
    rf"\bhelp\s+(?:from|of)\s+{_WHO_EN}\b",
    r"\b(?:is|are) there (?:a|an|any|anyone|anybody|someone|somebody)\s*(?:real |actual |human )?"
    r"(?:human|person|people|agent|one|body)?\b[^.?!]{0,25}\b(?:talk|speak|help|chat)",
    r"\b(?:can|could|will|would)\s+(?:(?:a|some|any|one of your)\s+)?(?:real\s+)?(?:human|person|agent|"
    r"employee|colleague|staff member|someone|somebody|anyone|anybody)\s+(?:please\s+|actually\s+|just\s+)*"
    r"(?:look|check|help|call|contact|take|review)",
    r"\b(?:some ?one|some ?body|a person|a human|an agent|a manager)\s+"
    r"(?:to\s+|please\s+|should\s+|can\s+|could\s+)?(?:call|ring|phone|email|contact)\s+me\b",
    r"\b(?:some ?one|some ?body|a person|a human|an agent|a manager|a supervisor)\s+"
    r"(?:needs to|need to|has to|must|should|have to)\s+"
    r"(?:call|contact|look|help|fix|sort|check|deal|handle|get back)",
    # "Will they call me?" asks about a call already booked, not for a person.
    r"(?<!will they )(?<!would they )(?<!they will )(?<!they'll )(?<!does she )(?<!does he )"
    r"\b(?:call|ring|phone)\s+me(?:\s+back)?\b(?!\s+(?:next|tomorrow|on|at|this|after|before|between|in the|"
    r"some ?time|later|when)\b)|\bcall ?back\b",
    r"\bwho (?:can|do|should|could) i (?:talk|speak|chat|write|complain)(?: to| with)?\b|"
    r"\bwho (?:is|will be) (?:actually )?(?:looking at|handling|dealing with) (?:this|it|my)\b",
    r"\b(?:can|could|may) i (?:call|phone|ring) (?:you|your (?:team|office|support|hotline))\b"
    r"(?!\s+(?:on|at|in|after|before|during|over|tomorrow|today)\b)|"
    r"\b(?:a|your) (?:phone )?number i can (?:call|ring)\b",
    r"\b(?:not|no more|don't want|do not want|stop|enough of|sick of|tired of)\s+"
    r"(?:to talk to\s+|talking to\s+|chatting with\s+)?(?:a |the |this |your |with |you )?(?:stupid |dumb )?"
    r"(?:bot|bots|robot|robots|machine|chatbot|automated|ai)\b",
    r"\b(?:complain|report)\w*\s+to\s+(?:a|your|the)\s+(?:manager|supervisor|boss)\b",
    r"\b(?:let me|i want to|i need to|i'd like to)\s+(?:talk|speak|chat)\b(?!\s+about)",
    # Danish.
    rf"\b(?:tale|snakke|chatte|skrive|ringe|tal|snak)\s+(?:med|til)\s+{_WHO_DA}\b",
    rf"\b(?:kontakte?|kontakt med|brug for|ringe til|fat i|i kontakt med|stillet om til|viderestillet til|"
    rf"videre til|over til|"
    rf"overfort til|sendt videre til)\s+{_WHO_DA}\b",
    rf"\b(?:fa|have|give|gi|giv|ha|vil have|vil gerne have)\s+(?:mig\s+)?(?:fat\s+i\s+)?{_WHO_DA}\b"
    r"(?!\s+(?:til|pa) min konto)",
    r"\b(?:stil\w*|saet\w*|set|send\w*|overfor\w*|flyt\w*)\s+mig\s+(?:om\s+|over\s+)?(?:igennem|videre|til)\b"
    r"|\b(?:viderestil|omstil)\w*\b",
    r"\b(?:stilles|sendes|stillet|sendt|overfores)\s+(?:videre|om|igennem)\b|\bstil mig om\b",
    rf"\bhjaelp\s+(?:af|fra)\s+{_WHO_DA}\b",
    r"\b(?:rigtig\w*|levende|aegte)\s+(?:person\w*|medarb\w*|menn?es?k\w*|kundeservice)\b",
    rf"\b{_DA}\s*[,.!]*\s*(?:tak|nu|please|hurtigt|!+)(?:\W|$)",
    rf"^\W*(?:jeg vil have |jeg vil tale med |giv mig )?{_WHO_DA}\W*$",
    r"(?<!er )(?<!som )\b(?:et|en|rigtigt?|aegte)\s+menn?es?k\w*\b",
    r"\bmenneskelig\w*\s+(?:hjaelp|kontakt|medarb\w*|betjening)\b",
    r"\ber der (?:ikke |overhovedet |virkelig |slet ikke )?(?:et|en|nogen)\s+(?:rigtig\w*\s+|levende\s+)?"
    r"(?:menn?es?k\w*|person|personer|medarb\w*|radgiver\w*)",
    r"\ber der nogen\s+(?:der|som)\s+(?:kan|vil)\s+(?:hjaelpe|ringe|svare|tale)",
    r"\ben af (?:jeres|dine) (?:medarb\w*|kolleger|kollegaer|folk|radgivere)\b",
    r"\b(?:some ?one|some ?body|a person|a human) (?:from|at|on) (?:your|the) "
    r"(?:team|support|staff|company|bank|office)\b",
    # "I ringer mig op i dag" tells what the company will do; "ring mig op" asks for it.
    r"(?<!i )(?<!de )(?<!at )(?<!han )(?<!hun )(?<!som )\b(?:ring|ringe)\w*\s+(?:mig\s+)?op\b|"
    r"\bringe?\s+(?:til\s+)?mig\b|\bopkald fra\b|\bringes op\b",
    r"\b(?:kan|ma|vil|skal|bor)\s+(?:en|et|nogen)\s+(?:rigtig\w*\s+)?"
    r"(?:medarb\w*|person|menn?es?k\w*|radgiver)\s+(?:ikke\s+)?(?:bare\s+|lige\s+|venligst\s+)*(?:kigge|se|hjaelpe|ringe|tage|kontakte|ga)",
    r"\b(?:ikke|ingen|ikke mere|ikke flere|gider ikke|orker ikke|traet af)\s+(?:at\s+)?"
    r"(?:tale med\s+|snakke med\s+|skrive med\s+)?"
    r"(?:en\s+|jeres\s+|den\s+|din\s+|dig\s+|jer\s+)?(?:dum\w*\s+)?"
    r"(?:robot|robotter|bot|chatbot|maskine|computer|ai)\b",
    r"\bvil (?:gerne )?(?:tale|snakke) med (?:jer|nogen|dig i telefonen)\b",
    r"\bhvem (?:kan|skal|ma|bor) jeg (?:tale|snakke|skrive|ringe|klage)(?: med| til)?\b|"
    r"\ber der (?:ikke )?nogen (?:jeg|man|vi) kan (?:tale|snakke|ringe|skrive)\b|"
    r"\b(?:fa|faa) (?:en|nogen) til at (?:ringe|kigge|se|hjaelpe|kontakte)\b|"
    r"\bklage\w* til (?:din|jeres|en|den) (?:chef|leder|overordnede)\b|"
    r"\b(?:find|skaf) (?:en|nogen) der kan hjaelpe\b|"
    r"\blad mig (?:tale|snakke|chatte) med (?:en|et|nogen|jeres|din)\b|"
    r"\b(?:tale|snakke) med en rigtig\b|"
    r"\bhvem (?:kigger|ser) (?:pa|pa) det\b|\bnogen (?:ma|skal|bor) (?:da |vel )?(?:kunne )?hjaelpe\b",
    r"\b(?:kan|ma|skal) jeg (?:ikke )?(?:ringe|skrive|tale|snakke) (?:til|med) (?:jer|jeres|dig|nogen)\b"
    r"(?!\s+(?:om|pa|i|efter|for|kl|fra|mellem|i morgen)\b)|"
    r"\bet (?:tele)?(?:fon)?nummer jeg kan ringe\b",
)


def _fold_pattern(pattern: str) -> str:
    # Fold the patterns' letters the way the text is folded, keeping case: "\W" is not "\w".
    for pair, single in _FOLD_PAIRS.items():
        pattern = pattern.replace(pair, single)
    return "".join(_FOLD_CHARS.get(ch, ch) for ch in pattern)


HUMAN_REQUEST = re.compile("|".join(f"(?:{_fold_pattern(p)})" for p in _PATTERNS))


# A call booked for later ("could someone call me next Wednesday", "i ringer mig op i dag") arranges
# an appointment; it is not a plea to reach a person now, unless the customer adds urgency.
_SCHEDULED = re.compile(
    _fold_pattern(
        r"\b(?:call|ring|phone|ringe|ringer)\b[^.?!]{0,45}\b(?:next|tomorrow|this (?:afternoon|evening|week)|"
        r"on (?:mon|tue|wed|thu|fri|sat|sun)\w*|i naeste|i morgen|"
        r"pa (?:man|tirs|ons|tors|fre|lør|søn)dag|"
        r"(?:man|tirs|ons|tors|fre)dag (?:eller|formiddag|eftermiddag))\b"
    )
)
_URGENT = re.compile(
    _fold_pattern(r"\b(?:now|asap|right away|immediately|urgent\w*|straks|med det samme|nu|haster)\b")
)


def human_request(text: str) -> str | None:
    """The phrase of ``text`` that asks for a person (as the customer wrote it), or ``None``."""
    folded, index = fold(text)
    if _SCHEDULED.search(folded) and not _URGENT.search(folded):
        return None
    m = HUMAN_REQUEST.search(folded)
    if m is None:
        return None
    start, end = m.start(), max(m.start(), m.end() - 1)
    if start >= len(index):
        return text.strip()
    phrase = text[index[start] : index[min(end, len(index) - 1)] + 1].strip()
    return phrase or text.strip()
