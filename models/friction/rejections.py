"""Later rounds' families of a rejected answer and of giving up, and the contexts that make giving
up a rejection or keep a correction from being one: joined to ``lexicon.ANSWER_REJECTED`` and
``lexicon.RESIGNED`` there, and asked by ``signals`` (``HEDGED_CORRECTION``, ``curt_before``,
``LEAVES_CHAT``). Everything here feeds the ``rejected`` feature.

They were added by the error-analysis rounds seven to eleven (see ``data/friction/README.md``) and kept
out of ``lexicon`` so that it stays short enough to read. Each table lists its families in round order,
which is the order ``lexicon`` joins them in after its own, so that the phrase reported is the base
table's when both match. The rejection families only count after the bot has answered (``signals``
checks that), so an opening "Can you fix my card?" or "please sort out my address" is not one.

Lower-case text, ``re`` syntax, one family per entry with the reason it is one. This module imports
nothing from the rest of the package (``lexicon`` and ``signals`` import it), so that there is no
import cycle.
"""

from __future__ import annotations

import re

# --- rejected answers (joined to ``lexicon.ANSWER_REJECTED``) ---------------------------------------------

# Praise words for round seven's sarcasm around a loss.
_PRAISE = (
    r"(?:nice|fantastic|excellent|awesome|terrific|marvell?ous|splendid|superb|wonderful|brilliant|great|"
    r"perfect|lovely|fantastisk|perfekt|super|dejligt|herligt|skønt|glimrende|pragtfuldt|fremragende|"
    r"strålende)"
)

ANSWER_REJECTED = (
    # --- round seven (dev6) ---
    # The answer is no news, in more words: "I figured that much", "det havde jeg regnet ud".
    r"\b(?:i )?(?:figured|gathered|guessed|worked out) (?:that|as) much\b|"
    r"\btell me something i don'?t know\b|"
    r"\bi'?m (?:well |fully )?aware of that\b|"
    r"\bdet (?:havde|har|kunne) jeg (?:godt |nok |selv |jo )*(?:regnet ud|regne ud|gættet|fundet ud af)\b|"
    r"\bdet er jeg (?:godt |udmærket |fuldt ud )?klar over\b",
    # "That's not an answer", "det er jo ikke et svar på mit spørgsmål", "a non-answer".
    r"\b(?:that'?s|that is|this is|it'?s|that was)\s+(?:not|no)\s+(?:an?\s+)?(?:answer|reply)\b|"
    r"\b(?:that|this|it) (?:isn'?t|wasn'?t) (?:an?\s+)?(?:answer|reply)\b|\b(?:a|what a) non-?answer\b|"
    r"\bdet (?:er|var) (?:jo |da |altså )?(?:ikke|intet) (?:et )?svar\b",
    # One praise word, then the loss it brings: "Nice. So four months with no money", "Herligt. Så ...".
    r"^\W*(?:oh,? )?(?:nice|fantastic|excellent|awesome|terrific|marvell?ous|splendid|superb|dejligt|herligt|"
    r"skønt|glimrende|pragtfuldt|fremragende|strålende)[.!]+\s+(?:så|so)\b",
    # A loss, then one praise word to close: "... and nobody to call. Fantastic.", "Intet svar. Super."
    # The loss names what the customer is left without ("No fees? Great!" is good news).
    r"(?:\b(?:no|without|ingen|intet|uden)\s+(?:\w+\s+)?(?:money|cash|card|reply|replies|answer|answers|"
    r"response|help|word|news|update|updates|refund|salary|access|penge|kort|svar|hjælp|besked|nyt|"
    r"opdatering|refusion|løn|adgang)\b|\b(?:nobody|no one|ingen)\s+(?:to|at)\s+(?:call|ring|talk|ringe|"
    r"tale)\b|\bstill\s+(?:nothing|no\b|not\b)|\bstadig\s+(?:intet|ingen|ikke)\b|"
    r"\bnothing (?:since|yet|happened|has happened)\b|\bintet (?:siden|endnu|er sket)\b)"
    r"[^!?]{0,120}[.!?]\s*(?:oh,? )?" + _PRAISE + r"(?: service| job| work| banking| arbejde)?\s*[.!]*\W*$",
    # Praise for an error message: nobody calm calls an error "informative".
    r"\b(?:love|loving|adore|enjoy\w*|nice|great|such an?|what an?|sikke en|sikken|dejlig\w*|skøn\w*|"
    r"flot\w*)\s+(?:\w+\s+)?(?:error|fejl)\s*(?:message|messages|besked\w*|meddelelse\w*|kode\w*|"
    r"code)\b",
    # "Very informative" in the same message as a failure: "tried for four days ... very informative".
    r"^(?=.*\b(?:tried|trying|error|fejl\w*|still|stadig|prøvet|for \w+ (?:days|hours|weeks)|"
    r"i \w+ (?:dage|timer|uger))\b).*?\b(?:very|so|really|super|how|extremely|most|truly|meget|virkelig|"
    r"yderst|utrolig\w*|vildt|sikke en|sikket|hvor)\s+(?:informative|enlightening|illuminating|detailed|"
    r"informativ\w*|oplysende|klargørende|opklarende|detaljeret)\b",
    # Did what the bot said ("try again later") and it still fails: "I've tried later. For four days.",
    # "har prøvet senere i fire dage". "I tried again later and it worked" is thanks, not a rejection.
    r"\b(?:i'?ve|i have|i|we'?ve|we have|we)\s+(?:already\s+)?(?:tried|been trying)\s+(?:it\s+|that\s+)?"
    r"(?:again\s+)?(?:later|again later|several times|all (?:day|week|morning|evening)|"
    r"for (?:\d+|two|three|four|five|six|several|many) (?:hours|days|weeks))\b"
    r"(?![^.?!]*\b(?:worked|works|went through)\b)|"
    r"\b(?:har|havde)\s+(?:jo\s+|allerede\s+)?prøvet\s+(?:det\s+)?(?:igen\s+)?(?:senere|flere gange|"
    r"hele (?:dagen|ugen|formiddagen)|i (?:\d+|to|tre|fire|fem|seks|flere|mange) (?:timer|dage|uger))\b"
    r"(?![^.?!]*\b(?:virkede|virker)\b(?!\s+ikke))",
    # --- round nine (dev8) ---
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
    # --- round ten (dev9) ---
    # Correcting the bot a second time: "Again, it's a PENSION account", "I just said Canada. Twice
    # now.", "I've told you twice", "Igen: det er en ratepension", "Jeg har nu skrevet Australien to
    # gange".
    r"^\W*(?:again|once again|once more|for the (?:second|third) time)\W+(?:it'?s|it is|i said|i need|i "
    r"want|i asked|not|the)\b|"
    r"^\W*(?:igen|endnu en gang|for anden gang|for tredje gang)\W+(?:det er|den er|jeg|ikke|det drejer)\b",
    r"\b(?:i'?ve|i have|i)\s+(?:now\s+|just\s+|already\s+)?(?:said|told you|written|typed|wrote|mentioned)"
    r"\b[^.!?]{0,30}\b(?:twice|two times|three times)\b|\b(?:twice|two times|three times)\s+now\b",
    r"\bjeg\s+har\s+(?:nu\s+|lige\s+|allerede\s+)?(?:skrevet|sagt|nævnt)\b[^.!?]{0,30}\b(?:to|tre)\s+gange\b|"
    r"\b(?:to|tre)\s+gange\s+nu\b",
    # --- round eleven (dev10) ---
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

# --- giving up (joined to ``lexicon.RESIGNED``) -----------------------------------------------------------

RESIGNED = (
    # --- round eight (dev7) ---
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
    # --- round ten (dev9) ---
    # Giving up after a curt "no": "nej. lad være.", "no. forget it.", "this isn't going anywhere",
    # "I'll sort it out another way", "I won't bother then", "så finder jeg selv ud af det".
    r"^\W*(?:no|nope|nah|nej|ok|okay|fine|fint|nå)\W+(?:forget it|never ?mind|lad (?:det )?(?:bare )?være|"
    r"glem det|skip it|drop it)\b",
    r"\b(?:this|it|that)\s+(?:isn'?t|is not)\s+going\s+anywhere\b|\bdet\s+(?:her\s+)?fører\s+ingen\s+vegne\b|"
    r"\bi'?ll\s+(?:sort|figure|work)\s+it\s+out\s+(?:another way|some other way|myself)\b|"
    r"\bså\s+finder\s+jeg\s+(?:selv\s+)?ud\s+af\s+det\s+(?:selv|på anden vis|på en anden måde)\b|"
    r"\bi\s+won'?t\s+bother\s+then\b|\bså\s+gider\s+jeg\s+ikke\b",
)

# --- giving up after curt replies (round ten) -------------------------------------------------------------

# Curt acknowledgements ("ok.", "right.", "hm. ok.", "sure.", "nå.", "ja.") to an answer that did not
# help: when the customer then gives up, the giving up comes after a failure, not after good news.
_CURT = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|sure|fine|hm+|hmm+|yes|yeah|noted|nå|ja|fint|okay|mm+|javel)\W*){1,2}$"
)


