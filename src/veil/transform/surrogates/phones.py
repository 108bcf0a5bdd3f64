"""Phone surrogates: same country, same written shape, a plausible number.

The country code, any ``+``/``00``/trunk prefix and the separators stay; the
national significant number keeps its first digit (its type: mobile, geographic,
...) and length, the rest is redrawn until phonenumbers says the result is a
valid number of the same region (keeping more leading digits if needed), or at
least a possible one.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from ._seed import Seeder
from .generic import token

__all__ = ["phone"]


def _put_digits(text: str, digits: str) -> str:
    out = list(text)
    it = iter(digits)
    for i, c in enumerate(out):
        if "0" <= c <= "9":
            out[i] = next(it)
    return "".join(out)


def _random_digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def phone(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str) -> str:
    import phonenumbers as pn

    digits = "".join(c for c in text if "0" <= c <= "9")
    if not 5 <= len(digits) <= 20:
        return token(text, attrs, seeder, label, norm)
    s = text.strip()
    if s.startswith("00"):
        s = "+" + s[2:]
    try:
        num = pn.parse(s, (attrs.get("region") or "US").upper())
    except pn.NumberParseException:
        return token(text, attrs, seeder, label, norm)
    nsn = pn.national_significant_number(num)
    pos = digits.find(nsn)
    if pos < 0 or len(nsn) < 4:
        return token(text, attrs, seeder, label, norm)
    head, tail = digits[:pos], digits[pos + len(nsn) :]
    cc = num.country_code
    region = pn.region_code_for_number(num) or pn.region_code_for_country_code(cc)
    rng = seeder.rng(label, digits)
    shared = len(pn.region_codes_for_country_code(cc)) > 1
    best = None
    for keep in range(1, min(5, len(nsn) - 2)):
        for _ in range(12):
            new = nsn[:keep] + _random_digits(rng, len(nsn) - keep)
            if new == nsn:
                continue
            zeros = len(new) - len(new.lstrip("0"))
            cand = pn.PhoneNumber(
                country_code=cc,
                national_number=int(new),
                italian_leading_zero=zeros > 0 or None,
                number_of_leading_zeros=zeros if zeros > 1 else None,
            )
            if pn.is_valid_number_for_region(cand, region) and (
                not shared or pn.region_code_for_number(cand) == region
            ):
                return _put_digits(text, head + new + _random_digits(rng, len(tail)))
            if best is None and pn.is_possible_number(cand):
                best = new
    if best is None:
        best = nsn[:1] + _random_digits(rng, len(nsn) - 1)
    return _put_digits(text, head + best + _random_digits(rng, len(tail)))
