"""Payment surrogates: cards keep brand, length, grouping and a valid Luhn digit;
IBANs keep country, length, grouping and case with recomputed check digits.
Both go through keyed permutations (:mod:`._fpe`): distinct numbers stay distinct."""

from __future__ import annotations

from collections.abc import Mapping

from ._checks import iban_check_digits, luhn_check_digit
from ._fpe import permute_digits
from ._seed import Seeder
from .generic import permute_code, scramble, token

__all__ = ["card", "iban"]


def _brand_prefix_len(d: str) -> int:
    """How many leading digits fix the card brand."""
    if d[0] == "4":
        return 1
    two, three, four = int(d[:2]), int(d[:3]), int(d[:4])
    if 51 <= two <= 55 or two in (34, 37, 36, 38, 39, 62, 65):
        return 2
    if 2221 <= four <= 2720 or 3528 <= four <= 3589 or d.startswith("6011"):
        return 4
    if 644 <= three <= 649 or 300 <= three <= 305:
        return 3
    return 2


def _put_digits(text: str, digits: str) -> str:
    out = list(text)
    it = iter(digits)
    for i, c in enumerate(out):
        if "0" <= c <= "9":
            out[i] = next(it)
    return "".join(out)


def card(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str) -> str:
    d = "".join(c for c in text if "0" <= c <= "9")
    if len(d) < 12:
        return token(text, attrs, seeder, label, norm)
    keep = _brand_prefix_len(d)
    new = d
    for attempt in range(5):  # the account digits through a keyed permutation
        mid = permute_digits(d[keep:-1], seeder, label, d[:keep], str(len(d)), str(attempt))
        body = d[:keep] + mid
        new = body + luhn_check_digit(body)
        if new != d:
            break
    return _put_digits(text, new)


#: (country, BBAN length) -> positions of national check characters (plus the
#: Belgian bank code, which must exist and is kept)
_NATIONAL_CHECKS: dict[tuple[str, int], tuple[int, ...]] = {
    ("BE", 12): (0, 1, 2, 10, 11),
    ("ME", 18): (16, 17),
    ("ES", 20): (8, 9),
}


def _iban_national_fix(country: str, bban: str, orig_bban: str) -> str:
    """Recompute the national check digits stdnum verifies (BE, ES, ME)."""
    if country == "BE" and len(bban) == 12:
        body = orig_bban[:3] + bban[3:10]  # the bank code must exist
        return body + f"{int(body) % 97 or 97:02d}"
    if country == "ME" and len(bban) == 18:
        body = bban[:16]
        return body + f"{(1 - int(body) * 100) % 97:02d}"
    if country == "ES" and len(bban) == 20:
        from stdnum.es import ccc

        return bban[:8] + ccc.calc_check_digits(bban) + bban[10:]
    return bban


def iban(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str) -> str:
    compact = norm
    if not 8 <= len(compact) <= 34 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return token(text, attrs, seeder, label, norm)
    country, orig_bban = compact[:2], compact[4:]
    # national check digits are recomputed, so they stay out of the permutation
    fixed = frozenset(_NATIONAL_CHECKS.get((country, len(orig_bban)), ()))
    new = compact
    for attempt in range(20):
        bban = permute_code(orig_bban, seeder, label, country, str(attempt), fixed=fixed)
        if bban is None:
            bban = scramble(orig_bban, seeder.rng(label, compact, str(attempt)))
        if country == "NO":
            from stdnum.no import kontonr

            if not kontonr.is_valid(bban):
                cycle = bban
                for _ in range(200):  # cycle walking on valid account numbers
                    cycle = permute_code(cycle, seeder, label, country, str(attempt)) or cycle
                    if kontonr.is_valid(cycle):
                        break
                bban = cycle
                if not kontonr.is_valid(bban):
                    continue
        bban = _iban_national_fix(country, bban, orig_bban)
        new = country + iban_check_digits(country, bban) + bban
        if new != compact:
            break
    out = list(text)
    it = iter(new)
    for i, c in enumerate(out):
        if c.isalnum():
            n = next(it)
            out[i] = n.lower() if c.islower() else n
    return "".join(out)
