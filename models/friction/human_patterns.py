"""The phrasings of a request for a person, in English and Danish, as regular expressions.

The tables of ``human``: what asks for a person (``PATTERNS``), what mentions one without
asking (``NOT_A_REQUEST``), the words before a phrase that undo it (``WORDS_BEFORE``), and a call
booked for later (``SCHEDULED``) unless the customer adds urgency (``URGENT``). They are long and
change often as new phrasings turn up, so they live apart from the matching logic (the families of
rounds seven to eleven are in ``person_requests_more`` and joined here).

The patterns are written in normal spelling on lower-case text; ``human`` folds them the way the
text is folded (``human_normalise.fold_pattern``): "rådgiver" and "radgiver" in a pattern are the same.
"""

from models.friction import person_requests_more

# Person words, English; plurals and common typos included (other typos are normalised away).
_EN = (
    rf"(?:{person_requests_more.CASE_PERSON_EN}|"
    r"hu?ma?ns?|human beings?|persons?|persn|peson|people|agents?|agnets?|agant|some ?one|somone|someon|"
    r"some ?body|any ?one|any ?body|representatives?|represe?nt\w*|reps?|operators?|oprator|employees?|"
    r"staff(?: members?)?|members? of (?:staff|your team|the team|your staff)|managers?|supervisors?|boss|"
    r"bosses|superiors?|colleagues?|advisors?|advisers?|assistants?|account manager|personal banker|"
    r"case (?:handler|worker|officer|manager)|customer (?:service|support|care)(?: team| agents?| reps?)?|"
    r"support (?:team|staff|person|agent)|team members?|specialists?|technicians?|live chat|live support|"
    r"someone (?:senior|in charge|higher up|above you|responsible)|whoever(?: is)? (?:in charge|responsible|"
    r"runs this)|"
    r"(?:living|live) (?:soul|being)|"
    r"(?:\w+ ){0,2}(?:team|department|dept)|bank (?:workers?|employees?|clerks?|tellers?)|"
    r"\w+ (?:managers?|supervisors?|advisors?|advisers?|specialists?|officers?))"
)
_WHO_EN = (
    r"(?:a |an |the |your |some |any |another |one of your |one of the |one (?=agent|person|human|advis)|"
    r"my (?:own )?(?=advis|account manager|case|personal banker))?"
    r"(?:bloody |fucking |damn |goddamn |freaking )?"
    r"(?:(?:real|live|actual|proper|human|support|customer service|service|competent|senior|different|"
    r"other)\s+)*"
    rf"{_EN}(?: of yours| else| there(?= who| can| could| to)| over there|"
    r" from (?:your |the )?(?:\w+ ){0,2}(?:team|department|service|support|bank|branch|office)|"
    # "somebody with access to your systems (please check)": a person named by what they can do.
    r" with (?:the )?(?:access|authority|rights|powers?|mandate)(?: to(?: [\w-]+){1,4}?)?)?"
)
# Person words, Danish ("menneskelig" is an adjective: "en menneskelig fejl" names no one).
_DA = (
    rf"(?:{person_requests_more.CASE_PERSON_DA}|"
    r"men+e?sk(?:e|er|et|ene)\b|mneske\w*|medarb\w*|personer|person|personale|radgiver\w*|rodgiver\w*|"
    r"kundeservice\w*|kundesupport|kundecenter|konsulent\w*|agent|lederen|leder|chefen|chef|supporter|"
    r"support|ansatte|ansat|kollega\w*|kolleger|sagsbehandler\w*|overordne\w*|ansvarlig\w*|vedkommende|"
    r"teamleder\w*|nogen(?=\s*(?:[.?!,]|$|der\b|som\b|fra\b|til at\b|i telefonen\b|pa telefonen\b|nu\b|"
    r"hurtigt\b|straks\b|med det samme\b|snarest\b|i dag\b))|"
    r"(?:en|nogen) af jer\b|\w+afdeling\w*|\w+ansvarlig\w*|levende sjael|\w+chef(?:en)?\b|\w+leder(?:en)?\b|"
    r"en der|en fra|operator|supervisor|manager|\w+radgiver\w*)"
)
_WHO_DA = (
    r"(?:et |en |jeres |din |dit |nogen |nogle |en af jeres |en af deres |den |det |hans |hendes |deres |"
    r"\w+(?:ens|ets) |"
    r"min (?:(?:egen|gamle|tidligere|faste|personlige|saedvanlige)\s+)?(?=radgiver|sagsbehandler|konsulent|"
    r"kontaktperson))?"
    rf"(?:(?:rigtigt?|rigtige|levende|aegte|menneskelig|fysisk|naermeste|\w+iske?)\s+)*{_DA}"
)
_PLEASE = r"(?:please|pls|plz|plis|now|asap|right now|thanks|thx|tak|nu|hurtigt|!+)"
_END = r"\s*(?:[.,!?]|$)"
_HUMAN_WORD = r"(?:hu?ma?ns?|human beings?|hooman)"
_PERSON_DA = r"(?:men+e?sk(?:e|er|et|ene)|person|personer|medarb\w*|radgiver\w*|ansatte|sjael)"
_BOT = r"(?:bots?|robots?|chat ?bots?|robotten|botten|chatbotten|machines?|computers?|ai|algorithms?)"

