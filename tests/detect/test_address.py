"""AddressRecognizer: STREET_ADDRESS."""

from __future__ import annotations

import pytest

from veil.detect.address import AddressRecognizer
from veil.detect.base import Context

R = AddressRecognizer()


def spans(text: str, threshold: float = 0.5):
    return [s for s in R.analyze(text, Context(text)) if s.score >= threshold]


ADDRESSES = [
    # (text, expected span text, expected attrs subset)
    (
        "Send it to 123 Main Street, Springfield, IL 62704 please.",
        "123 Main Street, Springfield, IL 62704",
        {"country": "US", "city": "Springfield"},
    ),
    ("Ship to 456 Oak Ave Apt 5B by Friday", "456 Oak Ave Apt 5B", {}),
    ("Mail: PO Box 123", "PO Box 123", {}),
    ("write to P.O. Box 4521, Dallas, TX 75201", "P.O. Box 4521, Dallas, TX 75201", {}),
    (
        "10 Downing Street, London SW1A 2AA",
        "10 Downing Street, London SW1A 2AA",
        {"country": "GB", "city": "London"},
    ),
    ("Hauptstraße 5, 10115 Berlin", "Hauptstraße 5, 10115 Berlin", {"city": "Berlin"}),
    ("12 rue de la Paix, 75002 Paris", "12 rue de la Paix, 75002 Paris", {"city": "Paris"}),
    ("Calle Mayor 5, 28013 Madrid", "Calle Mayor 5, 28013 Madrid", {"city": "Madrid"}),
    ("Via Roma 10, 00184 Roma", "Via Roma 10, 00184 Roma", {"city": "Roma"}),
    (
        "Kalverstraat 12, 1012 NX Amsterdam",
        "Kalverstraat 12, 1012 NX Amsterdam",
        {"country": "NL", "city": "Amsterdam"},
    ),
    (
        "Best regards,\nJane Doe\nAcme GmbH\nHauptstraße 5\n10115 Berlin\nGermany\nTel +49 30 1",
        "Hauptstraße 5\n10115 Berlin\nGermany",
        {"country": "DE", "city": "Berlin"},
    ),
    (
        "The address of Persint is 6750 Koskikatu 25 Apt. 864\nArtilleros\n, CO\n Uruguay 64677",
        "6750 Koskikatu 25 Apt. 864\nArtilleros\n, CO\n Uruguay 64677",
        {"country": "UY"},
    ),
    ("PSC 3294, Box 9168\nAPO AA 61487", "PSC 3294, Box 9168\nAPO AA 61487", {}),
    ("USS Lorenzen\nFPO AE 25990", "USS Lorenzen\nFPO AE 25990", {}),
    ("She lives at 24 Clarke Avenue.", "24 Clarke Avenue", {}),
    ("at 5 Crown St. Then we left", "5 Crown St.", {}),
    ("Rákóczi út 13. Suite 104", "Rákóczi út 13. Suite 104", {}),
    ("808 Kálmán Imre u. 12.\n Apt. 762", "808 Kálmán Imre u. 12.\n Apt. 762", {}),
    ("Meet at 10 Main Street, John said", "10 Main Street", {}),
    ("our office: Wingertweg 126, 3000 Bern", "Wingertweg 126, 3000 Bern", {"city": "Bern"}),
    (
        "Address: 900, boulevard Hoarau, 34727 Turpin-les-Bains\n[me] ok",
        "900, boulevard Hoarau, 34727 Turpin-les-Bains",
        {"country": "FR", "city": "Turpin-les-Bains"},
    ),
    (
        "Address: Stretto Leone, 774, 41040, Gombola (MO)\n",
        "Stretto Leone, 774, 41040, Gombola (MO)",
        {"country": "IT"},
    ),
    (
        "I live at Flat 37, Francis Hollow, South Marc, OX2 5XG today",
        "Flat 37, Francis Hollow, South Marc, OX2 5XG",
        {"country": "GB"},
    ),
    ("I live at Kambsring 7-3, 11034 Regen. I moved", "Kambsring 7-3, 11034 Regen", {}),
    ("It is at 2 Chaharbagh Boulevard. 1596 was the year", "2 Chaharbagh Boulevard", {}),
    ("3247 Rua Igreja 25\n Apt. 236\n Ribeirão", "3247 Rua Igreja 25\n Apt. 236\n Ribeirão", {}),
    (
        "Ship it to avenue Bernadette Blondel, 73927 Lyon",
        "avenue Bernadette Blondel, 73927",
        {},
    ),
    (
        "Address: Sauerstr. 3949, 47707 Stollberg Discharged home",
        "Sauerstr. 3949, 47707 Stollberg",
        {"country": "DE"},
    ),
]


