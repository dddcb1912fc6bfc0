"""Strong words that are not the customer's own complaint now, which make them calm: a question about
how to complain or how complaints are escalated, a message asked for later or for someone else, a
quotation the customer reports, hearsay about other people's anger, a correction of one's own message,
and an event counted ("stolen for the third time", "third time this year") rather than a question
asked again. ``signals`` and ``text_signals`` drop or halve the complaint, the threat, the shouting or
the repeat claim for them, and ``person_requests_more`` drops a request for a person in such a message.

They were added by the error-analysis rounds eight and nine (see ``data/friction/README.md``; the round
is noted by each family) and kept out of ``lexicon`` and ``softeners`` so that those stay short enough
to read.

Lower-case text, ``re`` syntax, one family per entry with the reason it is one. This module imports only
``calm_targets`` from the rest of the package: ``signals``, ``text_signals`` and
``person_requests_more`` use it, so that there is no import cycle.
"""

from __future__ import annotations

import re
from functools import lru_cache

from models.friction.calm_targets import OTHER_BOARD

# --- asking how to complain, or another trade's complaints board (round eight) ----------------------------

# Asking how to complain, in more words than "how do I complain": "how do I file a complaint about a
# merchant", "what's the process for making a formal complaint", "hvordan man indgiver en klage". The
# complaint word names the process asked about (and "file a complaint" is then no threat either).
COMPLAINT_PROCESS = re.compile(
    r"\b(?:how (?:do|can|should|would) (?:i|we|you|one)|where (?:do|can|should) (?:i|we|one)|how to|"
    r"what(?:'s| is) the (?:process|procedure|way|best way)|is there a (?:way|form|process)|"
    r"hvordan (?:kan |skal )?(?:jeg|man|vi)|hvor (?:kan|skal) (?:jeg|man|vi)|hvad er proceduren|"
    r"hvordan)\s+(?:[\w-]+\s+){0,4}?(?:complain\w*|complaint\w*|klage\w*)\b"
    # "... about you" complains about the bank; "... through you" only uses it.
    r"(?!\s+(?:\w+\s+)?(?:about|against|over|på|om)\s+(?:you|your|jer|jeres|dig|din|banken|the bank)\b)"
)


def in_complaint_process(lower: str, start: int) -> bool:
    """The word at ``start`` is part of a question about how to complain (see ``COMPLAINT_PROCESS``), or
    of what it is about: "how do I complain about a rude bus driver" (up to the end of the sentence)."""
    for m in COMPLAINT_PROCESS.finditer(lower):
        stop = re.search(r"[.?!]", lower[m.end() :])
        if m.start() <= start < (m.end() + stop.start() if stop else len(lower)):
            return True
    return False


def threat_elsewhere(pattern: re.Pattern[str], lower: str) -> bool:
    """Every threat phrase of ``pattern`` is a question about how to complain or a complaints board for
    another trade ("Tak, så sender jeg en klage til Ankenævnet for Forsikring")."""
    calm = [m.span() for m in COMPLAINT_PROCESS.finditer(lower)]
    calm += [m.span() for m in OTHER_BOARD.finditer(lower)]
    found = [m.span() for m in pattern.finditer(lower)]
    return bool(found) and all(any(a < e and s < b for a, b in calm) for s, e in found)


# --- words quoted from a letter, a text, an error message or the newspaper (round nine) -------------------

# A quotation introduced as one: "the text says 'YOUR ACCOUNT WILL BE CLOSED'", "der står 'FEJL: ...'",
# "Forbrugerrådet kalder gebyrerne 'helt uacceptable'". Scare quotes with no reporting word ("you call
# this 'service'?") stay the customer's own voice.
_QUOTE = re.compile(
    r"(?:^|(?<=[\s:(]))(?:'[^'\n]{3,}?'|\"[^\"\n]{3,}?\"|“[^”\n]{3,}?”|‘[^’\n]{3,}?’|«[^»\n]{3,}?»)"
)
_REPORTED = re.compile(
    r"\b(?:says?|said|saying|reads?|read|reading|wrote|writes|written|calls?|called|states?|warns?|"
    r"threatens?|claims?|text|texts|sms|e-?mail|mail|letter|message|notice|notification|pop-?up|screen|"
    r"error|headline|paper|står|stod|skriver|skrev|siger|sagde|kalder|kaldte|lyder|advarer|truer|brev\w*|"
    r"besked\w*|fejlbesked\w*|avis\w*|overskrift\w*|læste)\b[^.?!]{0,50}$"
)
_REPORTED_AFTER = re.compile(r"^\W{0,3}(?:according to|ifølge|says?|siger|skriver|writes)\b")


def quoted_spans(lower: str) -> list[tuple[int, int]]:
    """Spans of quotations the customer reports ("her letter says '...'"), not their own words."""
    spans = []
    for m in _QUOTE.finditer(lower):
        if _REPORTED.search(lower[max(0, m.start() - 70) : m.start()]) or _REPORTED_AFTER.match(
            lower[m.end() :]
        ):
            spans.append(m.span())
    return spans


