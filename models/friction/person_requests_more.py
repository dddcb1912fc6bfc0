"""Later rounds' phrasings of a request for a person, and of a person mentioned without one, joined
to ``human_patterns``' tables there (``PATTERNS``, ``NOT_A_REQUEST``, ``URGENT``; the person words
``CASE_PERSON_EN`` and ``CASE_PERSON_DA`` go into its ``_EN`` and ``_DA``): a person named by their tie
to the case, by authority, by what they must do now or in new words; preferred over the bot; asked in the
passive; a call within the hour; not requests: a call someone else promised, whether a person does the
work, advice reported, a message asked for information or for later.

They were added by the error-analysis rounds seven to eleven (see ``data/friction/README.md``) and kept
apart from ``human_patterns`` so that neither table grows past what one can read. Round seven's
families are ``STANDALONE``, ``patterns``, ``NOT_A_REQUEST`` and ``URGENT``; the later rounds' are
``HUMAN_PATTERNS`` and ``HUMAN_NOT_A_REQUEST``, in round order, which ``human_patterns`` joins after
round seven's.

Written in normal spelling on lower-case text, like ``human_patterns``; ``human`` folds them
("foretrækker" and "foretraekker" are the same). The patterns that need the person words of
``human_patterns`` are built by ``patterns`` from them, so this module imports nothing from there (only
``calm_contexts``, for the messages asked for information).
"""

from models.friction.calm_contexts import HYPOTHETICAL, PROCESS_QUESTION

# --- round seven (dev6) -----------------------------------------------------------------------------------

