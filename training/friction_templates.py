"""English and Danish templates for the synthetic friction conversations (``friction_synth``).

Written for ReplyDesk from the issue's description of frustrated and calm customers; none of it
comes from the conversation test set. ``TOPICS`` holds (question, good answer, unhelpful answer).
"""

TOPICS = {
    "en": [
        (
            "How do I order a new debit card?",
            "You can order a new card in the app under Cards > Order card.",
            "You can see your card details under Cards.",
        ),
        (
            "My card was stolen this morning, what should I do?",
            "Block the card right away in the app under Cards > Block, then order a replacement there.",
            "Our branches are open 9-16 on weekdays.",
        ),
        (
            "I lost my wallet with my cards in it",
            "I'm sorry. You can block each card in the app and order new ones from the same screen.",
            "You can change your PIN at any ATM.",
        ),
        (
            "Where is my refund for order 4471?",
            "Refunds arrive within 5 business days after we receive the "
            "return; you can follow it under My orders.",
            "You can read our refund policy on our website.",
        ),
        (
            "My package hasn't arrived yet, it was due Monday",
            "Deliveries can be delayed 1-2 days; the tracking link in your email shows where it is.",
            "We ship to most countries in Europe.",
        ),
        (
            "How do I change my delivery address?",
            "You can change it under My orders until the order ships.",
            "You can create a new account on our website.",
        ),
        (
            "Why was I charged twice for the same purchase?",
            "The second amount is a reservation and disappears within 3 days.",
            "You can see all payments under Transactions.",
        ),
        (
            "I forgot my password and can't log in",
            "Tap 'Forgot password' on the login page and follow the email we send you.",
            "Passwords must have at least 8 characters.",
        ),
        (
            "My flight was cancelled, how do I get rebooked?",
            "You can rebook for free under My trips > Change.",
            "You can find our timetable under Flights.",
        ),
        (
            "The internet has been down since this morning",
            "Please restart your router; if it is still down, I can book a technician.",
            "You can see our plans under Internet.",
        ),
        (
            "Can I pay my bill by bank transfer?",
            "Yes, use the reference number on your invoice.",
            "Invoices are sent on the 1st of each month.",
        ),
        (
            "Someone used my card for a purchase I didn't make",
            "I'm sorry. Block the card and report the transaction in the app so we can investigate it.",
            "You can set spending limits in the app.",
        ),
    ],
    "da": [
        (
            "Hvordan bestiller jeg et nyt betalingskort?",
            "Du kan bestille et nyt kort i appen under Kort > Bestil kort.",
            "Du kan se dine kortoplysninger under Kort.",
        ),
        (
            "Mit kort blev stjålet i morges, hvad gør jeg?",
            "Spær kortet med det samme i appen under Kort > Spær, og bestil et nyt samme sted.",
            "Vores filialer har åbent 9-16 på hverdage.",
        ),
        (
            "Jeg har mistet min pung med mine kort",
            "Det er jeg ked af. Du kan spærre kortene i appen og bestille nye samme sted.",
            "Du kan skifte din pinkode i enhver automat.",
        ),
        (
            "Hvor er min refusion for ordre 4471?",
            "Refusioner kommer inden for 5 hverdage efter vi har modtaget returneringen.",
            "Du kan læse vores returpolitik på hjemmesiden.",
        ),
        (
            "Min pakke er ikke kommet endnu, den skulle være her mandag",
            "Leveringer kan blive forsinket 1-2 dage; følg pakken via linket i din mail.",
            "Vi sender til de fleste lande i Europa.",
        ),
        (
            "Hvordan ændrer jeg min leveringsadresse?",
            "Du kan ændre den under Mine ordrer indtil ordren er afsendt.",
            "Du kan oprette en ny konto på hjemmesiden.",
        ),
        (
            "Hvorfor er jeg blevet trukket to gange for det samme køb?",
            "Det andet beløb er en reservation og forsvinder inden for 3 dage.",
            "Du kan se alle betalinger under Posteringer.",
        ),
        (
            "Jeg har glemt min adgangskode og kan ikke logge ind",
            "Tryk på 'Glemt adgangskode' og følg mailen vi sender.",
            "Adgangskoder skal have mindst 8 tegn.",
        ),
        (
            "Mit fly blev aflyst, hvordan bliver jeg ombooket?",
            "Du kan ombooke gratis under Mine rejser > Ændr.",
            "Du kan se vores fartplan under Fly.",
        ),
        (
            "Internettet har været nede siden i morges",
            "Genstart din router; hvis det stadig ikke virker, kan jeg booke en tekniker.",
            "Du kan se vores abonnementer under Internet.",
        ),
    ],
}

