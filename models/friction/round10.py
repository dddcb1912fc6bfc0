"""Round-ten phrase families (dev9 error analysis): a single outburst that opens a calm request for
help, a polite correction asked as a question, and escalations that build without a strong word
(curt replies, then giving up), corrections repeated, a product given up on, and a person asked for
in new words. Kept apart from ``lexicon``, ``softeners`` and ``human_patterns`` (near their size
limit) in the manner of ``round9``.

Lower-case text, ``re`` syntax, one family per entry with the reason it is one. This module imports
nothing from the rest of the package: ``lexicon``, ``human_patterns`` and ``signals`` join these
patterns to their own, so that there is no import cycle.
"""

from __future__ import annotations

import re

# --- calm: one outburst that opens a request for help -----------------------------------------------

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


# --- calm: a polite correction asked as a question ----------------------------------------------------

# "I think it was raised to 15,000 last month?", "I believe Thursdays are different?", "Er det ikke 3 %?",
# "Jeg troede, den var sat op til 500 kr?", "Jeg mener, vi flyttede den til den 15.?". The customer
# offers the right fact as a question for the bot to check: disagreement, not a rejected answer.
HEDGED_CORRECTION = re.compile(
    r"^\W*(?:hmm+\W+|oh\W+|hm+\W+)?(?:i\s+(?:think|thought|believe|was told|read)|isn'?t\s+it|wasn'?t\s+it|"
    r"i'?m\s+not\s+sure\s+that'?s\s+right|are you sure|jeg\s+(?:tror|troede|mener|mente|har læst)|er\s+det\s+"
    r"ikke|var\s+det\s+ikke|er\s+du\s+sikker)\b[^!]*\?"
)

# --- escalations ------------------------------------------------------------------------------------

# Curt acknowledgements ("ok.", "right.", "hm. ok.", "sure.", "nå.", "ja.") to an answer that did not
# help: when the customer then gives up, the giving up comes after a failure, not after good news.
_CURT = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|sure|fine|hm+|hmm+|yes|yeah|noted|nå|ja|fint|okay|mm+|javel)\W*){1,2}$"
)


def curt_before(earlier: list[str]) -> bool:
    """An earlier customer reply (not the opening message) was a curt one- or two-word acknowledgement."""
    return any(_CURT.match(text.lower().strip()) for text in earlier[1:])


# Giving up after a curt "no": "nej. lad være.", "no. forget it.", "this isn't going anywhere", "I'll sort
# it out another way", "I won't bother then", "så finder jeg selv ud af det".
RESIGNED = (
    r"^\W*(?:no|nope|nah|nej|ok|okay|fine|fint|nå)\W+(?:forget it|never ?mind|lad (?:det )?(?:bare )?være|"
    r"glem det|skip it|drop it)\b",
    r"\b(?:this|it|that)\s+(?:isn'?t|is not)\s+going\s+anywhere\b|\bdet\s+(?:her\s+)?fører\s+ingen\s+vegne\b|"
    r"\bi'?ll\s+(?:sort|figure|work)\s+it\s+out\s+(?:another way|some other way|myself)\b|"
    r"\bså\s+finder\s+jeg\s+(?:selv\s+)?ud\s+af\s+det\s+(?:selv|på anden vis|på en anden måde)\b|"
    r"\bi\s+won'?t\s+bother\s+then\b|\bså\s+gider\s+jeg\s+ikke\b",
)

# Correcting the bot a second time: "Again, it's a PENSION account", "I just said Canada. Twice now.",
# "I've told you twice", "Igen: det er en ratepension", "Jeg har nu skrevet Australien to gange".
ANSWER_REJECTED = (
    r"^\W*(?:again|once again|once more|for the (?:second|third) time)\W+(?:it'?s|it is|i said|i need|i "
    r"want|i asked|not|the)\b|"
    r"^\W*(?:igen|endnu en gang|for anden gang|for tredje gang)\W+(?:det er|den er|jeg|ikke|det drejer)\b",
    r"\b(?:i'?ve|i have|i)\s+(?:now\s+|just\s+|already\s+)?(?:said|told you|written|typed|wrote|mentioned)"
    r"\b[^.!?]{0,30}\b(?:twice|two times|three times)\b|\b(?:twice|two times|three times)\s+now\b",
    r"\bjeg\s+har\s+(?:nu\s+|lige\s+|allerede\s+)?(?:skrevet|sagt|nævnt)\b[^.!?]{0,30}\b(?:to|tre)\s+gange\b|"
    r"\b(?:to|tre)\s+gange\s+nu\b",
)

