"""Round-seven phrasings of a request for a person (dev6 error analysis), kept apart from
``human_patterns`` so that neither table grows past what one can read.

Written in normal spelling on lower-case text, like ``human_patterns``; ``human`` folds them
("foretrækker" and "foretraekker" are the same). The patterns that need the person words of
``human_patterns`` are built by ``patterns`` from them, so this module imports nothing from there.
"""

# A person named by their tie to the customer's case: "someone who knows my case", "whoever is
# reviewing it", "den der sidder med sagen". Nobody says this of a person they do not want to reach.
_CASE = (
    r"(?:my|the|this|our|it\b|that\b|min|mit|mine|sagen|den\b|det\b|kontoen|lanet|ansogningen|vores|"
    r"hans|hendes|dens)"
)
CASE_PERSON_EN = (
    r"(?:(?:some ?one|some ?body|a person|the person|the people|the one|any ?one|the guy|the lady)\s+"
    r"(?:(?:who|that)\s*(?:'s\s+|is\s+|are\s+|has been\s+)?)?|whoever\s*(?:is\s+|'s\s+)?)(?:actually\s+)?"
    r"(?:knows?|has|handl\w+|deal(?:s|ing)? with|work(?:s|ing)? on|review\w*|look(?:s|ing)? at|owns?|"
    r"responsible for|understands?|assigned to|in charge of|sitting on|sits on|familiar with|"
    r"processing|decid\w+(?: on)?)\s+" + _CASE
)
CASE_PERSON_DA = (
    r"(?:den|en|dem|nogen|personen|folkene|vedkommende)\s+(?:der|som)\s+(?:faktisk\s+|egentlig\s+)?"
    r"(?:sidder med|kender|har|behandler|arbejder (?:med|pa)|kigger pa|ser pa|har ansvaret for|star for|"
    r"forstar|har adgang til|har fat i|har styr pa|tager sig af|vurderer|godkender|afgor)\s+" + _CASE
)

_BOT = (
    r"(?:(?:a|an|the|this|your|some|en|et|den|denne|jeres|din)\s+)?(?:stupid\s+|dum\w*\s+)?"
    r"(?:chat ?bot\w*|bots?|robot\w*|botten|machines?|maskine\w*|computer\w*|ai|automat\w*|"
    r"virtual assistant|virtuel\w* assistent)\b"
)

# What the customer would rather do than deal with the bot must involve a person ("I'd rather use the
# app than a chatbot" prefers the app).
_WITH_PERSON_EN = (
    r"[^.?!]{0,60}?\b(?:talk|speak|discuss|deal|chat|go through|some ?one|some ?body|a person|humans?|people|"
    r"advis[eo]rs?|agents?|staff|colleagues?|employees?|banker)\b[^.?!]{0,60}?"
)
_WITH_PERSON_DA = (
    r"[^.?!]{0,60}?\b(?:tale|snakke|drofte|chatte|nogen|en der|person|men+e?ske|radgiver\w*|medarb\w*|"
    r"kolleg\w*|folk)\b[^.?!]{0,60}?"
)
STANDALONE = (
    # Preferring anyone but the bot: "I'd rather discuss it with someone than with a chatbot",
    # "i stedet for en chatbot", "hellere ... end en robot".
    r"\b(?:rather|prefer\w*|instead)\b" + _WITH_PERSON_EN + r"\b(?:than|instead of|over)\s+(?:with\s+|to\s+|"
    r"(?:talking|writing|chatting|typing) (?:to|with)\s+)?" + _BOT,
    r"\b(?:talk|speak|chat|deal)\w*\s+(?:to|with)\b" + _WITH_PERSON_EN + r"\binstead of\s+"
    r"(?:(?:talking|writing|chatting|typing) (?:to|with)\s+)?" + _BOT,
    r"\b(?:hellere|helst|foretraekker)\b" + _WITH_PERSON_DA + r"\b(?:end|i stedet for|frem for|fremfor)\s+"
    r"(?:(?:med|at (?:skrive|tale|snakke|chatte) med)\s+)?" + _BOT,
    r"\b(?:tale|snakke|chatte)\s+med\b" + _WITH_PERSON_DA + r"\b(?:i stedet for|frem for|fremfor)\s+"
    r"(?:at (?:skrive|tale|snakke|chatte) med\s+)?" + _BOT,
    # "Would it be possible to be transferred", "er det muligt at blive ringet op": asked about, not demanded.
    r"\b(?:possible|able|okay|ok|alright|any way|a way|a chance)\s+(?:for me\s+|for us\s+)?to be\s+"
    r"(?:transferred|connected|put through|passed on|passed over|handed over|escalated|called back|"
    r"called|rung|phoned|contacted)\b",
    # Asking leave to talk to someone: "kunne jeg få lov til at snakke med nogen om det?", "må jeg godt
    # tale med en af jer?" ("nogen" alone is a person word only when something asks for them).
    r"\b(?:(?:kan|kunne|ma|matte) jeg (?:ikke )?(?:fa lov (?:til )?at |godt |lige )?|fa lov (?:til )?at )"
    r"(?:tale|snakke|chatte) med (?:nogen|jer|en af jer)\b",
)


