"""Round-nine phrase families (dev8 error analysis): calm conversations that look alarming to a rule
reader, and escalations in wordings the earlier rounds missed. Kept apart from ``lexicon``,
``softeners`` and ``human_patterns`` (near their size limit) in the manner of ``round8``.

Lower-case text, ``re`` syntax, one family per entry with the reason it is one. This module imports
nothing from the rest of the package: ``lexicon``, ``human_patterns``, ``text_signals`` and ``signals``
join these patterns to their own, so that there is no import cycle.
"""

from __future__ import annotations

import re

# --- calm: another bank, or someone else's bank -------------------------------------------------------

# A bank the customer left or someone else's bank: "my old bank was a nightmare", "her bank kept her on
# hold", "min tidligere bank", "hos sin bank". Strong words about it are a story, often the reason for
# switching to us, not a complaint about the bank addressed.
_OTHER_BANK = re.compile(
    r"\b(?:my|our)\s+(?:old|previous|former|last|current|other|ex-?)\s+bank\b|"
    r"\b(?:another|a different|the other|her|his|their|my friend'?s|my (?:mum|mom|dad|parents|sister|"
    r"brother|neighbou?r)'?s?)\s+bank\b|"
    r"\b(?:min|vores)\s+(?:gamle|tidligere|forrige|forhenværende|nuværende|anden)\s+bank\b|"
    r"\b(?:en anden|den anden|hendes|hans|sin|deres|min vens|min venindes)\s+bank\b"
)
# Sentences that only ask the bank something or say one is moving to it do not address a complaint to it.
_TO_US = re.compile(
    r"\b(?:switch\w*|mov\w*|com\w*|join\w*|transfer\w*)\s+(?:\w+\s+){0,3}?to\s+you\b|"
    r"\b(?:skift\w*|flytt?\w*|kom\w*)\s+(?:\w+\s+){0,3}?til\s+(?:jer|dig)\b"
)
# Danish "I" (you, plural) only before a Danish verb, so that the English "I was ..." is not taken for it.
_DA_YOU = re.compile(
    r"(?:^|[.!?]\s*)(?:du|i)\s+(?:har|havde|er|var|kan|kunne|vil|ville|skal|skulle|må|gør|gjorde|tager|tog|"
    r"sagde|lovede|lukkede|spærrede|burde|bør|mister|mistede)\b|\b(?:har|kan|vil|er|gør|tager) (?:du|i)\b"
)
_WHY = re.compile(r"^\W*(?:why|how come|hvorfor|hvordan kan det)\b")
# Praise for the bank next to the story about the old one: "You've been great so far", "I har været gode".
_PRAISE = re.compile(
    r"\b(?:great|good|better|helpful|brilliant|excellent|lovely|amazing|fantastic|quick|gode?|bedre|super|"
    r"fantastiske?|dejlige?|hjælpsomme?|hurtige?)\b"
)


def _addresses_bank(sentence: str) -> bool:
    """A sentence that speaks to the bank ("you", "jer") other than by a plain question."""
    sentence = _TO_US.sub(" ", sentence)
    en = re.search(r"\b(?:you|your|you'?re|you'?ve|the bank)\b", sentence)
    da = re.search(r"\b(?:jer|jeres|dig|din|dit|dine|banken)\b", sentence) or _DA_YOU.search(sentence)
    if not (en or da) or _PRAISE.search(sentence):
        return False
    return not sentence.rstrip().endswith("?") or _WHY.match(sentence) is not None


def about_other_bank(lower: str) -> bool:
    """The strong words are about another bank (one the customer left, or a friend's), and the bank
    addressed is only asked questions or told that the customer is moving to it."""
    if _OTHER_BANK.search(lower) is None:
        return False
    sentences = re.findall(r"[^.!?]+[.!?]*", lower)
    return not any(_addresses_bank(s) for s in sentences)


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

# --- calm: words quoted from a letter, a text, an error message or the newspaper ---------------------

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


# --- calm: asking how escalation works, or about the ombudsman, for information ------------------------

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


# --- calm: a recurring event counted by the calendar -----------------------------------------------------

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


# --- escalations -------------------------------------------------------------------------------------------