PATTERNS: tuple[str, ...] = (
    # English: asking to talk to, reach or be passed to a person.
    r"\b(?:talk|talking|tlak|takl|speak|speaking|spaek|chat|chatting|write|discuss\w*|deal|dealing|"
    r"have a word|a word|raise|raising|(?:phone |a )?(?:conversation|discussion))\s+"
    rf"(?:(?:this|it|that|things)\s+)?(?:(?:through|over)\s+)?(?:(?:to|with)\s+)?{_WHO_EN}\b",
    r"\b(?:contact|contacting|reach|reaching|call|ring|phone|email|get hold of|hold of|get in touch with|"
    r"in touch with|"
    rf"(?:get )?through to)\s+(?!person\b)(?:(?:to|with)\s+)?{_WHO_EN}\b",
    r"\b(?:connect|put|transfer|pass|forward|hand|escalate|send|redirect|route|switch|bump)\s+"
    r"(?:me|us|this|it|my (?:chat|case|call|complaint|query|issue))\s+(?:through\s+|over\s+|on\s+|up\s+)?"
    rf"(?:to|with)\s+{_WHO_EN}\b",
    r"\b(?:transfer me|put me through|connect me|pass me on|hand me over|escalat\w*)\b",
    # "a transfer to another person" is a payment, not a request to be passed on.
    r"(?<!a )(?<!the )(?<!bank )(?<!money )(?<!my )(?<!this )(?<!that )(?<!any )(?<!each )(?<!every )"
    rf"\b(?:transfer|connect|escalate|pass|forward)\s+(?:to|with)\s+{_WHO_EN}\b",
    r"\b(?:want|need|like|prefer|rather|should be|must be|to be|have it|have this|have my \w+|get my \w+)\b"
    r"[^.?!]{0,30}\b(?:handled|dealt with|looked at|reviewed|checked|answered|sorted(?: out)?|taken care of|"
    rf"seen to|processed) by {_WHO_EN}\b",
    r"\b(?:can|could|may) (?:i|we) be\s+(?:transferred|connected|put through|passed|called|contacted|rung)\b|"
    r"\b(?:like|want|need|prefer|wish|ask|love|demand) to be\s+"
    r"(?:transferred|connected|put through|passed|handed|escalated|called|contacted|rung)\b",
    rf"\bput {_WHO_EN} on\b",
    rf"\b(?:is|are) there\s+{_WHO_EN}\s+(?:available|free|online|around|here|i can|i could|we can|to talk|"
    r"to speak|to help)",
    r"\b(?:is|are|any)\s+(?:there\s+)?(?:any ?one|any ?body|some ?one|some ?body|humans?|people|persons?)\s+"
    r"(?:(?:real|human|alive|actually|even|at all|out)\s+)*"
    r"(?:there|here|reading|listening|working there|home|awake|alive|real|human|around|available)\b",
    rf"\b{_WHO_EN}\s+(?:(?:real|human)\s+)?(?:i|we)\s+(?:can|could)\s+"
    r"(?:call|talk|speak|chat|reach|ring|phone|write|ask)\b",
    rf"\b{_EN}\s*[,.!]*\s*{_PLEASE}{_END}",
    r"^\W*(?:please\s+|pls\s+|plz\s+)?(?:i want\s+|i need\s+|i'd like\s+|get me\s+|give me\s+|"
    rf"(?:talk|speak|chat|connect|transfer)\s+(?:to|with)\s+)?{_WHO_EN}\W*(?:{_PLEASE}\W*)?$",
    r"\b(?:get|give me|want|need|needs|requires|bring me|find|fetch|like|prefer|request|requesting|ask for|"
    r"asking for|"
    rf"demand|require|summon)\s+(?:me\s+)?(?:to\s+)?{_WHO_EN}\b(?!'s)",
    rf"\b(?:a|an|the|real|actual|any|some)\s+{_HUMAN_WORD}\b(?!-)",
    r"\bhuman (?:agent|support|help|assistance|being|contact|response|reply|interaction)\b",
    r"\b(?:real|actual|live|proper|living)\s+(?:persons?|humans?|people|agents?|staff|man|woman|someone|somebody|"
    r"individual)\b",
    rf"\bhelp\s+(?:from|of)\s+{_WHO_EN}\b",
    r"\b(?:is|are) there (?:(?:a|an|any)\s+)?(?:real |actual |human )?(?:any ?one|any ?body|some ?one|"
    r"some ?body|humans?|persons?|people|agents?|staff|managers?|supervisors?)\b[^.?!]{0,25}"
    r"\b(?:talk|speak|help|chat|call|ring|answer|respond)",
    rf"\b(?:can|could|will|would|may|can't|cant|couldn't|won't)\s+{_WHO_EN}\s+"
    r"(?:(?:please|actually|just|maybe|not|be able to|possibly|kindly)\s+)*"
    r"(?:look|check|help|call|ring|phone|contact|take|review|assist|get back|sort|handle|deal|explain|answer|"
    r"respond|reply|email|investigate|step in|intervene|get in touch|be in touch|reach out)",
    rf"\b{_WHO_EN}\s+(?:(?:to|please|should|can|could|must|needs to|need to|has to|have to)\s+)?"
    r"(?:call|ring|phone|email|contact)\s+me\b",
    rf"\b{_WHO_EN}\s+(?:needs to|need to|has to|must|should|have to|ought to)\s+"
    r"(?:call|contact|look|help|fix|sort|check|deal|handle|get back|review|step in)",
    rf"\b(?:have|get|let|ask|make)\s+{_WHO_EN}\s+(?:to\s+)?(?:please\s+)?"
    r"(?:look|call|check|contact|review|ring|phone|get back|help|handle|take over|deal)",
    # "Will they call me?" asks about a call already booked, not for a person.
    r"(?<!will they )(?<!would they )(?<!they will )(?<!they'll )(?<!does she )(?<!does he )"
    r"\b(?:call|ring|phone)\s+me(?:\s+back)?\b(?!\s+(?:next|tomorrow|on(?!\s+[+\d])|at(?!\s+[+\d])|this|"
    r"after|before|between|in the|"
    r"some ?time|later|when|if)\b)|\bgive me a (?:call|ring|bell)\b",
    r"\b(?:want|need|like|request|requesting|get|have|arrange|order|give me|ask for|asking for)\s+"
    r"(?:a\s+|an\s+|the\s+)?(?:call ?back|return call|phone call|call from)\b|"
    r"\bcall ?backs?\s*(?:please|pls|asap|now|request\w*|thanks)?\W*$",
    r"\bwho (?:can|do|should|could|would|may) i (?:talk|speak|chat|complain|write to|email|call|ring|"
    r"contact)\b|\bwho(?:'s| is) in charge\b|"
    r"\bwho (?:is|will be) (?:actually )?(?:looking at|handling|dealing with) (?:this|it|my)\b",
    r"\b(?:can|could|may) i (?:call|phone|ring) (?:you|your (?:team|office|support|hotline|helpline|branch)|"
    r"some ?one|some ?body|a person|customer service)\b"
    r"(?!\s+(?:on|at|in|after|before|during|over|tomorrow|today|from|for free|abroad)\b)|"
    r"\b(?:a|your|the) (?:phone |telephone |contact |direct )?(?:number|line) (?:that )?(?:i|we) can "
    r"(?:call|ring|phone|use)\b",
    r"\b(?:what's|what is|whats|give me|do you have|have you got|is there|send me|can i (?:get|have)|"
    r"i need|where is|where's|tell me)\s+(?:a |an |the |your )?"
    r"(?:(?:direct|support|customer (?:service|care|support)|help ?line|phone|telephone|contact|hotline)\s*)+"
    r"(?:number|line|nr|no)\b|\b(?:number|line) (?:for|to|of) (?:your |the )?(?:help ?line|hotline|"
    r"customer service|support|call cent(?:er|re))\b|\b(?:rather|prefer to) (?:call|phone|ring)\b|"
    r"\b(?:talk|speak)\b[^.?!]{0,25}\b(?:on|over|by) (?:the )?phone\b",
    r"\b(?:what|which) (?:phone )?(?:number|line) (?:do|should|can|shall|must) (?:i|we) (?:call|ring|phone|"
    r"use)\b|"
    r"\b(?:help ?line|hotline|phone line|support line|number) (?:that )?(?:i|we) (?:can|could) (?:call|ring|"
    r"phone)\b|"
    r"\bnumber for (?:your |the )?(?:customer (?:support|care)|fraud (?:team|line|department)|complaints)\b|"
    r"\b(?:(?:a|the|any|your)\s+)?(?:phone )?number (?:to|i can|i could|we can) (?:call|ring|phone)\b"
    r"(?![^.?!]{0,40}\b(?:in case|later))|"
    r"\bwhat'?s (?:your|ur) (?:phone )?(?:number|nr|no)\b",
    r"\b(?:some ?one|some ?body|a (?:real )?(?:person|human)|a member of staff|one of your (?:staff|"
    r"colleagues|team))"
    r"(?: there| else| at (?:the bank|your end|your office)| from (?:your|the|his|her) \w+)?\s+(?:who\s+)?"
    r"(?:can|could|should|will)\s+(?:(?:please|actually|just|maybe|possibly|kindly)\s+)*"
    r"(?:look|check|help|call|ring|phone|contact|review|sort|handle|deal|explain|investigate|step in)\b",
    r"\b(?:get|put|have)\s+(?:him|her|them|[^.?!]{0,30}?\b(?:some ?one|some ?body|manager|advis[eo]r|"
    r"supervisor|boss|"
    r"person|human|agent))\b[^.?!]{0,25}\bon the (?:phone|line)\b",
    # Refusing the bot: "not talking to a machine", "no more bots", "done with the chatbot".
    r"\b(?:not|no more|don't|do not|won't|refuse|refusing|stop|enough|sick|tired|done|fed up|hate|"
    r"can't stand)\b[^.?!]{0,25}\b(?:talk|speak|chat|discuss|deal|writ|argu|typ|messag)\w*\s+"
    r"(?:(?:this|it|that)\s+)?(?:to|with)\s+(?:a |the |this |your |some )?(?:stupid |dumb |useless |bloody )?"
    rf"{_BOT}\b",
    r"\b(?:no more|no|not|enough|stop|done with|sick of|tired of|fed up with|enough of|enough with|"
    r"don't want|do not want)\s+(?:the |this |your |these |a |you )?(?:stupid |dumb |useless |bloody )?"
    r"(?:bots?|robots?|chat ?bots?|automated (?:replies|answers|responses|messages|system|chat))\b",
    rf"\b(?:complain|report)\w*\s+to\s+{_WHO_EN}\b",
    r"\b(?:let me|i want to|i need to|i'd like to|i would like to|i wish to)\s+(?:talk|speak|chat)\b"
    r"(?!\s+about)",
    r"\b(?:some ?one|some ?body|a person|a human) (?:from|at|on|in) (?:your|the) "
    r"(?:team|support|staff|company|bank|office|\w+ (?:team|department))\b",
    # Danish.
    r"\b(?:tale|tales|snakke|chatte|skrive|ringe|tal|snak|chat|skriv|ring|drofte|diskutere)\s+"
    r"(?:(?:lige|gerne|hellere|venligst)\s+)?"
    rf"(?:med|til)\s+{_WHO_DA}\b",
    r"\b(?:kontakte?|kontakt med|kontakt til|brug for|fat i|i kontakt med|i forbindelse med|stillet om til|"
    r"viderestillet til|videre til|over til|igennem til|overfort til|sendt videre til|"
    r"forbind mig (?:til|med)|"
    rf"forbinde mig (?:til|med)|henvist til)\s+{_WHO_DA}\b",
    rf"\b(?:fa|have|ha|vil have|vil gerne have|vil ha|hent|skaf|find|kald pa)\s+(?:mig\s+)?(?:fat\s+i\s+)?"
    rf"{_WHO_DA}\b(?!\s+(?:til|pa) min konto)",
    rf"\b(?:giv|give|gi)\s+mig\s+(?:fat\s+i\s+)?{_WHO_DA}\b",
    r"\b(?:stil\w*|saet\w*|set|overfor\w*|forbind\w*)\s+mig\s+(?:(?:venligst|lige|nu|bare|hellere|"
    r"hurtigt)\s+)*"
    r"(?:om|over|videre|igennem|til)\b|\b(?:send\w*|flyt\w*)\s+mig\s+(?:videre|over|igennem)\b|"
    r"(?<!blev )(?<!blevet )\b(?:viderestil|omstil)\w*\b|\beskal\w*",
    r"\b(?:stilles|sendes|overfores) (?:videre|om|igennem)\b|\b(?:blive|bli)\s+(?:stillet|sendt|overfort|"
    r"viderestillet|omstillet|kontaktet|ringet op)\b|\b(?:vil|gerne|onsker at|bede om at)\s+"
    r"(?:blive\s+)?(?:kontaktes|ringes op|kontaktet|ringet op)\b",
    rf"\bhjaelp\s+(?:af|fra)\s+{_WHO_DA}\b",
    r"\b(?:rigtig\w*|levende|aegte)\s+(?:person\w*|medarb\w*|men+e?sk(?:e|er|et|ene)|kundeservice|"
    r"radgiver\w*)\b",
    rf"\b{_DA}\s*[,.!]*\s*(?:tak|nu|please|pls|hurtigt|!+){_END}",
    r"^\W*(?:jeg vil have |jeg vil tale med |giv mig |tal med |snak med |vil tale med |vil snakke med )?"
    rf"(?:et |en )?(?:rigtig\w* )?{_DA}\W*(?:(?:tak|nu|please|pls)\W*)?$",
    r"(?<!er )(?<!som )(?<!kun )(?<!bare )(?<!jo )\b(?:et|en|rigtigt?|aegte)\s+men+e?sk(?:e|er|et)\b",
    r"\bmenneskelig\w*\s+(?:hjaelp|kontakt|medarb\w*|betjening|stemme)\b",
    r"\b(?:er|findes|sidder|arbejder)\s+der\s+(?:(?:ikke|overhovedet|virkelig|slet|ingen|nogen|nogle|da|"
    rf"egentlig)\s+)*(?:(?:et|en)\s+)?(?:rigtig\w*\s+|levende\s+)?{_PERSON_DA}\b",
    r"\ber der nogen\s+(?:der|som)\s+(?:kan|vil)\s+(?:hjaelpe|ringe|svare|tale|kigge|se)",
    r"\bkobl\w* mig (?:pa|til|sammen med|videre)\b|\bringe ind\b(?! (?:pa|til) (?:min|mit|konto))|"
    rf"\bsaet\s+{_WHO_DA}\s+pa\s+(?:sagen|det|min sag)\b|"
    r"\b(?:tale|snakke|chatte|skrive) med en (?:rigtig|levende|aegte) en\b|"
    r"\bfa (?:ham|hende|dem|en|nogen)\b[^.?!]{0,40}\bi (?:telefonen|roret|roren)\b|"
    r"\b(?:vil (?:gerne )?(?:have|ha)|onsker|beder om|kraever|kraeves|skal have) at (?:en|et|"
    r"nogen)\b[^.?!]{0,40}"
    r"\b(?:kigger|ser|tjekker|ringer|hjaelper|kontakter|tager|gar ind)\b|"
    r"\b(?:kan|ma|vil|skal|kunne|lad|lade)\s+(?:ikke\s+)?(?:en|nogen)\s+(?:fra|"
    r"hos)\s+(?:\w+\s+){1,2}(?:ikke\s+)?"
    r"(?:(?:bare|lige|venligst|godt|hurtigt)\s+)*(?:kigge|se pa|hjaelpe|ringe|tage|kontakte|svare|"
    r"vende tilbage)|"
    r"\b(?:kan|vil|ma) (?:i|du|de|nogen|en) (?:\w+ )?ringe (?:til mig |"
    r"mig op )?pa (?:mit (?:telefon)?(?:nummer|nr)|\+?\d)|"
    r"\b(?:kan|vil|ma) (?:i|du|de|nogen|en \w+) (?:venligst |lige |godt )?kontakte mig\b|"
    # The imperative: "kontakt mig venligst telefonisk"; "I kan kontakte mig på ..." is covered above.
    r"(?<!at )(?<!ikke )(?<!hvorfor )\bkontakt mig\b|"
    r"\b(?:ring|ringe|ringes|kontakt|kontakte|kontaktes|tale|snakke|snak|tal)\b[^.?!]{0,25}\btelefonisk\b",
    r"\b(?:skal|ma|bor) (?:der )?(?:da |vel )?(?:vaere |vare )?(?:nogen|en) (?:(?:hos jer|i banken|derinde|"
    r"der)\s+)?(?:der|som) (?:kan |vil )?"
    r"(?:tage\w* sig af|kigge\w*|"
    r"hjaelpe\w*|ringe\w*|svare\w*|se\w* pa|ordne\w*|lose\w*)",
    rf"\b{_WHO_DA}\s+(?:jeg|man|vi)\s+kan\s+(?:tale|snakke|skrive|chatte|ringe)\s+(?:med|til)\b",
    r"\ben af (?:jeres|dine) (?:medarb\w*|kolleger|kollegaer|folk|radgivere)\b",
    # "I ringer mig op i dag" tells what the company will do; "ring mig op" asks for it.
    r"(?<!i )(?<!de )(?<!at )(?<!han )(?<!hun )(?<!som )(?<!der )\b(?:ring|ringe)\s+"
    r"(?:(?:venligst|lige|gerne|hurtigt|please)\s+)*(?:mig\s+)?op\b|"
    r"\b(?:ring|ringe)\s+(?:(?:venligst|lige|gerne|hurtigt|please|nu)\s+)*(?:til\s+)?mig\b|\bringes op\b",
    r"\b(?:vil (?:gerne )?(?:have|ha)|kan jeg fa|ma jeg fa|bede om|onsker|gerne have|kan i give mig|"
    r"bestille)\s+(?:et |en )?(?:opkald|opringning|telefonopkald)\b",
    r"\b(?:kan|ma|vil|skal|bor|kunne|lad|lade)\s+(?:ikke\s+)?(?:en|et|nogen|jeres|din)\s+(?:af jeres\s+)?"
    r"(?:rigtig\w*\s+)?(?:medarb\w*|person|men+e?sk\w*|radgiver\w*|kolleg\w*|chef|leder|sagsbehandler\w*|"
    r"supporter|ansat|konsulent)\s+"
    r"(?:ikke\s+)?(?:(?:bare|lige|venligst|godt|hurtigt)\s+)*"
    r"(?:kigge|se pa|se naermere|hjaelpe|ringe|tage|kontakte|ga ind|svare|vende tilbage|overtage)",
    r"\b(?:ikke|ingen|ikke mere|ikke flere|gider ikke|orker ikke|traet af|slut med|stop med|drop|nok med)\s+"
    r"(?:at\s+)?(?:(?:tale|snakke|skrive|chatte) (?:med|til)\s+)?"
    r"(?:en\s+|jeres\s+|den\s+|din\s+|dig\s+|jer\s+|de\s+|den her\s+|denne\s+)?(?:dum\w*\s+)?"
    r"(?:robot\w*|bot\w*|chatbot\w*|maskine\w*|computer\w*|ai|automatiske svar)\b",
    r"\bvil (?:gerne |hellere )?(?:tale|snakke|chatte) med (?:jer|nogen|dig i telefonen|en af jer)\b",
    r"\bhvem (?:kan|skal|ma|bor) jeg (?:tale|snakke|ringe|klage)(?: med| til)?\b|"
    r"\bhvem (?:kan|skal|ma|bor) jeg skrive (?:til|med)\b|"
    r"\ber der (?:ikke )?nogen (?:andre |anden )?(?:jeg|man|vi) kan (?:tale|snakke|ringe|skrive|sporge)\b|"
    r"\b(?:fa|faa) (?:en|nogen)(?: \w+)? til at (?:ringe|kigge|se|hjaelpe|kontakte)\b|"
    r"\bklage\w* til (?:din|jeres|en|den) (?:chef|leder|overordnede)\b|"
    r"\b(?:find|skaf) (?:en|nogen) der kan hjaelpe\b|"
    r"\blad mig (?:tale|snakke|chatte) med (?:en|et|nogen|jeres|din)\b|"
    r"\bhvem (?:kigger|ser) pa det\b|\bnogen (?:ma|skal|bor) (?:da |vel )?(?:kunne )?(?:hjaelpe|tage sig af|"
    r"kigge pa|se pa|ringe)\b",
    r"\b(?:kan|ma|skal) jeg (?:ikke )?(?:ringe|skrive|tale|snakke) (?:til|med) (?:jer|jeres|dig|nogen)\b"
    r"(?!\s+(?:om|pa|i|efter|for|kl|fra|mellem|i morgen)\b)",
    r"\b(?:hvad er|giv\w* mig|har i|er der|kan jeg fa|ma jeg fa|send mig|hvor finder jeg|jeg skal bruge|"
    r"kan i give mig|oplys)\b(?:(?!\bmi[nt]\b)[^.?!]){0,20}\b(?:telefon ?nummer\w*|telefon|tlf\w*|hotline|"
    r"(?:jeres|deres) nummer|"
    r"nummer(?:et)?\s+(?:til|pa)\s+(?:jeres\s+|din\s+)?(?:kundeservice|support|jer|hotline))\b|"
    r"\bhvilket (?:telefon)?nummer\b|\b(?:jeg|man) kan ringe (?:til|pa|hen)\b|"
    r"\bhvor (?:kan jeg|skal jeg|ringer man|ringer jeg|kan man) (?:ringe )?hen\b|"
    r"\b(?:hellere|foretraekker at|foretraekker)\s+(?:ringe|tale i telefon\w*|snakke i telefon\w*)\b|"
    r"\b(?:tale|snakke)\b[^.?!]{0,30}\bi telefonen?\b",
    r"\bhvordan\s+(?:kan\s+|skal\s+)?(?:jeg\s+|man\s+)?(?:kontakt\w*|taler|tale|snakker|snakke|far|fa|"
    r"kommer|komme|fanger|ringer|ringe)\s+(?:jeg\s+|man\s+)?(?:med\s+|til\s+|fat i\s+|i kontakt med\s+|"
    rf"i forbindelse med\s+)?{_WHO_DA}\b",
)

