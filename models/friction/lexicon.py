"""Word lists and patterns for friction in English and Danish.

Kept as data in one place so that an agent reading a reason can trace it to a rule, and so
that adding a phrase is a one-line change. Patterns match lower-cased text. The sentiment
word lists come from the ``afinn`` package (AFINN-en-165 and AFINN-da-32, Finn Årup Nielsen).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from models.friction import escalation_phrases, rejections

# Re-exported: callers use ``lexicon.MISHAP`` and the like.
from models.friction.softeners import (  # noqa: F401
    HEDGE,
    LAUGHTER,
    LIGHT_HEARTED,
    MISHAP,
    PRAISE_SWEAR,
    SELF_INSULT,
)

_WORD = re.compile(r"[a-zæøåéü']+")
# A few high-frequency Danish function words; enough to tell Danish from English in chat.
_DANISH_MARKERS = frozenset(
    "jeg ikke det er og at du har til med på kan vil min mit mine en et hvad hvorfor hvordan "
    "tak hej skal får også nu igen gang jo mig dig der som".split()
)
_ENGLISH_MARKERS = frozenset(
    "i the is it you my and to not can what why how this that have me was please thanks".split()
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens, keeping Danish letters."""
    return _WORD.findall(text.lower())


def detect_language(text: str) -> str:
    """``"da"`` or ``"en"`` from marker words and Danish letters; English when unsure."""
    tokens = words(text)
    da = sum(t in _DANISH_MARKERS for t in tokens) + 2 * sum(ch in "æøå" for ch in text.lower())
    en = sum(t in _ENGLISH_MARKERS for t in tokens)
    return "da" if da > en else "en"


@lru_cache(maxsize=2)
def afinn_words(lang: str) -> dict[str, float]:
    """The AFINN word list for ``lang`` ("en" or "da") as a plain dict for fast look-ups."""
    from afinn import Afinn

    return dict(Afinn(language=lang)._dict)  # the package keeps its list in ``_dict``


@dataclass(frozen=True)
class Sentiment:
    """Lexicon sentiment of one message: sums of negative/positive word scores and the worst word."""

    negative: float
    positive: float
    worst: float
    n_words: int


def sentiment(text: str, lang: str | None = None) -> Sentiment:
    """Score ``text`` with the AFINN list of its language (detected when not given)."""
    lang = lang or detect_language(text)
    table = afinn_words(lang)
    neg = pos = worst = 0.0
    tokens = words(text)
    for token in tokens:
        value = table.get(token, 0.0)
        if value < 0:
            neg += -value
            worst = max(worst, -value)
        else:
            pos += value
    return Sentiment(negative=neg, positive=pos, worst=worst, n_words=len(tokens))


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# Bringing in a lawyer is a threat; a lawyer who needs a statement for a divorce is not.
_LAWYER_EN = (
    r"(my|a) (lawyer|solicitor|attorney) (will|is going to|'ll|shall)|(get|getting|call|calling|contact|"
    r"contacting|involve|involving|talk to|speak to|hand this to|consult|see) (a|my) (lawyer|solicitor|"
    r"attorney)"
)
_LAWYER_DA = (
    r"(kontakter|tager|ringer til|går til|involverer|snakker med|taler med|får) (en|min) advokat|"
    r"min advokat (vil|kommer til at|skal høre)"
)