def patterns(who_en: str, who_da: str) -> tuple[str, ...]:
    """The round-seven request phrasings that name a person by ``human_patterns``' person words."""
    return (
        # "Be passed on to one of your colleagues", "get handed over to someone who ...": the passive
        # of the transfer verbs ("has been passed to" is contact that already happened, in NOT_A_REQUEST).
        r"\b(?:be|get|getting|being)\s+(?:passed|handed|put|connected|escalated|referred|bumped|sent)\s+"
        rf"(?:on\s+|over\s+|through\s+|up\s+)?(?:to|with)\s+{who_en}\b",
        # The subject put between the verb and the person: "discuss my refinancing with an advisor",
        # "tale om min omlægning med en der kender min sag".
        r"\b(?:talk|speak|discuss|go (?:through|over)|raise|chat|sort out|deal with)\s+(?:about\s+)?"
        r"(?:my|our|the|this|it|that)\b(?:\s+[\w-]+){0,3}?\s+(?:with|to)\s+"
        rf"{who_en}\b",
        r"\b(?:tale|snakke|drofte|gennemga|chatte)\s+(?:om\s+)?(?:min|mit|mine|vores|den|det|sagen)\b"
        r"(?:\s+[\w-]+){0,3}?\s+med\s+(?:"
        + CASE_PERSON_DA
        + r"|(?:en |et |jeres |din |en af jeres )?(?:rigtig\w* |levende )?(?:radgiver\w*|medarb\w*|person|"
        r"men+e?ske|sagsbehandler\w*|kollega\w*|kolleger|specialist\w*|konsulent\w*))\b",
    )


# "She said she'd call me Thursday", "han lovede at ringe til mig": a call someone else promised.
NOT_A_REQUEST = (
    r"(?:\b(?:he|she|they|han|hun|de)\s*(?:'d|'ll|would|will|was going to|were going to|is going to|"
    r"are going to|said to|ville|vil|skulle|skal)|\b(?:promised|lovede)(?: (?:me|us|mig|os))?(?: to| at)?)\s+"
    r"(?:\w+\s+)?(?:call|ring|phone|contact|email|ringe|kontakte|skrive)\s+(?:(?:til|to)\s+)?"
    r"(?:me|us|mig|os)\b(?:\s+(?:back|op|tilbage))?",
)

# A call within the hour is not one booked for later: "ring me in the next hour", "inden for den
# næste time", "within 20 minutes", "hurtigst muligt".
URGENT = (
    r"\b(?:within|in)\s+(?:the\s+)?(?:next\s+)?(?:hour|half (?:an )?hour|half-hour|"
    r"(?:few|couple of|\d+|five|ten|fifteen|twenty|thirty)\s+(?:minutes?|mins?))\b|"
    r"\b(?:as soon as (?:possible|you can)|soonest possible)\b|"
    r"\b(?:inden for|i lobet af|indenfor)\s+(?:den\s+|de\s+)?(?:naeste\s+)?"
    r"(?:time|en time|en halv time|halve time|"
    r"(?:\d+|fem|ti|femten|tyve|tredive|fa|et par)\s+minutter)\b|"
    r"\bom (?:fa|et par|\d+|fem|ti) minutter\b|\b(?:hurtigst|snarest) muligt\b|\bsa hurtigt som muligt\b"
)
