"""CreditCardRecognizer and IbanRecognizer: tables of positives and look-alikes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import iban as std_iban

from veil.detect._scan import skeleton
from veil.detect.allowlist import AllowList
from veil.detect.base import Context
from veil.detect.checksums import luhn_check_digit
from veil.detect.payment import CreditCardRecognizer, IbanRecognizer, card_brand

CARD = CreditCardRecognizer()
IBAN = IbanRecognizer()


def card(prefix: str, length: int, fill: str = "7") -> str:
    """A Luhn-valid number of ``length`` digits starting with ``prefix``."""
    body = (prefix + fill * length)[: length - 1]
    return body + luhn_check_digit(body)


def group(digits: str, sizes: tuple[int, ...], sep: str = " ") -> str:
    out, i = [], 0
    for n in sizes:
        out.append(digits[i : i + n])
        i += n
    return sep.join(out)


def found(rec, text: str, threshold: float = 0.5) -> list[tuple[str, str]]:
    ctx = Context(text)
    return [(s.text, s.label) for s in rec.analyze(text, ctx) if s.score >= threshold]


VISA16 = card("4539", 16)
VISA13 = card("4024", 13)
VISA19 = card("4131", 19)
MC = card("5425", 16)
MC2 = card("2297", 16)
AMEX = card("3714", 15)
DISCOVER = card("6011", 16)
DISCOVER65 = card("6525", 16)
DINERS = card("3056", 14)
JCB = card("3566", 16)
JCB15 = card("1800", 15)
UNIONPAY = card("6212", 19)
MAESTRO12 = card("6304", 12)
MIR = card("2201", 16)

CARD_POSITIVES = [
    # (text, the card as written, brand)
    (f"My card {VISA16} is expiring", VISA16, "visa"),
    (f"visa: {group(VISA16, (4, 4, 4, 4))}.", group(VISA16, (4, 4, 4, 4)), "visa"),
    (f"card {group(VISA16, (4, 4, 4, 4), '-')}", group(VISA16, (4, 4, 4, 4), "-"), "visa"),
    (f"Please block card no {VISA13}", VISA13, "visa"),
    (f"credit card {VISA19} lost", VISA19, "visa"),
    (f"{group(VISA19, (4, 4, 4, 4, 3))} is my card", group(VISA19, (4, 4, 4, 4, 3)), "visa"),
    (f"Paid with {MC}.", MC, "mastercard"),
    (f"Paid with {group(MC2, (4, 4, 4, 4))}", group(MC2, (4, 4, 4, 4)), "mastercard"),
    (f"amex {group(AMEX, (4, 6, 5))}", group(AMEX, (4, 6, 5)), "amex"),
    (f"charge {AMEX} please", AMEX, "amex"),
    (f"cc {DISCOVER}", DISCOVER, "discover"),
    (f"The number {DISCOVER65} was declined", DISCOVER65, "discover"),
    (f"diners {group(DINERS, (4, 6, 4))}", group(DINERS, (4, 6, 4)), "diners"),
    (f"card {DINERS}", DINERS, "diners"),
    (f"jcb {JCB}", JCB, "jcb"),
    (f"What is the limit for card {JCB15}?", JCB15, "jcb"),
    (f"unionpay card {UNIONPAY}", UNIONPAY, "unionpay"),
    (f"maestro card {MAESTRO12}", MAESTRO12, "maestro"),
    (f"card {group(MAESTRO12, (4, 4, 4))}", group(MAESTRO12, (4, 4, 4)), "maestro"),
    (f"Mir card {MIR}", MIR, "mir"),
    ("card 060426070011 please", "060426070011", "maestro"),
    # CVV / expiry after the number do not break it
    (f"{group(VISA16, (4, 4, 4, 4))} 123 12/27", group(VISA16, (4, 4, 4, 4)), "visa"),
    # a card word wins over a reference word
    (f"Refund ref to card {VISA16}", VISA16, "visa"),
    (f"({VISA16})", VISA16, "visa"),
]


@pytest.mark.parametrize(("text", "value", "brand"), CARD_POSITIVES)
def test_card_positives(text: str, value: str, brand: str) -> None:
    spans = list(CARD.analyze(text, Context(text)))
    assert [(s.text, s.label) for s in spans if s.score >= 0.5] == [(value, "CREDIT_CARD")]
    assert spans[0].attrs["brand"] == brand
    assert text[spans[0].start : spans[0].end] == value


def test_card_without_context_is_flagged_when_long() -> None:
    text = f"plain text {VISA16} here"
    assert found(CARD, text) == [(VISA16, "CREDIT_CARD")]


def test_card_context_raises_score() -> None:
    bare = next(iter(CARD.analyze(f"x {VISA16} y", Context(f"x {VISA16} y"))))
    text = f"my visa {VISA16}"
    with_ctx = next(iter(CARD.analyze(text, Context(text))))
    assert with_ctx.score > bare.score


CARD_NEGATIVES = [
    "test card 4111 1111 1111 1111",  # published test numbers
    "stripe 4242424242424242",
    "amex test 378282246310005",
    f"card {VISA16[:-1]}{(int(VISA16[-1]) + 1) % 10}",  # Luhn-invalid
    f"id 9{VISA16}0",  # inside a longer digit run
    f"token x{VISA16}",  # glued to letters
    f"{VISA16}abc",
    f"call +{VISA13}",  # phone-like
    f"pi is 3.{VISA16}",  # decimals
    f"Order #{VISA16} shipped",  # reference word, no card word
    f"Invoice number: {MC}",
    f"tracking no. {group(VISA16, (4, 4, 4, 4))}",
    f"Ticket {DISCOVER} closed",
    f"IMEI {card('3566', 15)}",  # 15 digits starting 35: not a JCB length
    f"number {card('9999', 16)}",  # no issuer
    "ISBN 978-3-16-148410-0",
    "ISBN 9783161484100",
    "call +1 415 555 2671 or 0044 20 7946 0958",
    "on 2024-11-03 at 12:30",
    "version 4.12.1 build 2024.11.3",
    f"number {MAESTRO12} alone",  # 12 digits without card words: below threshold
    "1234 5678 9012 3456 7890",  # grouped 20 digits
    "",
]


@pytest.mark.parametrize("text", CARD_NEGATIVES)
def test_card_negatives(text: str) -> None:
    assert found(CARD, text) == []


def test_user_test_cards_and_allow_values() -> None:
    text = f"card {VISA16}"
    allow = AllowList.build(test_cards=[VISA16])
    assert list(CARD.analyze(text, Context(text, allow=allow))) == []
    allow = AllowList.build(values=[VISA16])
    assert list(CARD.analyze(text, Context(text, allow=allow))) == []


@pytest.mark.parametrize(
    ("digits", "brand"),
    [
        ("4111111111111111", "visa"),
        ("5555555555554444", "mastercard"),
        ("2223003122003222", "mastercard"),
        ("378282246310005", "amex"),
        ("6011111111111117", "discover"),
        ("30569309025904", "diners"),
        ("3530111333300000", "jcb"),
        ("6200000000000005", "unionpay"),
        ("6759649826438453", "maestro"),
        ("37828224631000", None),  # amex prefix, wrong length
        ("4111111111111", "visa"),
        ("41111111111111", None),  # visa prefix, 14 digits
        ("0123456789012", None),
    ],
)
def test_card_brand(digits: str, brand: str | None) -> None:
    assert card_brand(digits) == brand


# ---------------------------------------------------------------- IBAN

IBAN_POSITIVES = [
    ("My IBAN is GB82WEST12345698765432", "GB82WEST12345698765432", "GB"),
    ("IBAN: GB82 WEST 1234 5698 7654 32.", "GB82 WEST 1234 5698 7654 32", "GB"),
    ("my iban is gb42nawi04454264788619", "gb42nawi04454264788619", "GB"),
    ("Konto DE89 3704 0044 0532 0130 00 bei", "DE89 3704 0044 0532 0130 00", "DE"),
    ("(FR1420041010050500013M02606)", "FR1420041010050500013M02606", "FR"),
    ("send to NL91ABNA0417164300, thanks", "NL91ABNA0417164300", "NL"),
    ("NO9386011117947", "NO9386011117947", "NO"),
    ("MT84MALT011000012345MTLCAST001S", "MT84MALT011000012345MTLCAST001S", "MT"),
    ("pay BE68 5390 0754 7034 today", "BE68 5390 0754 7034", "BE"),
    # exactly the country's length is taken; the next group is not part of it
    ("GB82 WEST 1234 5698 7654 32 1234", "GB82 WEST 1234 5698 7654 32", "GB"),
]


@pytest.mark.parametrize(("text", "value", "country"), IBAN_POSITIVES)
def test_iban_positives(text: str, value: str, country: str) -> None:
    spans = list(IBAN.analyze(text, Context(text)))
    assert [(s.text, s.label) for s in spans] == [(value, "IBAN")]
    assert spans[0].attrs["country"] == country
    assert spans[0].score >= 0.9
    assert std_iban.is_valid(value, check_country=False)


IBAN_NEGATIVES = [
    "IBAN GB83WEST12345698765432",  # wrong check digits
    "IBAN GB82WEST12345698765433",  # changed digit
    "IBAN GB82WEST1234569876543",  # too short
    "IBAN GB82WEST123456987654321",  # too long (continues)
    "IBAN XX82WEST12345698765432",  # unknown country
    "IBAN ZGB82WEST12345698765432",  # glued to a letter
    "IBAN GB82WEST12345698765432X",
    "IBAN GB82-WEST-1234-5698-7654-32",  # dashes are not a grouping we read
    "Order AB12 3456 7890 1234 5678 shipped",
    "sha256 abc123def456abc123def456",
    "version 4.12.1 and 2.1% up",
    "",
]


@pytest.mark.parametrize("text", IBAN_NEGATIVES)
def test_iban_negatives(text: str) -> None:
    assert list(IBAN.analyze(text, Context(text))) == []


# ---------------------------------------------------------------- adversarial

ADVERSARIAL = [
    "4" * 100_000,
    "4111 " * 20_000,
    "4111-" * 20_000,
    "4111 1111 " * 10_000,
    "1" * 15 + " " + "2" * 4 + " ",
    ("4111 1111 1111 1111 " * 5_000),
    "GB82" * 25_000,
    "GB82 " * 20_000,
    "GB82WEST" * 12_500,
    "A1" * 50_000,
    "AA00 " * 20_000,
    "0 " * 50_000,
    "9" * 50_000 + "a" * 50_000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_adversarial_inputs_complete(text: str) -> None:
    ctx = Context(text)
    for rec in (CARD, IBAN):
        for span in rec.analyze(text, ctx):
            assert 0 <= span.start < span.end <= len(text)


# ---------------------------------------------------------------- benchmark


@pytest.mark.parametrize(("rec", "gold_label"), [(CARD, "CREDIT_CARD"), (IBAN, "IBAN_CODE")])
def test_presidio_synth_benchmark(shared_data_dir: Path, rec, gold_label: str) -> None:
    """Recall >= 0.98 and precision >= 0.95 on the gold spans of the synthetic set."""
    synth = shared_data_dir / "presidio-synth" / "synth_dataset_v2.json"
    if not synth.exists():
        pytest.skip("presidio-synth data not available")
    records = json.loads(synth.read_text(encoding="utf-8"))
    gold_n = tp = fp = missed = 0
    for record in records:
        text = record["full_text"]
        gold = [
            (g["start_position"], g["end_position"])
            for g in record["spans"]
            if g["entity_type"] == gold_label
        ]
        preds = [s for s in rec.analyze(text, Context(text)) if s.score >= 0.5]
        gold_n += len(gold)
        missed += sum(not any(p.start < e and s < p.end for p in preds) for s, e in gold)
        for p in preds:
            if any(p.start < e and s < p.end for s, e in gold):
                tp += 1
            else:
                fp += 1
    assert gold_n > 0
    assert (gold_n - missed) / gold_n >= 0.98
    assert tp / max(1, tp + fp) >= 0.95


SOUP = st.lists(
    st.sampled_from(
        [p[1] for p in CARD_POSITIVES]
        + [p[1] for p in IBAN_POSITIVES]
        + ["0", "12", "1234", "-", " ", ".", "+", "A", "x", "GB82", "card ", "order "]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(SOUP)
def test_gates_never_hide_candidates(text: str) -> None:
    """The cheap per-text gate only skips texts where the full scan finds nothing."""
    ctx = Context(text)
    sk = skeleton(ctx)
    for rec in (CARD, IBAN):
        gated = rec.analyze(text, ctx)
        ungated = list(rec._scan(text, ctx, sk))
        assert [(s.start, s.end) for s in gated] == [(s.start, s.end) for s in ungated]
        for s in gated:
            assert text[s.start : s.end] == s.text


def test_analyzer_resolves_card_against_id_look_alikes() -> None:
    """With all number recognizers together, card context decides for the card."""
    from veil.detect.analyzer import Analyzer
    from veil.detect.documents import document_recognizers
    from veil.detect.national_id import national_id_recognizers
    from veil.detect.national_id.us import UsSsnRecognizer

    analyzer = Analyzer(
        [CARD, IBAN, UsSsnRecognizer(), *national_id_recognizers(), *document_recognizers()]
    )
    for text, value in [
        (f"What is the limit for card {JCB15}?", JCB15),  # 15 digits starting with 1
        (f"card {group(MAESTRO12, (4, 4, 4))}", group(MAESTRO12, (4, 4, 4))),  # Aadhaar shape
    ]:
        assert [(s.text, s.label) for s in analyzer.analyze(text)] == [(value, "CREDIT_CARD")]
