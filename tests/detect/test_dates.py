"""DateRecognizer: DATE, DATE_OF_BIRTH and AGE."""

from __future__ import annotations

import pytest

from veil.detect.base import Context
from veil.detect.dates import DateRecognizer

R = DateRecognizer()


def spans(text: str, region: str = "US", threshold: float = 0.5):
    return [s for s in R.analyze(text, Context(text, region=region)) if s.score >= threshold]


def found(text: str, region: str = "US"):
    return [(s.label, s.text, dict(s.attrs)) for s in spans(text, region)]


DATES = [
    ("Meeting on 2024-03-15 at noon", "2024-03-15", "2024-03-15"),
    ("Invoice dated 15/03/2024.", "15/03/2024", "2024-03-15"),
    ("Invoice dated 03/15/2024.", "03/15/2024", "2024-03-15"),
    ("Termin am 15.03.2024 um 10 Uhr", "15.03.2024", "2024-03-15"),
    ("due 3/15/24, thanks", "3/15/24", "2024-03-15"),
    ("on 2024/03/15", "2024/03/15", "2024-03-15"),
    ("15-03-2024 was a Friday", "15-03-2024", "2024-03-15"),
    ("It happened on March 15, 2024 in Ohio", "March 15, 2024", "2024-03-15"),
    ("It happened on 15 March 2024.", "15 March 2024", "2024-03-15"),
    ("la reunión del 12 de octubre de 2024", "12 de octubre de 2024", "2024-10-12"),
    ("em 12 de março de 2024", "12 de março de 2024", "2024-03-12"),
    ("the 15th of March 2024", "15th of March 2024", "2024-03-15"),
    ("see you Mar 15", "Mar 15", "--03-15"),
    ("Jan. 3rd, 2020 was cold", "Jan. 3rd, 2020", "2020-01-03"),
    ("we started in March 2024", "March 2024", "2024-03"),
    ("le 1 janvier 2024", "1 janvier 2024", "2024-01-01"),
    ("am 3. März 2024", "3. März 2024", "2024-03-03"),
    ("el 5 de mayo", "5 de mayo", "--05-05"),  # Spanish and Portuguese "de"
    ("29/02/2024 leap day", "29/02/2024", "2024-02-29"),
    ("meeting 2024-03-15 10:22 in room 4", "2024-03-15", "2024-03-15"),
]


@pytest.mark.parametrize(("text", "value", "iso"), DATES)
def test_dates(text, value, iso):
    got = [s for s in spans(text) if s.label == "DATE"]
    if value is None:
        assert got == []
        return
    assert [s.text for s in got] == [value]
    assert got[0].attrs["iso"] == iso


def test_region_decides_ambiguous_order():
    assert found("on 04/05/2024")[0][2]["iso"] == "2024-04-05"
    assert found("on 04/05/2024", region="GB")[0][2]["iso"] == "2024-05-04"
    # an impossible month forces the other reading in any region
    assert found("on 25/05/2024")[0][2]["iso"] == "2024-05-25"