COMPLAINT = (
    # Holding the bank to account: "I hold the bank responsible", "jeg holder jer ansvarlige".
    r"\bi(?:'ll|\s+will|'m|\s+am)?\s+hold(?:ing)?\s+(?:you|the bank|your bank)\s+(?:fully\s+)?"
    r"(?:responsible|accountable|liable)\b|"
    r"\b(?:jeg|vi)\s+holder\s+(?:jer|banken|dig)\s+(?:fuldt\s+)?(?:ansvarlig\w*|erstatningsansvarlig\w*)\b",
    # Danish and English understatement of dissatisfaction: "ikke helt tilfredsstillende", "not
    # satisfactory", "far from good enough".
    r"\b(?:ikke\s+(?:helt\s+|særlig\s+|specielt\s+)?tilfredsstillende|utilfredsstillende|langt fra "
    r"godt nok|ikke godt nok)\b|\b(?:not|hardly|far from)\s+(?:very\s+|entirely\s+)?satisfactory\b|"
    r"\bunsatisfactory\b",
    # Sarcastic patience: "take your time, it's only my rent money", "det er jo kun min husleje".
    r"\bit'?s\s+only\s+(?:my|our)\s+(?:rent|salary|wages|money|mortgage|pension|house|home|savings|food|"
    r"livelihood|business)\b|"
    r"\bdet\s+er\s+(?:jo\s+)?(?:kun|bare)\s+(?:min|mit|vores)\s+(?:husleje|løn|pension|opsparing|mad|bolig|"
    r"hus|penge|firma|forretning)\b",
)

THREAT = (
    # Recommendation withdrawn: "I've recommended you to everyone. I won't be doing that anymore",
    # "I'll no longer recommend you", "jeg anbefaler jer ikke længere".
    r"\b(?:i'?ve|i have)\s+recommended\s+(?:you|your bank|this bank)\b[^?]{0,60}?\b(?:won'?t|will not|"
    r"not any ?more|no longer|never again)\b|"
    r"\b(?:i(?:\s+will|'ll)\s+no longer|i\s+won'?t\s+be|i(?:\s+will|'ll)\s+never\s+again|i'?ll\s+stop)\s+"
    r"recommend\w*\s+(?:you|your bank|this bank)\b|"
    r"\bjeg\s+har\s+anbefalet\s+(?:jer|banken|dig)\b[^?]{0,60}?\b(?:ikke\s+(?:mere|længere)|aldrig igen)\b|"
    r"\bjeg\s+anbefaler\s+(?:jer|banken)\s+(?:ikke\s+(?:mere|længere)|aldrig igen)\b",
    # A lawyer who will act: "my lawyer will contact you tomorrow", "min advokat kontakter jer".
    r"\bmy\s+(?:lawyer|solicitor|attorney|legal team)\s+(?:will|is going to|shall|'ll)\s+(?:be\s+)?"
    r"(?:contact\w*|writ\w*|call\w*|in touch|hear\w*)\b|"
    r"\bmin\s+advokat\s+(?:kontakter|vil kontakte|kommer til at kontakte|skriver til|tager kontakt til|"
    r"ringer til|henvender sig til)\s+(?:jer|dig|banken)\b|\bdu hører fra min advokat\b",
)

ANSWER_REJECTED = (
    # The bot's time frame refused: "I don't have a day, I have an hour", "jeg har ikke en dag, jeg har
    # en time".
    r"\bi\s+(?:don'?t|do not)\s+have\s+(?:a|one|two|three|five|ten|\d+)\s+(?:\w+\s+)?(?:days?|weeks?|"
    r"hours?)\b[,;.]?\s*(?:i\s+(?:have|'ve got)|only)\b|"
    r"\bjeg\s+har\s+ikke\s+(?:en|et|to|tre|fem|ti|\d+)\s+(?:\w+\s+)?(?:dag|dage|uge|uger|timer?|døgn)\b"
    r"[,;.]?\s*jeg\s+har\b",
    # Pointing back at what was written: "as per my last message", "som skrevet", "som jeg skrev før".
    r"\b(?:as\s+)?per\s+my\s+(?:last|previous|earlier)\s+(?:message|e-?mail|reply)\b|"
    r"^\W*som\s+(?:allerede\s+)?skrevet\b|\bsom\s+jeg\s+(?:allerede\s+|lige\s+)?(?:skrev|har skrevet)\s+"
    r"(?:før|tidligere|lige|ovenfor|for lidt siden)\b",
    # One last try, spelled out: "I'll try one last time, slowly", "jeg prøver en sidste gang".
    r"\b(?:i'?ll|i will|let me)\s+try\s+(?:this\s+)?(?:one|a)\s+(?:last|final|more)\s+time\b|"
    r"\bjeg\s+prøver\s+(?:lige\s+)?(?:en|én)\s+(?:sidste|allersidste)\s+gang\b|"
    r"\b(?:one more time|en gang til)\W+(?:slowly|langsomt)\b",
    # What the bot pointed at is not there, said in two words and the message opens with it: "Not there.
    # Business accounts don't show up.", "Står der ikke.", "Nope, not there".
    r"^\W*(?:nope\W+|no\W+|nej\W+)?(?:not there|it'?s not there|isn'?t there|not in there|not showing)\b"
    r"(?!\s+yet)(?![^.!?]*\?)|"
    r"^\W*(?:nope\W+|nej\W+)?(?:(?:den|det|de)\s+)?(?:står|findes|ligger)\s+(?:der\s+)?ikke\b(?:\s+der)?\W*(?:$|[.!])",
)

