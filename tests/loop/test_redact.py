import pytest

from replydesk.loop.redact import find_personal_data, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cards: 13-19 digits, spaces or dashes, Luhn-valid
        ("my card 4111 1111 1111 1111 was declined", "my card <CARD> was declined"),
        ("card 4111-1111-1111-1111.", "card <CARD>."),
        ("amex 378282246310005 please", "amex <CARD> please"),
        ("old visa 4222222222222", "old visa <CARD>"),
        ("mit kort 5500 0000 0000 0004 virker ikke", "mit kort <CARD> virker ikke"),
        # IBANs, Danish and foreign, compact, grouped and lower case
        ("send it to DK5000400440116243 now", "send it to <IBAN> now"),
        ("min konto: DK50 0040 0440 1162 43 OK?", "min konto: <IBAN> OK?"),
        ("iban gb82 west 1234 5698 7654 32", "iban <IBAN>"),
        # e-mail addresses, with Danish letters
        ("mail me at ana.jensen+bank@firma.dk.", "mail me at <EMAIL>."),
        ("skriv til søren@æblemost.dk", "skriv til <EMAIL>"),
        # phone numbers: Danish 8 digits, +45 / 0045, international
        ("ring på 20 30 40 50 i morgen", "ring på <PHONE> i morgen"),
        ("tlf. 20304050", "tlf. <PHONE>"),
        ("tlf 2030 4050", "tlf <PHONE>"),
        ("call +45 20 30 40 50", "call <PHONE>"),
        ("call +4520304050 today", "call <PHONE> today"),
        ("ring 0045 20304050", "ring <PHONE>"),
        ("Mit nummer er +45 2030 4050.", "Mit nummer er <PHONE>."),
        ("Ring til mig på tlf.: 20 30 40 50, tak", "Ring til mig på tlf.: <PHONE>, tak"),
        ("my UK number is +44 20 7946 0958", "my UK number is <PHONE>"),
        ("US: +1 (415) 555-2671", "US: <PHONE>"),
        # CPR numbers, with and without dash, date-validated
        ("mit cpr-nr. er 010190-1234", "mit cpr-nr. er <CPR>"),
        ("CPR 0101901234", "CPR <CPR>"),
        ("født 290200-4123", "født <CPR>"),  # 29 Feb 2000 (7th digit 4, year 00 -> 2000)
        ("Mit CPR-nummer: 311285 1234", "Mit CPR-nummer: <CPR>"),
        ("Overfør til konto DK50 0040 0440 1162 43, tak.", "Overfør til konto <IBAN>, tak."),
    ],
)
def test_personal_data_is_replaced_by_typed_tokens(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I was charged 25.00 EUR twice on 2024-11-22",
        "card 4111 1111 1111 1112 typo",  # fails Luhn
        "order 310299-1234 arrived",  # 31 Feb is no date, so no CPR
        "290201-1234 is not a birthday",  # 29 Feb 1901/2001 does not exist
        "my top-up of 100 pounds on 12/03 is missing",
        "DK5000400440116244",  # wrong IBAN check digits
        "What can I do if my card still hasn't arrived after 2 weeks?",
        "Hvorfor er min overførsel på 1.500 kr. ikke kommet frem?",
    ],
)
def test_ordinary_text_is_left_alone(text):
    assert redact(text) == text


def test_several_findings_in_one_message_keep_their_order():
    text = "Jeg hedder Ana, cpr 010190-1234, mail ana@x.dk, kort 4111111111111111, ring 20304050"
    assert redact(text) == "Jeg hedder Ana, cpr <CPR>, mail <EMAIL>, kort <CARD>, ring <PHONE>"
    assert [f.kind for f in find_personal_data(text)] == ["CPR", "EMAIL", "CARD", "PHONE"]


def test_an_iban_is_not_also_counted_as_a_card_or_phone():
    findings = find_personal_data("DK50 0040 0440 1162 43")
    assert [(f.kind, f.start, f.end) for f in findings] == [("IBAN", 0, 22)]


def test_redaction_is_idempotent():
    once = redact("card 4111111111111111, +45 20304050, a@b.dk")
    assert redact(once) == once