ADDRESSES += [
    ("Ship it to Beckerring 84/66, 91590 Schwäbisch Hall.",
     "Beckerring 84/66, 91590 Schwäbisch Hall", {"country": "DE"}),
    ("Address: Isabellabaan 3, 8183YY, Gronsveld", "Isabellabaan 3, 8183YY, Gronsveld",
     {"country": "NL"}),
    ("Address: Acceso de Simón Anglada 1, Salamanca, 32362",
     "Acceso de Simón Anglada 1, Salamanca, 32362", {}),
    ("Postbox 21 and Elisabeth Parks", "Postbox 21", {}),
    ("2217 Smith Extensions Apt. 289, Proctorburgh, NJ 02907",
     "2217 Smith Extensions Apt. 289, Proctorburgh, NJ 02907", {"country": "US"}),
    # Spanish floor and door after the street line
    ("C/ Mayor 12, 3º B\n28013 Madrid", "C/ Mayor 12, 3º B\n28013 Madrid", {}),
    ("Calle Alcalá 45, 2º izq., 28014 Madrid", "Calle Alcalá 45, 2º izq., 28014 Madrid", {}),
    ("Carrer de Mallorca 401, 4º 2ª, 08013 Barcelona",
     "Carrer de Mallorca 401, 4º 2ª, 08013 Barcelona", {}),
]  # fmt: skip

ADDRESSES += [
    # street types of Faker's locales that were missing: plural US suffixes, Italian,
    # Brazilian and Dutch types, Spanish "C." (with a comma after the number)
    ("Ship it to 6094 Cooper Junctions, New Keithburgh, MN 40989.",
     "6094 Cooper Junctions, New Keithburgh, MN 40989", {"country": "US"}),
    ("Ship it to Katedreef 578, 8947 BP, Foxwolde.", "Katedreef 578, 8947 BP, Foxwolde", {}),
    ("Address: Canale Pierina, 34, 37062, Dossobuono (VR)",
     "Canale Pierina, 34, 37062, Dossobuono (VR)", {}),
    ("Address: C. Natalio Agudo 30, Burgos, 08740", "C. Natalio Agudo 30, Burgos, 08740", {}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "value", "attrs"), ADDRESSES)
def test_addresses(text, value, attrs):
    got = spans(text)
    assert [s.text for s in got] == [value]
    for k, v in attrs.items():
        assert got[0].attrs.get(k) == v


NOT_ADDRESSES = [
    "Signed C. Jones 2019, London",
    "Dear C. Smith 30 days later",
    "we have 3 people on the street",
    "Windows 10 and Python 3 are installed",
    "2 Windows 10 machines",
    "Chapter 5 Section 3",
    "version 4.12.1 and build 2024.11.3",
    "lunch at 12:30. If you have questions",
    "on 15 March 2024 we met",
    "In 2019 Microsoft Office 365 was released",
    "page 7 has the updated roadmap",
    "the venue confirmed 40 Seats",
    "sent via email 2 times",
    "Guilty Pleasures: 5 Musicians Of The 70s You're Supposed To Hate",
    "Ticket #48213 is fixed",
    "a box of 12 eggs",
    "Room 101 on Level 5",
    "Resolution 1920x1080 at 60 Hz. Run pytest -k test_73",
    "DOB: February 3, 1982 Mobile 502 952 060",
    "Spring 2024 is here",
    "Monday, 3 March",
    "On 24 August 1999 the Court dismissed the appeal.",
    "via Zoom, 12345 Berlin",
    # look-alikes from bench/corpus.py --negatives
    "Point the domain at Route 53 and wait for DNS.",
    "Reached via 9 hops, latency 38 ms",
    "Space Gray, 409 GB. Reached via 4 hops",
    "Departure Gate 30 closes 20 minutes before.",
    "Rose Gold or Space Gray, 329 GB. Line 110, Column 22: unexpected token.",
]


@pytest.mark.parametrize("text", NOT_ADDRESSES)
def test_not_addresses(text):
    assert spans(text) == []


SAMPLE = (
    "We moved the billing service to the new cluster on Tuesday and the error rate "
    "dropped from 2.1% to 0.3% within an hour; version 4.12.1 of the client library "
    "is now required.\n1. The nightly export still times out.\n2. Ticket #48213 is "
    "fixed in build 2024.11.3.\nThe venue confirmed 40 seats and lunch at 12:30; page "
    "7 has the roadmap."
)


def test_sample_email_has_no_address():
    assert spans(SAMPLE, threshold=0.0) == []


def test_span_covers_multiline_signature_block():
    text = "Cheers,\nMax\n\nMusterweg 7\n12345 Musterstadt\nDeutschland\n\nP.S. see you"
    (s,) = spans(text)
    assert s.text == "Musterweg 7\n12345 Musterstadt\nDeutschland"
    assert s.attrs["country"] == "DE"


ADVERSARIAL = [
    "1 " * 50_000,
    "12 Main " * 12_500,
    "Hauptstraße " * 8_000 + "5",
    "Aaaa " * 20_000 + "12",
    "123 Main Street\n" + "Springfield\n" * 8_000,
    "123 Main Street" + ", Springfield" * 7_000,
    "box " * 25_000,
    "po aa 12345 " * 8_000,
    "7 A. " * 20_000,
    "1 rue " * 16_000,
    "Aaaa 1 " * 15_000,
    "Koskikatu 25 " * 8_000,
    "12, " * 25_000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_adversarial_inputs_complete(text):
    list(R.analyze(text, Context(text)))