# --- requests for a person (joined to ``human_patterns``; written in normal spelling, folded there) ------

HUMAN_PATTERNS = (
    # Who can act now: "who can trace this payment right now?", "hvem kan spore betalingen lige nu?".
    r"\bwho\s+(?:can|could|is able to|will)\s+(?:\w+\s+){0,2}?(?:trace|find|stop|fix|release|reverse|check|"
    r"look|sort|unblock|approve|help|sign|confirm|cancel|refund|track|locate)\w*\b[^.?!]{0,40}"
    r"\b(?:right now|now|today|immediately|asap|this minute|straight away|at once|before \w+)\b",
    r"\bhvem\s+(?:kan|vil)\s+(?:\w+\s+){0,2}?(?:spore|finde|stoppe|ordne|frigive|tilbageføre|tjekke|kigge|"
    r"løse|ophæve|godkende|hjælpe|bekræfte|annullere|refundere)\w*\b[^.?!]{0,40}"
    r"\b(?:lige nu|nu|i dag|med det samme|omgående|straks|inden \w+)\b",
    # Someone has to act: "someone needs to stop this", "nogen skal stoppe det her nu", "der må være nogen
    # der kan ...".
    r"\b(?:some ?one|some ?body|any ?one)\s+(?:needs? to|has to|must|should|ought to)\s+"
    r"(?:\w+\s+)?(?:stop|fix|look|check|sort|release|reverse|call|ring|contact|handle|deal|investigate|unblock|freeze)\w*\b",
    r"\b(?:nogen|en medarbejder|en rådgiver)\s+(?:skal|må|bliver nødt til at|burde|bør)\s+(?:\w+\s+)?"
    r"(?:stoppe|ordne|kigge|se på|tjekke|rette|løse|frigive|ringe|kontakte|sørge for|undersøge|spærre)\b|"
    r"\bder\s+må\s+(?:da\s+|vel\s+)?være\s+(?:nogen|en)\b[^.?!]{0,10}\bder\s+kan\b|"
    r"\bthere\s+must\s+be\s+(?:some ?one|some ?body|any ?one)\s+(?:who|that|there)\b",
    # A person named by the area they handle: "is there anyone who handles pensions?", "er der nogen der
    # har med pension at gøre?".
    r"\bis\s+there\s+(?:any ?one|some ?one|some ?body|any ?body|a person)\s+(?:who|that)\s+(?:handles|deals "
    r"with|works (?:with|on)|knows about|is in charge of|does)\b",
    r"\ber\s+der\s+(?:ikke\s+)?(?:nogen|en)\b[^.?!]{0,5}\bder\s+(?:har med|tager sig af|arbejder med|ved "
    r"noget om|kender til|sidder med|står for)\b",
    # A person told to act: "please have an advisor confirm my rate", "en rådgiver må bekræfte".
    r"\bhave\s+(?:an?|your)\s+(?:advisor|adviser|manager|person|colleague|specialist|human|supervisor)\s+"
    r"(?:confirm|call|check|look|contact|e-?mail|write|review|explain|ring)\b",
    r"\b(?:en|jeres)\s+(?:rådgiver|medarbejder|leder|chef|person|specialist)\s+(?:må|skal|bør)\s+(?:\w+\s+)?"
    r"(?:bekræfte|ringe|kigge|se|kontakte|skrive|forklare|gennemgå|tjekke)\b",
)

HUMAN_NOT_A_REQUEST = (
    # The whole message asks for information or for later (see ``HYPOTHETICAL``).
    r"^.*" + HYPOTHETICAL.pattern + r".*$",
    # A question about the process: "how do complaints get escalated", "who handles them".
    PROCESS_QUESTION.pattern,
)
