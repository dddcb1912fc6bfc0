"""Round-eight phrase families (dev7 error analysis): mostly calm uses of alarming words, kept apart
from ``lexicon``, ``softeners`` and ``human_patterns`` so that none of them grows past what one can read.

Lower-case text, ``re`` syntax, one family per entry with the reason it is one. This module imports
nothing from the rest of the package: ``lexicon``, ``human_patterns``, ``text_signals`` and ``signals``
join these patterns to their own, so that there is no import cycle.
"""

from __future__ import annotations

import re

# --- lexicon: complaints and giving up (joined to ``lexicon.COMPLAINT`` and ``lexicon.RESIGNED``) ------

COMPLAINT = (
    # Refusing to accept the situation, said politely: "This isn't acceptable to me", "det kan jeg ikke
    # acceptere", "det accepterer jeg ikke". "I can't accept the payment request" is about a button, so
    # the English verb form must close the sentence.
    r"\b(?:(?:this|that|it)(?:'s| is)?\s+(?:isn'?t|is not|not)\s+acceptable|"
    r"(?:isn'?t|is not|not)\s+acceptable\s+to\s+(?:me|us))\b|"
    r"\bi\s+(?:can'?t|cannot|won'?t|will not|do not|don'?t)\s+accept\s+(?:this|that|it)\s*(?:[.!]|$)|"
    r"\b(?:det|dette)\s+(?:kan|vil)\s+(?:jeg|vi)\s+(?:simpelthen\s+|altså\s+)?ikke\s+acceptere\b|"
    r"\b(?:det|dette)\s+accepterer\s+(?:jeg|vi)\s+ikke\b|\bikke\s+acceptabelt\b",
    # What is lost if nothing happens, said as the deadline: "or the deal falls through", "ellers falder
    # handlen". A customer who names the stake of a failed answer is not calm about it.
    r"\b(?:or|otherwise|else)\s+(?:the|my|our)\s+(?:\w+\s+)?(?:deal|sale|purchase|contract|booking)\s+"
    r"(?:falls through|will fall through|is off|collapses|is gone)\b|"
    r"\b(?:ellers|eller også|eller så)\s+(?:falder|ryger|går)\s+(?:hele\s+)?(?:handlen|købet|aftalen|"
    r"bookingen)\b",
    # Nothing the bot says works: "nothing you say works", "intet af det du skriver virker".
    r"\bnothing\s+(?:you (?:say|said|suggest|suggested|write|tell me)|i do|i try|i'?ve tried)\s+"
    r"(?:works|worked|helps|helped|has worked|is working)\b|"
    r"\b(?:intet|ingenting)\s+(?:af (?:det|hvad)\s+(?:du|i)\s+(?:siger|skriver|foreslår)\s+)?"
    r"(?:virker|hjælper|har virket|har hjulpet)\b",
)

RESIGNED = (
    # Stopping trying: "I'll stop trying then", "så lader jeg være", "then I won't bother".
    r"\bi'?ll\s+(?:just\s+)?stop\s+(?:trying|asking|bothering)\b|\bthen i won'?t bother\b|"
    r"\bså\s+lader\s+(?:jeg|vi)\s+(?:bare\s+|det\s+)?være\b",
    # A bitter "so I just wait" closed by a word of acceptance: "So I just wait and don't eat.
    # Understood." ("So I just wait then?" asks, and has no closing word).
    r"\bso\s+(?:i|we)\s+(?:just\s+|simply\s+)?(?:have to\s+|must\s+)?(?:wait|sit|starve|lose|get evicted|"
    r"go without|sleep)\b[^.?!]{0,50}\.\s*(?:understood|got it|noted|lovely|great|perfect|brilliant|"
    r"fine|right|wonderful)\b",
    r"\bså\s+(?:jeg|vi)\s+skal\s+(?:bare\s+)?(?:vente|sulte|undvære|leve uden|sove)\b[^.?!]{0,50}\.\s*"
    r"(?:forstået|fint|dejligt|super|perfekt|okay|godt)\b",
    # "Så bliver jeg vel sat ud", "så skal jeg vel bare vente": the Danish "vel" of resignation with
    # more verbs than "så må jeg vel".
    r"\bså\s+(?:bliver|skal|kan|mister|ryger|står|tager|går|ringer|venter|finder)\s+(?:jeg|vi)\s+vel\b",
)