# The customer says the bot's answer did not help or missed the question.
ANSWER_REJECTED = _any(
    r"\b(that|this|it|you)\b[^.?!]{0,12}\b(doesn't|does not|didn't|did not|isn't|is not|don't|do not|won't)\b"
    r"\s*(help|answer|work|make sense|solve|fix)",
    r"\bnot what i (asked|meant|said|need|wanted)\b",
    r"\b(useless|unhelpful|pointless|no help)\b",
    r"\b(you (already|just) said|same (answer|thing|reply)|you keep saying|stop repeating)\b",
    r"\b(read my (message|question)|answer my question|listen to me|you('re| are) not listening)\b",
    r"\b(you don't understand|you('re| are) not (helping|understanding)|not helping|not helpful|wrong answer|"
    r"that's (not (my question|what i|right|true|it)|wrong)|makes no sense|irrelevant|you misunderstood|"
    r"(same|that) link (again|doesn't work)|i know that|i told you|as i said|like i said)\b",
    r"\b(du forstår (det )?ikke|forkert svar|det ved jeg godt|som jeg (skrev|sagde)|det svarer ikke på|"
    r"ikke hjælpsom\w*|giver ingen mening|samme link|det er ikke (det|rigtigt|svar))\b",
    r"\b(i (already|just) (did|tried|told you|said)|i('ve| have) (already )?tried that|did that already)\b",
    r"\bdet (hjælper|hjalp|virker|virkede) (jo |slet |overhovedet |stadig )?ikke\b",
    r"\b(ikke det|ikke hvad) jeg (spurgte|spurgte om|mente|skrev|bad om)\b",
    r"\b(ubrugelig|ubrugeligt|unyttig|nytteløs|nytteløst)\b",
    r"\b(du|i) (har )?(lige|allerede) (sagt|skrevet)\b",
    r"\bsamme (svar|besked)\b",
    r"\bjeg har (allerede|jo) (prøvet|gjort|skrevet)\b",
    r"\b(læs|svar på) (mit|min) (spørgsmål|besked)\b",
    # Further everyday phrasings of "that missed" (English, then Danish word orders).
    r"\b(you('re| are) not|you aren't|you didn't|you did not|you haven't|you have not) "
    r"(answer\w*|read\w*|get(ting)? it|listen\w*)\b|\bnot what i('m| am) asking\b|"
    r"\b(that's|that is|this is|it's) not (the|my) (problem|issue|question|point)\b|"
    r"\b(going|go|running) (round|around) in circles\b|\bi asked (about|for|whether|if)\b[^.?!]{0,40}\bnot\b|"
    r"\b(still|that still|it still) (doesn't|does not|won't|isn't) (work|help)\w*|"
    r"\b(tried|done|did) (that|this|it|all that)\b[^.?!]{0,20}\b(already|doesn't work|didn't work|no luck)\b",
    r"\bdet (hjælper|hjalp|virker|virkede) (mig )?(jo |slet |overhovedet |stadig )?ikke\b|"
    r"\bdet har jeg (jo |allerede )+(prøvet|gjort|skrevet|sagt)\b|"
    r"\bdet er (jo )?det jeg (har gjort|gjorde|gør)\b|"
    r"\bdet ved jeg (jo )?(godt|allerede)\b|\bhar (jeg )?(jo |allerede )+(prøvet|gjort det)\b|"
    r"\bsamme fejl\b|\bdet virker (bare|stadig bare) ikke\b|"
    r"\b(ikke det|ikke hvad) jeg spørger om\b|\bdu svarer (jo )?ikke på\b|\b(vi|du) kører i ring\b|"
    r"\bdet (løser|besvarer) (jo )?ikke\b|\bdet kan jeg ikke bruge\b|\bdet er (jo )?forkert\b|"
    r"\bdet giver (jo )?ikke (nogen )?mening\b",
    r"\b(i'?m|i am) asking (about|a simple|you|for)\b|\bsimple question\b|"
    r"\bi asked (when|what|how|where|why|for)\b|"
    r"\bdo you (even )?(understand|read) (what i|me|my)\b|\bare you (even )?(reading|listening)\b|"
    r"\bforstår du (overhovedet |slet |virkelig )?(ikke )?hvad jeg (skriver|siger|mener|spørger)\b|"
    r"\bjeg (spørger|spurgte) (jo |bare |om |hvornår|hvad|hvor)|"
    r"^\W*(fantastisk|perfekt|super|great|perfect|wonderful|brilliant|lovely)[.!]+\s+(så|so)\b|"
    r"\b(i )?expected (better|more)\b|\byou (literally |just )+(said|offered|told|wrote)\b|"
    r"\b(havde|har) forventet (mere|bedre)\b|\bdu (har )?(jo )?lige (tilbudt|sagt|skrevet)\b",
    # Sarcastic thanks for an answer that missed: praise words no calm customer uses this way.
    r"\b(genius|brilliant help|exactly what i (wanted|needed|asked for)|(would )?never have thought of that|"
    r"oh,? great,|oh,? wonderful|oh,? perfect|oh,? brilliant|yeah,? right|thanks for nothing|"
    r"(so|very|really|super|real|meget|vildt|virkelig) (helpful|useful|hjælpsom\w*|brugbar\w*)\W+not)\b",
    r"\b(geniale?|genialt|det havde jeg aldrig tænkt på|vældig meget|så sød at sige|tak for det geniale|"
    r"nå,? tak for det)\b",
    r"\bnever (would'?ve|would have|could'?ve|could have) (thought|guessed|figured)\b|"
    r"\bdet havde jeg aldrig (selv )?(fundet på|tænkt på|regnet ud|gættet)\b",
    # Having to spell it out: "how much simpler can I make it", "jeg kan ikke skrive det tydeligere".
    r"\bhow (much )?(simpler|clearer|plainer|more clearly|else) (can|do|should|must) i (make|put|say|write|"
    r"explain|ask)\b|\bi can'?t (make|put|say|write|explain) it (any )?(simpler|clearer|more clearly|"
    r"plainer)\b|"
    r"\bhvor (meget )?(tydeligere|enklere|klarere) kan jeg (skrive|sige|forklare)\b|"
    r"\bjeg kan ikke (skrive|sige|forklare) det (mere tydeligt|tydeligere|enklere|klarere)\b",
    # The answer is no news: "that's why I'm asking", "which I knew", "I've done everything you said".
    r"\bthat'?s (exactly |precisely )?why i'?m (asking|writing|here|contacting you)\b|"
    r"\bwhich i (already )?knew\b|"
    r"\bthat'?s what i'?ve been (saying|telling you|asking)\b|"
    r"\bi'?ve done (everything|all|exactly what) (you|everyone|they|it|your \w+) (said|told me|asked)\b|"
    r"\bdet er (netop |præcis |lige præcis |jo )?derfor jeg (skriver|spørger|henvender mig)\b|"
    r"\bdet vidste jeg (jo )?(godt|allerede)\b|\bdet er (jo )?det jeg (har sagt|siger|har skrevet|skriver)\b|"
    r"\bjeg har gjort (alt|præcis det) (hvad )?(i|du|de) (har )?(sagt|bedt om|skrev)\b",
)