CALM = {
    "en": [
        "Thanks, that worked!",
        "Great, thank you so much",
        "Ok, I'll try that. Thanks",
        "Perfect, that's all",
        "Sorry, just to be sure: does that also work on weekends?",
        "Got it. And how long does it take?",
        "Sorry if I wasn't clear, I meant the card for my son's account. Same steps?",
        "ok",
        "That's a bit annoying but fine, I'll wait",
        "Found it, thanks for the quick help",
        "Hi, it's {name} again. Thanks for the help earlier, it worked",
        "No problem, have a nice day",
        "A bit disappointing, but I understand. Thanks",
        "My phone was stolen too, so I can't use the app. Can I do it online?",
        "Sorry to ask again, but where exactly do I find that?",
        "I'm not angry, just confused. Where do I click?",
        "Hmm ok, and if that doesn't work?",
        "Thanks {name} here, all good",
    ],
    "da": [
        "Tak, det virkede!",
        "Super, tusind tak",
        "Okay, det prøver jeg. Tak",
        "Perfekt, det var det hele",
        "Undskyld, bare for at være sikker: virker det også i weekenden?",
        "Forstået. Hvor lang tid tager det?",
        "Undskyld hvis jeg var uklar, jeg mente kortet til min søns konto. Samme fremgangsmåde?",
        "ok",
        "Det er lidt ærgerligt, men fint, jeg venter",
        "Fandt det, tak for den hurtige hjælp",
        "Hej, det er {name} igen. Tak for hjælpen før, det virkede",
        "Det var sødt af dig, god dag",
        "Det er lidt træls, men jeg forstår det. Tak",
        "Min telefon blev også stjålet, så jeg kan ikke bruge appen. Kan jeg gøre det på nettet?",
        "Undskyld jeg spørger igen, men hvor finder jeg det præcis?",
        "Hmm okay, og hvis det ikke virker?",
        "Mange tak for hjælpen, I er søde",
        "Tak {name} her, alt er godt",
    ],
}