def in_quote(lower: str, start: int) -> bool:
    """The phrase at ``start`` lies inside a reported quotation."""
    return any(a <= start < b for a, b in quoted_spans(lower))


def unquoted(text: str) -> str:
    """``text`` with its reported quotations blanked out, so that an error message in capitals or a scam
    text's "!!!" is not the customer shouting."""
    for a, b in reversed(quoted_spans(text.lower())):
        text = text[:a] + " " * (b - a) + text[b:]
    return text


# --- asking how escalation works, or about the ombudsman, for information (round nine) --------------------

# "How do complaints get escalated?", "what's the escalation route", "is there an ombudsman for banks",
# "hvordan bliver en klage eskaleret", "om der findes et ankenævn": the process asked about, not used.
PROCESS_QUESTION = re.compile(
    r"\bhow (?:do|does|are|is|would|will|can)\s+(?:a\s+|the\s+)?(?:complaints?|cases?|disputes?|issues?|"
    r"problems?|things?)\s+(?:get\s+|be\s+|usually\s+)?(?:escalated|handled|dealt with|processed|passed on|"
    r"reviewed|treated)\b|"
    r"\bwhat(?:'s| is| are)\s+(?:the\s+|your\s+)?(?:usual\s+|normal\s+)?"
    r"(?:escalation|complaints?|appeals?)\s+(?:route|process|procedure|path|steps|rules|options)\b|"
    r"\bwho\s+(?:handles|deals with|looks at|reviews|decides)\s+(?:them|complaints|the complaints|appeals|"
    r"disputes)\b|"
    r"\b(?:is there|are there|if there'?s|if there is|whether there'?s|whether there is|what is|what'?s|"
    r"who is|who'?s)\s+(?:an?\s+|the\s+)?(?:ombudsm[ae]n|complaints? boards?|banking ombudsman)\b|"
    r"\bhvordan\s+(?:bliver|blir|behandles|håndteres|eskaleres|foregår)\s+(?:en\s+|jeres\s+)?(?:klage\w*|"
    r"sag\w*|eskalering\w*)\b|"
    r"\bhvordan\s+(?:bliver|blir)\s+(?:en\s+)?(?:klage|sag)\s+(?:eskaleret|behandlet|sendt videre)\b|"
    r"\bhvad\s+er\s+(?:jeres\s+|den\s+)?(?:klageproces\w*|klagegang\w*|procedure\w*|eskaleringsvej\w*)\b|"
    r"\bhvem\s+(?:behandler|tager sig af|kigger på|afgør)\s+(?:klager(?:ne)?|dem|sagerne)\b|"
    r"\b(?:om|findes|hvis)\s+der\s+(?:findes\s+|er\s+)?(?:et\s+)?\w*ankenævn\w*|"
    r"\bhvad\s+(?:er|gør|laver)\s+\w*ankenævn\w*"
)

# Asking for later, in general, or for someone else's project: "just so I know for later", "just asking
# in general", "if I'm ever unhappy", "for a school project", "bare så jeg ved det", "spørger bare
# generelt", "hvis jeg en dag". A request for a person or a complaint word in such a message is a
# hypothesis, not a plea; the whole message is covered. "Out of curiosity" alone is left out: it opens
# passive-aggressive questions too ("out of curiosity, is anyone reading this?").
HYPOTHETICAL = re.compile(
    r"\b(?:just so i know|just so we know|for future reference|"
    r"(?:just )?asking (?:in general|generally|hypothetically|for (?:a|my) (?:friend|project|mum|mom|mother|"
    r"father|dad))|hypothetically|"
    r"if i(?:'m| am)? ever|if i (?:should )?ever|if (?:something|anything|that|it) (?:like that |ever )?"
    r"(?:happen\w*|goes wrong|went wrong)|nothing(?:'s| is) wrong (?:now|today|at the moment)|"
    r"all good (?:now|today)|(?:school|university|uni|college|class) (?:project|assignment|paper)|"
    r"for (?:my|a) (?:project|assignment|thesis|essay|paper)|"
    r"(?:writing|doing|working on) (?:an?|my) (?:essay|thesis|project|assignment|paper)|"
    r"(?:skriver|laver) (?:en|min) (?:opgave|stil|rapport)|"
    r"bare så (?:jeg|vi) ved det|til en anden gang|spørger bare (?:generelt|af nysgerrighed|for en ven)|"
    r"hypotetisk|hvis (?:jeg|vi|man) (?:en dag|nogensinde|engang)|"
    r"hvis der (?:en dag|nogensinde) |der er ikke noget galt(?: nu| i dag)?|alt er fint (?:nu|i dag)|"
    r"(?:skole|gymnasie|studie|universitets)opgave\w*|til (?:min|en) opgave|i gymnasiet)\b"
)