# Giving up on the answer: "forget it", "why do I bother", "så må jeg vel bare ...". Calm after a
# helpful answer ("never mind, I'll wait"), so ``signals`` weighs it by what the bot did before.
RESIGNED = _any(
    r"^\W*(oh,? )?(forget it|never ?mind|don'?t bother|glem det|pyt med det|lad (det )?(bare )?være|"
    r"ligegyldigt|lige meget|whatever|skidt med det)\b|\b(forget it|glem det)\W*$",
    r"\b(why|don'?t know why) (do )?i (even )?bother\b|\bhvorfor gider jeg\b",
    r"\b(i'?ll|i will|i) (just )?(have to|has to|got to|gotta|must)\b[^.?!]{0,60}\b(i suppose|i guess)\b|"
    r"\b(assume|guess|suppose|accept)\b[^.?!]{0,30}\b(money|it)('s| is| are)? (just )?(gone|lost)\b",
    r"\bså må jeg vel\b|\bså (er|var) (de )?penge(ne)? (vel |bare )?(væk|tabt)\b|"
    r"\bjeg (må|skal) vel (bare )?(regne med|acceptere|leve med)\b",
    r"\b(i'?ll|i guess i'?ll|guess i'?ll|i can|i might as well) (just )?(write|kiss)\b[^.?!]{0,25}\b(off|"
    r"goodbye)\b|"
    r"\b(se langt efter|vinke farvel til|skyde en hvid pind efter)\b|"
    r"\bså (kan|må) jeg (jo |vel |vist )?(bare )?(glemme|opgive)\b",
)

# Saying outright that this is not the first attempt: a strong sign of friction.
REPEAT_CLAIM = _any(
    r"\b(second|third|fourth|fifth|2nd|3rd|4th|5th|\d+(st|nd|rd|th)?)\s+time\b",
    r"\b(again and again|over and over|for the last time|how many times|keep asking|asked (you )?before|"
    r"already asked|asking again|once again|(two|three|four|five|several|many|\d+) times)\b",
    r"\b(anden|tredje|fjerde|femte|\d+\.)\s+gang\b",
    r"\b(second|third|fourth|fifth)\s+(\w+\s+){1,2}(this|in a|in one)\s+(week|month|year)\b",
    r"\b(igen og igen|hvor mange gange|spurgt før|allerede spurgt|skrevet før|for sidste gang|"
    r"(to|tre|fire|fem|flere|mange) gange)\b",
    r"\b(i('ve| have) (already )?(asked|written|explained|told you)( this| that| about this)? "
    r"(before|already|earlier|twice)|yet again|still the same (answer|reply|thing)|same answer again)\b",
    r"\b(jeg har (allerede |jo )?(spurgt|skrevet|forklaret)( om)?( det| dette)? (før|allerede|tidligere)|"
    r"endnu en gang|atter en gang|samme svar igen)\b",
)

