"""PASSPORT, DRIVER_LICENSE and MEDICAL_RECORD_NUMBER: keyword-gated numbers."""

from __future__ import annotations

import pytest

from veil.detect.allowlist import AllowList
from veil.detect.base import Context
from veil.detect.documents import document_recognizers

RECS = document_recognizers()


def found(text: str, allow: AllowList | None = None) -> list[tuple[str, str]]:
    ctx = Context(text, allow=allow)
    return [(s.text, s.label) for rec in RECS for s in rec.analyze(text, ctx) if s.score >= 0.5]


def test_labels() -> None:
    assert sorted(label for rec in RECS for label in rec.labels) == [
        "DRIVER_LICENSE",
        "MEDICAL_RECORD_NUMBER",
        "PASSPORT",
    ]


POSITIVES = [
    ("Passport No.: C01X00T47", "C01X00T47", "PASSPORT"),
    ("passport number 912803456", "912803456", "PASSPORT"),
    ("My passport is J8369854.", "J8369854", "PASSPORT"),
    ("Reisepassnummer C01X00T47", "C01X00T47", "PASSPORT"),
    ("Reisepass: C01X00T47", "C01X00T47", "PASSPORT"),
    ("numéro de passeport 12AB34567", "12AB34567", "PASSPORT"),
    ("pasaporte número X1234567", "X1234567", "PASSPORT"),
    ("UK passport 925076473 issued 2019", "925076473", "PASSPORT"),
    # letters between the digits: found keyword-first
    ("passport no. CY3V8LHYC expires soon", "CY3V8LHYC", "PASSPORT"),
    ("Travelling on passport CW1CF5T1J.", "CW1CF5T1J", "PASSPORT"),
    # a short letter prefix joined by a dash belongs to the number
    ("MRN: H-8353374", "H-8353374", "MEDICAL_RECORD_NUMBER"),
    ("Patient ID: PT-6756508\nNext line", "PT-6756508", "MEDICAL_RECORD_NUMBER"),
    ("PASSPORT#: 503816392", "503816392", "PASSPORT"),
    ("my driver's license number is F162823540116", "F162823540116", "DRIVER_LICENSE"),
    ("My driver's license number is 2270-66-1551", "2270-66-1551", "DRIVER_LICENSE"),
    ("driver’s license: U62928788557186", "U62928788557186", "DRIVER_LICENSE"),
    ("Driving licence MORGA753116SM9IJ", "MORGA753116SM9IJ", "DRIVER_LICENSE"),
    ("DL# 6940579", "6940579", "DRIVER_LICENSE"),
    ("DL no. 5130634", "5130634", "DRIVER_LICENSE"),
    ("license number: D1234567", "D1234567", "DRIVER_LICENSE"),
    ("Führerschein-Nr. B072RRE2I55", "B072RRE2I55", "DRIVER_LICENSE"),
    ("Fuehrerscheinnummer B072RRE2I55", "B072RRE2I55", "DRIVER_LICENSE"),
    ("permis de conduire n° 12AB34567", "12AB34567", "DRIVER_LICENSE"),
    ("Rijbewijs 5012345678, geldig tot 2030", "5012345678", "DRIVER_LICENSE"),
    ("patente di guida U1A23B456C", "U1A23B456C", "DRIVER_LICENSE"),
    ("licencia de conducir 48392019", "48392019", "DRIVER_LICENSE"),
    ("MRN: 00123456", "00123456", "MEDICAL_RECORD_NUMBER"),
    ("patient id 4839-22", "4839-22", "MEDICAL_RECORD_NUMBER"),
    ("Patient #: A12345", "A12345", "MEDICAL_RECORD_NUMBER"),
    ("medical record number 7730021", "7730021", "MEDICAL_RECORD_NUMBER"),
    ("chart no. 88231", "88231", "MEDICAL_RECORD_NUMBER"),
    ("hospital number: 9876541", "9876541", "MEDICAL_RECORD_NUMBER"),
    ("Patientennummer 123457", "123457", "MEDICAL_RECORD_NUMBER"),
]


@pytest.mark.parametrize(("text", "value", "label"), POSITIVES)
def test_positives(text: str, value: str, label: str) -> None:
    assert found(text) == [(value, label)]


NEGATIVES = [
    # no keyword: never flagged alone
    "C01X00T47",
    "number 912803456",
    "reference F162823540116",
    "ticket 00123456",
    # keyword, but the value is not a number of that kind
    "passport expires 2025-01-01",
    "passport Photo needed",
    "passport no. 123456789",
    "passport ABCDEFGH",
    "The passport is valid until 12-05-2030",
    "passport number: the 3rd one",
    "passport photo 2x2 inches",
    "passport valid until 2031",
    "my passport number is 000000000",
    "passport 123456789",
    "MRN pending",
    "patient id: unknown",
    "chart no. 12",
    "hospital number 5mg",
    # something between keyword and value that is not filler
    "passport was renewed after 912803456 attempts",
    "the passport office at 1234567 Main",
    # phone numbers, dates and ISBNs near a keyword are not the number
    "passport office phone 555-123-4567",
    "passport issued 2019-03-04",
    "patient id card reprinted on 12-05-2023",
    "passport guide ISBN 978-3-16-148410-0",
    # a licence that is not a driving licence
    "software license number ABCD-1234-EFGH",
    "medical license number 48213377",
    "license key 1234-5678",
    # "passed", "past", "compass" are not passport words
    "I passed 912803456 checks",
    "compass 912803456",
    # DL needs a number word or colon: "DL 123" is also a flight number
    "flight DL 4821 to Boston",
    "handle 9128034",
    # too far from the keyword (> 64 characters)
    "passport " + "x" * 70 + " 912803456",
    # the value comes before the keyword
    "912803456 is my passport",
    "",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    assert found(text) == []


def test_allow_list_values_are_skipped() -> None:
    text = "passport C01X00T47"
    assert found(text, allow=AllowList.build(values=["C01X00T47"])) == []


def test_offsets_point_at_the_value() -> None:
    text = "Name: Jane. Passport No. C01X00T47; DL# 6940579."
    ctx = Context(text)
    for rec in RECS:
        for s in rec.analyze(text, ctx):
            assert text[s.start : s.end] == s.text


ADVERSARIAL = [
    "passport " * 11_000,
    "passport no " * 8_000 + "1" * 10_000,
    "patient id " * 9_000,
    "mrn 1-" * 16_000,
    "DL# " * 25_000,
    "12-" * 33_000,
    "a1-" * 33_000,
    "passport " + "no " * 33_000 + "A12345",
    "licen" * 20_000,
    "11" * 50_000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_adversarial_inputs_complete(text: str) -> None:
    ctx = Context(text)
    for rec in RECS:
        for span in rec.analyze(text, ctx):
            assert 0 <= span.start < span.end <= len(text)
