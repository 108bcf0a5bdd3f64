"""pseudonymize on numbers and codes: cards, IBANs, phones, SSNs, VINs, IPs, ids."""

from __future__ import annotations

import ipaddress
import re

import phonenumbers as pn
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import iban as stdnum_iban
from stdnum import luhn

from veil.transform.base import OperatorContext
from veil.transform.pseudonymize import Pseudonymize
from veil.transform.surrogates._checks import luhn_check_digit, vin_check_digit

from .conftest import KEY_A, KEY_B, make_span

OP = Pseudonymize()


def ps(label: str, text: str, key=KEY_A, **attrs: str) -> str:
    return OP.apply(make_span(label, text, **attrs), OperatorContext(key))


def shape(text: str) -> str:
    return re.sub(r"[0-9]", "9", text)


# --- cards ------------------------------------------------------------------

BRANDS = [  # (prefix, length, digits that fix the brand)
    ("4", 16, 1), ("4", 13, 1), ("4", 19, 1), ("51", 16, 2), ("55", 16, 2),
    ("2221", 16, 4), ("2720", 16, 4), ("34", 15, 2), ("37", 15, 2), ("6011", 16, 4),
    ("65", 16, 2), ("3528", 16, 4), ("36", 14, 2),
]  # fmt: skip


@st.composite
def cards(draw):
    prefix, length, keep = draw(st.sampled_from(BRANDS))
    middle = draw(st.text("0123456789", min_size=length - len(prefix) - 1,
                          max_size=length - len(prefix) - 1))  # fmt: skip
    body = prefix + middle
    number = body + luhn_check_digit(body)
    sep = draw(st.sampled_from(["", " ", "-"]))
    groups = [number[i : i + 4] for i in range(0, len(number), 4)]
    return sep.join(groups), number, keep


@settings(max_examples=200, deadline=None)
@given(cards())
def test_card_keeps_brand_length_grouping_and_luhn(card):
    text, number, keep = card
    out = ps("CREDIT_CARD", text)
    digits = re.sub(r"\D", "", out)
    assert luhn.is_valid(digits)
    assert len(digits) == len(number)
    assert digits[:keep] == number[:keep]
    assert shape(out) == shape(text)
    assert digits != number


# --- IBANs ------------------------------------------------------------------

IBANS = [
    "GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "FR1420041010050500013M02606",
    "ES9121000418450200051332", "IT60X0542811101000000123456", "NL91ABNA0417164300",
    "CH9300762011623852957", "AT611904300234573201", "NO9386011117947",
    "PL61109010140000071219812874", "SE4550000000058398257466", "DK5000400440116243",
    "FI2112345600000785", "IE29 AIBK 9311 5212 3456 78", "PT50000201231234567890154",
    "ME25505000012345678951", "gb82 west 1234 5698 7654 32", "BR9700360305000010009795493P1",
]  # fmt: skip


@pytest.mark.parametrize("text", IBANS)
def test_iban_stays_valid_same_country_shape(text):
    assert stdnum_iban.is_valid(text)
    out = ps("IBAN", text)
    assert stdnum_iban.is_valid(out)
    assert out[:2] == text[:2]
    assert len(out) == len(text)
    assert [c.isspace() for c in out] == [c.isspace() for c in text]
    assert [c.islower() for c in out] == [c.islower() for c in text]
    assert stdnum_iban.compact(out) != stdnum_iban.compact(text)


# --- phones -----------------------------------------------------------------

PHONES = [
    ("+1 (415) 555-2671", "US"), ("(415) 867-5309", "US"), ("415.867.5309", "US"),
    ("+44 20 7946 0958", "GB"), ("07911 123456", "GB"), ("0049 30 12345678", "DE"),
    ("+49 151 23456789", "DE"), ("030 1234567", "DE"), ("06 12 34 56 78", "FR"),
    ("+33 1 42 68 53 00", "FR"), ("+91 98765 43210", "IN"), ("+39 02 1234 5678", "IT"),
    ("+34 612 345 678", "ES"), ("+61 2 9374 4000", "AU"), ("+81 3-1234-5678", "JP"),
]  # fmt: skip


def _parse(text: str, region: str):
    return pn.parse("+" + text[2:] if text.startswith("00") else text, region)


@pytest.mark.parametrize(("text", "region"), PHONES)
def test_phone_same_region_shape_and_valid(text, region):
    orig = _parse(text, region)
    assert pn.is_valid_number(orig)
    out = ps("PHONE", text, region=region)
    new = _parse(out, region)
    assert shape(out) == shape(text)
    assert out != text
    assert new.country_code == orig.country_code
    assert pn.is_valid_number(new)
    assert pn.region_code_for_number(new) == pn.region_code_for_number(orig)


def test_phone_keeps_international_prefix():
    assert ps("PHONE", "+44 20 7946 0958").startswith("+44 ")
    assert ps("PHONE", "0044 20 7946 0958", region="GB").startswith("0044 ")


# --- other codes --------------------------------------------------------------