FRICTION = {
    "en": {
        "rejected": [
            "That doesn't help at all",
            "Not what I asked. Read my question",
            "Useless answer",
            "You already said that, it doesn't answer my question",
            "I already tried that, it didn't work",
        ],
        "repeat_claim": [
            "This is the third time I ask about this",
            "How many times do I have to ask?",
            "I've asked this three times now and still no answer",
        ],
        "profanity": [
            "This is fucking ridiculous",
            "What the hell is wrong with you people",
            "This is bullshit",
            "damn it, just fix my account",
        ],
        "shouting": ["I DID THAT ALREADY!!! IT STILL DOESN'T WORK", "WHERE IS MY MONEY???", "ANSWER ME!!!"],
        "insult": [
            "Are you stupid? I just told you",
            "You are completely incompetent",
            "What a pathetic excuse for customer service",
        ],
        "sarcasm": [
            "Great, another useless answer",
            "Wow, so helpful. Not.",
            "Oh brilliant, the same link again",
        ],
        "angry": [
            "This is unacceptable, I've been waiting for two weeks",
            "I'm really fed up with this",
            "Are you kidding me? Nothing works in your app",
            "I've wasted my whole afternoon on this",
            "Unbelievable. Three weeks and still no card",
            "You people never fix anything",
            "I'm so angry right now, nobody helps me",
            "This is a joke. I'm paying for nothing",
            "I am extremely disappointed with your service",
        ],
        "human": [
            "Can I talk to a human please",
            "agent please",
            "Let me speak to someone real",
            "I want to talk to a person, not a bot",
            "Get me a manager",
        ],
        "waiting": ["hello?? is anyone there", "Still waiting for an answer...", "Hello? Nobody answers"],
        "rising": [
            [
                "Hmm, that didn't really work",
                "It's still not working and I'm getting annoyed",
                "This is ridiculous, nothing works and I've wasted an hour",
            ]
        ],
    },
    "da": {
        "rejected": [
            "Det hjælper slet ikke",
            "Det er ikke det jeg spurgte om. Læs mit spørgsmål",
            "Ubrugeligt svar",
            "Du har allerede sagt det, og det svarer ikke på mit spørgsmål",
            "Jeg har allerede prøvet det, det virker ikke",
        ],
        "repeat_claim": [
            "Det er tredje gang jeg skriver om det her",
            "Hvor mange gange skal jeg spørge?",
            "Jeg har spurgt tre gange nu og har stadig ikke fået svar",
        ],
        "profanity": [
            "Det her er fandme latterligt",
            "Hvad fanden er der galt med jer",
            "Sikke noget lort",
            "For helvede, ret nu min konto",
        ],
        "shouting": [
            "DET HAR JEG JO ALLEREDE GJORT!!! DET VIRKER STADIG IKKE",
            "HVOR ER MINE PENGE???",
            "SVAR MIG NU!!!",
        ],
        "insult": [
            "Er du dum? Jeg har lige skrevet det",
            "I er fuldstændig inkompetente",
            "Sikke en elendig kundeservice",
        ],
        "sarcasm": [
            "Fantastisk, endnu et ubrugeligt svar",
            "Wow, meget hjælpsomt. Not.",
            "Nå, det samme link igen. Tak for ingenting",
        ],
        "angry": [
            "Det er helt uacceptabelt, jeg har ventet i to uger",
            "Jeg er virkelig træt af det her",
            "Seriøst? Intet virker i jeres app",
            "Jeg har spildt hele min eftermiddag på det her",
            "Det er simpelthen for dårligt. Tre uger og stadig intet kort",
            "I får aldrig løst noget",
            "Jeg er så sur lige nu, ingen hjælper mig",
            "Det er til grin. Jeg betaler for ingenting",
            "Jeg er meget skuffet over jeres service",
        ],
        "human": [
            "Jeg vil tale med et menneske",
            "Kan jeg få en medarbejder?",
            "Stil mig videre til en rådgiver",
            "Jeg vil gerne snakke med en rigtig person",
            "Medarbejder tak",
        ],
        "waiting": ["hallo?? er der nogen", "Venter stadig på svar...", "Hallo? Ingen svarer"],
        "rising": [
            [
                "Hmm, det virkede ikke rigtigt",
                "Det virker stadig ikke og jeg er ved at blive irriteret",
                "Det er latterligt, intet virker og jeg har spildt en time",
            ]
        ],
    },
}

# The bot's replies to a calm follow-up: a working bot answers each message anew; only a failing
# one repeats itself (``signals`` reads an answer given twice and not accepted as a rejection).
FOLLOW_UP = {
    "en": [
        "Yes, that's right.",
        "It usually takes 1-2 working days.",
        "Yes, the same steps apply.",
        "Yes, that also works on weekends.",
        "You'll find it under Settings in the app.",
        "Happy to help. Let me know if anything else comes up.",
    ],
    "da": [
        "Ja, det er rigtigt.",
        "Det tager normalt 1-2 hverdage.",
        "Ja, det er den samme fremgangsmåde.",
        "Ja, det virker også i weekenden.",
        "Du finder det under Indstillinger i appen.",
        "Det var så lidt. Skriv endelig, hvis der er mere.",
    ],
}

NAMES = ["Anna", "Mohammed", "Mette", "John", "Sofie", "Lars", "Priya", "Ole"]