# Round seven's families, then rounds eight to eleven's.
PATTERNS += person_requests_more.STANDALONE + person_requests_more.patterns(_WHO_EN, _WHO_DA)
PATTERNS += person_requests_more.HUMAN_PATTERNS
PATTERNS += (
    rf"\b(?:vil (?:gerne )?(?:have|ha)|onsker|beder om|kraever|forventer) at {_WHO_DA}\b[^.?!]{{0,30}}"
    r"\b(?:ringer|kontakter|kigger|ser pa|tjekker|hjaelper|vender tilbage)\b",
)

# Phrases that mention a person without asking for one; a request phrase overlapping one is dropped.
NOT_A_REQUEST = (
    r"\b(?:i'm|i am|im|that i'm|that i am|jeg er|at jeg er|er)\s+(?:not|ikke)\s+(?:a|an|en|et)\s+"
    r"(?:ro)?bot\b",
    rf"\b(?:i'm|i am|im|we're|we are|jeg er|vi er)\s+(?:only|just|kun|bare|jo)\s+(?:(?:a|an|et|en)\s+)?"
    rf"(?:{_HUMAN_WORD}|men+e?sk\w*)",
    r"\bhuman (?:resources|rights|error|nature|race|trafficking|body|capital)\b|"
    r"\bmenneskelig (?:fejl|natur)\b",
    r"\bcontact ?persons?\b|\bkontaktperson\w*",
    r"(?:persons?|hu?ma?ns?|individuals?|men+e?sk\w*|privatperson\w*)\s+(?:or|eller)\s+"
    r"(?:a |an |the |et |en )?(?:company|business|firm|firma|virksomhed|selskab|organi[sz]ation)|"
    r"(?:company|business|firm|firma|virksomhed|selskab)\s+(?:or|eller)\s+(?:a |an |et |en )?(?:private )?"
    r"(?:persons?|privatperson|men+e?ske)",
    r"(?:persons?|people|some ?one|some ?body|hu?ma?ns?|personer|men+e?sk\w*|nogen)\s+(?:as|som)\s+"
    r"(?:a |an |my |the |en |et |min |mit )?(?:referee|reference|witness|guarantor|co-?signer|beneficiary|"
    r"vidne|kautionist|modtager|begunstiget|medlaner|ejer|kontohaver)\b",
    r"\b(?:ever|nogensinde)\b[^.?!]{0,40}\b(?:pin|password|passcode|code|kode|adgangskode|nemid|mitid|cpr)\b",
    r"\bperson[- ]to[- ]person\b|\bp2p\b",
    # Taking over a loan or a lease is a transfer of a contract, not of the chat.
    r"\b(?:take|taking|takes) over (?:my|the|his|her|our|their|a) (?:\w+ )?(?:loan|mortgage|lease|contract|"
    r"account|debt|subscription|policy|car|flat|apartment|house|tenancy)\b|\boverta\w* (?:mit|min|mine|lanet|"
    r"gaelden|kontrakten|lejemalet|abonnementet)\b",
    r"(?:persons?|some ?one|some ?body|people|anyone)\s+"
    r"(?:access|with me|along|permission|power of attorney)\b",
    r"\b(?:person|personer|men+e?ske)\s+(?:mere|ekstra|fuldmagt|adgang)\b",
    # A number asked for to keep, not to call now: "... in case my card is ever lost".
    r"\b(?:(?:customer service|phone|telephone|contact|support|kundeservice)\s*)?\w*(?:number|nummer)\w*"
    r".{0,100}?\b(?:in case|save it|for later|for my records|for the future|gemme|gemt|next year|next month|"
    r"when i move|naeste ar|naeste maned|nar jeg flytter|"
    r"til senere|i tilfaelde af|"
    r"hvis (?:jeg|hun|han|vi|de|min \w+|mine \w+) (?:far|skulle fa|nogensinde far) brug)",
    # Contact that already happened: "I spoke to someone yesterday", "jeg talte med en medarbejder i går".
    r"\b(?:spoke|talked|chatted|have spoken|'ve spoken|had a word|talte|snakkede|chattede|har talt|"
    r"har snakke|har chatte|(?:har )?snakket|(?:har )?talt)\s+(?:(?:to|with|med)\s+)?(?:[\w']+\s+){0,4}?"
    r"(?:some ?one|some ?body|a person|an? \w+|one of (?:your|the) \w+|your \w+|the \w+|en \w+|et \w+|"
    r"en af jeres \w+|nogen|jeres \w+|din \w+)\b(?=[^.?!,;]{0,40}\b(?:yesterday|earlier|last|before|"
    r"this morning|"
    r"ago|i gar|tidligere|sidste|i morges|for \w+ siden|i sidste)\b)",
    r"\b(?:why|when|how) did (?:some ?one|some ?body|a person|an? \w+)\s+(?:from (?:your|the) \w+\s+)?"
    r"(?:call|ring|phone|text|email|contact)\b|"
    r"\b(?:some ?one|some ?body|a person|a man|a woman)\s+from\s+(?:your|the)\s+\w+\s+"
    r"(?:called|rang|phoned|texted|emailed|contacted|said|told)\b|"
    r"\bhvorfor (?:ringede|skrev|kontaktede) (?:en|nogen)\b",
    # Curiosity about who is answering: "is this a real person or a bot? just curious".
    r"\b(?:is this|are you|am i talking to|er du|er det)\s+(?:a |an |en |et )?(?:real |actual |rigtig |"
    r"aegte )?"
    r"(?:person|human|menneske)\s+(?:or|eller)\s+(?:a |an |en |et )?(?:bot|robot|machine|maskine|computer)\b"
    r"(?=[^.?!]*[.?!]+\s*(?:\w+\s+)?(?:just )?(?:curious|wondering|nysgerrig|out of curiosity|"
    r"af nysgerrighed))",
    # Who reads what: "do real people read the feedback form?", "er det en rigtig person der læser ...".
    r"\b(?:do|does|will|er det|is it|is there)\s+(?:a |an |en |et )?(?:real|actual|rigtig\w*|aegte)\s+"
    r"(?:people|persons?|humans?|men+e?sk\w*)\s+(?:who |der |som |that )?(?:reads?|sees?|checks?|reviews?|"
    r"laeser|ser)\b",
    # "I'm a real person, not a company" describes the customer.
    r"\b(?:i'm|i am|im|we're|we are|jeg er|vi er)\s+(?:(?:a|an|en|et|only|just|kun|bare|jo)\s+)*"
    r"(?:real |private |rigtig |privat )?(?:person|human|menneske|privatperson)\b",
    r"\bdo (?:i|we) (?:need|have) to (?:call|phone|ring|contact|speak to|talk to)\b",
    # A number for a day that may come: "if I lose my card abroad, is there a number I can call?".
    r"\b(?:if|hvis)\s+(?:i|we|jeg|vi)\b[^.?!]{0,60}\b(?:lose|lost|ever|travel\w*|abroad|am in|i'm in|mister|"
    r"taber|"
    r"nogensinde|rejser|udlandet|er i)\b[^.?!]{0,60}\b(?:number|nummer)\b[^.?!]{0,40}",
    # A call already arranged: "will someone call me to confirm the loan?".
    r"\b(?:will|does|is)\s+(?:some ?one|some ?body|any ?one|you|they|an? \w+)\s+(?:going to\s+)?(?:call|ring|"
    r"phone|"
    r"contact)\s+me\s+(?:to confirm|as (?:agreed|planned|promised))\b",
    # A conversation that already took place: "I had a nice chat with your staff".
    r"\b(?:had|havde|haft)\s+(?:a|an|en)\s+(?:\w+\s+)?(?:chat|talk|conversation|snak|samtale)\s+(?:with|med)\b",
    r"\b(?:had|havde|got|fik|received|modtog)\s+(?:a|an|en|et)\s+(?:\w+\s+)?(?:phone call|call|"
    r"telephone call|"
    r"meeting|opkald|telefonopkald|mode|telefonsamtale)\s+(?:with|from|med|fra)\b[^.?!,]{0,40}",
    # What already happened to the case: "min sag er sendt videre til kreditafdelingen".
    r"\b(?:er|blev|blevet|bliver|has been|have been|was|were|is being)\s+(?:sendt|stillet|overfort|"
    r"viderestillet|"
    r"henvist|sent|passed|forwarded|transferred|escalated|referred)\s+(?:videre\s+|om\s+|on\s+|"
    r"over\s+)?(?:til|to)\b",
) + person_requests_more.NOT_A_REQUEST
# Round eight: a person asked about (who does the work, who is in on Saturdays), advice reported; round
# nine: asked for information or for later, or about how complaints are escalated.
NOT_A_REQUEST += person_requests_more.HUMAN_NOT_A_REQUEST

