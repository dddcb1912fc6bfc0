"""Round-seven phrase families of the lexicon (dev6 error analysis), joined to ``lexicon``'s
``THREAT`` and ``ANSWER_REJECTED`` there; kept apart so that neither module grows past what one can read.

Lower-case text, ``re`` syntax, one family per entry with the reason it is one.
"""

# Banks and lenders a Danish customer may take their business to; a named competitor turns "I'll take
# the mortgage to ..." into a threat to leave.
_COMPETITOR = (
    r"(?:nykredit|totalkredit|realkredit danmark|jyske(?: bank)?|danske bank|nordea|lunar|sydbank|spar nord|"
    r"arbejdernes landsbank|al-?banken|handelsbanken|sparekassen \w+|revolut|n26|vestjysk\w*|merkur|"
    r"lån & spar|ringkjøbing landbobank|coop bank|another (?:bank|lender|provider|mortgage provider)|"
    r"a (?:different|new) (?:bank|lender|provider)|a competitor|the competition|en anden bank|"
    r"et andet (?:pengeinstitut|realkreditinstitut)|konkurrenten|en konkurrent)"
    # "... to another bank account of mine" moves money, not the customer.
    r"(?!\s*(?:account|konto)|[\w-])"
)

THREAT = (
    # An ultimatum in the present tense: "fix it today or I close everything", "or we leave".
    r"\b(?:or(?: else)?|otherwise|else),?\s+(?:i|we)\s+(?:just\s+)?(?:close|cancel|leave|quit|switch|move|"
    r"walk|take|pull|withdraw|report|complain|go elsewhere|go to)\b|"
    r"\b(?:or(?: else)?|otherwise),?\s+(?:i'?m|i am|we'?re|we are)\s+(?:closing|cancell?ing|leaving|"
    r"switching|moving|walking|out|gone|done|off)\b",
    r"\b(?:ellers|eller også|eller så)\s+(?:så\s+)?(?:lukker|flytter|trækker|tager|forlader|siger)\s+"
    r"(?:jeg|vi)\b",
    # Taking one's mortgage, loan or savings to a named competitor: "I'll take the mortgage to Nykredit",
    # "så tager jeg lånet med over til Jyske" (Danish verb before subject: "så/ellers/jamen ... tager jeg").
    r"\b(?:i'?ll|i will|i'?m going to|i am going to|gonna|we'?ll|we will|we'?re going to)\s+"
    r"(?:just\s+|simply\s+)?(?:take|move|switch|bring)\s+"
    r"(?:my|our|the|all my|all our|everything|it all|it|them)\b"
    r"(?:\s+[\w-]+){0,3}?\s+(?:over\s+)?to\s+" + _COMPETITOR + r"\b",
    # An ultimatum that opens with what the customer is doing: "Moving my accounts to Revolut tonight
    # unless someone calls me", "closing everything unless you refund it".
    r"(?:^|[.!?]\s+)(?:moving|taking|switching|closing|cancell?ing|leaving|pulling)\b[^.?!]{0,60}\bunless\b",
    r"\b(?:tager|flytter|rykker|skifter)\s+(?:jeg|vi)\s+(?:bare\s+|simpelthen\s+|så\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:med\s+)?(?:over\s+)?til\s+" + _COMPETITOR + r"\b",
)

_PRAISE = (
    r"(?:nice|fantastic|excellent|awesome|terrific|marvell?ous|splendid|superb|wonderful|brilliant|great|"
    r"perfect|lovely|fantastisk|perfekt|super|dejligt|herligt|skønt|glimrende|pragtfuldt|fremragende|"
    r"strålende)"
)

ANSWER_REJECTED = (
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
)