PROFANITY = _any(
    r"\b(fuck\w*|f\*+k\w*|shit\w*|crap|bullshit|damn\w*|goddamn\w*|bloody|wtf|ffs|bitch\w*|"
    r"asshole\w*|bastard\w*|piss\w*|dick|idiot\w*|stupid|moron\w*|dumbass|screw you|sucks|f\*+\w*|sh\*+t|"
    r"the hell|hell is|go to hell)\b",
    r"\b(fanden|fandens|fandme|satan|satans|lort|lorte\w*|pis|pisse\w*|idiot\w*|idioter|dum|dumme|"
    r"helvede|for helvede|kraftedeme|skide\w*|røvhul\w*|møg\w*|elendig\w*)\b",
)

# Frustration keywords that AFINN misses or scores weakly; used as tone features and rules.
COMPLAINT = _any(
    r"\b(ridiculous|unacceptable|not acceptable|outrageous|disgrace\w*|joke|pathetic|fed up|sick of|tired of|"
    r"had enough|enough is enough|i give up|worst|terrible|horrible|awful|lousy|furious|angry|annoyed|"
    r"annoying|"
    r"frustrat\w*|disappointed|disappointing|complain\w*|rip.?off|ripped off|incompetent|"
    r"nobody (helps|answers|cares|is here)|no one (helps|answers|cares|is here)|"
    r"still (not|no|nothing|waiting)|"
    r"never again|waste of (my )?time|wasted|unbelievable|absurd|insane|nonsense|rubbish|garbage|hopeless|"
    r"disgusting|shameful|shame on you|are you (kidding|serious)|kidding me|thanks for nothing|"
    r"how hard can it be|can't believe|cannot believe|sick and tired|pissed|"
    + _LAWYER_EN
    + r"|going to report|"
    r"take my business elsewhere|ombudsman|trustpilot|bad review)\b",
    # Threats to leave or act: a declared intention, not a "how do I cancel?" question.
    r"\b(i'?m going to|i'?ll|i will|gonna|i'?m about to)\s+((cancel|close) (my|the) (account|subscription|"
    r"contract|membership)|leave (you|your)|quit|report you|sue|complain|take this further)\b",
    r"(\bseriously|\bhello|\bcome on|\bwhy)\s*\?{2,}|\b(hello|anyone there)\?+",
    r"\b(uacceptabel\w*|ikke i orden|ikke okay|utilfreds|skuffet|skuffende|frustreret|frustrerende|sur|vred|"
    r"irriteret|irriterende|latterlig\w*|til grin|klage\w*|elendig\w*|håbløs\w*|frækt|uhørt|skandal\w*|"
    r"træt af|dårlig\w* (service|kundeservice)|ingen svarer|ingen hjælper|ingen hjælp|"
    r"stadig (ikke|intet|ingen)|"
    r"spild af (min )?tid|helt ærligt|nu er det nok|jeg giver op|gider ikke|hvad laver i|tak for ingenting|"
    r"pinligt|skammeligt|katastrof\w*|uduelig\w*|tåbelig\w*|idiotisk\w*|vanvittig\w*|sindssyg\w*|"
    r"løgn|lyver|" + _LAWYER_DA + r"|forbrugerklage|hvor svært kan det være|"
    r"hvor længe skal jeg vente|venter (stadig|endnu)|forbrugerombudsmand\w*|trustpilot|dårlig anmeldelse|"
    r"så (opsiger|lukker|går|melder) jeg|så skifter jeg (bank|selskab|udbyder)|"
    r"jeg skifter (bank|selskab|udbyder))\b",
    # "This is a scam" is a complaint; "I was scammed" is a calm report of a fact.
    r"\b(this is|that's|that is|it's|you are|you're) (a |an |such a )?(scam|fraud|con|rip.?off)\b|"
    r"\byou (scammed|cheated|ripped off|robbed) me\b|\bdet er (jo )?(et |en )?(svindel|fupnummer|snyd)\b",
    # Threats and ultimatums, and waiting stated in words.
    r"\b(i'?m|i am) (so )?(done|finished) (with|being)\b|\b(i'?m|i am) (cancelling|canceling|closing|"
    r"leaving|switching)"
    r"[^.?!]{0,40}\b(if|unless)\b|\b(opsiger|lukker|skifter|forlader)\b[^.?!]{0,40}\bhvis (det|i) ikke\b",
    r"\b(it'?s been|i'?ve been waiting|been waiting|waited)\s+(for\s+)?(over |more than |almost |nearly )?"
    r"(\d+|half an|an|one|two|three|four|five|several|many)\s+(minutes?|mins?|hours?|days?|weeks?|months?)\b",
    r"\bis (any|some)(one|body) (actually |even )?(looking|reading|listening|there|working)\b",
    r"\b(det har|jeg har) (nu )?(varet|taget|været sådan|ventet)\s+(i\s+)?(over |mere end |næsten )?"
    r"(\d+|en|et|halv|to|tre|fire|fem|flere|mange|et halvt)\s*(halv\w*\s+)?"
    r"(minut\w*|time\w*|dag\w*|uge\w*|måned\w*|år)\b",
    r"\b(læser|kigger) (der )?(nogen|overhovedet nogen)\b",
    r"\b(rude|impolite|unprofessional|hung up on me|uhøflig\w*|uprofessionel\w*|lagde på|smækkede røret)\b",
    r"\b(værst\w*|elendigste|ringeste|not even (a|an) (sorry|apology|reply|answer)|"
    r"ikke engang (en|et) (undskyldning|svar|beklager))\b",
    r"\bfor (god'?s|christ'?s|heaven'?s|pete'?s|fuck'?s|crying out loud) sake\b|\bfor crying out loud\b|"
    r"\b(for pokker|for søren|for fa'en|herregud altså|gud altså)\b|"
    r"\b(seriøst|hallo|hva)\s*\?+|^\W*(seriøst|seriously|really)\W*$",
    # Everyday complaint families missing above.
    r"\b(not good enough|(this|that|it) is not (ok|okay)|poor service|shocking|appalling|dreadful|nightmare|"
    r"taking forever|takes forever|(i've|i have) had (it|enough)|"
    r"(why is|is it (really|that)) (it |this )?so (hard|difficult)|is it really that (hard|difficult)|"
    r"(spent|wasted) (the )?(whole|all|entire|my whole)( \w+)? (day|morning|afternoon|evening|weekend)|"
    r"still (haven't|have not|hasn't|has not|don't|do not)|nobody has (replied|answered|called)|"
    r"too much to ask|not (being )?taken seriously|feel (ignored|cheated|fobbed off)|"
    r"losing (my )?patience|(running|run) out of patience|patience is (wearing|running) (thin|out)|"
    r"what am i supposed to do|(done|finished) with you|"
    r"no one has (replied|answered|called)|no (reply|response|answer) (yet|at all|from you))\b",
    # A promise not kept, a demand made formally, a verdict on the service, exasperation in one word.
    r"\b((no ?one|nobody) has (contacted|rung|phoned|got back|gotten back|been in touch)|"
    r"(never|didn't|did not|hasn't|has not|haven't) (called|call|rang|ring|phoned|got|gotten|come|"
    r"came) (me )?back|"
    r"i expect (a |an )?(written |formal |full |proper )?(reply|response|answer|apology|explanation)|"
    r"false advertising|misleading|mis-?sold|what a (shambles|farce|mess)|"
    r"(this|that|it)('s| is)( actually| just| honestly)?( so| really)? (dumb|daft|trash|a farce|"
    r"a shambles))\b|"
    r"(^|[.!?]\s+)(oh )?(come on|seriously|are you serious)\s*[.!?]",
    r"\b(ingen har (\w+ )?(kontaktet|ringet|svaret|skrevet|vendt tilbage)|(ringede|vendte) aldrig( tilbage)?|"
    r"har aldrig ringet|jeg forventer (et |en )?(skriftligt |skriftlig |ordentligt )?(svar|undskyldning|"
    r"forklaring)|"
    r"falsk markedsføring|vildledende|(så|totalt|helt) (trash|crap)|"
    r"der er (nu )?gået (over |mere end )?(\d+|to|tre|fire|fem|seks|flere|mange) (dage|uger|måneder)|"
    r"(siddet|stået|hængt|ventet) (her )?(i|i over|i mere end) (en halv time|en time|\d+ minutter|"
    r"\d+ timer))\b|"
    r"(^|[.!?]\s+)seriøst\s*[.!?]",
    r"\b((det er )?(simpelthen )?for dårligt|ikke godt nok|(jeg har )?fået nok|noget rod|evigheder|"
    r"(hvorfor|er det (virkelig|da|seriøst)) så (svært|besværligt)|hvad (sker|foregår) der|"
    r"hvorfor sker der ikke noget|"
    r"har (stadig|endnu) ikke (fået|hørt|modtaget)|ingen (reaktion|svar fra jer)|så træt af|"
    r"for meget (at forlange|forlangt)|ikke taget seriøst|føler mig (ignoreret|snydt|til grin|overset)|"
    r"(mister|miste) (tålmodigheden|min tålmodighed)|tålmodighed\w* (er )?(ved at )?(slippe|sluppet|rinde|"
    r"rendt) (op|ud)|"
    r"løber tør for tålmodighed|hvad (skal|forventer i at) jeg (så )?(gøre|stille op)|"
    r"(færdig|færdige) med jer|gider (jeg )?(snart |altså |virkelig )?ikke( mere)?|"
    r"brugt hele (dagen|formiddagen|eftermiddagen|aftenen|weekenden|morgenen))\b",
)

