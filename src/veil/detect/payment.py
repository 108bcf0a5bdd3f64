"""Payment identifiers: card numbers (CREDIT_CARD) and IBANs (IBAN).

Cards: 12-19 digits, compact or grouped 4-4-4-4(-3) / 4-6-5 / 4-6-4 with one
kind of separator (space or dash), Luhn-valid, with a known issuer prefix for the
length. Scores: grouped 0.8; compact 0.7 (15-19 digits), 0.6 (14), 0.4 (12-13, so
a bare 12-13 digit number needs card context to pass the default 0.5 threshold);
card words nearby ("card", "visa", "cc", "cvv", ...) add 0.3.

Not flagged: published test numbers (``ctx.allow.is_test_card``), numbers glued to
letters or continuing a longer number ("x4111...", "1.4111...", "+4111..."), and
numbers introduced by an order/invoice/tracking/ticket/reference word within the
30 characters before them when no card word is near (within 48 before / 24 after).
A card word wins over a reference word: "refund to card 4111 ..." is a card.

IBANs: country code with a known length, two check digits, the BBAN compact or in
groups of four; any letter case ("gb82west..."); mod-97 valid and the BBAN matches
the registry structure (``stdnum.iban``, without national checks). Score 0.9,
1.0 near "iban"/"account"/"bank" words. ``attrs``: ``{"brand": ...}`` for cards,
``{"country": "GB"}`` for IBANs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import MappingProxyType

from stdnum import iban as _stdnum_iban

from ..types import Span
from ._scan import boundary_ok, facts, near, words_rx
from .base import Context
from .checksums import IBAN_LENGTHS, iban_ok, luhn_ok

__all__ = ["CreditCardRecognizer", "IbanRecognizer", "card_brand"]

# (first, last, prefix length, lengths, brand): checked in order, first hit wins.
_BRANDS: tuple[tuple[int, int, int, frozenset[int], str], ...] = tuple(
    (lo, hi, len(str(lo)), frozenset(lengths), brand)
    for lo, hi, lengths, brand in (
        (4, 4, (13, 16, 19), "visa"),
        (51, 55, (16,), "mastercard"),
        (2221, 2720, (16,), "mastercard"),
        (34, 34, (15,), "amex"),
        (37, 37, (15,), "amex"),
        (6011, 6011, range(16, 20), "discover"),
        (644, 649, range(16, 20), "discover"),
        (65, 65, range(16, 20), "discover"),
        (622126, 622925, range(16, 20), "discover"),
        (300, 305, range(14, 20), "diners"),
        (3095, 3095, range(14, 20), "diners"),
        (36, 36, range(14, 20), "diners"),
        (38, 39, range(14, 20), "diners"),
        # JCB is 3528-3589; generators (and some older references) use all of 35xx.
        (35, 35, range(16, 20), "jcb"),
        (1800, 1800, (15,), "jcb"),
        (2131, 2131, (15,), "jcb"),
        (2200, 2204, range(16, 20), "mir"),
        (62, 62, range(16, 20), "unionpay"),
        (9792, 9792, (16,), "troy"),
        (5018, 5018, range(12, 20), "maestro"),
        (5020, 5020, range(12, 20), "maestro"),
        (5038, 5038, range(12, 20), "maestro"),
        (5893, 5893, range(12, 20), "maestro"),
        (6304, 6304, range(12, 20), "maestro"),
        (6759, 6759, range(12, 20), "maestro"),
        (6761, 6763, range(12, 20), "maestro"),
        (50, 50, range(12, 20), "maestro"),
        (56, 69, range(12, 20), "maestro"),
        (81, 82, (16,), "rupay"),
    )
)


def card_brand(digits: str) -> str | None:
    """The card network for a digit string by issuer prefix and length, or None."""
    n = len(digits)
    if digits.startswith("0604"):  # a historic Maestro range that generators still use
        return "maestro" if 12 <= n <= 19 else None
    if digits[0] == "0":
        return None
    for lo, hi, plen, lengths, brand in _BRANDS:
        if n in lengths and lo <= int(digits[:plen]) <= hi:
            return brand
    return None


# Candidates on the skeleton (digits are "0"): compact 12-19 digits, or 4-4-4(-1..4(-3)),
# or 4-6-4/4-6-5, with one separator kind. Boundaries are checked on the text.
_CARD = re.compile(
    rb"0000(?:0{8,15}(?!0)"
    rb"|(?P<s>[ \-])0000(?P=s)0000(?:(?P=s)0{1,4}(?!0)(?:(?P=s)000(?!0))?)?"
    rb"|(?P<t>[ \-])000000(?P=t)0{4,5}(?!0))"
)  # fmt: skip

_CARD_WORDS = words_rx(
    (
        "card*", "visa", "mastercard", "master card", "amex", "american express", "discover",
        "maestro", "jcb", "diners", "unionpay", "credit", "debit", "cc", "ccn", "cvv", "cvc",
        "expir*", "exp", "kreditkarte", "carte", "tarjeta", "carta",
    )
)  # fmt: skip
_REF_WORDS = words_rx(
    (
        "order*", "invoice*", "inv", "tracking", "track", "ticket*", "ref", "reference",
        "confirmation", "booking", "shipment", "parcel", "awb", "receipt", "imei", "serial",
        "isbn", "ean", "upc", "po",
    )
)  # fmt: skip


def _in_regions(rx: re.Pattern[bytes], ctx: Context) -> Iterator[re.Match[bytes]]:
    """Matches of ``rx`` on the skeleton, inside the six-digit regions only."""
    f = facts(ctx)
    sk = f.sk
    for lo, hi in f.regions:
        yield from rx.finditer(sk, lo, hi)


class CreditCardRecognizer:
    """Payment card numbers (Luhn + issuer prefix/length); see the module docstring."""

    name = "CreditCardRecognizer"
    labels = ("CREDIT_CARD",)

    def analyze(self, text: str, ctx: Context) -> list[Span]:
        if not ctx.has_digits or not facts(ctx).long_digits:
            return []
        return list(self._scan(text, ctx, facts(ctx).sk))

    def _scan(self, text: str, ctx: Context, sk: bytes) -> Iterator[Span]:
        for m in _in_regions(_CARD, ctx):
            start, end = m.span()
            if not boundary_ok(text, start, end) or (start and text[start - 1] == "+"):
                continue
            value = text[start:end]
            grouped = m.group(1) is not None or m.group(2) is not None
            digits = value.replace(" ", "").replace("-", "")
            brand = card_brand(digits) if luhn_ok(digits) else None
            if brand is None and grouped and len(digits) > 16:
                # "4111 1111 1111 1111 123": a 16-digit card followed by a CVV group
                cut = value.rfind(value[4])
                digits = digits[:16]
                if len(value[:cut].replace(" ", "").replace("-", "")) == 16 and luhn_ok(digits):
                    brand = card_brand(digits)
                    end = start + cut
                    value = text[start:end]
            if brand is None or ctx.allow.is_test_card(digits) or ctx.allow.allows(value):
                continue
            card_ctx = near(ctx, start, end, _CARD_WORDS)
            if not card_ctx and _REF_WORDS.search(ctx.lower, max(0, start - 30), start):
                continue
            if grouped:
                score = 0.8
            else:
                score = 0.7 if len(digits) >= 15 else 0.6 if len(digits) == 14 else 0.4
            if card_ctx:
                score = min(1.0, score + 0.3)
            yield Span(start, end, "CREDIT_CARD", score, self.name, value, {"brand": brand})


# Candidates on the skeleton: "AA00" then BBAN characters, compact or grouped by four.
_IBAN = re.compile(rb"AA00(?: ?[A0]{4}){2,7}(?: ?[A0]{1,4})?")
_IBAN_WORDS = words_rx(
    ("iban", "account*", "acct", "bank*", "konto*", "transfer*", "wire", "sepa", "compte", "cuenta")
)
_COUNTRY_ATTRS = {cc: MappingProxyType({"country": cc}) for cc in IBAN_LENGTHS}


class IbanRecognizer:
    """International bank account numbers; see the module docstring."""

    name = "IbanRecognizer"
    labels = ("IBAN",)

    def analyze(self, text: str, ctx: Context) -> list[Span]:
        if not ctx.has_digits or not facts(ctx).long_digits:
            return []
        return list(self._scan(text, ctx, facts(ctx).sk))

    def _scan(self, text: str, ctx: Context, sk: bytes) -> Iterator[Span]:
        for m in _in_regions(_IBAN, ctx):
            start = m.start()
            country = text[start : start + 2].upper()
            length = IBAN_LENGTHS.get(country)
            if length is None or not text[start : start + 2].isascii():
                continue
            # take exactly `length` characters (skipping group spaces) from the match
            end, count, stop = start, 0, m.end()
            while end < stop and count < length:
                if text[end] != " ":
                    count += 1
                end += 1
            if count != length or not boundary_ok(text, start, end):
                continue
            value = text[start:end]
            iban = value.replace(" ", "").upper()
            if not iban_ok(iban) or not _stdnum_iban.is_valid(iban, check_country=False):
                continue
            if ctx.allow.allows(value):
                continue
            score = 1.0 if near(ctx, start, end, _IBAN_WORDS) else 0.9
            yield Span(start, end, "IBAN", score, self.name, value, _COUNTRY_ATTRS[country])
