"""PhoneRecognizer: international and national formats, and the numbers it must
leave alone (dates, versions, IPs, money, order numbers, cards, ISBNs...)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veil.detect.allowlist import AllowList
from veil.detect.base import Context
from veil.detect.phone import PhoneRecognizer

REC = PhoneRecognizer()


def found(text: str, ctx: Context | None = None) -> list[str]:
    return [s.text for s in REC.analyze(text, ctx or Context(text))]


POSITIVES = [
    # international
    ("+44 20 7946 0958", "+44 20 7946 0958"),
    ("+1-984-182-0190", "+1-984-182-0190"),
    ("001-518-640-0854", "001-518-640-0854"),
    ("+46 (0)8 928 571 38", "+46 (0)8 928 571 38"),
    ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
    ("+91 98765 43210", "+91 98765 43210"),
    ("0044 20 7946 0958", "0044 20 7946 0958"),
    ("tel:+14155552671", "+14155552671"),
    ("mobile: +49 30 901820", "+49 30 901820"),
    ("+ 44 20 7946 0958", "+ 44 20 7946 0958"),
    # national
    ("905-674-3793", "905-674-3793"),
    ("(579)888-3058", "(579)888-3058"),
    ("(212) 555-0187", "(212) 555-0187"),
    ("07700 063 966", "07700 063 966"),
    ("01.84.17.61.18", "01.84.17.61.18"),
    ("06 12 34 56 78", "06 12 34 56 78"),
    ("Call 020 7946 0958 now", "020 7946 0958"),
    ("call me on 415.555.2671", "415.555.2671"),
    ("(02) 9374 4000", "(02) 9374 4000"),
    # short / odd formats need a phone word nearby
    ("call me: 0490 75 40 81", "0490 75 40 81"),
    ("Phone: 467 3395", "467 3395"),
    ("tel 78 651 450", "78 651 450"),
    ("Fax: 9498777106", "9498777106"),
    ("phone=4155552671", "4155552671"),
    ("Tel.: 030 1234567", "030 1234567"),
    # German area codes set off by " / " (DIN 5008's older form), "Mobil"
    ("Call 030 / 1234567 now", "030 / 1234567"),
    ("Tel.: 0171 / 555 12 34", "0171 / 555 12 34"),
    ("Tel.: 089 / 32 16 54 98", "089 / 32 16 54 98"),
    ("Mobil: 0151 23456789", "0151 23456789"),
    ("Handy: 0171/123/4567", "0171/123/4567"),  # groups joined by "/"
    ("Tel.: 030/12 34 56 78", "030/12 34 56 78"),
    ("Fax 0221 / 94 33 21-0", "0221 / 94 33 21-0"),  # "-0": the switchboard
    ("Telefon: 089 12345-0", "089 12345-0"),
    # context words of other languages
    ("mijn telefoonnummer is 06 12345678", "06 12345678"),
    ("mijn mobiel: 06 12345678", "06 12345678"),
    # extensions are part of the span
    ("345-899-3560x4587", "345-899-3560x4587"),
    ("+1-903-140-4508x769", "+1-903-140-4508x769"),
    ("(212) 555-0187 ext. 12", "(212) 555-0187 ext. 12"),
    # national formats of other regions near "my number" / "text" / "mobile"
    ("my number is 733 778 013", "733 778 013"),
    ("You can text 800 860 272 after six.", "800 860 272"),
    ("Mobile (04192) 56136 (work).", "(04192) 56136"),
    # a labelled number before a capitalized word (notes written without full stops)
    ("Phone: 450.223.9979 Vitals stable.", "450.223.9979"),
    ("my number is 01614960332 Lungs clear to auscultation", "01614960332"),
    ("Phone: 02 76 57 54 54 The updated terms", "02 76 57 54 54"),
    ("call me at 020 7946 0958 Thanks", "020 7946 0958"),
]

NEGATIVES = [
    # a house number before a street name, near a weak phone word only
    "The office is at 17031 2202 Rissik St Apt. 050",
    "Contact: 3747 3911 Fourth Ave",
    "2000-04-16",
    "16/04/2000",
    "on 16.04.2000 we",
    "2024.11.3",
    "version 4.12.1",
    "version 10.0.19041",
    "at 12:30:45",
    "from 10.30-11.45",
    "192.168.100.200",
    "cost $1,234,567",
    "1 234 567 €",
    "order 123456789",
    "Order number 555-123-4567",
    "invoice #4839201",
    "Ticket #48213 is fixed",
    "in 2023",
    "ZIP 90210",
    "zip 90210-1234",
    "4111 1111 1111 1111",
    "4532015112830366",
    "ISBN 978-3-16-148410-0",
    "ISBN 0-306-40615-2",
    "sha 9f86d081884c7d659a2feaa0c55ad015",
    "id 1234567890123",
    "123-45-6789",
    "pages 1234-5678",
    "1 2 3 4 5 6 7 8",
    "1234567",
    "12345678901234567890",
    "build 2024.11.30.1234",
    "The restaurant is at 17151 2450 Crown St",
    "my driver's license number is 2270-66-1551",
    "DE89 3704 0044 0532 0130 00",
    "A1234567890",
    "10 000 000 requests",
    "The population was 8 336 817 in 2019.",
    "balance 9 876 543.21",
    "Scores: 98 76 54 32 10",
    "From 2019-2023 revenue grew",
    "Room 1204-1206",
    "values = [1234567, 2345678, 3456789]",
    # a separator with a space on one side only joins no groups: a sentence's end, a sign
    "The test server is 203.0.113.192. 2024-11-11T03:25:41Z",
    "sent to worker-3 -44.795233, 170.12",
    "between 2019 - 2024 we grew",
    # "/" before a year or a short suffix: case and file numbers, dates
    "Az. 88519/52, call me back",
    "please call about 41288/95 today",
    "call me on 3 10/15/2024",
    "ISBN 0-306-40615-0",  # a last single digit without a phone label before
    "see 1-2-3-4-5-6-7-0",
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_positives(text, expected):
    spans = list(REC.analyze(text, Context(text)))
    assert [s.text for s in spans] == [expected]
    assert spans[0].label == "PHONE"
    assert 0.5 <= spans[0].score <= 1.0


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "region"),
    [("+44 20 7946 0958", "GB"), ("+33 6 12 34 56 78", "FR"), ("905-674-3793", "CA")],
)
def test_region_attr(text, region):
    (span,) = REC.analyze(text, Context(text))
    assert span.attrs["region"] == region


def test_ctx_region_is_tried_first():
    text = "0221 98765 432"  # Cologne: valid in DE, in none of the strict regions
    assert found(text, Context(text, region="US")) == []
    (span,) = REC.analyze(text, Context(text, region="DE"))
    assert span.attrs["region"] == "DE"


def test_region_attr_prefers_ctx_region():
    text = "089 1234 5678"  # valid in IT and DE
    (span,) = REC.analyze(text, Context(text, region="DE"))
    assert span.attrs["region"] == "DE"


def test_extension_attr_and_many_numbers():
    text = "Mobile: 0490 39 07 81\nDesk: +447700 921 916\nFax: 345-899-3560x4587"
    spans = list(REC.analyze(text, Context(text)))
    assert [s.text for s in spans] == ["0490 39 07 81", "+447700 921 916", "345-899-3560x4587"]
    assert spans[2].attrs.get("ext") == "1"


def test_user_allow_list():
    text = "call +44 20 7946 0958"
    allow = AllowList.build(values=["+44 20 7946 0958"])
    assert found(text, Context(text, allow=allow)) == []


def test_presidio_synth_recall_and_precision(shared_data_dir):
    path = shared_data_dir / "presidio-synth" / "synth_dataset_v2.json"
    if not path.is_file():
        pytest.skip("presidio synth set not available")
    records = json.loads(path.read_text(encoding="utf-8"))
    hit_gold = n_gold = hit_pred = n_pred = 0
    for rec in records:
        text = rec["full_text"]
        gold = [
            (s["start_position"], s["end_position"])
            for s in rec["spans"]
            if s["entity_type"] == "PHONE_NUMBER"
        ]
        pred = list(REC.analyze(text, Context(text)))
        n_gold += len(gold)
        hit_gold += sum(any(p.start < e and s < p.end for p in pred) for s, e in gold)
        n_pred += len(pred)
        hit_pred += sum(any(p.start < e and s < p.end for s, e in gold) for p in pred)
    assert hit_gold / n_gold >= 0.98
    assert hit_pred / n_pred >= 0.95


def test_bench_sample_has_nothing():
    sample = Path(__file__).resolve().parents[2] / "bench" / "sample_1kb.txt"
    if not sample.is_file():
        pytest.skip("bench sample not available")
    text = sample.read_text(encoding="utf-8")
    assert found(text) == []


ADVERSARIAL = [
    "1 " * 50_000,
    "1-" * 50_000,
    "(1)" * 33_000,
    "+1 " * 33_000,
    "0" * 100_000,
    "12 34 " * 16_000 + "x",
    "1.1.1." * 16_000,
    "(((((" * 20_000 + "1",
    "555-0187 ext " * 7_000,
    "+" * 100_000,
    "12  " * 25_000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_adversarial_inputs_complete(text):
    ctx = Context(text)
    for s in REC.analyze(text, ctx):
        assert s.text == text[s.start : s.end]