@pytest.mark.parametrize("text", ["123-45-6789", "123 45 6789", "123456789", "078-05-1120"])
def test_ssn_valid_range_same_format(text):
    out = ps("US_SSN", text)
    assert shape(out) == shape(text) and out != text
    d = re.sub(r"\D", "", out)
    assert d[:3] not in ("000", "666") and d[0] != "9"
    assert d[3:5] != "00" and d[5:] != "0000"


@pytest.mark.parametrize("vin", ["1HGCM82633A004352", "WVWZZZ1JZXW000001", "5YJ3E1EA7KF317000"])
def test_vin_check_digit_and_maker(vin):
    out = ps("VEHICLE_ID", vin)
    assert len(out) == 17 and out != vin
    assert out[:3] == vin[:3]
    assert out[8] == vin_check_digit(out)
    assert not set(out) & set("IOQ")


@pytest.mark.parametrize(
    ("text", "check"),
    [
        ("8.8.8.8", lambda a: a.version == 4 and a.is_global),
        ("192.168.1.10", lambda a: a in ipaddress.ip_network("192.168.0.0/16")),
        ("10.1.2.3", lambda a: a in ipaddress.ip_network("10.0.0.0/8")),
        ("2606:4700:4700::1111", lambda a: a.version == 6 and a.is_global),
        ("fe80::1", lambda a: a.is_link_local),
    ],
)
def test_ip_same_kind(text, check):
    out = ps("IP_ADDRESS", text)
    addr = ipaddress.ip_address(out)
    assert out != text and check(addr)
    assert ("::" in out) == ("::" in text)


def test_ip_keeps_port_and_prefix():
    assert ps("IP_ADDRESS", "10.0.0.5:8080").endswith(":8080")
    assert ps("IP_ADDRESS", "10.0.0.0/24").endswith("/24")


@pytest.mark.parametrize(
    ("label", "text", "prefix"),
    [
        ("SECRET", "AKIAIOSFODNN7EXAMPLE", "AKIA"),
        ("SECRET", "ghp_abcdefABCDEF1234567890abcdefABCD12", "ghp_"),
        ("SECRET", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_"),
        ("CRYPTO_WALLET", "0x52908400098527886E0F7030069857D2E4169EE7", "0x"),
        ("CRYPTO_WALLET", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "1"),
        ("USERNAME", "@jane_doe84", "@"),
        ("NATIONAL_ID", "AB 12 34 56 C", ""),
        ("PASSPORT", "X1234567", ""),
        ("MEDICAL_RECORD_NUMBER", "MRN-00123456", ""),
        ("MAC_ADDRESS", "00:1A:2B:3C:4D:5E", ""),
    ],
)
def test_class_preserving(label, text, prefix):
    out = ps(label, text)
    assert out != text and out.startswith(prefix)
    if label not in ("CRYPTO_WALLET", "USERNAME"):
        assert len(out) == len(text)
        cls = lambda c: "9" if c.isdigit() else "A" if c.isupper() else "a" if c.islower() else c  # noqa: E731
        if label == "MAC_ADDRESS":
            cls = lambda c: "x" if c in "0123456789ABCDEF" else c  # noqa: E731
        assert [cls(c) for c in out] == [cls(c) for c in text]


def test_luhn_valid_ids_stay_luhn_valid():
    sin = "046 454 286"  # a Luhn-valid Canadian SIN
    assert luhn.is_valid(sin.replace(" ", ""))
    out = ps("NATIONAL_ID", sin)
    assert luhn.is_valid(out.replace(" ", "")) and shape(out) == shape(sin)


def test_pem_armour_kept():
    text = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"
    out = ps("SECRET", text)
    assert out.startswith("-----BEGIN RSA PRIVATE KEY-----\n")
    assert out.endswith("\n-----END RSA PRIVATE KEY-----") and out != text


@pytest.mark.parametrize(
    ("text", "years"), [("42", 42), ("42 years old", 42), ("aged 0", 0), ("120", 120)]
)
def test_age_nearby(text, years):
    out = ps("AGE", text)
    new = int(re.search(r"\d+", out).group(0))
    assert new != years and abs(new - years) <= 3 and 0 <= new <= 120


def test_coordinates_in_range():
    out = ps("COORDINATES", "48.8566, 2.3522")
    lat, lon = (float(x) for x in out.split(","))
    assert -90 <= lat <= 90 and -180 <= lon <= 180 and shape(out) != "" and out != "48.8566, 2.3522"
    assert re.fullmatch(r"\d+\.\d{4}, \d+\.\d{4}", out)


def test_coordinates_dms_in_range():
    out = ps("COORDINATES", "48°51'24\"N 2°21'03\"E")
    nums = [int(x) for x in re.findall(r"\d+", out)]
    assert re.fullmatch(r"\d+°\d+'\d+\"N \d+°\d+'\d+\"E", out)
    assert nums[0] <= 90 and nums[3] <= 180 and max(nums[1], nums[2], nums[4], nums[5]) < 60


def test_different_keys_differ():
    for label, text in [("CREDIT_CARD", "4111 1111 1111 1111"), ("PHONE", "+44 20 7946 0958"),
                        ("IBAN", "DE89370400440532013000"), ("US_SSN", "123-45-6789")]:  # fmt: skip
        assert ps(label, text) != ps(label, text, key=KEY_B)
        assert ps(label, text) == ps(label, text)