# Threats to leave, review, complain officially or go to law: stronger than annoyance, so a
# feature of their own ("cancel my subscription" as a question is not one: it needs an intent).
THREAT = _any(
    r"\b(trustpilot|bad review|(post|write|share) (this|it|about this) (on|online|everywhere)|social media|"
    r"the press|"
    + _LAWYER_EN
    + r"|(go|going|went) to the (papers|newspapers|media|news)|newspapers?|journalists?|"
    r"sue you|legal action|small claims|ombudsman|"
    r"consumer (council|authority|rights)|"
    r"(take|taking) my (business|money|custom) elsewhere|(switch|switching|move|moving) to (a |another )?"
    r"(competitor|another (bank|provider|company))|report you|file a (formal )?complaint)\b",
    r"\b(i wish to|i want to|i'?d like to|i would like to|i will|i'?ll|i'?m going to|i am going to|"
    r"i intend to)\s+"
    r"(make|lodge|file|register|submit|raise)\s+(a\s+)?(formal |official |written )complaint\b|"
    r"\b(move|moving|take|taking|put|putting|transfer|transferring) (my|our|all my|all our) (\w+ )?(business|"
    r"money|custom|savings|accounts?|pension|mortgage|salary|loans?)( \w+)? elsewhere\b|"
    r"\b(if not|otherwise|or else),? (i'?ll|i will|i'?m going to|we'?ll|we will)\b|"
    r"\bthe regulator\b|\bcomplaints? board\b|\bfinanstilsyn\w*|\bhvis ikke,? (så )?(flytter|skifter|"
    r"opsiger|klager)\b|"
    r"\b(flytter|tager) (jeg |vi )?(mine|min|mit|vores|alle mine) \w+ (et andet sted|andetsteds|"
    r"andre steder)\b",
    r"\b(or|otherwise|else) (i'?ll|i will|i'?m going to|i am going to)\b|"
    r"\b(i'?ll|i will|i'?m going to) [^.?!]{0,30}\b(if|unless) (i|you) (don't|do not|doesn't|can't|won't)\b",
    r"\b(trustpilot|dårlig anmeldelse|anmeldelse|sociale medier|pressen|aviserne|"
    + _LAWYER_DA
    + r"|forbrugerombudsmand\w*|"
    r"forbrugerklage\w*|ankenævn\w*|klage over jer|politianmeld\w*|"
    r"(så |ellers )(opsiger|lukker|skifter|går|melder|klager) jeg(?!\s*,?\s*(tak|thanks)\b)|"
    r"skifter (til en anden|bank|selskab|udbyder))\b",
    r"\b(i'?m|i am|i'?ll|i will|gonna|going to|then i|jeg)\s+(just\s+)?(moving|move|switching|switch|taking|"
    r"take|"
    r"flytter|skifter|tager)\b[^.?!]{0,40}\b(another|a different|anden|andet|en ny)\s+(bank|provider|udbyder|"
    r"selskab)\b|"
    r"\b(flytter|skifter|lukker|opsiger) jeg\b[^.?!]{0,40}\b(anden|andet|ny) (bank|udbyder|selskab)\b|"
    r"\b(post|posting|write|writing|tell|telling) (about )?(it|this|that)( \w+)? (everywhere|all over|"
    r"online)\b|"
    r"\bskriver (jeg )?om det (på|over alt|alle steder)\b|\w+ankenævn\w*|"
    r"\b(unless|if) you\b[^.?!]{0,50}\b(i'?m|i am|i'?ll|i will)\s+(closing|close|cancelling|canceling|cancel|"
    r"leaving|"
    r"leave|switching|switch|moving|move|taking|take)\b|"
    r"\b(ellers|eller også) (skifter|opsiger|klager|går|ringer)\b|\bhvis (i|jeg) ikke[^.?!]{0,40}\b"
    r"(så )?(opsiger|skifter|klager|anmelder|skriver)\b",
)


