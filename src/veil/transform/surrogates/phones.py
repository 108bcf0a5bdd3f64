"""Phone surrogates: same country, same written shape, a plausible number.

The country code, any ``+``/``00``/trunk prefix and the separators stay; the
national significant number keeps its first digit (its type: mobile, geographic,
...) and length; the rest goes through a keyed permutation, cycle-walked until
phonenumbers says the result is a valid number of the same region (a possible
one if the original was not valid). The walk makes it a bijection on those
numbers: distinct phones get distinct surrogates.
"""

from __future__ import annotations

from collections.abc import Mapping

from ._fpe import permute_digits, permute_int, walk
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
    shared = len(pn.region_codes_for_country_code(cc)) > 1
    keep = 1  # the first digit (number type) stays

    def candidate(new: str):
        zeros = len(new) - len(new.lstrip("0"))
        return pn.PhoneNumber(
            country_code=cc,
            national_number=int(new),
            italian_leading_zero=zeros > 0 or None,
            number_of_leading_zeros=zeros if zeros > 1 else None,
        )

    def is_valid(new: str) -> bool:
        cand = candidate(new)
        return pn.is_valid_number_for_region(cand, region) and (
            not shared or pn.region_code_for_number(cand) == region
        )

    def is_possible(new: str) -> bool:
        return pn.is_possible_number(candidate(new))

    # A keyed permutation of the digits after the first, restricted by cycle
    # walking to valid (else possible) numbers of the region: a bijection there,
    # so distinct valid numbers never share a surrogate.
    size = 10 ** (len(nsn) - keep)
    tweak = (label, str(cc), region or "", nsn[:keep], str(len(nsn)))
    ok = is_valid if is_valid(nsn) else is_possible if is_possible(nsn) else (lambda _: True)

    def step(v: int) -> int:
        return permute_int(v, size, seeder, *tweak)

    def as_nsn(v: int) -> str:
        return nsn[:keep] + str(v).zfill(len(nsn) - keep)

    x = int(nsn[keep:])
    y = walk(x, step, lambda v: ok(as_nsn(v)), limit=2_000)
    if y == x:  # a fixed point of the walk: go on to the next valid number
        y = walk(y, step, lambda v: v != x and ok(as_nsn(v)), limit=2_000)
    new_tail = permute_digits(tail, seeder, label, "ext") if tail else ""
    return _put_digits(text, head + as_nsn(y) + new_tail)
