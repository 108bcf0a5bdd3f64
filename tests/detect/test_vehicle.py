"""VinRecognizer: ISO 3779 check digit, context rule, negatives, adversarial input."""

from __future__ import annotations

import random

import pytest

from veil.detect.base import Context
from veil.detect.vehicle import VinRecognizer, vin_check_digit

REC = VinRecognizer()
VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
YEAR_CHARS = "ABCDEFGHJKLMNPRSTVWXY123456789"


def find(text: str) -> list[tuple[str, float]]:
    return [(s.text, s.score) for s in REC.analyze(text, Context(text))]


def make_vin(rng: random.Random) -> str:
    """A random VIN with a correct check digit and a plausible layout."""
    chars = [rng.choice(VIN_CHARS) for _ in range(17)]
    chars[9] = rng.choice(YEAR_CHARS)
    chars[12:] = [rng.choice("0123456789") for _ in range(5)]
    chars[0] = rng.choice("123459JKLSWYZ")
    chars[8] = "0"
    chars[8] = vin_check_digit("".join(chars))
    return "".join(chars)


@pytest.mark.parametrize(
    ("vin", "check"),
    [
        ("1HGCM82633A004352", "3"),
        ("1M8GDM9AXKP042788", "X"),  # the 49 CFR 565 example, check digit X
        ("5YJ3E1EA2KF317000", "2"),
        ("11111111111111111", "1"),
    ],
)
def test_check_digit(vin, check):
    assert vin_check_digit(vin) == check


@pytest.mark.parametrize(
    "text",
    [
        "VIN: 1HGCM82633A004352",
        "The car (1M8GDM9AXKP042788) was sold.",
        "chassis 5YJ3E1EA2KF317000, red",
        "1HGCM82633A004352",
    ],
)
def test_valid_vins_found(text):
    spans = find(text)
    assert len(spans) == 1
    assert spans[0][0] in text and len(spans[0][0]) == 17
    assert spans[0][1] >= 0.85


def test_context_raises_score():
    (plain,) = find("ref 1HGCM82633A004352")
    (ctx,) = find("vehicle identification number 1HGCM82633A004352")
    assert ctx[1] > plain[1]


@pytest.mark.parametrize(
    "text",
    [
        "VIN: WVWZZZ1JZXW000001",  # European VIN, no check digit used: needs the context word
        "Fahrgestellnummer WVWZZZ1JZXW000001",
        "chassis no. WVWZZZ1JZXW000001",
    ],
)
def test_failing_check_digit_accepted_with_context(text):
    spans = find(text)
    assert [v for v, _ in spans] == ["WVWZZZ1JZXW000001"]
    assert spans[0][1] < 0.85


@pytest.mark.parametrize(
    "text",
    [
        "part WVWZZZ1JZXW000001 shipped",  # check digit fails, no context
        "having 1HGCM82633A004353 here",  # wrong check digit; "vin" inside "having" is no context
        "hash DEADBEEF012345678",  # 17 hex chars
        "sum 12345678901234567",  # digits only
        "ABCDEFGHJKLMNPRST",  # letters only
        "1HGCM82633A0043521",  # 18 characters
        "x1HGCM82633A004352",  # glued to a letter
        "1hgcm82633a004352",  # lower case
        "1HGCM82633A00435",  # 16 characters
        "1HGCI82633A004352",  # contains I
        "INTERNATIONALIZATION",
        ":doi:`10.1137/S0895479899356080`",  # valid check digit, but one letter only
    ],
)
def test_negatives(text):
    assert find(text) == []


def test_hex_only_needs_context():
    rng = random.Random(7)
    for _ in range(2000):
        cand = "".join(rng.choice("0123456789ABCDEF") for _ in range(17))
        if vin_check_digit(cand) == cand[8] and sum(c.isdigit() for c in cand) >= 3:
            assert find(f"blob {cand} end") == []
            assert find(f"VIN {cand}") != []
            return
    pytest.fail("no hex candidate with a valid check digit generated")


def test_generated_vins():
    rng = random.Random(1234)
    vins = [make_vin(rng) for _ in range(200)]
    text = "\n".join(f"row {i}: {v};" for i, v in enumerate(vins))
    assert [v for v, _ in find(text)] == vins


def test_one_changed_character_is_caught_or_needs_context():
    rng = random.Random(99)
    caught = 0
    for _ in range(200):
        vin = make_vin(rng)
        i = rng.choice([k for k in range(17) if k != 8])
        c = rng.choice([x for x in VIN_CHARS if x != vin[i]])
        bad = vin[:i] + c + vin[i + 1 :]
        if vin_check_digit(bad) != bad[8]:
            caught += 1
            assert find(f"item {bad}") == []
    assert caught > 150


def test_offsets_and_attrs():
    text = "Vehicle: 1HGCM82633A004352."
    (span,) = REC.analyze(text, Context(text))
    assert text[span.start : span.end] == "1HGCM82633A004352"
    assert span.label == "VEHICLE_ID" and span.recognizer == "VinRecognizer"
    assert "1HGC" not in repr(span)


@pytest.mark.parametrize(
    "text",
    [
        "A" * 100_000,
        "1" * 100_000,
        "1HGCM82633A00435 " * 6000,
        "VIN " * 25_000,
        ("1HGCM82633A004352" * 6000),
        "VIN 1HGCM82633A004352 " * 4000,
    ],
)
def test_adversarial_inputs_complete(text):
    find(text)