# Later rounds' families (rounds seven to eleven) live in their own modules: threats and complaints in
# ``escalation_phrases``, rejected answers and giving up in ``rejections``. Each extends its table here,
# after the base families and in round order, so the phrase reported is the base table's when both match.
def _extended(base: re.Pattern[str], more: tuple[str, ...]) -> re.Pattern[str]:
    return _any(base.pattern, *more)


THREAT = _extended(THREAT, escalation_phrases.THREAT)
ANSWER_REJECTED = _extended(ANSWER_REJECTED, rejections.ANSWER_REJECTED)
COMPLAINT = _extended(COMPLAINT, escalation_phrases.COMPLAINT)
RESIGNED = _extended(RESIGNED, rejections.RESIGNED)

_CANCELLED_BY = re.compile(r"\b(not|never|no|if|whether|ikke|aldrig|ingen|hvis)\s+(\w+\s+)?$")


def matches(pattern: re.Pattern[str], text: str) -> str | None:
    """The matched phrase of ``pattern`` in ``text`` (lower-cased), or ``None``.

    A match right after a negation or a condition ("I'm not angry", "if that doesn't work")
    does not count: it describes what the customer is not, or might be, feeling.
    """
    lower = text.lower()
    for m in pattern.finditer(lower):
        if not _CANCELLED_BY.search(lower[max(0, m.start() - 20) : m.start()]):
            return m.group(0).strip()
    return None


