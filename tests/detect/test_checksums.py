"""Check-digit algorithms: published examples, and agreement with python-stdnum."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import stdnum
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn as std_luhn
from stdnum import verhoeff as std_verhoeff
from stdnum.gb import nhs as std_nhs

from veil.detect.checksums import (
    IBAN_LENGTHS,
    compact,
    iban_ok,
    luhn_check_digit,
    luhn_ok,
    mod11_nhs_ok,
    mod97_ok,
    verhoeff_check_digit,
    verhoeff_ok,
)

digit_strings = st.text(alphabet="0123456789", min_size=1, max_size=24)


@pytest.mark.parametrize(
    "digits",
    ["79927398713", "4111111111111111", "378282246310005", "6011111111111117", "0", "18"],
)
def test_luhn_valid(digits: str) -> None:
    assert luhn_ok(digits)


@pytest.mark.parametrize(
    "digits",
    ["79927398710", "4111111111111112", "", "abc", "4111 1111 1111 1111", "١٢٣", "12a4"],
)
def test_luhn_invalid(digits: str) -> None:
    assert not luhn_ok(digits)


def test_luhn_check_digit_published() -> None:
    assert luhn_check_digit("7992739871") == "3"


@given(digit_strings)
def test_luhn_agrees_with_stdnum(digits: str) -> None:
    assert luhn_ok(digits) == std_luhn.is_valid(digits)
    assert luhn_ok(digits + luhn_check_digit(digits))


# Published IBAN examples (ECBS / Wikipedia / SWIFT registry)
VALID_IBANS = [
    "GB82WEST12345698765432",
    "DE89370400440532013000",
    "FR1420041010050500013M02606",
    "NL91ABNA0417164300",
    "BE68539007547034",
    "NO9386011117947",
    "MT84MALT011000012345MTLCAST001S",
    "CH9300762011623852957",
    "ES9121000418450200051332",
    "IT60X0542811101000000123456",
    "SA0380000000608010167519",
    "AL47212110090000000235698741",
    "LC55HEMM000100010012001200023015",
    "SC18SSCB11010000000000001497USD",
    "RU0304452522540817810538091310419",
    "BR1800360305000010009795493C1",
    "gb82west12345698765432",
]


@pytest.mark.parametrize("iban", VALID_IBANS)
def test_iban_valid(iban: str) -> None:
    assert iban_ok(iban)
    assert mod97_ok(iban.upper())


@pytest.mark.parametrize(
    "iban",
    [
        "GB83WEST12345698765432",  # wrong check digits
        "GB82WEST12345698765433",  # one digit changed
        "GB82WEST1234569876543",  # too short for GB
        "GB82WEST123456987654321",  # too long for GB
        "XX82WEST12345698765432",  # unknown country
        "GB00WEST12345698765432",  # check digits 00 are never issued
        "GB82 WEST 1234 5698 7654 32",  # not compact
        "",
    ],
)
def test_iban_invalid(iban: str) -> None:
    assert not iban_ok(iban)


def test_iban_lengths_match_stdnum_registry() -> None:
    dat = Path(stdnum.__file__).with_name("iban.dat").read_text(encoding="utf-8")
    registry = {
        m.group(1): 4 + sum(int(n) for n in re.findall(r"(\d+)!", m.group(2)))
        for m in re.finditer(r'^([A-Z]{2}) country="[^"]*" bban="([^"]*)"', dat, re.M)
    }
    assert registry, "stdnum's IBAN registry could not be read"
    for country, length in registry.items():
        assert IBAN_LENGTHS.get(country) == length, country


@pytest.mark.parametrize("digits", ["2363", "234123412346", "0"])
def test_verhoeff_valid(digits: str) -> None:
    assert verhoeff_ok(digits)


@pytest.mark.parametrize("digits", ["2364", "234123412347", "", "23a3"])
def test_verhoeff_invalid(digits: str) -> None:
    assert not verhoeff_ok(digits)


def test_verhoeff_check_digit_published() -> None:
    assert verhoeff_check_digit("236") == "3"


@given(digit_strings)
def test_verhoeff_agrees_with_stdnum(digits: str) -> None:
    assert verhoeff_ok(digits) == std_verhoeff.is_valid(digits)
    assert verhoeff_ok(digits + verhoeff_check_digit(digits))


@pytest.mark.parametrize("digits", ["9434765919", "4010232137"])
def test_nhs_valid(digits: str) -> None:
    assert mod11_nhs_ok(digits)


@pytest.mark.parametrize("digits", ["9434765918", "943476591", "94347659190", "943476591a"])
def test_nhs_invalid(digits: str) -> None:
    assert not mod11_nhs_ok(digits)


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_nhs_agrees_with_stdnum(digits: str) -> None:
    assert mod11_nhs_ok(digits) == std_nhs.is_valid(digits)


def test_compact() -> None:
    assert compact("4111 1111-1111.1111/") == "4111111111111111"


# ---------------------------------------------------------------- shared scanning helpers


@given(st.text(max_size=200))
def test_skeleton_keeps_offsets(text: str) -> None:
    from veil.detect._scan import skeleton
    from veil.detect.base import Context

    sk = skeleton(Context(text))
    assert len(sk) == len(text)
    for i, c in enumerate(text):
        if c in "0123456789":
            assert sk[i] == ord("0")
        elif c.isascii() and c.isalpha():
            assert sk[i] == ord("A")


def test_facts_are_cached_per_context() -> None:
    from veil.detect._scan import facts
    from veil.detect.base import Context

    a, b = Context("x 123456"), Context("x 123456")
    assert facts(a) is facts(a)
    fa = facts(a)
    assert facts(b) is not fa
    assert facts(a).long_digits


@pytest.mark.parametrize(
    ("text", "long_digits"),
    [
        ("ticket #48213 build 2024.11.3 at 12:30, v4.12.1", False),
        ("123456", True),
        ("12 34 56", True),
        ("123-45-6789", True),
        ("123.456.782", True),
        ("1234.56.782", True),
        ("12345 and 6", False),
    ],
)
def test_long_digits_gate(text: str, long_digits: bool) -> None:
    from veil.detect._scan import facts
    from veil.detect.base import Context

    assert facts(Context(text)).long_digits is long_digits


def test_words_rx_whole_words() -> None:
    from veil.detect._scan import words_rx

    rx = words_rx(("tin", "steuer*", "ss#"))
    assert rx.search("my tin: 1")
    assert not rx.search("meeting")
    assert rx.search("steuernummer")
    assert rx.search("ss# 1")
    assert not rx.search("bss#")