NOT_DATES = [
    "2024-03-15T10:22:01Z INFO request served",
    "[2024-03-15 10:22:01,123] WARNING disk almost full",
    '{"ts": "2024-03-15T10:22:01.123+00:00"}',
    "please install version 4.12.1 of the client",
    "fixed in build 2024.11.3",
    "release 2024.11.13 is out",
    "version 1.2.10",
    "server 192.168.10.12 is down",
    "we were founded in 2019",
    "see you on Tuesday",
    "May I help you?",
    "you may 5 times retry",
    "31/02/2024 is not a day",
    "13/13/2024",
    "page 34 of 50",
    "reply by the 15th",
    "lunch at 12:30",
    "ratio 1/2/3",
    "2.1% to 0.3%",
    "March 152 was a typo",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    assert [s for s in spans(text) if s.label in ("DATE", "DATE_OF_BIRTH")] == []


DOBS = [
    ("born on 4 July 1980", "4 July 1980", "1980-07-04"),
    ("DOB: 07/04/1980", "07/04/1980", "1980-07-04"),
    ("D.O.B. 1980-07-04", "1980-07-04", "1980-07-04"),
    ("Date of birth: 1980-07-04T00:00:00", "1980-07-04", "1980-07-04"),
    ("her birthday is March 3, 1990", "March 3, 1990", "1990-03-03"),
    ("geboren am 12.03.1990", "12.03.1990", "1990-03-12"),
    ("nacido el 5 de mayo de 1990", "5 de mayo de 1990", "1990-05-05"),
    ("nasceu em 5 de maio de 1990", "5 de maio de 1990", "1990-05-05"),
    ("né le 12 mars 1990 à Lyon", "12 mars 1990", "1990-03-12"),
    ("née le 2 avril 1985", "2 avril 1985", "1985-04-02"),
    ("he was born in 1980 in Leeds", "1980", "1980"),
    # a version word nearby does not hide a dotted birth date
    ("Fixed before the release.\nDOB: 04.11.1998", "04.11.1998", "1998-11-04"),
]


@pytest.mark.parametrize(("text", "value", "iso"), DOBS)
def test_dates_of_birth(text, value, iso):
    got = spans(text)
    assert [(s.label, s.text) for s in got] == [("DATE_OF_BIRTH", value)]
    assert got[0].attrs["iso"] == iso


def test_birth_date_outscores_plain_date():
    plain = spans("on 12 March 1984 we met")[0]
    dob = spans("born on 12 March 1984")[0]
    assert dob.score > plain.score


AGES = [
    ("a 34-year-old man", "34"),
    ("she is 34 years old", "34"),
    ("ich bin 35 Jahre alt", "35"),
    ("ik ben 35 jaar oud", "35"),
    ("This 79 year old female complains", "79"),
    ("aged 34, from Leeds", "34"),
    ("Age: 34", "34"),
    ("Age 34", "34"),
    ("patient, 34 yo, presents", "34"),
    ("i'm 31 y/o.", "31"),
    ("34y/o male", "34"),
    ("I'm 34.", "34"),
    ("I just turned 47", "47"),
    ("He just turned 69 years old", "69"),
    ("retired at the age of 61", "61"),
    ("I'm 100 and proud", "100"),
    ("my son is 27 now", "27"),
    ("The patient is 45 years old.", "45"),
    ("a 34-year-old man", "34"),
    ("the kids are 5-10 years old", "10"),
]


@pytest.mark.parametrize(("text", "value"), AGES)
def test_ages(text, value):
    got = [s for s in spans(text) if s.label == "AGE"]
    assert [s.text for s in got] == [value]
    assert got[0].attrs["years"] == value


NOT_AGES = [
    "34 years of experience",
    "5 years ago",
    "the company is 34 years old",
    "I'm 5 minutes away",
    "I'm 100% sure",
    "a 150 year old tree",
    "page 34",
    "image 3 of 5",
    "the usage: 34 requests",
    "claim 20.",
    "turn 3 pages",
    "the count is 27 now",
    # look-alikes from bench/corpus.py --negatives
    "max_age: 30",
    "Cache-Control: max-age=60",
    "The laptop is 6 years old and still fine.",
    "my repo is 3 years old",
    "A 150-year-old oak shades the car park.",
    "Start a 30-day trial",
    "I'm 2 commits behind main.",
]


@pytest.mark.parametrize("text", NOT_AGES)
def test_not_ages(text):
    assert [s for s in spans(text) if s.label == "AGE"] == []


def test_date_with_time_but_not_log_lines():
    got = spans("When: 2000-04-16 11:34:35 Where: Upton")
    assert [(s.label, s.text) for s in got] == [("DATE", "2000-04-16")]
    for log in (
        "2024-05-01 10:00:00 INFO started",
        "ok\n2024-05-01 10:00:00,123 started",
        "[2024-05-01 10:00:00] GET /",
        "seen 2024-05-01 10:00:00 ERROR boom",
        "at 2024-05-01 10:00:00Z",
    ):
        assert spans(log) == [], log


@pytest.mark.parametrize(
    "text",
    [
        "2024-11-11T02:33:00Z INFO request handled in 12ms",
        "Use Python 3.12 on Ubuntu 22.04.",
        "Set 3 replicas and retry.",
        "Stand-up at 10:30, retro at 16:00.",
        "Add 3/4 cup of sugar.",
        "Pinned requests==2.31.0 and urllib3>=1.26.18.",
        "Open 24/7, phone support 9-5 on weekdays.",
    ],
)
def test_lookalikes_are_not_dates(text):
    assert spans(text) == []


def test_sample_email_has_no_dates():
    text = (
        "We moved the billing service on Tuesday; version 4.12.1 is required before "
        "Friday. Fixed in build 2024.11.3. Lunch at 12:30, reply by the 15th. See you on "
        "Monday."
    )
    assert spans(text, threshold=0.0) == []


def test_offsets_and_text_agree():
    text = "DOB 1980-07-04, seen 2024-03-15; aged 43 and born in 1980."
    for s in R.analyze(text, Context(text)):
        assert text[s.start : s.end] == s.text


ADVERSARIAL = [
    "1" * 100_000,
    "1/" * 50_000,
    "2024-" * 20_000,
    "12.12." * 16_000,
    "1 March " * 12_000,
    "March 1" * 14_000,
    "age " * 25_000,
    "I'm 3" * 20_000,
    "34 years " * 11_000,
    "34 y" * 25_000,
    "born in 19" * 10_000,
    ("2024-03-15T10:22:01 " * 5_000),
    "my son is 2 now " * 6_000,
    "12 de " * 16_000,
    "1. " * 33_000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_adversarial_inputs_complete(text):
    list(R.analyze(text, Context(text)))