_STRESSED = re.compile(
    r"\b(IS|ARE|HAVE|HAS|DID|DO|DOES|NOT|NEVER|STILL|AM|WAS|WERE|NO|ALREADY|CAN'?T|WON'?T|DON'?T|DIDN'?T|"
    r"ER|HAR|IKKE|ALDRIG|STADIG|SKAL|VIL|KAN|GJORDE|ALLEREDE|ALLE|INGEN|SLETTE|ER DEN|"
    r"FULL|WHOLE|ENTIRE|BOTH|TWICE|WRONG|EVERY|NOTHING|NOBODY|HELE|BEGGE|FORKERT|INTET|INGENTING)\b"
)


def shouting(text: str) -> float:
    """How much a message shouts, 0..1: the share of capital letters plus a bonus for '!!'."""
    letters = [ch for ch in text if ch.isalpha()]
    caps = sum(ch.isupper() for ch in letters) / len(letters) if len(letters) >= 8 else 0.0
    # Ignore normal sentence capitalisation; a long message mostly in capitals shouts.
    caps_part = max(0.0, (caps - 0.3) / 0.5)
    bang = 0.5 if re.search(r"[!?]{3,}|!!", text) else 0.0
    # One stressed word in capitals ("I DID pay", "jeg HAR betalt") is a raised voice too.
    stress = 0.5 if caps_part == 0.0 and _STRESSED.search(text) else 0.0
    return min(1.0, caps_part + bang + stress)
