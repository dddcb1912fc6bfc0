"""Later rounds' phrase families of threats and complaints, joined to ``lexicon.THREAT`` and
``lexicon.COMPLAINT`` there: ultimatums, a mortgage taken to a named competitor, a recommendation
withdrawn, a lawyer who will act, a product or the bank given up on, the accounts moved away; refusing
to accept, the stake named, holding the bank responsible, understatement, sarcastic patience.

They were added by the error-analysis rounds seven to eleven (see ``data/friction/README.md``) and kept
out of ``lexicon`` so that it stays short enough to read. Each table lists its families in round order,
which is the order ``lexicon`` joins them in after its own, so that the phrase reported is the base
table's when both match.

Lower-case text, ``re`` syntax, one family per entry with the reason it is one. This module imports
nothing from the rest of the package (``lexicon`` imports it), so that there is no import cycle.
"""

# Banks and lenders a Danish customer may take their business to (round seven); a named competitor
# turns "I'll take the mortgage to ..." into a threat to leave.
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
    # --- round seven (dev6) ---
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
    # --- round nine (dev8) ---
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
    # --- round ten (dev9) ---
    # Giving up on a product or on the bank, in plain words: "I'll just use my other bank's card from
    # now on", "I'll look for a bank that has time for me", "I'm done with this app", "I'll be cancelling
    # my pension with you", "I'll take the business elsewhere", "så dropper jeg jeres kort", "bruger min
    # anden bank", "jeg finder en anden bank", "vil nu opsige min pension hos jer", "så flytter jeg
    # firmaet".
    r"\bi'?ll\s+(?:just\s+)?use\s+my\s+other\s+bank\b|\bi'?ll\s+(?:go\s+)?(?:look|search)\w*\s+for\s+"
    r"(?:a|another|a new)\s+(?:\w+\s+)?bank\b|\bi'?m\s+done\s+with\s+(?:this|your|the)\s+(?:app|bank|card|"
    r"service)\b|\bi'?ll\s+be\s+(?:cancel|clos|terminat|end)\w*\s+my\b[^.?!]{0,30}\bwith\s+you\b|"
    r"\bi'?ll\s+take\s+(?:the|my|our)\s+(?:business|company|firm|accounts?)\s+elsewhere\b",
    r"\b(?:så\s+)?dropper\s+jeg\s+(?:jeres|jer|banken)\b|\bbruger\s+(?:bare\s+)?min\s+anden\s+bank\b|"
    r"\bjeg\s+finder\s+(?:mig\s+)?en\s+anden\s+bank\b|\bså\s+finder\s+jeg\s+en\s+anden\s+bank\b|"
    r"\bvil\s+nu\s+opsige\s+min\b|\bså\s+flytter\s+jeg\s+(?:firmaet|forretningen|virksomheden|"
    r"selskabet)\b",
    # --- round eleven (dev10) ---
    # "I'm moving my accounts", "I'm taking my money elsewhere", "Jeg flytter mine konti", "vi flytter
    # vores penge": a move announced, not asked about ("can I move my accounts to you?" is a question).
    r"\bi'?m\s+(?:moving|taking|transferring)\s+(?:all\s+)?(?:my|our)\s+(?:accounts|money|savings|"
    r"business|mortgage)\b(?![^.!?]*\?)",
    r"\b(?:jeg|vi)\s+flytter\s+(?:alle\s+)?(?:mine|vores)\s+(?:konti|penge|opsparing|lån)\b(?![^.!?]*\?)",
)

COMPLAINT = (
    # --- round eight (dev7) ---
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
    # --- round nine (dev8) ---
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