# --- softeners --------------------------------------------------------------------------------------

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

# A complaints board for another trade ("Ankenævnet for Forsikring", "Forbrugerklagenævnet") named for a
# complaint about someone else: the bank's own board is "Pengeinstitutankenævnet".
_OTHER_BOARD = re.compile(
    r"\bankenævnet for (?!pengeinstitut|bank)\w+|\b(?:ankenævnet|nævnet) (?:på|for) (?:forsikrings|tele|"
    r"bolig|bil|rejse|bygge)\w*|\bforbrugerklagenævnet\b|\b\w*(?:forsikrings|tele|bolig|rejse|bygge|huslej)"
    r"\w*ankenævn\w*|\b(?:travel|insurance|telecoms?|housing|rent|package holiday) complaints? board\b"
)

# A third party the customer is cross with: the airline, the shop, the parking company.
_THIRD_PARTY = re.compile(
    r"\b(?:airlines?|shops?|webshops?|online shop|online store|stores?|merchants?|sellers?|retailers?|"
    r"parking (?:company|firm)|insurers?|insurance company|landlords?|gym|phone company|delivery company|"
    r"couriers?|hotels?|dealers?|flyselskab\w*|webshop\w*|netbutik\w*|butik\w*|forhandler\w*|sælger\w*|"
    r"parkeringsselskab\w*|p-selskab\w*|forsikringsselskab\w*|teleselskab\w*|udlejer\w*|fitness\w*|"
    r"fragtfirma\w*|hotel\w*|postnord|gls)\b"
)
# Anger named with its target: "I'm so angry at Netflix", "rasende på flyselskabet" (not at "you").
_ANGRY_AT = re.compile(
    r"\b(?:angry|furious|mad|livid|fuming|cross|annoyed|fed up|sick|tired|sur|vred|rasende|irriteret|træt)\s+"
    r"(?:at|with|on|of|på|over|af)\s+(?!you\b|your\b|jer\b|jeres\b|dig\b|din\b|dit\b|banken\b|the bank\b|"
    r"this\b|that\b|it\b|det\b|myself\b|mig selv\b|mig\b|me\b)[a-zæøå]"
)
# The bank addressed: any "you" that is not a plea for help ("can you help?", "kan I hjælpe?").
_SECOND_PERSON = re.compile(
    r"\b(?:you|your|yours|you'?re|you'?ve|jer|jeres|dig|din|dit|dine|banken|the bank)\b|(?:^|[.!?]\s*)du\b"
)
_HELP_ASK = re.compile(
    r"\b(?:can|could|will|would) you (?:help|do|assist)\w*\b|\b(?:is there )?anything you can do\b|"
    r"\bkan (?:i|du) (?:hjælpe|gøre noget)\b|\bhvad kan (?:i|du) gøre\b|\bkan (?:i|du) hjælpe mig\b|"
    r"\b(?:you|i) (?:lot |guys )?(?:are|er) (?:a lot |much |so |meget |langt )?(?:more )?(?:helpful|"
    r"hjælpsomme)\b|"
    # Clearing the bank: "not your fault", "det er ikke jeres skyld".
    r"\b(?:not|ikke)\s+(?:your|jeres|din)\s+(?:fault|skyld)\b|\bnothing to do with you\b|"
    r"\bikke noget med (?:jer|dig) at gøre\b"
)