def curt_before(earlier: list[str]) -> bool:
    """An earlier customer reply (not the opening message) was a curt one- or two-word acknowledgement."""
    return any(_CURT.match(text.lower().strip()) for text in earlier[1:])


# --- giving up on the chat for the branch or the phone (round eleven) -------------------------------------

# "Forget it. I'll go to the branch.", "never mind, I'll call tomorrow", "Glem det. Jeg går ned i
# filialen.", "lad være, jeg ringer selv": the customer leaves the chat for another channel, so the
# giving up follows a failure (``signals`` counts it as a full rejection, not as bad news accepted).
LEAVES_CHAT = re.compile(
    r"\b(?:forget it|never ?mind|skip it)\W+(?:i'?ll|i\s+will|i'?m\s+going\s+to)\s+(?:just\s+)?(?:go|call|"
    r"ring|phone|walk|drive|visit|head)\b|"
    r"\b(?:glem det|lad (?:det )?(?:bare )?være)\W+(?:så\s+)?(?:jeg\s+(?:går|ringer|tager|kører|smutter)|"
    r"(?:går|ringer|tager|kører|smutter)\s+jeg)\b"
)

# --- a polite correction asked as a question, not a rejection (round ten) ---------------------------------

# "I think it was raised to 15,000 last month?", "I believe Thursdays are different?", "Er det ikke 3 %?",
# "Jeg troede, den var sat op til 500 kr?", "Jeg mener, vi flyttede den til den 15.?". The customer
# offers the right fact as a question for the bot to check: disagreement, not a rejected answer.
HEDGED_CORRECTION = re.compile(
    r"^\W*(?:hmm+\W+|oh\W+|hm+\W+)?(?:i\s+(?:think|thought|believe|was told|read)|isn'?t\s+it|wasn'?t\s+it|"
    r"i'?m\s+not\s+sure\s+that'?s\s+right|are you sure|jeg\s+(?:tror|troede|mener|mente|har læst)|er\s+det\s+"
    r"ikke|var\s+det\s+ikke|er\s+du\s+sikker)\b[^!]*\?"
)