# The words right before a request phrase that undo it: "no need to call me", "please don't call me",
# "du behøver ikke ringe til mig", "it was nice to talk to an agent".
WORDS_BEFORE = (
    r"(?:\b(?:no need (?:to|for)|(?<!why )(?:don't|dont|do not)|(?:didn't|didnt|did not)(?: even)?|never|"
    r"not necessary to|needn't|without|rather not|prefer not to|"
    r"ingen grund til(?: at)?|ikke nodvendigt (?:at|med)|behover ikke(?: at)?|lad vaere med at|du skal ikke|"
    r"(?:jeg |vi )?(?:har|havde) ikke|ingen|(?:jeg )?(?:vil|onsker) ikke(?: at)?|"
    r"i skal ikke|undga at)\s+(?:[\w']+\s+){0,2}|\b(?:was|were|is always|var|er altid)\s+"
    r"(?:(?:so|very|really|meget|virkelig|sa)\s+)?(?:nice|good|great|lovely|helpful|easy|quick|pleasant|"
    r"rart|godt|dejligt|fint|nemt|hyggeligt)\s+(?:to|at)\s+)$"
)

# A call booked for later ("could someone call me next Wednesday", "i ringer mig op i dag") arranges
# an appointment; it is not a plea to reach a person now, unless the customer adds urgency.
SCHEDULED = (
    r"\b(?:call|ring|phone|ringe|ringer)\b[^.?!]{0,45}\b(?:next|tomorrow|this (?:afternoon|evening|week)|"
    r"on (?:mon|tue|wed|thu|fri|sat|sun)\w*|(?:i )?naeste|i morgen|"
    r"pa (?:man|tirs|ons|tors|fre|lør|søn)dag|"
    r"(?:man|tirs|ons|tors|fre)dag (?:eller|formiddag|eftermiddag))\b|"
    # A weekday right after the call: "call me Thursday", "ring mig op torsdag".
    r"\b(?:call|ring|phone|ringe|ringer)\s+(?:me|mig)(?:\s+(?:op|back|tilbage))?\s+(?:on\s+|pa\s+)?"
    r"(?:(?:mon|tues|wednes|thurs|fri)day|(?:man|tirs|ons|tors|fre)dag)\b"
)
# "Nothing urgent" and "det haster ikke" say the opposite.
URGENT = (
    r"(?<!nothing )(?<!not )(?<!no )(?<!isn't )(?<!ikke )(?<!intet )\b(?:now|asap|right away|immediately|"
    r"urgent\w*|straks|med det samme|nu|haster|time[- ]sensitive|time[- ]critical|tidskritisk|"
    r"(?:can'?t|cannot|kan ikke) vente|can'?t wait|cannot wait)\b(?!\s+(?:\w+\s+)?ikke)|"
    + person_requests_more.URGENT
)

# A contact verb negated or refused ("I don't need to speak to an adviser", "stop calling me", "jeg
# behøver ikke tale med en rådgiver", "hold op med at ringe"): rules out the learned second opinion
# (``person_model``), which reads words, not their scope.
NEGATED_CONTACT = (
    r"\b(?:no need (?:to|for)|don'?t|do not|never|needn'?t|not necessary|no reason to|stop|"
    r"ingen grund til|ikke nødvendigt|behøver ikke|behøves ikke|vil ikke|ønsker ikke|lad være med|"
    r"hold (?:\w+ )?op med|skal ikke|undgå)\s+(?:[\w']+\s+){0,3}?(?:(?:at|to|med|with)\s+)?"
    r"(?:talk|speak|call|ring|ringe|ringer|tale|snakke|contact|kontakt|phone|chat|transfer|connect|"
    r"put (?:me )?through|stille mig om|viderestille)\w*"
)
