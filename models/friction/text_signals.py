"""What one customer message says, read from its words: complaints, contempt, rejected answers.

The conversation signals (``signals``) combine what happened across turns: repeats, waits,
streaks, trends. The phrase-level reading they rely on, and the regular expressions for context
the lexicon cannot see on its own, are long and change as new phrasings turn up, so they live
here; each function takes the text of one message (lower-cased where it says ``lower``).
"""

from __future__ import annotations

import re

from models.friction import calm_contexts, calm_targets, lexicon

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
    r"\b(?:brilliant|great|fantastic|excellent|amazing|wonderful|super|lovely|fremragende|fantastisk|god|"
    r"flot)\b"
    r"[^.?!]{0,25}\b(?:as always|as usual|som altid|som sædvanlig)\b"
)
# A stressed auxiliary contradicts the bot: "I DID pay", "I AM contacting you", "vi HAR booket et møde".
_STRESSED_DID = re.compile(
    r"\b(?:[Ii]|[Ww]e) (?:DID|HAVE|HAD|AM|ARE|WAS|DO)\b|\b(?:[Jj]eg|[Vv]i) (?:HAR|HAVDE|GJORDE|ER|VAR|GØR)\b"
)
# The bot's premise contradicted with a stressed verb: "Today IS the last banking day", "den ER
# aktiveret"; with praise in the message ("It IS cheaper, nice!") the stress is pleasure, not protest.
_STRESSED_PREMISE = re.compile(
    r"\b(?i:it|that|today|this|they|the \w+|det|den|de|i dag|kortet|appen|kontoen|pengene) "
    r"(?:IS|ARE|WAS|WERE|HAS|DOES|ER|VAR|HAR)\b"
)
_PLEASED = re.compile(
    r"\b(?:nice|great|thanks?|thank you|tak|super|perfect|perfekt|dejligt|fint|lovely|good|godt|glad|cool|"
    r"fedt|yay)\b|[!:]\)|😊|🙂|👍"
)
# Did what the bot said and it failed: "I did chip and pin, it said declined",
# "det gjorde jeg. Det blev afvist".
_DID_FAILED = re.compile(
    r"\b(?:i|we) (?:did|tried|used|entered|followed|updated|restarted|activated|reinstalled)\b[^?!]{0,35}?"
    r"\b(?:it|that|the app|the card) (?:still |just )?(?:said|says|failed|got declined|was declined|"
    r"didn'?t work|"
    r"gave (?:me )?(?:an? )?error|shows? (?:an? )?error)\b|"
    r"\b(?:jeg|vi) (?:har )?(?:gjort|gjorde|prøvet|prøvede|brugt|brugte|fulgt|fulgte|opdateret|opdaterede|"
    r"genstartet|genstartede)\b[^?!]{0,40}?\b(?:det|den|appen|kortet) (?:blev|bliver|gav|giver|siger|sagde) "
    r"(?:stadig |bare |igen )?(?:afvist|fejl|error)|\bdet gjorde jeg\b[^?!]{0,40}?\b(?:afvist|virkede ikke|"
    r"fejl)"
)
# What the bot pointed at is already right, or the bank's own page says otherwise: a half rejection.
_ALREADY_RIGHT = re.compile(
    r"\b(?:it'?s|it is|they'?re|they are|everything'?s|everything is|it'?s all)\s+(?:already\s+|all\s+)?"
    r"(?:correct|right|fine|up to date)\s+(?:there|in there|in the app|already)\b|"
    r"\b(?:den|det|alt|adressen|nummeret) står (?:allerede |jo )?(?:rigtigt|korrekt)\b|"
    r"\b(?:your|the(?: \w+){0,2}) (?:website|site|web ?page|page|letter|terms|advert)\b[^.?!]{0,25}"
    r"\b(?:literally|clearly|specifically|explicitly) (?:says|said|states|stated|promised)\b|"
    r"\bdet står (?:jo |tydeligt |klart )?(?:på|i) (?:jeres|bankens) (?:hjemmeside|side|brev|vilkår|app)\b"
)
# Sarcastic praise: an eye-roll, clapping at a "helpful" answer, thanks "as usual".
_SARCASM = re.compile(
    r"\b(?:helpful|useful|great|brilliant|nice|thanks|lovely|amazing|hjælpsom\w*|nyttig\w*|super|fantastisk|"
    r"tak)\b[^.?!]{0,20}👏|🙄|"
    r"\b(?:thanks?|thank you|tak)\b[^.?!]{0,30}\b(?:as always|as usual|som altid|som sædvanlig)\b"
)
# A complaint word whose subject is someone else or the world ("my landlord complains", "renterne er
# vanvittige", "the tax rules are so annoying") describes the customer's situation, not the service.
_ABOUT_OTHERS = re.compile(
    r"(?:^|[.!?;]\s*)(?:\w+\W+){0,2}?(?:my|our|his|her|min|mit|mine|vores|hans|hendes)\s+(?:\w+\s+)?"
    r"(?:landlord|landlady|neighbou?rs?|boss|employer|ex|wife|husband|partner|son|daughter|mother|father|mum|"
    r"mom|dad|brother|sister|tenants?|accountant|kids?|children|parents|udlejer|nabo\w*|chef|arbejdsgiver|"
    r"kone|mand|kæreste|søn|datter|mor|far|bror|søster|lejer\w*|bogholder|børn|forældre|revisor)\b"
    r"(?!\s+(?:and|og|&)\s+(?:i|me|jeg))[^.!?;]*$|"
    r"(?:^|[.!?;]\s*)(?:the\s+)?(?!your\b|jeres\b|din\b)(?:\w+\s+)?(?:tax(?:es| rules)?|interest rates?|"
    r"rates|prices|inflation|(?:housing )?market|"
    r"weather|government|politicians|skat(?:ten|tereglerne|ereglerne)?|renter(?:ne)?|priser(?:ne)?|inflationen|"
    r"(?:bolig)?markedet|vejret|regeringen|politikerne)\b[^.!?;]*$"
)
# Contempt and orders that AFINN and the complaint words miss: "what is the point of you", "sort it out".
_CONTEMPT = re.compile(
    r"\bwhat(?:'s| is) (?:even )?the point of (?:you|this (?:bot|chat|service))\b|\bwhat good are you\b|"
    r"\bhvad skal (?:man|jeg) (?:overhovedet |egentlig )?bruge (?:dig|jer|den her chat) til\b|"
    r"\bhvad er (?:overhovedet |egentlig |så )?(?:meningen|pointen) med (?:dig|jer|den(?:ne| her) (?:chat|"
    r"bot|service)|"
    r"chatten|botten)\b|\bwhat(?:'s| is) (?:even )?the point of (?:this|the|your) (?:chat|bot|assistant|"
    r"service)\b|"
    r"\b(?:sort it out|fix it(?: now)?[.!]|get it sorted|få det ordnet|ordn det|få det løst)\b"
)
# A complaint word about the day, the weather or one's luck describes the customer's situation.
_SITUATION = re.compile(
    r"^\W*(?:\w+\W+){0,1}(?:day|week|morning|night|weather|storm|rain|snow|traffic|commute|luck|trip|year|"
    r"timing|situation|news|scam|scammers?|text|sms|e-?mail|phishing|accident|cold|flu|"
    r"dag|uge|morgen|nat|vejr|storm|regn|sne|trafik|held|rejse|år|timing|situation|nyhed\w*|svindel\w*|"
    r"sms|mail|uheld|forkølelse)\b"
)
# "Det er svindel, ikke?", "I think this is a scam": checking a suspicion about a text or a caller with
# the bank, not calling the bank a fraud (round seven).
_SCAM = re.compile(r"^(?!you)[^.!?]*\b(?:scam|fraud|con|svindel|fupnummer|snyd|rip.?off)\b")
_TAG_QUESTION = re.compile(
    r"^\W{0,3}(?:right|isn'?t it|is it not|correct|yes|no|ikke|ikke sandt|vel|eller hvad|eller|ja)?\s*\?"
)
_HEDGED = re.compile(
    r"\b(?:i think|i guess|i suspect|i'?m (?:pretty |fairly )?sure|probably|maybe|surely|jeg tror|"
    r"jeg tænker|jeg gætter på|formentlig|sikkert|vist|måske|mon ikke)\s+(?:\w+\s+)?$"
)
# "Hvad skal jeg gøre med hans konto?" asks how, it is not "what am I supposed to do".
# "How do I complain about a shop?" asks how; the complaint word names what they want to do.
_HOW_TO_BEFORE = re.compile(
    r"\b(?:how (?:do|can|should|would) (?:i|we|you|one)|where (?:do|can) (?:i|we)|hvordan (?:kan |skal )?"
    r"(?:jeg|man|vi)|hvor (?:kan|skal) (?:jeg|man|vi)|how to|hvordan)\s+(?:\w+\s+)?$"
)
_HOW_TO = re.compile(
    r"^(?:hvad skal jeg gøre\b(?!\s*(?:så|nu|overhovedet|\?{2,}))|hvad sker der,? (?:så )?(?:hvis|når|med)\b)"
)
# "Charged twice" counts payments; "third time I use your insurance" counts visits: neither is asking again.
_COUNTED_NOT_ASKED = re.compile(
    r"\b(?:charged|debited|billed|paid|taken|gone out|went out|booked|trukket|betalt|hævet|gået|opkrævet|"
    r"bogført|shows?|showing|shown|displays?|appears?|viser|vises|står)\s+(?:\w+\s+){0,3}(?:twice|two times|"
    r"three times|\d+ times|to gange|tre gange|\d+ gange)\b|"
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
# "Perfect, that's exactly what I needed." is thanks; "Oh great, another link, exactly what I needed" is not.
_GENUINE_EXACTLY = re.compile(
    r"^\W*(?:perfect|great|brilliant|lovely|excellent|super|thanks?|thank you)\b[\s,.!]*"
    r"(?:(?:that'?s|this is|it'?s|just)\s+)?exactly what i (?:needed|wanted|was looking for)\b"
)
_SARCASM_MARK = re.compile(r"\b(?:another|again|third|not|oh|wow|yeah)\b|🙄|😒")
# Taking the answer: "ok thanks", "I'll try that", "that's all", "det prøver jeg".
_THANKS = re.compile(
    r"\b(?:thanks?|thank you|thx|ty|cheers|ok(?:ay)?|k|great|perfect|lovely|super|fine|fint|tak|perfekt|"
    r"fedt|dejligt|forstået|got it|noted|noteret)\b|👍|🙏"
)
_TAKES_IT = re.compile(
    r"\b(?:i'?ll (?:try|do|check|wait|have a look|look)|(?:det |så )?prøver jeg|jeg prøver|det gør jeg|"
    r"jeg venter|that'?s all|that is all|det var (?:det|alt)|no problem|have a (?:nice|good) day|bye|"
    r"god dag|hav en god|farvel|makes sense|giver mening|all good|that'?s clear|clear now|understood|i see|"
    r"^\W*(?:ah|aha|oh|nå|okay|ok)\W+(?:ok|okay|i see|then|så|fint)\b|det er klart|forstår det nu)\b"
)
_CLOSING = re.compile(
    r"\b(?:anything else|something else|noget andet|andet jeg kan|andet, jeg kan)\b[^.!?]*\?\s*$|"
    r"^\W*(?:you'?re welcome|velbekomme|selv tak)\b",
    re.IGNORECASE,
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
    r"\bforstod jeg ikke\b|\bforstår (?:jeg )?ikke\b|\bomformulere\b|\blærer stadig\b|"
    r"\b(?:didn'?t|did not) (?:quite )?(?:get|catch|follow) (?:that|you)\b|\b(?:say|put|phrase) (?:it|that) "
    r"(?:another|a different|differently)\b|\bfangede jeg ikke\b|\bpå en anden måde\b|"
    r"\bsige det anderledes\b",
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


def _strengths(lower: str) -> list[tuple[str, float]]:
    """Each complaint phrase not cancelled by a negation, with its strength (see ``complaint``)."""
    found = []
    for m in lexicon.COMPLAINT.finditer(lower):
        if _CANCELLED_BY.search(lower[max(0, m.start() - 20) : m.start()]):
            continue
        phrase = m.group(0).strip()
        how_to = (
            _HOW_TO.match(lower[m.start() :])
            or _HOW_TO_BEFORE.search(lower[max(0, m.start() - 30) : m.start()])
            or calm_contexts.in_complaint_process(lower, m.start())
            # Round nine: quoted from a letter or a text, or asked about for information only.
            or calm_contexts.in_quote(lower, m.start())
            or calm_contexts.hypothetical(lower)
        )
        checking = _SCAM.match(phrase) and (
            _TAG_QUESTION.match(lower[m.end() :]) or _HEDGED.search(lower[max(0, m.start() - 30) : m.start()])
        )
        if (
            how_to
            or checking
            or (phrase in {"lagde på", "hung up on me"} and lower[: m.start()].endswith(("jeg ", "i ")))
        ):
            found.append((phrase, 0.0))
        elif (
            _SITUATION.match(lower[m.end() :])
            or _ABOUT_OTHERS.search(lower[: m.start()])
            or calm_targets.aimed_elsewhere(lower)
            or calm_targets.about_own_situation(lower[: m.start()], lower[m.end() :])
            or calm_targets.about_other_bank(lower)
            or calm_contexts.HEARSAY.search(lower)
        ):
            found.append((phrase, 0.5))
        else:
            found.append((phrase, 1.0))
    return found


def complaint_softened(lower: str) -> bool:
    """Every complaint word only describes the situation or asks how ("awful timing", "how do I
    complain"): the tone model, which reads the word alone, overrates the message."""
    found = _strengths(lower)
    return bool(found) and all(strength < 1.0 for _, strength in found) and _CONTEMPT.search(lower) is None


def complaint(lower: str) -> tuple[str | None, float]:
    """The strongest complaint phrase of a message and its strength: 1, 0.5 where it describes the
    customer's situation ("a horrible day"), 0 for a how-to question or one's own act ("jeg lagde på")."""
    best: tuple[str | None, float] = (None, 0.0)
    for phrase, strength in _strengths(lower):
        if strength > best[1] or best[0] is None:
            best = (phrase, max(strength, best[1]))
    contempt = _CONTEMPT.search(lower)
    if contempt:
        return contempt.group(0).strip(), 1.0
    return best if best[1] > 0 else (None, 0.0)


def lexicon_rejection(lower: str) -> str | None:
    """The lexicon's rejection phrase in ``lower``, unless the message says the answer worked ("that
    didn't work at first but now it works, thanks") or is genuinely what was needed ("perfect, that's
    exactly what I needed"). Every reader of a rejection goes through here, the latest message's
    and the earlier ones' alike."""
    found = lexicon.matches(lexicon.ANSWER_REJECTED, lower)
    if found and (
        _WORKED.search(lower) or (_GENUINE_EXACTLY.search(lower) and not _SARCASM_MARK.search(lower))
    ):
        return None
    return found


def rejection(text: str, lower: str) -> tuple[str | None, float]:
    """The customer turning down the bot's last answer: the lexicon's phrases, "I DID confirm them",
    "are you even reading this" (1.0), or "there's nothing there" (0.5); praise that says it worked is not."""
    found = lexicon_rejection(lower)
    if found:
        return found, 1.0
    for pattern, source in (
        (_STRESSED_DID, text),
        (_DID_IT, lower),
        (_NOT_READ, lower),
        (_DID_FAILED, lower),
    ):
        m = pattern.search(source)
        if m:
            return m.group(0).strip(), 1.0
    m = _STRESSED_PREMISE.search(text)
    if m and not _PLEASED.search(lower):
        return m.group(0).strip(), 1.0
    m = _SARCASM.search(lower)
    if m and not _WORKED.search(lower):
        return m.group(0).strip(), 1.0
    m = _ALREADY_RIGHT.search(lower)
    if m and not re.match(r"[^.!?]*\?", lower[m.end() :]):
        return m.group(0).strip(), 0.5
    m = _NOT_THERE.search(lower)
    # "Is there no fee?" asks; "there's nothing pending!!" contradicts.
    if m is None or re.match(r"[^.!?]*\?", lower[m.end() :]):
        return None, 0.0
    return m.group(0).strip(), 0.5


def resignation(lower: str) -> str | None:
    """The customer giving up on the answer ("forget it", "så må jeg vel ..."), unless it worked."""
    found = lexicon.matches(lexicon.RESIGNED, lower)
    return None if found is None or _WORKED.search(lower) else found


def accepts(lower: str) -> bool:
    """The customer takes the answer: "found it", "I'll try that", "that's clear", a short thank-you,
    or thanks followed by a new question ("Tak, og kan jeg betale med MobilePay?"). Thanks followed by
    a remark ("Cheers for that, really enlightening") is not taken at its word."""
    # "Nå. Så kan jeg jo bare se langt efter de penge" opens like "nå, så fint" but gives up.
    if resignation(lower) is not None:
        return False
    if _WORKED.search(lower) or _TAKES_IT.search(lower):
        return True
    thanks = _THANKS.search(lower)
    if thanks is None:
        return False
    return len(lexicon.words(lower)) <= 4 or (thanks.start() <= 3 and "?" in lower[thanks.end() :])


def same_answer(a: str, b: str) -> bool:
    """Two bot messages that are near-verbatim the same (a longer answer that contains a shorter one
    is a new answer, not a loop)."""
    ta, tb = _trigrams(a), _trigrams(b)
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= 0.75


def is_answer(bot_text: str) -> bool:
    """The bot's message says something of substance (an answer or a fallback), not a closing line
    ("anything else?", "you're welcome") that a calm conversation may well repeat."""
    return _CLOSING.search(bot_text) is None


def sounds_mild(lower: str) -> bool:
    """The customer says how mild the annoyance is: "a bit annoying", "lidt træls"."""
    return _MILD.search(lower) is not None


def counts_not_asks(lower: str) -> bool:
    """A count that is not of asking again: "charged twice", "third time I use your insurance",
    "typed the wrong password five times"."""
    counted = _COUNTED_NOT_ASKED.search(lower) or calm_contexts.COUNTED_EVENT.search(lower)
    # Round nine: "third time this year they changed the price", "tredje gang denne måned jeg deler".
    counted_now = counted is not None or calm_contexts.counted_period(lower)
    return counted_now and _ASKING.search(lower) is None


def is_fallback(bot_text: str) -> bool:
    """The bot's message is one of its fallbacks ("I didn't understand, could you rephrase?")."""
    return _FALLBACK.search(bot_text) is not None