# Going mad at oneself ("I'm going nuts at myself", "ved at gå amok over mig selv", "rasende på mig selv"):
# the anger is aimed inwards, like "annoyed with myself" in ``softeners.HEDGE``.
AT_MYSELF = re.compile(
    r"\b(?:go|going|gone|went|gå|går|gik|blive|bliver|blev)\s+(?:\w+\s+)?(?:mad|crazy|nuts|insane|bananas|"
    r"mental|amok|skør|tosset|sindssyg|vanvittig|til vanvid)\s+(?:at|with|over|på|af)\s+"
    r"(?:myself|mig selv)\b|"
    r"\b(?:furious|livid|fuming|pissed|raging|rasende|pissesur|hamrende sur|gal)\s+(?:at|with|på)\s+"
    r"(?:myself|mig selv)\b"
)

# "Stolen for the second time this year", "glemt min kode for tredje gang" count thefts and one's own
# slips, not questions asked again.
COUNTED_EVENT = re.compile(
    r"\b(?:stolen|lost|broken|hacked|blocked|expired|happened|declined|cloned|skimmed|stjålet|mistet|tabt|"
    r"hacket|spærret|udløbet|sket|afvist|kopieret|brudt ind|forgot|forgotten|locked|glemt|glemte|låst|"
    r"låste)\s+(?:[\w-]+\s+){0,3}?(?:for\s+)?(?:the\s+)?(?:second|third|fourth|"
    r"anden|tredje|fjerde|2nd|3rd|4th|\d+\.)\s+(?:time|gang)\b"
)


# A complaint about one's own life or money, or a wait for someone else: "økonomien er noget rod", "my
# finances are a nightmare", "waiting 20 minutes for the bus".
_OWN_SITUATION = re.compile(
    r"\b(?:my life|my finances|my month|my week|my year|life|økonomien|min økonomi|privatøkonomien|livet|"
    r"måneden|året|ugen)\s+(?:is|are|has been|have been|was|were|er|har været|var)\b[^.!?]{0,30}$"
)
_WAIT_ELSEWHERE = re.compile(
    r"^\s*(?:for|at|on|at the|på|hos|til)\s+(?:the |a |my |min |mit |en |et )?(?:bus|train|tram|metro|taxi|"
    r"doctor|dentist|plane|flight|friend|kids?|delivery|plumber|bussen|toget|metroen|taxaen|lægen|"
    r"tandlægen|flyet|håndværkeren|pakken|børnene)\b"
)


def aimed_elsewhere(lower: str) -> bool:
    """The strong words are about a third party the customer names ("Bloody parking company fined
    me", "Flyselskabet ... Hvilket elendigt firma", "angry at Netflix"), and the bank is addressed only
    to ask for help or to be cleared ("not your fault")."""
    named = _THIRD_PARTY.search(lower) or _ANGRY_AT.search(lower)
    return bool(named) and _SECOND_PERSON.search(_HELP_ASK.sub(" ", lower)) is None


def about_own_situation(before: str, after: str) -> bool:
    """A complaint phrase (``before`` and ``after`` it, lower-cased) whose subject is the customer's own
    life or money, or a wait for the bus or the doctor: the situation, not the service."""
    return _OWN_SITUATION.search(before) is not None or _WAIT_ELSEWHERE.match(after) is not None


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
    calm += [m.span() for m in _OTHER_BOARD.finditer(lower)]
    found = [m.span() for m in pattern.finditer(lower)]
    return bool(found) and all(any(a < e and s < b for a, b in calm) for s, e in found)


def calm_board(lower: str) -> bool:
    """The message names another trade's complaints board and does not address the bank."""
    return _OTHER_BOARD.search(lower) is not None and _SECOND_PERSON.search(_HELP_ASK.sub(" ", lower)) is None


# --- requests for a person (joined to ``human_patterns``; written in normal spelling, folded there) ------

