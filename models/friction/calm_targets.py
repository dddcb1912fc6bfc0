"""Strong words aimed away from the bank, which make them calm for the bank: at a third party the
customer names, another trade's complaints board, oneself, one's own life or a wait for the bus,
another bank, the situation in a first message that opens with one outburst, or a shop in a first
message that asks the bank for help. ``signals`` and ``text_signals`` halve the tone, the complaint or
the swearing for them.

They were added by the error-analysis rounds eight to eleven (see ``data/friction/README.md``; the round
is noted by each family) and kept out of ``lexicon`` and ``softeners`` so that those stay short enough
to read.

Lower-case text, ``re`` syntax, one family per entry with the reason it is one. This module imports
nothing from the rest of the package: ``signals``, ``text_signals`` and ``calm_contexts`` use it, so
that there is no import cycle.
"""

from __future__ import annotations

import re
from functools import lru_cache

# --- a third party named, or another trade's complaints board (round eight) -------------------------------

# A complaints board for another trade ("Ankenævnet for Forsikring", "Forbrugerklagenævnet") named for a
# complaint about someone else: the bank's own board is "Pengeinstitutankenævnet".
OTHER_BOARD = re.compile(
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


@lru_cache(maxsize=1024)  # asked per matched phrase and again by the scan
def aimed_elsewhere(lower: str) -> bool:
    """The strong words are about a third party the customer names ("Bloody parking company fined
    me", "Flyselskabet ... Hvilket elendigt firma", "angry at Netflix"), and the bank is addressed only
    to ask for help or to be cleared ("not your fault")."""
    named = _THIRD_PARTY.search(lower) or _ANGRY_AT.search(lower)
    return bool(named) and _SECOND_PERSON.search(_HELP_ASK.sub(" ", lower)) is None


def calm_board(lower: str) -> bool:
    """The message names another trade's complaints board and does not address the bank."""
    return OTHER_BOARD.search(lower) is not None and _SECOND_PERSON.search(_HELP_ASK.sub(" ", lower)) is None


# --- anger at oneself (round eight) -----------------------------------------------------------------------

# Going mad at oneself ("I'm going nuts at myself", "ved at gå amok over mig selv", "rasende på mig selv"):
# the anger is aimed inwards, like "annoyed with myself" in ``softeners.HEDGE``.
AT_MYSELF = re.compile(
    r"\b(?:go|going|gone|went|gå|går|gik|blive|bliver|blev)\s+(?:\w+\s+)?(?:mad|crazy|nuts|insane|bananas|"
    r"mental|amok|skør|tosset|sindssyg|vanvittig|til vanvid)\s+(?:at|with|over|på|af)\s+"
    r"(?:myself|mig selv)\b|"
    r"\b(?:furious|livid|fuming|pissed|raging|rasende|pissesur|hamrende sur|gal)\s+(?:at|with|på)\s+"
    r"(?:myself|mig selv)\b"
)

# --- one's own life or money, or a wait for someone else (round eight) ------------------------------------

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


def about_own_situation(before: str, after: str) -> bool:
    """A complaint phrase (``before`` and ``after`` it, lower-cased) whose subject is the customer's own
    life or money, or a wait for the bus or the doctor: the situation, not the service."""
    return _OWN_SITUATION.search(before) is not None or _WAIT_ELSEWHERE.match(after) is not None


# --- another bank, or someone else's bank (round nine) ----------------------------------------------------

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


@lru_cache(maxsize=1024)  # asked per matched phrase and again by the scan
def about_other_bank(lower: str) -> bool:
    """The strong words are about another bank (one the customer left, or a friend's), and the bank
    addressed is only asked questions or told that the customer is moving to it."""
    if _OTHER_BANK.search(lower) is None:
        return False
    sentences = re.findall(r"[^.!?]+[.!?]*", lower)
    return not any(_addresses_bank(s) for s in sentences)


# --- one outburst that opens a request for help (round ten) -----------------------------------------------

# An interjection that opens the first message ("Ugh!!", "Seriously?", "Bloody snow", "So frustrating,",
# "For pokker", "Satans", "Hvad fanden er ...", "Mega irriterende") or a short verdict after a price
# question ("... for a paper statement? This is ridiculous."). Said once about the situation, before the
# bank has answered anything, it is a sigh, not friction the bot has caused.
_OPENER = re.compile(
    r"^\W*(?:ugh+|argh+|urgh+|gah+|annoying|so annoying|how annoying|(?:so |really )?frustrating|seriously|"
    r"damn(?: it)?|dammit|the damn|bloody|wtf|what the (?:hell|heck|fuck)|oh come on|for crying out loud|"
    r"for fanden|for pokker|pokkers|satans|fandens|fanden|sørens|øv|av|seriøst|hvad fanden|hvad pokker|"
    r"hvad satan|(?:mega |pisse |sindssygt |vildt |hamrende |super )?irriterende|nej hvor irriterende)"
    r"(?=[\s!?.,]|$)|"
    r"\?\s*(?:this|that|it)(?: is|'s)\s+(?:ridiculous|absurd|crazy|a joke)\W*$|"
    r"\?\s*det\s+er\s+(?:jo\s+)?(?:latterligt|vanvittigt|absurd|grotesk|skørt)\W*$"
)
# Blame or a demand addressed to the bank in a statement: "you blocked it", "your app is useless",
# "I har lukket", "jeres app". A plain question to the bank ("Can you ...?") is asking for help.
_BLAME = re.compile(
    r"\b(?:you|your|you'?re|you'?ve|y'all)\b|\b(?:jer|jeres)\b|"
    r"(?:^|[.!?]\s*)(?:i|du)\s+(?:har|havde|er|var|kan|vil|skal|gør|gjorde|tog|lukkede|spærrede)\b"
)
# A second cue in the same message: a threat, a demand or more shouting takes it out of the family.
_MORE = re.compile(
    r"!{3,}|\b(?:again|still|every time|always|never|igen|stadig|hver gang|altid|aldrig|unacceptable|"
    r"uacceptabel\w*|lawyer|advokat|close my|lukke min)\b"
)


def opening_outburst(lower: str, first: bool) -> bool:
    """The first customer message opens with one outburst about the situation and otherwise asks for
    help or states the problem, with no blame addressed to the bank and no second cue."""
    if not first or _OPENER.search(lower) is None or _MORE.search(lower):
        return False
    sentences = re.findall(r"[^.!?]+[.!?]*", lower)
    return not any(_BLAME.search(s) and not s.rstrip().endswith("?") for s in sentences)


# --- anger at a shop or a landlord, then a question to the bank (round eleven) ----------------------------

# "The shop refuses to refund me ... Ridiculous. Can the bank do anything?", "Butikken vil ikke ...
# Helt latterligt. Kan banken gøre noget?": the first message is angry at a third party and asks the
# bank for help; the bank has done nothing yet.
_THIRD = re.compile(
    r"\b(?:the|that|this)\s+(?:shop|store|merchant|seller|airline|landlord|hotel|restaurant|company|"
    r"website|webshop|garage|plumber|gym)\b|\b(?:butikken|forretningen|sælgeren|forhandleren|"
    r"flyselskabet|udlejeren|hotellet|restauranten|firmaet|webshoppen|værkstedet|fitnesscentret)\b"
)
_ASKS_BANK = re.compile(
    r"\b(?:can|could|will|does)\s+(?:the\s+bank|you)\b[^?]*\?|\bkan\s+(?:banken|i|du)\b[^?]*\?"
)
_AT_BANK = re.compile(r"\b(?:your|you'?ve|you\s+(?:blocked|charged|took|did))\b|\b(?:jeres|i\s+har)\b")


def third_party_first(lower: str, first: bool) -> bool:
    """The first message is angry at a shop, a landlord or an airline and asks the bank for help."""
    return (
        first
        and _THIRD.search(lower) is not None
        and _ASKS_BANK.search(lower) is not None
        and _AT_BANK.search(lower) is None
    )
