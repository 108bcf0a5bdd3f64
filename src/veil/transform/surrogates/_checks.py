"""Cheap check digits recomputed on surrogates: Luhn, VIN, IBAN mod 97."""

from __future__ import annotations

__all__ = ["iban_check_digits", "luhn_check_digit", "luhn_valid", "vin_check_digit"]


def luhn_check_digit(body: str) -> str:
    """The digit that makes ``body + digit`` Luhn-valid."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = ord(ch) - 48
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return len(number) > 1 and luhn_check_digit(number[:-1]) == number[-1]


_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_check_digit(vin: str) -> str:
    """The check character (position 9) of a 17-character VIN."""
    total = sum(_VIN_VALUES.get(c, 0) * w for c, w in zip(vin.upper(), _VIN_WEIGHTS, strict=False))
    r = total % 11
    return "X" if r == 10 else str(r)


def _iban_int(s: str) -> int:
    return int("".join(str(int(c, 36)) for c in s))


def iban_check_digits(country: str, bban: str) -> str:
    """The two check digits of an IBAN with this country code and BBAN."""
    return f"{98 - _iban_int(bban.upper() + country.upper() + '00') % 97:02d}"