@lru_cache(maxsize=1024)  # asked per matched phrase and again by the scan
def hypothetical(lower: str) -> bool:
    """The message asks about escalation, a person or a complaint for information only."""
    return HYPOTHETICAL.search(lower) is not None or PROCESS_QUESTION.search(lower) is not None


def calm_threat(pattern: re.Pattern[str], lower: str) -> bool:
    """Every threat phrase of ``pattern`` lies in a reported quotation ("her letter says 'legal action
    will be taken'") or in a question about the ombudsman or the complaints process."""
    found = [m.span() for m in pattern.finditer(lower)]
    if not found:
        return False
    calm = quoted_spans(lower) + [m.span() for m in PROCESS_QUESTION.finditer(lower)]
    if HYPOTHETICAL.search(lower):
        calm.append((0, len(lower)))
    return all(any(a <= s and e <= b or (a < e and s < b) for a, b in calm) for s, e in found)


# --- hearsay and one's own message corrected (round nine) -------------------------------------------------

# Hearsay about other people's anger: "I read online that people were furious about the outage", "jeg
# hørte at folk var rasende". The strong word is theirs, reported, like a quotation without the marks.
HEARSAY = re.compile(
    r"\b(?:i|we)\s+(?:read|heard|saw|noticed)\b[^.!?]{0,40}\b(?:that|about|how)\s+(?:\w+\s+){0,2}?"
    r"(?:people|everyone|everybody|customers|users|many|lots of people|some people|others)\b|"
    r"\b(?:jeg|vi)\s+(?:læste|hørte|så)\b[^.!?]{0,40}\b(?:at|om|hvordan)\s+(?:\w+\s+){0,2}?"
    r"(?:folk|alle|kunder|brugere|mange|nogle|andre)\b"
)

# Correcting one's own earlier message: "sorry, my last message was nonsense, autocorrect. I meant ...",
# "undskyld, tastefejl, jeg mente ...". The words about the message blame the customer's own typing.
SELF_CORRECTION = re.compile(
    r"\b(?:i meant|i mean|typo|autocorrect\w*|my mistake|my bad|ignore my (?:last|previous) message|"
    r"jeg mente|tastefejl|stavefejl|skrivefejl|autokorrektur|min fejl|se bort fra min (?:sidste|forrige) "
    r"besked)\b"
)

# --- an event counted, not a question asked again (rounds eight and nine) ---------------------------------

# Round eight.
# "Stolen for the second time this year", "glemt min kode for tredje gang" count thefts and one's own
# slips, not questions asked again.
COUNTED_EVENT = re.compile(
    r"\b(?:stolen|lost|broken|hacked|blocked|expired|happened|declined|cloned|skimmed|stjålet|mistet|tabt|"
    r"hacket|spærret|udløbet|sket|afvist|kopieret|brudt ind|forgot|forgotten|locked|glemt|glemte|låst|"
    r"låste)\s+(?:[\w-]+\s+){0,3}?(?:for\s+)?(?:the\s+)?(?:second|third|fourth|"
    r"anden|tredje|fjerde|2nd|3rd|4th|\d+\.)\s+(?:time|gang)\b"
)

# Round nine.
# "Third time this year they changed the price", "tredje gang i år", "tredje gang denne måned jeg deler en
# regning": a count against the calendar, or of the customer's own use, is not asking again
# (``text_signals.counts_not_asks`` still keeps "the third time I write to you").
COUNTED_PERIOD = re.compile(
    r"\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th|anden|tredje|fjerde|femte|\d+\.)\s+(?:time|gang)\s+"
    r"(?:this|in a|that|i|denne|dette|i denne|i dette)\s+(?:week|month|year|quarter|summer|uge|måned|år|"
    r"kvartal|sommer)\b|"
    r"\b(?:time|gang)\s+(?:(?:this|denne)\s+(?:week|month|year|uge|måned)\s+)?(?:i'?m|i am|i|we|jeg|vi)\s+"
    r"(?:split\w*|shar\w*|pay\w*|sav\w*|transfer\w*|deler|delt|betaler|overfører|sparer|bruger)\b"
)

# A count of the bank's failures ("4. gang i år at appen er nede", "third time this month the card was
# declined") is a complaint however it is dated.
_FAILURE = re.compile(
    r"\b(?:down|nede|fail\w*|fejl\w*|error|declined|afvist|rejected|blocked|spærret|broken|crash\w*|"
    r"gone wrong|gået galt|not working|doesn'?t work|didn'?t work|virker ikke|virkede ikke|lost|mistet|"
    r"wrong|forkert|missing|mangler|late|for sent)\b"
)


def counted_period(lower: str) -> bool:
    """A recurring event counted by the calendar or one's own use, not a failure (see above)."""
    return COUNTED_PERIOD.search(lower) is not None and _FAILURE.search(lower) is None