# Giving up on a product or on the bank, in plain words: "I'll just use my other bank's card from now
# on", "I'll look for a bank that has time for me", "I'm done with this app", "I'll be cancelling my
# pension with you", "I'll take the business elsewhere", "så dropper jeg jeres kort", "bruger min anden
# bank", "jeg finder en anden bank", "vil nu opsige min pension hos jer", "så flytter jeg firmaet".
THREAT = (
    r"\bi'?ll\s+(?:just\s+)?use\s+my\s+other\s+bank\b|\bi'?ll\s+(?:go\s+)?(?:look|search)\w*\s+for\s+"
    r"(?:a|another|a new)\s+(?:\w+\s+)?bank\b|\bi'?m\s+done\s+with\s+(?:this|your|the)\s+(?:app|bank|card|"
    r"service)\b|\bi'?ll\s+be\s+(?:cancel|clos|terminat|end)\w*\s+my\b[^.?!]{0,30}\bwith\s+you\b|"
    r"\bi'?ll\s+take\s+(?:the|my|our)\s+(?:business|company|firm|accounts?)\s+elsewhere\b",
    r"\b(?:så\s+)?dropper\s+jeg\s+(?:jeres|jer|banken)\b|\bbruger\s+(?:bare\s+)?min\s+anden\s+bank\b|"
    r"\bjeg\s+finder\s+(?:mig\s+)?en\s+anden\s+bank\b|\bså\s+finder\s+jeg\s+en\s+anden\s+bank\b|"
    r"\bvil\s+nu\s+opsige\s+min\b|\bså\s+flytter\s+jeg\s+(?:firmaet|forretningen|virksomheden|"
    r"selskabet)\b",
)

# --- requests for a person (joined to ``human_patterns``; written in normal spelling, folded there) ------

HUMAN_PATTERNS = (
    # A person in new words: "is there a grown-up over there", "any living soul I can speak with", "I'd
    # like to hear a voice", "er der ikke en voksen derinde", "en levende sjæl", "høre en stemme".
    r"\b(?:is\s+there\s+)?an?\s+grown-?up\s+(?:over\s+there|there|in\s+there|at\s+\w+|who|i\s+can)\b|"
    r"\b(?:any|is there a)\s+living\s+(?:soul|person|being|human)\b|"
    r"\bhear\s+an?\s+(?:human\s+|real\s+)?voice\b",
    r"\ben\s+voksen\s+(?:derinde|der\s+kan|hos\s+jer|jeg\s+kan)\b|\ben\s+levende\s+sjæl\b|"
    r"\bhøre\s+en\s+(?:rigtig\s+|menneskelig\s+)?stemme\b",
    # The case handler and the colleagues: "can this go to an actual case handler", "pass me to your
    # colleagues", "someone at a desk in your building", "kan det komme til en rigtig sagsbehandler", "send
    # mig videre til dine kolleger", "en af jeres folk".
    r"\b(?:go|get|pass\w*|send\w*|put)\s+(?:this\s+|it\s+|me\s+)?(?:over\s+)?to\s+an?\s+(?:actual\s+|real\s+|"
    r"human\s+)?case\s*(?:handler|worker|officer)\b|\bpass\s+me\s+(?:over\s+|on\s+)?to\s+your\s+colleagues\b|"
    r"\bsome ?one\s+at\s+a\s+desk\b",
    r"\b(?:komme\s+til|tale\s+med|snakke\s+med|få\s+fat\s+i)\s+en\s+(?:rigtig\s+)?sagsbehandler\b|"
    r"\bsend\s+mig\s+videre\s+til\s+(?:dine|jeres)\s+kolleg\w*\b|\bfat\s+i\s+en\s+af\s+jeres\s+folk\b|"
    r"\bsætte\s+mig\s+i\s+forbindelse\s+med\s+en\b[^.?!]{0,5}\bder\s+kan\b",
)
