"""Round-eleven phrase families (dev10 error analysis): a complaint or a bare demand that the bank act
now, said after the bot has answered ("Unbelievable. Sort it out.", "is this a joke? fix it", "Unblock
it yourself.", "Do your job.", "Få det ordnet.", "Ret det.", "Det er jeres job."), sarcastic thanks for
an answer that did not help, "what's the point of this chat", giving up for the branch or the phone,
and moving one's accounts away. Kept apart from ``lexicon`` (near its size limit) in the manner of
``round10``.

Lower-case text, ``re`` syntax, one family per entry with the reason it is one. This module imports
nothing from the rest of the package: ``lexicon`` joins these patterns to its own. The rejection
families only count after the bot has answered (``signals`` checks that), so an opening "Can you fix
my card?" or "please sort out my address" is not one.
"""

from __future__ import annotations

import re

# --- escalations: a rejected answer ---------------------------------------------------------------

ANSWER_REJECTED = (
    # A bare demand that the bank act, after an answer that did not help: "Sort it out.", "fix it",
    # "fix your app", "Unblock it yourself.", "Release it today.", "Refund it, now.", "Do your job",
    # "Do something about it", "Deal with it", "Get it fixed". A polite "can you fix it?" is a question.
    r"(?:^|[.!?]\s*|\W\s)(?:just\s+|now\s+|please\s+)?(?:sort|fix|deal with|figure)\s+(?:it|this|that|"
    r"your\s+(?:app|system|mess|bank)|the\s+(?:app|problem|mess))(?:\s+out)?(?:\s+(?:yourself|yourselves|"
    r"now|today|already|then))?\s*(?:[.!]|$)",
    r"(?:^|[.!?]\s*)(?:unblock|release|refund|reverse|return|restore|unlock|reopen)\s+(?:it|them|my\s+"
    r"\w+)(?:\s+(?:back))?(?:\s*,)?\s+(?:yourself|yourselves|now|today|immediately|at once|already)\b",
    r"\bdo\s+(?:your|ur)\s+job\b|\bdo\s+something\s+about\s+(?:it|this|that)\b|"
    r"\bget\s+(?:it|this|that)\s+(?:fixed|sorted)\b",
    # Danish: "Få det ordnet.", "ret det", "ret jeres app", "Ophæv den selv.", "Frigiv dem i dag.",
    # "Tilbagefør det nu.", "Gør noget ved det.", "Det er jeres job.", "Gør jeres arbejde".
    r"(?:^|[.!?]\s*)(?:få\s+(?:det|den|dem)\s+(?:ordnet|rettet|løst|fikset)|ret\s+(?:det|den|jeres\s+\w+)|"
    r"fiks\s+(?:det|den|jeres\s+\w+)|ordn\s+det)\s*(?:nu|i dag|selv)?\s*(?:[.!]|$)",
    r"(?:^|[.!?]\s*)(?:ophæv|frigiv|tilbagefør|lås|åbn|refunder)\s+(?:den|det|dem|min|mine)\b[^.!?]{0,20}"
    r"\b(?:selv|nu|i dag|med det samme|straks)\b",
    r"\bgør\s+noget\s+ved\s+(?:det|den|sagen)\b|\bdet\s+er\s+(?:jo\s+)?(?:jeres|dit)\s+(?:job|arbejde)\b|"
    r"\bgør\s+(?:jeres|dit)\s+(?:job|arbejde)\b",
    # Sarcastic thanks for an answer that did not help: "Wow, thanks, very helpful.", "Thanks for
    # nothing", "Tak, meget hjælpsomt.", "Tusind tak for ingenting".
    r"^\W*(?:wow|great|gee)?\W*(?:thanks|thank you|cheers)\W+(?:very|so|really|super)\s+helpful\b"
    r"(?!.*\b(?:work\w*|fixed|sorted|solved|found)\b)|"
    r"\bthanks\s+for\s+nothing\b|"
    r"^\W*(?:wauw|wow|nå)?\W*(?:tak|tusind tak)\W+(?:meget|virkelig|super)\s+hjælpsomt\b"
    r"(?!.*\b(?:virker|virkede|løst|ordnet|fundet|fandt)\b)|"
    r"\btak\s+for\s+ingenting\b",
    # The chat itself called useless: "What's the point of this chat", "what am I even talking to",
    # "Hvad skal jeg (overhovedet) bruge den her chat til", "hvad er pointen med den her chat".
    r"\bwhat'?s\s+the\s+point\s+of\s+(?:this|the|your)\s+(?:chat|bot|service|app)\b|"
    r"\bhvad\s+skal\s+jeg\s+(?:overhovedet\s+)?bruge\s+(?:den\s+her|denne|jeres)\s+(?:chat|bot|app)\s+til\b|"
    r"\bhvad\s+er\s+(?:pointen|meningen)\s+med\s+(?:den\s+her|denne|jeres)\s+(?:chat|bot)\b",
)

# --- escalations: giving up on the chat for the branch or the phone ----------------------------------

# "Forget it. I'll go to the branch.", "never mind, I'll call tomorrow", "Glem det. Jeg går ned i
# filialen.", "lad være, jeg ringer selv": the customer leaves the chat for another channel, so the
# giving up follows a failure (``signals`` counts it as a full rejection, not as bad news accepted).
LEAVES_CHAT = re.compile(
    r"\b(?:forget it|never ?mind|skip it)\W+(?:i'?ll|i\s+will|i'?m\s+going\s+to)\s+(?:just\s+)?(?:go|call|"
    r"ring|phone|walk|drive|visit|head)\b|"
    r"\b(?:glem det|lad (?:det )?(?:bare )?være)\W+(?:så\s+)?(?:jeg\s+(?:går|ringer|tager|kører|smutter)|"
    r"(?:går|ringer|tager|kører|smutter)\s+jeg)\b"
)

# --- calm: anger at a shop or a landlord, then a question to the bank ------------------------------

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


# --- escalations: the accounts moved away ----------------------------------------------------------

# "I'm moving my accounts", "I'm taking my money elsewhere", "Jeg flytter mine konti", "vi flytter
# vores penge": a move announced, not asked about ("can I move my accounts to you?" is a question).
THREAT = (
    r"\bi'?m\s+(?:moving|taking|transferring)\s+(?:all\s+)?(?:my|our)\s+(?:accounts|money|savings|"
    r"business|mortgage)\b(?![^.!?]*\?)",
    r"\b(?:jeg|vi)\s+flytter\s+(?:alle\s+)?(?:mine|vores)\s+(?:konti|penge|opsparing|lån)\b(?![^.!?]*\?)",
)

# --- requests for a person (joined to ``human_patterns``; written in normal spelling, folded there) ------

HUMAN_PATTERNS = (
    # A Danish compound for the specialist: "kan jeg ikke bare tale med en pensionsrådgiver", "snakke
    # med en boligrådgiver", "få fat i en kreditmedarbejder", "ringe til en lånespecialist".
    r"\b(?:tale|snakke|ringe|skrive)\s+(?:med|til)\s+(?:en|min|jeres|din|vores)\s+\w+(?:rådgiver|"
    r"medarbejder|specialist|konsulent|sagsbehandler)\b|"
    r"\bfat\s+i\s+(?:en|min|jeres)\s+\w+(?:rådgiver|medarbejder|specialist|konsulent)\b",
)