HUMAN_PATTERNS = (
    # A person named by their authority: "who at your end has the authority to reverse this", "someone
    # with the authority to waive it", "hvem hos jer har myndighed til ...".
    r"\bwho\s+(?:at your end|on your side|at the bank|in the bank|there|of you|"
    r"in your (?:team|department))\s+"
    r"(?:has|have|can|is able|would have)\b",
    r"\b(?:some ?one|some ?body|any ?one|any ?body|a person|a colleague|an? (?:manager|supervisor))\s+"
    r"(?:with|who has|that has|who have)\s+(?:the\s+)?(?:authority|power|mandate|clearance)\s+to\b",
    r"\bhvem\s+(?:hos jer|i banken|af jer|hos banken)\s+(?:har|kan)\b[^.?!]{0,20}\b(?:myndighed|beføjelse\w*|"
    r"mandat|lov|ret)\b|\b(?:nogen|en)\s+(?:med|der har)\s+(?:myndighed|beføjelse\w*|mandat)\s+til\b",
    # Someone above the bot: "is there anyone above you?", "er der nogen over dig?".
    r"\b(?:any ?one|some ?one|some ?body|any ?body)\s+(?:above|over|higher than)\s+you\b|"
    r"\b(?:nogen|en)\s+over\s+dig\b",
    # "Flesh-and-blood": nobody names a person so in a bank chat without wanting one.
    r"\bflesh[- ](?:and|&|n)[- ]blood\b",
    # "Har brug for, at nogen frigiver den nu": someone to act on the case now.
    r"\b(?:brug for|behov for)\W+(?:at\s+)?(?:nogen|en medarbejder|en rådgiver|en person|et menneske)\s+"
    r"(?:frigiver|godkender|kigger|ser|ordner|løser|tjekker|åbner|fjerner|ophæver|retter)\b",
)

HUMAN_NOT_A_REQUEST = (
    # Whether a person does the work: "does a human ever check the fraud alerts?", "bliver min
    # ansøgning læst af et menneske, eller ...?". "Can a human check this?" asks for one and stays.
    # Only "does/do": "is someone actually reading this?" is exasperation, not curiosity.
    r"\b(?:does|do)\s+(?:a |an |any )?(?:real |actual )?(?:human|person|people|humans|staff|"
    r"employees?)\s+(?:ever\s+|actually\s+|also\s+|still\s+|really\s+)?(?:check|read|look|"
    r"review|see|decide|handle|approve|process|go through|monitor|sign)\w*\b",
    r"\b(?:is|are|will|does)\s+(?:my|the|this|it|our)\b[^.?!]{0,30}\b(?:read|seen|checked|reviewed|decided|"
    r"handled|processed|approved|assessed)\s+by\s+(?:a |an )?(?:real )?(?:human|person|people|employee)",
    r"\b(?:bliver|blir|vil|er)\s+(?:min|mit|mine|den|det|de|ansøgningen|sagen|lånet)\b[^.?!]{0,30}"
    r"\b(?:læst|set|vurderet|behandlet|tjekket|godkendt|afgjort|kigget på)\s+af\s+(?:et |en )?(?:rigtigt? |"
    r"rigtige )?(?:menneske|mennesker|person|medarbejder)",
    # Whether people work at a time: "do you have human advisers on Saturdays?", "har I rigtige
    # mennesker i chatten om lørdagen?".
    r"\b(?:do you have|have you got|do you still have|har i|har jeres)\b[^.?!]{0,50}\b(?:on|at|during|over|"
    r"om|i|på)\s+(?:the\s+)?(?:saturdays?|sundays?|weekends?|evenings?|nights?|holidays?|"
    r"lørdag\w*|søndag\w*|weekend\w*|aften\w*|helligdag\w*|ferie\w*|jul\w*|påske\w*)\b",
    # Advice reported: "my grandson says I should ask for a human", "siger, jeg altid skal bede om et
    # menneske". The clause ends at a comma, so "..., so please put me through" still asks.
    r"\b(?:says?|said|told me|tells me|keeps telling me|siger|sagde|mener),?\s+(?:that\s+|at\s+)?"
    r"(?:i|jeg)\s+(?:always\s+|altid\s+)?(?:should|ought to|must|skal|bør|burde)\b[^.?!,:]{0,40}",
    r"\b(?:i'?m|i am|jeg er)\s+(?:a |an |en |et )?(?:flesh|kød)\b",
)
