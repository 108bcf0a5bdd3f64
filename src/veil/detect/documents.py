"""Document numbers that have no checksum or fixed shape: PASSPORT, DRIVER_LICENSE
and MEDICAL_RECORD_NUMBER.

Formats vary too much by country and state to recognize the numbers alone (US
passports are 9 digits, German ones "C01X00T47", Indian "J8369854"; US licences
range from "6940579" to "U62928788557186"), so a value is only reported right
after a keyword ("passport no.", "Reisepass", "driver's license number",
"Führerschein", "DL#", "MRN", "patient id", ...). Between the keyword and the
value only filler may stand: punctuation and words such as "number", "no", "is",
"of", "my", "nummer", "numéro", and the keyword must start at most 64 characters
before the value. The value is one token (letters and digits, dash-joined groups
allowed) with two adjacent digits and a length in the label's range; dates,
years, ordinals, "10am"-style quantities, one-digit repeats ("000000") and
counting runs ("123456789") are rejected. "... license number" after words such
as "software", "medical" or "business" is not a driving licence.

Search runs digit-first: candidate tokens come from the shared skeleton pass
(:attr:`veil.detect._scan.Facts.tokens`, few per text), and only the window before
each is searched for keywords, so prose without such tokens costs almost nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..types import Span
from ._scan import boundary_ok, facts, words_rx
from .base import Context, register_literals

__all__ = ["DocumentNumberRecognizer", "DocumentsRecognizer", "document_recognizers"]

# What may stand between keyword and value (matched on ctx.lower, possessive).
_FILLER_WORDS = (
    "number", "numbers", "num", "nos", "no", "nr", "nº", "n°", "is", "was", "are", "id",
    "identifier", "of", "the", "my", "your", "his", "her", "their", "our", "card", "book",
    "booklet", "details", "reads", "numéro", "numero", "número", "nummer", "ist", "lautet",
    "es", "est", "de", "du", "del", "code", "ref",
)  # fmt: skip
_FILLER = re.compile(
    r"(?:[\s:#=.,()\[\]'\"*\-–—]|(?:"
    + "|".join(sorted(map(re.escape, _FILLER_WORDS), key=len, reverse=True))
    + r")(?![a-z0-9]))*+"
)
_WINDOW = 64  # how far before a value its keyword may start
_DATE = re.compile(r"([0-9]{1,4})-([0-9]{1,2})-([0-9]{1,4})")
# years, and quantities/ordinals such as "15th", "10am", "500mg"
_NOT_A_NUMBER = re.compile(r"(?:19|20)[0-9]{2}|[0-9]{1,4}[A-Za-z]{1,3}")
_COUNTING = "012345678909876543210"


def _is_date(value: str) -> bool:
    m = _DATE.fullmatch(value)
    if m is None:
        return False
    a, b, c = (int(x) for x in m.groups())
    if len(m.group(1)) == 4:  # yyyy-mm-dd
        return 1 <= b <= 12 and 1 <= c <= 31
    return 1 <= b <= 31 and 1 <= a <= 31 and (a <= 12 or b <= 12) and len(m.group(3)) in (2, 4)


def _value_ok(value: str) -> bool:
    """Whether a token can be a document number of any kind (not a date, year, ...)."""
    if _NOT_A_NUMBER.fullmatch(value) is not None:
        return False
    low = value.replace("-", "").lower()
    if low == low[0] * len(low) or (low.isdigit() and low in _COUNTING):
        return False
    return "-" not in value or not _is_date(value)


_Candidate = tuple[int, int, int, str]  # start, end, alnum length, lowercased window before


def _candidates(ctx: Context, anchors: tuple[str, ...]) -> list[_Candidate]:
    """The tokens of ``ctx`` that may be document numbers, with their windows; only
    tokens with one of ``anchors`` (the keywords' cheap stems) in their window."""
    text = ctx.text
    low = ctx.lower
    out: list[_Candidate] = []
    # an anchor in a token's window is an anchor in the text: only those are looked for
    find = ctx.find
    present = [a for a in anchors if find(a) >= 0]
    if not present:
        return out
    for start, end in facts(ctx).tokens:
        lo = start - _WINDOW
        if lo < 0:
            lo = 0
        # the anchor test first (it drops most tokens): a few C-speed substring
        # tests of the window, several times cheaper than one alternation regex
        window = low[lo:start]
        for a in present:
            if a in window:
                break
        else:
            continue
        # the boundary check drops timestamps ("2024-01-15T10:00")
        if not boundary_ok(text, start, end, "/.,:"):
            continue
        start = _prefix_start(text, start)
        value = text[start:end]
        if _value_ok(value):
            out.append((start, end, end - start - value.count("-"), low[lo:start]))
    return out


def _prefix_start(text: str, start: int) -> int:
    """``start`` moved back over a short letter prefix joined by a dash ("PT-6756508",
    "H-8353374": the skeleton token starts at the digits)."""
    if start < 2 or text[start - 1] != "-":
        return start
    j = start - 1
    while j > 0 and start - 1 - j < 4 and text[j - 1].isascii() and text[j - 1].isalpha():
        j -= 1
    if j == start - 1 or (j > 0 and text[j - 1].isalnum()):
        return start
    return j


class DocumentNumberRecognizer:
    """A keyword-gated number of one label; see the module docstring."""

    __slots__ = (
        "anchors", "exclude", "keywords", "label", "labels", "max_len", "min_len", "name", "score",
        "values",
    )  # fmt: skip

    def __init__(
        self,
        name: str,
        label: str,
        keywords: str,
        anchors: tuple[str, ...],
        min_len: int,
        max_len: int,
        score: float,
        exclude: re.Pattern[str] | None = None,
        values: re.Pattern[str] | None = None,
    ) -> None:
        self.name = name
        self.label = label
        self.labels = (label,)
        self.keywords = re.compile(keywords)
        self.anchors = anchors
        register_literals(*anchors)
        self.min_len = min_len
        self.max_len = max_len
        self.score = score
        self.exclude = exclude
        # values without two adjacent digits, found keyword-first (see _keyword_values)
        self.values = values

    def __repr__(self) -> str:
        return f"DocumentNumberRecognizer({self.name})"

    def analyze(self, text: str, ctx: Context) -> list[Span]:
        if not ctx.has_digits:
            return []
        cands = _candidates(ctx, self.anchors)
        out = list(self._scan(text, ctx, cands)) if cands else []
        return _merge(out, self._keyword_values(text, ctx))

    def _keyword_values(self, text: str, ctx: Context) -> list[Span]:
        """Values of :attr:`values` right after a keyword (with filler between): the
        shapes the digit-first pass cannot see ("CY3V8LHYC" has no two adjacent digits)."""
        if self.values is None:
            return []
        for a in self.anchors:  # (no anchor in the text, the usual case: no keyword)
            if ctx.find(a) >= 0:
                break
        else:
            return []
        low = ctx.lower
        out = []
        for m in self._keywords_near_anchors(ctx):
            f = _FILLER.match(low, m.end())
            pos = f.end() if f is not None else m.end()
            v = self.values.match(text, pos)
            if v is None or pos - m.start() > _WINDOW:
                continue
            start, end = v.span()
            if not boundary_ok(text, start, end, "/.,:-"):
                continue
            if self.exclude is not None and self.exclude.search(
                low, max(0, m.start() - 30), m.start()
            ):
                continue
            value = text[start:end]
            if _value_ok(value) and not ctx.allow.allows(value):
                out.append(Span(start, end, self.label, self.score, self.name, value))
        return out

    def _keywords_near_anchors(self, ctx: Context) -> Iterator[re.Match[str]]:
        """Keyword matches, searched only in short windows around the anchors (found
        with str.find: "pas" is common, "password", but the keyword scan is not)."""
        seen: set[int] = set()
        low = ctx.lower
        for a in self.anchors:
            i = ctx.find(a)
            while i >= 0:
                for m in self.keywords.finditer(low, max(0, i - 8), min(len(low), i + 24)):
                    if m.start() <= i < m.end() and m.start() not in seen:
                        seen.add(m.start())
                        yield m
                i = low.find(a, i + 1)

    def _scan(self, text: str, ctx: Context, cands: list[_Candidate]) -> Iterator[Span]:
        low = ctx.lower
        for start, end, size, window in cands:
            if not self.min_len <= size <= self.max_len:
                continue
            for anchor in self.anchors:
                if anchor in window:
                    break
            else:
                continue
            kstart = self._keyword_before(low, start)
            if kstart < 0:
                continue
            if self.exclude is not None and self.exclude.search(low, max(0, kstart - 30), kstart):
                continue
            value = text[start:end]
            if not ctx.allow.allows(value):
                yield Span(start, end, self.label, self.score, self.name, value)

    def _keyword_before(self, low: str, start: int) -> int:
        """Start of the keyword that introduces the value at ``start``, or -1."""
        lo = max(0, start - _WINDOW)
        kstart = -1
        for m in self.keywords.finditer(low, lo, start):
            if _FILLER.fullmatch(low, m.end(), start):
                kstart = m.start()
        return kstart


_NB = r"(?![a-z])"  # keyword must end at a word boundary
_NUMBER = r"(?:[ \-]?(?:number|no|nr|num)(?![a-z])|[ \-]?#)"

PASSPORT_KEYWORDS = (
    r"(?<![a-z])pas(?:sport|seport|aporte|saporto|spoort|poort)s?" + _NB
    + r"|(?<=reise)pass(?:nummer|-?nr)?" + _NB
    + r"|(?<![a-z])pass(?:nummer|[ \-]?n[or])" + _NB
)  # fmt: skip

DRIVER_LICENSE_KEYWORDS = (
    r"(?:(?<=driver's )|(?<=driver’s )|(?<=drivers )|(?<=drivers' )|(?<=driver )"
    r"|(?<=driving )|(?<=driver's-)|(?<=driving-))licen[cs]e" + _NB
    + r"|licen[cs]e" + _NUMBER
    + r"|licencia de conduc(?:ir|ción)" + _NB
    + r"|(?<![a-z])dl(?:\s?(?:#|no\b|nr\b|num|number)|:)"
    + r"|(?:(?<=fü)|(?<=fu)|(?<=fue))hrerschein(?:nummer|-?nr)?" + _NB
    + r"|(?<![a-z])permis de conduire" + _NB
    + r"|(?<![a-z])rijbewijs(?:nummer)?" + _NB
    + r"|(?<![a-z])patente di guida" + _NB
)  # fmt: skip

# "... license number" of something that is not a driving licence
_NOT_DRIVING = words_rx(
    (
        "software", "product", "activation", "serial", "business", "liquor", "medical",
        "nursing", "contractor", "professional", "trade", "dea", "npi", "firearm*", "gun",
        "marriage", "pilot", "fishing", "hunting", "radio", "vendor", "dealer", "broker",
    )
)  # fmt: skip

# Passport numbers with letters between the digits: German/Austrian-style nine
# characters from the no-vowel alphabet ("CY3V8LHYC", "C01X00T47"), and upper-case
# letter/digit mixes of 7-10 characters with at least two digits.
_PASSPORT_VALUE = re.compile(
    r"[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}(?![A-Za-z0-9])"
    r"|(?=[A-Z]{0,8}[0-9][A-Z]{0,8}[0-9])[A-Z0-9]{7,10}(?![A-Za-z0-9])"
)

MRN_KEYWORDS = (
    r"(?<![a-z])mrn" + _NB
    + r"|(?<![a-z])medical records?(?:" + _NUMBER + "|(?![a-z]))"
    + r"|(?<![a-z])patient(?:en)?[ \-]?(?:(?:id|identifier|number|no|nr|nummer|mrn)(?![a-z])|#)"
    + r"|(?<![a-z])chart" + _NUMBER
    + r"|(?<![a-z])hospital(?:" + _NUMBER + r"|[ \-]?id(?![a-z]))"
)  # fmt: skip


def document_recognizers() -> list[DocumentNumberRecognizer]:
    """PASSPORT, DRIVER_LICENSE and MEDICAL_RECORD_NUMBER recognizers."""
    return [
        DocumentNumberRecognizer(
            "PassportRecognizer",
            "PASSPORT",
            PASSPORT_KEYWORDS,
            ("pas",),
            6,
            12,
            0.85,
            values=_PASSPORT_VALUE,
        ),
        DocumentNumberRecognizer(
            "DriverLicenseRecognizer",
            "DRIVER_LICENSE",
            DRIVER_LICENSE_KEYWORDS,
            (
                "licen",
                "dl",
                "hrerschein",
                "permis",
                "rijbewijs",
                "patente",
            ),
            5,
            16,
            0.8,
            exclude=_NOT_DRIVING,
        ),
        DocumentNumberRecognizer(
            "MedicalRecordNumberRecognizer",
            "MEDICAL_RECORD_NUMBER",
            MRN_KEYWORDS,
            ("mrn", "record", "patient", "chart", "hospital"),
            4,
            14,
            0.8,
        ),
    ]


class DocumentsRecognizer:
    """The three document recognizers as one: one keyword gate and one candidate pass
    per text (the spans keep the names of the recognizer that found them)."""

    name = "DocumentsRecognizer"

    def __init__(self, recognizers: list[DocumentNumberRecognizer] | None = None) -> None:
        self.recognizers = tuple(recognizers if recognizers is not None else document_recognizers())
        self.labels = tuple(r.label for r in self.recognizers)
        self._anchors = tuple(dict.fromkeys(a for r in self.recognizers for a in r.anchors))
        self._keyword_first = tuple(r for r in self.recognizers if r.values is not None)

    def __repr__(self) -> str:
        return f"DocumentsRecognizer({len(self.recognizers)} kinds)"

    def analyze(self, text: str, ctx: Context) -> list[Span]:
        if not ctx.has_digits:
            return []
        cands = _candidates(ctx, self._anchors)
        out: list[Span] = []
        if cands:
            for rec in self.recognizers:
                out.extend(rec._scan(text, ctx, cands))
        for rec in self._keyword_first:
            out = _merge(out, rec._keyword_values(text, ctx))
        return out


def _merge(found: list[Span], more: list[Span]) -> list[Span]:
    """``found`` plus the spans of ``more`` at offsets not already covered."""
    if not more:
        return found
    return found + [s for s in more if not any(s.overlaps(f) for f in found)]