# A person named by their tie to the customer's case: "someone who knows my case", "whoever is
# reviewing it", "den der sidder med sagen". Nobody says this of a person they do not want to reach.
_CASE = (
    r"(?:my|the|this|our|it\b|that\b|min|mit|mine|sagen|den\b|det\b|kontoen|lanet|ansogningen|vores|"
    r"hans|hendes|dens|beslutningen|afgorelsen|afslaget)"
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
    r"forstar|har adgang til|har fat i|har styr pa|tager sig af|vurderer|godkender|afgor|har truffet|traf)\s+"
    + _CASE
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

# --- rounds eight to eleven (joined after round seven's) --------------------------------------------------

HUMAN_PATTERNS = (
    # --- round eight (dev7) ---
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
    # --- round nine (dev8) ---
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
    # --- round ten (dev9) ---
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
    # --- round eleven (dev10) ---
    # A Danish compound for the specialist: "kan jeg ikke bare tale med en pensionsrådgiver", "snakke
    # med en boligrådgiver", "få fat i en kreditmedarbejder", "ringe til en lånespecialist".
    r"\b(?:tale|snakke|ringe|skrive)\s+(?:med|til)\s+(?:en|min|jeres|din|vores)\s+\w+(?:rådgiver|"
    r"medarbejder|specialist|konsulent|sagsbehandler)\b|"
    r"\bfat\s+i\s+(?:en|min|jeres)\s+\w+(?:rådgiver|medarbejder|specialist|konsulent)\b",
    # --- round sixteen (dev2, dev13, dev18: requests the request model scored 0.1-0.55) ---
    # A person as the one who should act: "kan en medarbejder tjekke det?", "jeg har brug for at en
    # medarbejder hjælper mig", "jeg vil gerne have at en medarbejder ser på det", "an explanation from
    # someone". Only verbs of acting on the case: "kan en medarbejder se mine kontoudtog?" asks about privacy.
    r"\b(?:kan|vil|må|gider)\s+(?:en|nogen|jeres|min|din)\s+(?:medarbejder|rådgiver|person|kollega|"
    r"sagsbehandler)\w*\s+(?:(?:lige|venligst|godt)\s+)?(?:tjekke|se på|kigge på|hjælpe|ringe|kontakte|"
    r"undersøge|forklare|rette|ordne)\b",
    r"\b(?:brug for|behov for)\s+at\s+(?:en|nogen)\s+(?:medarbejder|rådgiver|person|menneske)\w*\b",
    r"\b(?:vil|ville)\s+(?:\w+\s+){0,2}have\s+at\s+(?:en|nogen|jeres|min)\s+"
    r"(?:medarbejder|rådgiver|person|menneske|sagsbehandler)\w*\b",
    r"\b(?:want|need|expect|demand|deserve|like|request)\w*\s+(?:an?\s+)?(?:(?:proper|real|actual|clear|"
    r"straight|full|honest)\s+)?(?:explanation|answer|response|callback|call back)\s+from\s+(?:some ?one|"
    r"some ?body|a (?:real |actual )?(?:person|human)|an? (?:adviser|advisor|employee|agent))\b",
    # --- round eighteen (fresh request files written by helpers, measured before this round) ---
    # A colleague or someone on the bank's side asked to act: "any chance a colleague of yours could take
    # a look", "better if someone on your side calls me", "easier if a member of staff had a look".
    r"\b(?:a colleague of yours|one of your colleagues|a member of (?:staff|your team)|some ?(?:one|body) "
    r"(?:on|at) your (?:side|end)|some ?(?:one|body) (?:from|at|in) (?:the|your) (?:bank|team|branch|office))"
    r"\s+(?:(?:could|can|would|might|to|please|just)\s+)*(?:take a look|have a look|had a look|looks? at|"
    r"looked at|checks?|calls? me|rings? me|phones? me|goes over|go over|go through|gets? in touch)\b",
    # Who is free to help: "can you see if anyone's free to chat with me?", "any agent available to help".
    r"\b(?:any ?one|some ?one|any ?body|some ?body|an? (?:agent|advis[eo]r|person|human|colleague))"
    r"(?:'s|\s+is)?\s+(?:free|available)\s+to\s+(?:chat|talk|speak|help|take|look)\b",
    # Danish: someone there the customer can talk to, "er der nogen i filialen i dag jeg kan snakke med?".
    r"\ber der\s+(?:nogen|en)\b[^.?!]{0,40}\b(?:jeg|vi)\s+kan\s+(?:snakke|tale|skrive|chatte)\s+med\b",
    # "Jeg skal bruge en boligrådgiver", "skal bruge en person til at hjælpe".
    r"\bskal\s+bruge\s+(?:en|et|nogen)\s+(?:rigtig\w*\s+)?(?:\w*rådgiver(?:e|en)?|medarbejder(?:e|en)?|"
    r"person|menneske|specialist|sagsbehandler)\b",
    # A person wished to act: "det er nemmest hvis en medarbejder kontakter mig", "bedst at en person ser
    # på det", "hvis jeg bare snakker med nogen fra jeres team".
    r"\b(?:at|hvis|om)\s+(?:en|nogen|jeres|min)\s+(?:\w+\s+)?(?:medarbejder|rådgiver|person|kollega|"
    r"sagsbehandler|menneske)\w*\s+(?:(?:lige|gerne|bare)\s+)?(?:kontakter|ringer|skriver til|ser på|"
    r"kigger på|tjekker)\b",
    r"\b(?:hvis|om)\s+(?:jeg|vi)\s+(?:bare\s+|lige\s+)?(?:snakker|taler|chatter)\s+med\s+(?:nogen|en)\s+"
    r"(?:fra|af|hos)\s+(?:jer|jeres)\b",
    # A whole message asking for a call: "opkald tak", "opringning".
    r"^\W*(?:et\s+)?(?:opkald|opringning)\W*(?:tak|please|pls|nu)?\W*$",
    # "Jeg vil gerne have en forklaring fra en medarbejder".
    r"\b(?:vil|ønsker|kræver|forventer|beder om)\b[^.?!]{0,30}\b(?:forklaring|svar|opringning)\s+fra\s+"
    r"(?:en|et|nogen|jeres)\s+(?:rigtig\w*\s+)?(?:medarbejder|rådgiver|person|menneske|kollega)\w*\b",
    # Taking the matter up with one of them: "tage det over telefonen med en af jer".
    r"\b(?:tage|tag|klare|drøfte|gennemgå|ordne)\s+det\b[^.?!]{0,30}\bmed\s+(?:en af jer|en af jeres \w+|"
    r"en \w*rådgiver|en medarbejder|en person|et menneske)\b",
    # Waiting for a person, one who has time, one who is free: "jeg venter på at en medarbejder kan tage
    # over", "er der mon en rådgiver der har tid", "hvis der er en ledig medarbejder".
    r"\bvente\w*\s+(?:(?:bare|lige|gerne|stadig)\s+)?på\s+(?:at\s+)?(?:en|et|nogen)\s+(?:rigtig\w*\s+)?(?:medarbejder|rådgiver|person|"
    r"menneske)\w*\b",
    r"\ber der\s+(?:mon\s+|ikke\s+)?(?:en|nogen)\s+(?:\w*rådgiver|\w*medarbejder|person)\w*\s+(?:der|som)\s+"
    r"(?:har tid|kan)\b",
    r"\b(?:ledig|ledige)\s+(?:medarbejder|rådgiver|person|agent)\w*\b",
    # Someone there who can act: "er der nogen derinde der kan tage sig af ...", "er der nogen på arbejde i
    # dag der kan hjælpe mig?", "sidder der nogen i kundeservice?", "findes der overhovedet nogen jeg kan
    # tale med".
    r"\ber der nogen\s+(?:(?:derinde|der inde|hos jer|på arbejde|på vagt|i dag|i aften|i nat|nu|lige nu|"
    r"i \w+)\s+){1,3}(?:der|som)\s+(?:kan|vil)\s+(?:hjælpe|ringe|svare|tale|kigge|se på|tage sig af)\b",
    r"\bsidder der (?:nogen|en)\s+(?:i|på|ved)\s+(?:kundeservice|chatten|telefonen|support)\b",
    r"\bfindes der\s+(?:(?:overhovedet|ikke|virkelig|slet)\s+)*(?:nogen|en)\s+(?:\w+\s+){0,2}?"
    r"(?:jeg|man|vi)\s+kan\s+(?:tale|snakke|skrive|chatte|ringe)\b",
    # A conversation with an advisor asked for now (a meeting is booked for later): "kan jeg få en
    # samtale med en rådgiver?", "anmode om en telefonisk samtale med min kunderådgiver".
    r"\b(?:samtale|snak)\s+med\s+(?:en|min|jeres|din)\s+(?:\w+\s+)?\w*(?:rådgiver|medarbejder|person)\w*\b",
    r"\bhøre\s+det\s+fra\s+(?:en|et|nogen)\s+(?:rigtig\w*\s+)?(?:medarbejder|rådgiver|person|menneske)\w*\b|"
    r"\bhear (?:it|that) from (?:a |an )?(?:real |actual )?(?:person|human|advis[eo]r|agent|some ?one)\b",
    r"\b(?:at|om)\s+(?:en|nogen)\s+(?:\w+\s+)?ringer\s+(?:mig|os)\s+op\b",
    r"\bconnect\s+(?:me|mig)\s+(?:til|med)\b",
    # English: someone from a team around, a person word repeated, "someone real", "ok if I spoke with".
    r"\b(?:is|are)\s+(?:any ?body|any ?one|some ?one|some ?body)\s+(?:from|in|at)\s+(?:\w+\s+){1,3}"
    r"(?:around|available|free|there|online)\b",
    r"^\W*(?:agent|human|person|operator|representative)(?:\W+(?:agent|human|person|operator|"
    r"representative))+\W*$",
    r"\b(?:some ?one|some ?body|a person|a human)\s+real\b",
    r"\b(?:ok|okay|alright|possible|fine)\s+if\s+(?:i|we)\s+(?:spoke|speak|talked|talk|chatted|chat)\s+"
    r"(?:to|with)\s+(?:an?\s+|one of your\s+)?(?:advis[eo]r|agent|person|human|some ?one|some ?body|"
    r"colleague|staff|employee|manager)s?\b",
)

HUMAN_NOT_A_REQUEST = (
    # --- round eight (dev7) ---
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
    # --- round nine (dev8) ---
    # The whole message asks for information or for later (see ``HYPOTHETICAL``).
    r"^.*" + HYPOTHETICAL.pattern + r".*$",
    # A question about the process: "how do complaints get escalated", "who handles them".
    PROCESS_QUESTION.pattern,
    # --- round eighteen ---
    # Whether people make the decisions ("are loan decisions reviewed by a human? just curious"), a check
    # that the customer is human, the bot's own offer refused, an agent of the phone line as a noun, a
    # call received.
    r"\b(?:is|are)\s+(?:\w+\s+){1,3}(?:reviewed|checked|read|decided|handled|processed|approved|made|"
    r"assessed)\s+by\s+(?:a |an )?(?:real )?(?:humans?|persons?|people|employees?)\b",
    r"\bhuman verification\b|\bare you (?:a )?human\b",
    r"\bstop asking (?:me )?(?:if|whether)\b[^.?!]{0,60}",
    r"\b(?:your|the|my)\s+(?:phone|telephone)\s+(?:agents?|advis[eo]rs?|staff|reps?|people)\b",
    r"\b(?:blev|er blevet|var blevet)\s+ringet op\b[^.?!]{0,40}",
)
