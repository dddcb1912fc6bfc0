"""Softeners: phrasings that make strong words calm (a hedge, one's own mishap or mistake, an insult
aimed at oneself, praise sworn at, laughter). Split from ``lexicon`` (which re-exports them) so that
each word-list module stays short; patterns match lower-cased text.
"""

from __future__ import annotations

import re


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# Softeners: "a bit annoying" is a calm customer describing a problem, not a frustrated one.
HEDGE = _any(
    r"\b(a bit|a little|bit|slightly|kind of|kinda|somewhat|lidt|en smule|en anelse)\s+(\w+\s+)?"
    r"(annoy\w*|disappoint\w*|frustrat\w*|irritere\w*|ærgerlig\w*|skuffe\w*|træls)",
    # Cross with oneself, not with the company.
    r"\b(annoyed|angry|mad|frustrated|cross|irriteret|sur|vred)\s+(at|with|på)\s+(myself|mig selv)\b",
    # A calm follow-up or a closed matter: "just checking", "it's sorted now".
    r"\b(just (checking|wanted to (check|say|let you know))|no (rush|hurry)|"
    r"it'?s (all )?(sorted|resolved|fixed)|"
    r"ingen hast|bare for at (høre|tjekke)|(det er|er nu) (løst|ordnet|på plads))\b",
    r"\b(just so you know|just letting you know|fyi|no big deal|not a big deal|not a problem|"
    r"bare (så i ved det|til info|så du ved det)|ikke noget problem|ikke et stort problem)\b",
)

# One's own wrong keystroke or choice told as the reason for writing ("I sent 500 kr to the wrong
# number", "jeg har overført pengene til min gamle konto i stedet for den nye"): swearing next to it
# is at oneself. Not "you sent it to the wrong address": the subject is the customer.
_OWN_ERROR = (
    r"\b(i|i've|i have|we|we've|we have)\s+(just\s+|accidentally\s+|somehow\s+|mistakenly\s+)?(sent|paid|"
    r"transferred|typed|entered|put in|booked|ordered|deleted|blocked|picked|chose|selected|clicked|pressed|"
    r"used)\b(?:[^.?!]|\.\d){0,50}\b(the wrong|a wrong|wrong|instead of|by mistake|in error)\b|"
    r"\b(jeg|vi)\s+(har\s+)?(lige\s+|ved en fejl\s+|fejlagtigt\s+)?(overført|overførte|sendt|sendte|betalt|"
    r"betalte|tastet|tastede|indtastet|indtastede|slettet|slettede|spærret|spærrede|bestilt|bestilte|valgt|"
    r"valgte|trykket|trykkede)\b(?:[^.?!]|\.\d){0,50}\b(forkert\w*|i stedet for|ved en fejl|fejlagtigt)\b"
)
# Feeling foolish oneself ("feeling a bit stupid", "jeg føler mig lidt dum"): the word is aimed inwards.
_FEEL_FOOLISH = (
    r"\b(i'?m|i am|i feel|feeling|i felt|i was|jeg føler mig|føler mig|jeg følte mig|jeg er|jeg var)\s+"
    r"(a bit |a little |so |really |pretty |quite |kind of |kinda |lidt |så |ret |helt |virkelig )?"
    r"(stupid|dumb|silly|daft|naive|an idiot|dum|fjollet|tåbelig|naiv)\b"
)

# The customer's own mishap ("just my bloody luck", "pis også, jeg tabte den"): strong words about
# bad luck, not about the service.
MISHAP = _any(
    r"\b(just my (\w+ )?luck|typical me|silly me|my (own )?fault|my mistake|my bad|(own|my) stupidity|"
    r"pis også|min egen skyld|min (egen )?fejl|typisk mig|sikke et uheld)\b|🙈|🤦|🫣",
    # An oath with "også" is said at a mishap ("fandens også", "for pokker også"), not at someone.
    r"\b(fandens|for fanden|for pokker|pokkers|søren|sørens|satans|av for pokker) også\b",
    _OWN_ERROR,
    _FEEL_FOOLISH,
    r"\b(stupid|dumb|silly|clumsy) me\b|\bdumme mig\b|\b(by accident|ved et uheld|kom til at|"
    r"kommet til at)\b|"
    r"\b(i'?m|i am|i feel) (such )?(an? )?(idiot|moron|fool)\b|\bjeg er (sådan )?(en )?(idiot|dum|tåbe|"
    r"klovn)\b",
    # A machine that kept the card: bad luck told as the reason for writing.
    r"\b(atm|cash machine|cashpoint|machine|hæveautomat\w*|automat\w*|pengeautomat\w*)\s+(just\s+|lige\s+)?"
    r"(ate|swallowed|kept|eat|slugte|åd|beholdt|har slugt|har ædt|har beholdt)\s+(my|mit|min)\b",
    # An accident of one's own doing or one's family's, told as the reason for writing.
    r"\b(i|i've|i have|my (kid|kids|son|daughter|dog|cat|husband|wife|partner))\s+(just\s+|accidentally\s+)?"
    r"(spilled|spilt|dropped|broke|smashed|crashed|left my|forgot my|locked myself)\b",
    r"\b(jeg|min (søn|datter|hund|kat|mand|kone|kæreste|unge))\s+(har\s+)?(lige\s+|kommet til at\s+)?"
    r"(tabt|tabte|smadret|smadrede|glemt|glemte|kørt|kørte|spildt|spildte|væltet|væltede|låst mig ude)\b",
)


# An insult aimed at oneself ("stupid me", "jeg er sådan en idiot") is no swearing at the service.
SELF_INSULT = _any(
    r"\b(stupid|dumb|silly|clumsy) me\b|\bdumme mig\b|\b(i'?m|i am|i feel) (such )?(an? )?(idiot|moron|"
    r"fool)\b|"
    r"\bjeg er (sådan )?(en )?(idiot|dum|tåbe|klovn)\b|\b(what|sikke) (an? )?(idiot|en idiot) (i am|"
    r"jeg er)\b",
    _FEEL_FOOLISH,
    # Swearing next to one's own wrong keystroke is at oneself.
    _OWN_ERROR,
)

# Swearing that intensifies praise: "fucking amazing", "pisse godt", "sygt fedt".
PRAISE_SWEAR = _any(
    r"\b(fuck\w*|f\*+\w*|damn|bloody|hella|pisse|skide|sygt|vildt|mega|sindssygt)\s+(amazing|awesome|great|"
    r"good|"
    r"brilliant|fast|nice|cool|quick|easy|fed|godt|god|nice|lækker\w*|fantastisk|hurtig\w*|smart|nemt|cool)\b"
)

# A customer who laughs at their own mishap ("third one this year :)") is not angry; one who
# laughs or thanks while swearing ("holy crap, that was fast, thanks!") is not either.
LAUGHTER = re.compile(r"\b(haha\w*|hehe\w*|lol)\b|[:;]-?\)|😂|😅|😄|🙂|😊|🙈|🤦|😬|🤷|🫣")
LIGHT_HEARTED = re.compile(LAUGHTER.pattern + r"|\b(thanks|thank you|tak)\b")
