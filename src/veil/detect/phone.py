"""Phone and fax numbers, validated with ``phonenumbers`` (region-aware).

A cheap shape regex on the digit skeleton (see ``_scan``) finds candidates: 7-15
digits in groups separated by single spaces, dots, dashes, slashes or parentheses,
with an optional ``+``/``00`` prefix, ``(0)`` trunk and extension. Shape rules drop
dates, time ranges, versions, dotted quads, money, ZIP+4, SSN-like, ISBN and
Luhn-valid card-like numbers, and numbers right after order/invoice/ticket words.
Without a phone word nearby they also drop thousands-grouped amounts ("8 336 817"),
year ranges, two-group numbers ("17151 2450") and numbers followed by a capitalized
word (street numbers). Only the survivors reach ``phonenumbers``:

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
from ._scan import facts, near, words_rx
from .base import Context

__all__ = ["STRICT_REGIONS", "PhoneRecognizer"]

# phonenumbers looks its metadata regexes up with re.compile on every use. re keeps
# 512 patterns; a corpus with numbers of many regions holds more, and then lookups
# recompile (about 0.5 ms each) and push Veil's inline patterns out of that cache
# too. This documented switch keeps phonenumbers' patterns compiled (their number
# is bounded by its metadata).
_keep_patterns = getattr(phonenumbers, "enable_pattern_cache", None)
if _keep_patterns is not None:
    _keep_patterns()

# Regions whose numbering plans reject most random digit strings (<= ~20% valid).
STRICT_REGIONS: tuple[str, ...] = (
    "US", "GB", "FR", "ES", "IT", "NL", "IN", "AU", "CA", "BR", "CH", "BE", "DK",
    "NO", "PL", "PT", "IE", "NZ", "ZA", "MX", "HU", "CZ", "JP",
)  # fmt: skip
# Plans that accept most digit strings: only trusted near a context word.
PERMISSIVE_REGIONS: tuple[str, ...] = ("DE", "AT", "FI", "SE")

# National numbers in these plans start with the trunk "0" (a number written
# without it is not tried there), and NANP numbers never start with "0".
_TRUNK_ONLY = frozenset({"GB", "FR", "NL", "AU", "BE", "CH", "IE", "NZ", "ZA", "JP"})
_NO_LEADING_ZERO = frozenset({"US", "CA"})

# Phone context words, matched as whole words in ctx.lower ("*": prefix match).
CONTEXT_WORDS: tuple[str, ...] = (
    "phone*", "telephone*", "tel", "tel.", "tél", "call*", "mobile*", "cell", "cellphone*",
    "fax*", "whatsapp", "reach me", "text me", "ring me", "office*", "desk", "contact*",
    "sms", "dial*", "landline*", "hotline*", "mob", "answering", "message*",
    "registered", "téléphone*", "telefon*", "handy", "portable", "móvil", "cellulare",
    "ph:", "ph.", "t:", "m:", "mob.", "cel", "whats app", "signal", "telegram",
    "my number", "text", "texts", "texting", "reach", "ring", "tlf", "nummer", "mobil",
    "mobilnummer", "rufnummer", "festnetz", "durchwahl", "telefoon*", "mobiel*", "gsm",
    "teléfono*", "celular", "número", "numéro", "numero",
    "☎*", "☏*", "📞*", "✆*", "📱*",
)  # fmt: skip
_CONTEXT_RX = words_rx(CONTEXT_WORDS)
# Words that label the number right after them as a phone number ("Phone:", "my
# number is", "call me at"), unlike the weaker context words ("office is at 17031
# 2202 Rissik St" is an address); and how close before the number they must end.
_LABEL_RX = words_rx(
    (
        "phone*", "telephone*", "tel", "tel.", "tél", "mobile*", "cell", "cellphone*", "fax*",
        "whatsapp", "my number", "ph:", "ph.", "t:", "m:", "mob", "mob.", "landline*",
        "téléphone*", "telefon*", "handy", "call me", "text me", "reach me", "ring me",
    )
)  # fmt: skip
_LABEL_BEFORE = 16

# Words before a number (without a phone word) that make it something else.
_NEGATIVE_CONTEXT = words_rx(
    (
        "license*", "licence*", "passport*", "ssn", "social security", "credit card*",
        "card number*", "zip", "zipcode*", "postcode*", "postal code*", "account number*",
        "iban", "routing", "invoice*", "order*", "tracking", "serial*", "isbn",
    )
)  # fmt: skip

# Words just before a number that make it an identifier of something else.
_NOT_PHONE_WORDS = frozenset(
    """order invoice ticket ref case account acct id serial tracking isbn issn build version
    ver po sku item part policy claim customer member ssn iban card zip postcode postal batch
    lot pr issue commit page pages pp doi patent route flight room no nr application file
    docket reg registration receipt transaction az aktenzeichen
    usd eur gbp chf jpy cny inr trl rub sek nok dkk pln czk huf aud cad nzd zar brl mxn rs
    dollar euro pound franc lira rupee amount total sum price cost""".split()
)  # currency codes and words too: "TRL 615.478.0000"
_PHONE_WORDS = frozenset(
    "phone telephone tel mobile cell cellphone fax whatsapp landline hotline contact call"
    .split()
)  # fmt: skip


def _table(pairs: dict[bytes, bytes], default: bytes) -> bytes:
    """A ``bytes.translate`` table: every byte of a key to its value, others to
    ``default``."""
    table = bytearray(default * 256)
    for keys, value in pairs.items():
        for k in keys:
            table[k] = value[0]
    return bytes(table)


# Candidates are found on the *shape* of each skeleton region: the text there encoded
# as latin-1 ("?" above U+00FF) with ASCII digits "0", the separators "-./" all "-",
# space and parentheses kept, ASCII letters "A" except the extension letters x/X/e/E
# ("x"), anything else "?". Same length and offsets as the text.
_SHAPE = _table(
    {
        b"0123456789": b"0", b"-./": b"-", b" ": b" ", b"(": b"(", b")": b")",
        b"ABCDFGHIJKLMNOPQRSTUVWYZabcdfghijklmnopqrstuvwyz": b"A", b"xXeE": b"x",
    },
    b"?",
)  # fmt: skip
# A shape's phone characters (digits, separators, space, parentheses) "0", others "1".
_PHONE_CHARS = _table({b"0- ()": b"0"}, b"1")
# One run of phone characters, matched on the shape (digits are "0"): a digit with six
# more after it, each reached over at most three separators, then digit groups joined
# by one space or separator, or a separator between two spaces ("030 / 1234567"; not
# "192. 2024": a sentence's end), and parentheses; a "+" or "(" just before is added
# afterwards. Linear: each repetition consumes a possessive digit group and nothing
# follows.
_RUN = re.compile(rb"0(?=(?:[ \-()]{0,3}0){6})(?:(?:[ \-]| - )?\(?\)?0++\)?)*")
# An ISO date after no phone character and glued to a letter (a log line's
# "2024-01-15T10:00:00Z"; "-" stands for "-./") is a stretch of its own (see analyze):
# _RUN's one match there is the whole date, which analyze drops at once (glued to the
# letter, no space inside to cut at). So it is blanked out ("#" is no phone character)
# before the stretches are looked for: log lines cost no per-line work.
_ISO_DATE = b"0000-00-00A"
_ISO_DATE_AFTER = b"?0000-00-00A"
_ISO_DATE_BLANK = b"?##########A"
_EXT_TAIL = re.compile(r" ?(?:x|ext\.?|extn\.?|extension|#) ?(\d{1,6})")
_DIGITS = re.compile(r"[0-9]+")
_DATE = re.compile(
    r"\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2}|\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4}"
    r"|\d{1,2}[-./]\d{4}|\d{4}[-./]\d{1,2}"
)
_SLASH_DATE_END = re.compile(r"(?<![0-9])[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$")
_TIME_RANGE = re.compile(r"\d{1,2}[.:]\d{2}\s?-\s?\d{1,2}[.:]\d{2}")
_QUAD = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}")
_VERSION = re.compile(r"\d{1,2}(?:\.\d+){1,3}")
_ZIP4 = re.compile(r"\d{5}-\d{4}")
_SSN = re.compile(r"\d{3}-\d{2}-\d{4}")
_YEAR_RANGE = re.compile(r"(?:19|20)[0-9]{2}[-/](?:19|20)[0-9]{2}")
# Thousands-grouped amounts (optionally with decimals) and lists of two-digit numbers:
# phones only near a phone word.
_NUMBER_GROUPS = re.compile(r"[0-9]{1,3}(?:[ ,.][0-9]{3})+(?:[.,][0-9]{1,2})?")
_PAIRS = re.compile(r"[0-9]{2}(?: [0-9]{2}){3,}")
_THOUSANDS = re.compile(r"\d{1,3}(?:[ ,.]\d{3})+")
_CURRENCY = "$€£¥₹"
_CURRENCY_WORDS = ("eur", "usd", "gbp", "chf", "dollar", "euro", "pound", "kr", "sek", "inr")


def _two_groups(raw: str) -> bool:
    """Two digit groups split by one separator: street numbers ("17151 2450"), case
    numbers ("45874/05"), counts. "(579)888-3058" has an area code and passes."""
    return "(" not in raw and len(_DIGITS.findall(raw)) == 2


def _street_follows(text: str, end: int) -> bool:
    """A capitalized word right after the number: "3747 3911 Fourth Ave"."""
    return (
        text[end : end + 1] == " "
        and text[end + 1 : end + 2].isupper()
        and text[end + 2 : end + 3].isalpha()
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
        regions = facts(ctx).regions
        if not regions:
            return
        # every candidate has six digits joined by single separators: scan only the
        # windows around those (most texts have none)
        for lo, hi in regions:
            shape = text[lo:hi].encode("latin-1", "replace").translate(_SHAPE)
            if _ISO_DATE in shape:
                shape = shape.replace(_ISO_DATE_AFTER, _ISO_DATE_BLANK)
                if shape.startswith(_ISO_DATE):  # (_RUN sees nothing before the region)
                    shape = _ISO_DATE_BLANK[1:] + shape[len(_ISO_DATE) :]
            # A _RUN match holds only phone characters, seven digits among them: it lies
            # in a stretch of seven or more phone characters, found with a plain find
            # (digits are dense in these windows, and a regex started at each of them
            # costs ~1k instructions). No match, nor its lookahead, reads past its
            # stretch: the matches in a region are those in each stretch on its own.
            chars = shape.translate(_PHONE_CHARS)
            i = chars.find(b"0000000")
            while i >= 0:
                j = chars.find(b"1", i)
                if j < 0:
                    j = len(chars)
                if shape.count(b"0", i, j) >= 7:  # (fewer digits: _RUN cannot match)
                    yield from self._stretch(text, ctx, shape, lo, i, j)
                i = chars.find(b"0000000", j)

    def _stretch(
        self, text: str, ctx: Context, shape: bytes, lo: int, i: int, j: int
    ) -> Iterator[Span]:
        """The phones in ``shape[i:j]``, a stretch of phone characters in the region
        that starts at ``lo``."""
        n = len(text)
        for m in _RUN.finditer(shape, i, j):
            start, end = m.start() + lo, m.end() + lo
            # cheap early outs, the same verdicts _judge would reach: glued to a letter
            # before ("v1.2.3", "ID12345678") or after ("2024-01-15T10:00", "500mg"),
            # unless an extension ("x12", "ext. 3") may follow
            if start > 0 and text[start - 1].isalnum():
                continue
            if end < n and text[end - 1] != ")":
                nxt = text[end]
                if nxt.isalnum() and nxt not in "xXeE":
                    # the run went on into a token glued to letters ("... 0958
                    # 1HGBH41..."): judge it without that last group
                    cut = text.rfind(" ", start, end)
                    if cut - start < 7:
                        continue
                    end = cut
            if start > 0 and text[start - 1] in "+(":
                start -= 1
            elif start > 1 and text[start - 2 : start] == "+ ":
                start -= 2
            span = self._judge(text, ctx, start, end)
            if span is not None:
                yield span

    # -- candidate judging -------------------------------------------------

    def _judge(self, text: str, ctx: Context, start: int, end: int) -> Span | None:
        raw = text[start:end]
        if raw[0] == "(" and raw.count("(") > raw.count(")"):
            raw, start = raw[1:], start + 1
        while raw and raw[-1] == ")" and raw.count(")") > raw.count("("):
            raw, end = raw[:-1], end - 1
        if raw.endswith(")") and raw.rfind("(") > 0:
            # a trailing "(...)" is an aside ("resolution 1325 (2000)"), not an area code
            cut = raw.rfind("(")
            kept = raw[:cut].rstrip(" -./")
            raw, end = kept, start + len(kept)
        if not raw:
            return None
        digits = "".join(_DIGITS.findall(raw))
        n = len(digits)
        if n < 7 or n > 15:
            return None
        ext = _EXT_TAIL.match(text, end)
        stop = ext.end() if ext is not None else end
        # boundaries: not glued to letters/digits or to other number syntax
        if start > 0:
            prev = text[start - 1]
            if prev.isalnum() or prev in "_#$€£¥₹@" or (prev == "+" and raw[0] != "+"):
                return None
            if prev in ".,:/-" and start > 1 and text[start - 2].isdigit():
                return None
        if stop < len(text):
            nxt = text[stop]
            if nxt.isalnum() or nxt in "_@%€$£":
                return None
            if nxt in ".,:/-" and stop + 1 < len(text) and text[stop + 1].isdigit():
                return None
        intl = raw[0] == "+" or raw[:2] == "00"
        if not intl and self._not_phone_shape(raw, digits, text, start, ctx):
            return None
        if self._blocked_by_word(ctx, start):
            return None
        has_ctx = near(ctx, start, stop, _CONTEXT_RX, 40, 20)
        if has_ctx and not intl and raw.isdigit() and n <= 8:
            # a bare 7-8 digit run (a commit hash, a reference) needs its phone word
            # close by: "text me at 4257512", not "message ... See 4257512 for the revert"
            has_ctx = near(ctx, start, stop, _CONTEXT_RX, 24, 12)
        if not has_ctx and not intl:
            if near(ctx, start, stop, _NEGATIVE_CONTEXT, 40, 0):
                return None
            if _two_groups(raw) or _YEAR_RANGE.fullmatch(raw):
                return None
            if _NUMBER_GROUPS.fullmatch(raw) or (_PAIRS.fullmatch(raw) and raw[0] != "0"):
                return None  # "8 336 817", "9 876 543.21", "98 76 54 32 10"
        if not intl and _street_follows(text, stop):
            # a house number before a street name ("3747 3911 Fourth Ave"), unless a
            # phone word follows it or labels it right before ("Phone: 450.223.9979
            # Vitals stable", "my number is 01614960332 Lungs clear")
            if _CONTEXT_RX.match(ctx.lower, stop + 1) is None and not (
                has_ctx and near(ctx, start, stop, _LABEL_RX, _LABEL_BEFORE, 0)
            ):
                return None
        score, region = self._validate(raw, digits, intl, raw.isdigit(), has_ctx, ctx)
        if score <= 0.0:
            return None
        value = text[start:stop]
        if ctx.allow.allows(value):
            return None
        attrs = {"region": region} if region else {}
        if ext is not None:
            attrs["ext"] = "1"
        return Span(start, stop, "PHONE", score, self.name, value, attrs)

    @staticmethod
    def _not_phone_shape(raw: str, digits: str, text: str, start: int, ctx: Context) -> bool:
        if _DATE.fullmatch(raw) or _TIME_RANGE.fullmatch(raw) or _VERSION.fullmatch(raw):
            return True
        if _QUAD.fullmatch(raw) or _ZIP4.fullmatch(raw) or _SSN.fullmatch(raw):
            return True
        groups = _DIGITS.findall(raw)
        if len(groups) > 1 and len(groups[-1]) == 1:
            # ISBN-10 check digit, list of numbers, ...; but a labelled German number
            # may end in its extension "-0" (the switchboard): "Tel. 0221 / 94 33 21-0"
            if not (
                raw.endswith("-0")
                and len(digits) >= 8
                and near(ctx, start, start + len(raw), _LABEL_RX, _LABEL_BEFORE, 0)
            ):
                return True
        slash = raw.rfind("/")
        if slash >= 0 and (
            sum(c.isdigit() for c in raw[slash + 1 :]) < 3 or _SLASH_DATE_END.search(raw)
        ):
            return True  # a file or case number with a year ("41288/95"), a date last
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
        """True when one of the two words before names another kind of number
        ("order 123...", "application no. 45874/05"), unless one is a phone word
        ("phone no. ...")."""
        words = [w.strip("#:.-(),") for w in ctx.lower[max(0, start - 24) : start].split()[-2:]]
        blocked = False
        for w in words:
            if w in _PHONE_WORDS:
                return False
            if w in _NOT_PHONE_WORDS or (w.endswith("s") and w[:-1] in _NOT_PHONE_WORDS):
                blocked = True
        return blocked

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
        skip = _TRUNK_ONLY if digits[0] != "0" else _NO_LEADING_ZERO
        for r in self.strict_regions:
            if r == ctx.region or r in skip:
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
