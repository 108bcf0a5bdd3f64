"""Phone and fax numbers, validated with ``phonenumbers`` (region-aware).

A cheap shape regex finds candidates (7-15 digits in groups separated by single
spaces, dots, dashes, slashes or parentheses, with an optional ``+``/``00`` prefix,
``(0)`` trunk and extension). Shape rules drop dates, versions, dotted quads,
money, ZIP+4, SSN-like and Luhn-valid card-like numbers, and numbers right after
order/invoice/ticket words. Only the survivors reach ``phonenumbers``:

* ``+``/``00`` numbers parse as international and pass when possible (0.95 when
  valid, 0.8 otherwise);
* national numbers pass when valid in ``ctx.region`` or in a region whose plan is
  strict enough to mean something (``STRICT_REGIONS``); near a phone context word
  they also pass when valid in a permissive plan (DE, AT, FI, SE) or possible in
  any common region;
* separator-free digit runs need a context word.

Spans carry ``{"region": "GB"}`` (and ``"ext": "1"`` with an extension).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException

from ..types import Span
from .base import Context

__all__ = ["STRICT_REGIONS", "PhoneRecognizer"]

# Regions whose numbering plans reject most random digit strings (<= ~20% valid).
STRICT_REGIONS: tuple[str, ...] = (
    "US", "GB", "FR", "ES", "IT", "NL", "IN", "AU", "CA", "BR", "CH", "BE", "DK",
    "NO", "PL", "PT", "IE", "NZ", "ZA", "MX", "HU", "CZ", "JP",
)  # fmt: skip
# Plans that accept most digit strings: only trusted near a context word.
PERMISSIVE_REGIONS: tuple[str, ...] = ("DE", "AT", "FI", "SE")

CONTEXT_WORDS: tuple[str, ...] = (
    "phone", "tel", "call", "mobile", "cell", "fax", "whatsapp", "reach me",
    "text me", "office", "desk", "contact", "sms", "number", "dial", "ring",
    "landline", "hotline", "mob", "answering", "message", "registered", "téléphone",
    "telefon", "handy", "portable", "móvil", "cellulare", "ph:", "ph.", "t:", "m:",
)  # fmt: skip

# Words just before a number that make it an identifier of something else.
_NOT_PHONE_WORDS: tuple[str, ...] = (
    "order", "invoice", "ticket", "ref", "case", "account", "acct", "id", "no.",
    "serial", "tracking", "isbn", "issn", "build", "version", "ver", "po", "sku",
    "item", "part", "policy", "claim", "customer", "member", "ssn", "iban",
    "card", "zip", "postcode", "postal", "batch", "lot", "pr", "issue", "commit",
    "page", "pages", "pp.", "doi", "patent", "route", "flight", "room", "build",
)  # fmt: skip

_EXT = r"(?:\s?(?:x|ext\.?|extn\.?|extension|#)\s?\d{1,6})"
# Digit groups joined by one separator; "(0)" and "(area)" groups allowed.
_PHONE = re.compile(
    r"[+(\d]"  # cheap first-character class
    r"(?<=[+(\d])"  # (documentation: candidates start at +, ( or a digit)
)
_CAND = re.compile(
    r"(?:\+\s?|(?<![\d])00[ \-.]?)?"
    r"(?:\(\d{1,5}\)|\d{1,6})"
    r"(?:(?:[ \-./]|\)\s?|\s?\(|[ \-.]\(|\)[ \-.])?"
    r"(?:\(\d{1,5}\)|\d++)){0,8}" + _EXT + "?"
)
_CAND = re.compile(
    r"[+(\d](?:[\d()\-./ ]|\s(?=\d|\())*"  # greedy run over phone characters
)
_DIGITS = re.compile(r"\d+")
_EXT_RX = re.compile(r"\s?(?:x|ext\.?|extn\.?|extension|#)\s?(\d{1,6})")
_DATE = re.compile(
    r"\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2}|\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4}"
    r"|\d{1,2}[-./]\d{4}|\d{4}[-./]\d{1,2}"
)
_TIME_RANGE = re.compile(r"\d{1,2}[.:]\d{2}\s?-\s?\d{1,2}[.:]\d{2}")
_QUAD = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}")
_VERSION = re.compile(r"\d+(?:\.\d+){1,2}")
_ZIP4 = re.compile(r"\d{5}-\d{4}")
_SSN = re.compile(r"\d{3}-\d{2}-\d{4}")
_THOUSANDS = re.compile(r"\d{1,3}(?:[ ,.]\d{3})+")
_CURRENCY = "$€£¥₹"
_CURRENCY_WORDS = ("eur", "usd", "gbp", "chf", "dollar", "euro", "pound", "kr", "sek", "inr")
_SHAPE = re.compile(
    r"(?:\+ ?|00[ \-.]?)?(?:\(\d{1,5}\)|\d{1,12})"
    r"(?:(?:[ \-./]|\) ?|[ \-.]?\()(?:\(?\d{1,12}\)?)){0,8}"
)


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


@lru_cache(maxsize=4096)
def _check(number: str, region: str | None) -> tuple[bool, bool, str]:
    """(valid, possible, region) of ``number`` parsed in ``region``."""
    try:
        parsed = phonenumbers.parse(number, region)
    except NumberParseException:
        return False, False, ""
    valid = phonenumbers.is_valid_number(parsed)
    possible = valid or phonenumbers.is_possible_number(parsed)
    found = phonenumbers.region_code_for_number(parsed) or region or ""
    return valid, possible, found


class PhoneRecognizer:
    """Finds phone numbers; see the module docstring for the rules."""

    name = "PhoneRecognizer"
    labels = ("PHONE",)

    def __init__(self, strict_regions: tuple[str, ...] = STRICT_REGIONS) -> None:
        self.strict_regions = strict_regions

    def analyze(self, text: str, ctx: Context) -> Iterator[Span]:
        if not ctx.has_digits:
            return
        for m in _RUN.finditer(text):
            start, end = m.span()
            span = self._judge(text, ctx, start, end)
            if span is not None:
                yield span

    # -- candidate judging -------------------------------------------------

    def _judge(self, text: str, ctx: Context, start: int, end: int) -> Span | None:
        raw = text[start:end]
        # trim trailing separators / unmatched parens
        while raw and raw[-1] in " -./(":
            raw = raw[:-1]
            end -= 1
        ext = ""
        em = _EXT_TAIL.search(text, end, min(len(text), end + 16))
        if em is not None and em.start() == end:
            ext = em.group(1)
            ext_end = em.end()
        else:
            ext_end = end
        digits = "".join(_DIGITS.findall(raw))
        n = len(digits)
        if n < 7 or n > 15:
            return None
        # boundaries: not glued to letters/digits or to other number syntax
        if start > 0:
            prev = text[start - 1]
            if prev.isalnum() or prev in "_.,:/#$€£¥₹=-" or (prev == "+" and raw[0] != "+"):
                return None
        if ext_end < len(text):
            nxt = text[ext_end]
            if nxt.isalnum() or nxt in "_@%€$£":
                return None
            if nxt in ".,:/-" and ext_end + 1 < len(text) and text[ext_end + 1].isdigit():
                return None
        intl = raw[0] == "+" or (digits.startswith("00") and raw[:2] == "00")
        plain = raw.isdigit()
        if not intl and self._not_phone_shape(raw, digits, text, start, ctx):
            return None
        has_ctx = ctx.has_context(start, ext_end, CONTEXT_WORDS, 40, 20)
        if not has_ctx and self._blocked_by_word(ctx, start):
            return None
        score, region = self._validate(raw, digits, intl, plain, has_ctx, ctx)
        if score <= 0.0:
            return None
        value = text[start:ext_end]
        if ctx.allow.allows(value):
            return None
        attrs = {"region": region} if region else {}
        if ext:
            attrs["ext"] = "1"
        return Span(start, ext_end, "PHONE", score, self.name, value, attrs)

    @staticmethod
    def _not_phone_shape(raw: str, digits: str, text: str, start: int, ctx: Context) -> bool:
        if _DATE.fullmatch(raw) or _TIME_RANGE.fullmatch(raw) or _VERSION.fullmatch(raw):
            return True
        if _QUAD.fullmatch(raw) or _ZIP4.fullmatch(raw) or _SSN.fullmatch(raw):
            return True
        groups = _DIGITS.findall(raw)
        if len(groups) > 1 and len(groups[-1]) == 1:
            return True  # ISBN-10 check digit, list of numbers, ...
        if _THOUSANDS.fullmatch(raw):
            before = text[max(0, start - 2) : start]
            after = ctx.lower[start + len(raw) : start + len(raw) + 8]
            if any(c in before for c in _CURRENCY) or any(c in after for c in _CURRENCY):
                return True
            if any(w in after for w in _CURRENCY_WORDS):
                return True
        n = len(digits)
        if n >= 13 and _luhn(digits):
            return True  # card-like
        return n == 13 and digits[:3] in ("978", "979")  # ISBN-13

    @staticmethod
    def _blocked_by_word(ctx: Context, start: int) -> bool:
        left = ctx.lower[max(0, start - 14) : start].rstrip(" #:.-\t\n(").rstrip()
        if not left:
            return False
        word = left.rsplit(None, 1)[-1].strip("(#:")
        return word in _NOT_PHONE_WORDS or word.rstrip("s") in _NOT_PHONE_WORDS

    def _validate(
        self, raw: str, digits: str, intl: bool, plain: bool, has_ctx: bool, ctx: Context
    ) -> tuple[float, str]:
        if intl:
            number = "+" + digits[2:] if raw[0] != "+" else raw
            valid, possible, region = _check(_normal(number), None)
            if valid:
                return 0.95, region
            if possible:
                return 0.8, region
            return 0.0, ""
        if plain and not has_ctx:
            return 0.0, ""
        number = _normal(raw)
        valid, possible, region = _check(number, ctx.region)
        if valid:
            return (0.9 if has_ctx else 0.8), region
        for r in self.strict_regions:
            if r == ctx.region:
                continue
            valid, possible_r, region = _check(number, r)
            if valid:
                return (0.85 if has_ctx else 0.7), region
            possible = possible or possible_r
        if not has_ctx:
            return 0.0, ""
        for r in PERMISSIVE_REGIONS:
            valid, possible_r, region = _check(number, r)
            if valid:
                return 0.75, region
            possible = possible or possible_r
        return (0.6, "") if possible else (0.0, "")


def _normal(raw: str) -> str:
    """Drop a "(0)" trunk after a country code; phonenumbers handles the rest."""
    return raw.replace("(0)", "") if raw.startswith("+") else raw


# One run of phone characters: starts at "+", "(" or a digit, continues over digits
# and single separators, ends at a digit or ")". Linear: every repetition consumes
# at least one digit, separators cannot repeat without one.
_RUN = re.compile(
    r"[+(\d](?:[ \-./]?\(?\)?\d+\)?|\d)*"
)
_EXT_TAIL = re.compile(r" ?(?:x|ext\.?|extn\.?|extension|#) ?(\d{1,6})")
