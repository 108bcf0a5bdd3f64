"""Check-digit algorithms shared by the recognizers (pure functions on digit strings).

Hot ones (Luhn, IBAN mod-97, Verhoeff, mod-11) are implemented here without
per-call allocation beyond a few small objects; country-specific validators come
from ``python-stdnum`` (imported by the recognizer modules, called only on
candidates). Functions take the compact form (no spaces or dashes) unless noted,
and return False on any malformed input instead of raising.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "IBAN_LENGTHS",
    "compact",
    "iban_ok",
    "luhn_check_digit",
    "luhn_ok",
    "mod11_nhs_ok",
    "mod97_ok",
    "verhoeff_check_digit",
    "verhoeff_ok",
]

_DIGITS = frozenset("0123456789")
_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)  # Luhn: 2*d with digits summed


def compact(value: str) -> str:
    """``value`` without spaces, dashes, dots and slashes."""
    return value.replace(" ", "").replace("-", "").replace(".", "").replace("/", "")


def _all_digits(s: str) -> bool:
    return s.isascii() and s.isdigit()


def luhn_ok(digits: str) -> bool:
    """Luhn (mod-10) check used by payment cards, IMEIs, SIRENs, Canadian SINs."""
    if not digits or not _all_digits(digits):
        return False
    odd = sum(map(int, digits[-1::-2]))
    even = sum(_DOUBLED[int(c)] for c in digits[-2::-2])
    return (odd + even) % 10 == 0


def luhn_check_digit(partial: str) -> str:
    """The digit that makes ``partial + digit`` Luhn-valid."""
    odd = sum(_DOUBLED[int(c)] for c in partial[-1::-2])
    even = sum(map(int, partial[-2::-2]))
    return str((10 - (odd + even) % 10) % 10)


# ISO 13616 IBAN lengths per country (SWIFT IBAN registry, release 101, 89 countries).
IBAN_LENGTHS: Mapping[str, int] = MappingProxyType(
    {
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
        "BH": 22, "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24,
        "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
        "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27,
        "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
        "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20,
        "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20,
        "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
        "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
        "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
        "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
        "YE": 30,
    }
)  # fmt: skip

# A -> "10", ..., Z -> "35" (ISO 7064 letters-to-digits for mod-97)
_MOD97_TABLE = {ord(c): str(i) for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ", start=10)}


def mod97_ok(iban: str) -> bool:
    """ISO 7064 MOD 97-10 on an upper-case compact IBAN (no length check)."""
    if len(iban) < 5 or not iban.isascii() or not iban.isalnum():
        return False
    rearranged = (iban[4:] + iban[:4]).translate(_MOD97_TABLE)
    return int(rearranged) % 97 == 1


def iban_ok(iban: str) -> bool:
    """Country known, length right for the country, check digits in 02..98, mod-97
    valid. ``iban`` is compact, any case."""
    iban = iban.upper()
    length = IBAN_LENGTHS.get(iban[:2])
    if length is None or len(iban) != length:
        return False
    if not _all_digits(iban[2:4]) or iban[2:4] in ("00", "01", "99"):
        return False
    return mod97_ok(iban)


# Verhoeff (dihedral group D5) tables.
_V_MUL = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_V_PERM = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
_V_INV = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)


def _verhoeff(digits: str, offset: int) -> int:
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _V_MUL[c][_V_PERM[(i + offset) % 8][ord(ch) - 48]]
    return c


def verhoeff_ok(digits: str) -> bool:
    """Verhoeff check (Aadhaar and others): the last digit is the check digit."""
    return bool(digits) and _all_digits(digits) and _verhoeff(digits, 0) == 0


def verhoeff_check_digit(partial: str) -> str:
    """The digit that makes ``partial + digit`` Verhoeff-valid."""
    return str(_V_INV[_verhoeff(partial, 1)])


def mod11_nhs_ok(digits: str) -> bool:
    """UK NHS number: 10 digits, weights 10..2, check = 11 - sum mod 11 (10 invalid)."""
    if len(digits) != 10 or not _all_digits(digits):
        return False
    total = sum((10 - i) * int(c) for i, c in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])
