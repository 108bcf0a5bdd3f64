"""Vehicle identification numbers (ISO 3779 VINs).

A VIN is 17 characters from ``0-9A-Z`` without ``I``, ``O`` and ``Q``. Position 9
is a check digit (mandatory in North America, often also used elsewhere): a VIN
whose check digit verifies is accepted on its own; one that fails is accepted only
next to a context word ("VIN", "vehicle identification", "chassis", ...).

Only upper-case VINs are searched (that is how they are printed and typed);
candidates made only of hex digits, with fewer than three digits or fewer than two
letters need context.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..types import Span
from ._scan import translated
from .base import Context, left_ok, right_ok

__all__ = ["VinRecognizer", "vin_check_digit"]

_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
# bytes prefilter: VIN characters -> "V", anything else -> " "; a VIN needs "V" * 17
_PREFILTER = bytes(ord("V") if chr(i) in _VIN_CHARS else ord(" ") for i in range(256))
# (bytes 128-255 mark like "?": translating the Latin-1 text equals translating its
# ASCII form with "replace"; tests/detect/test_scan_c.py checks it)
_RUN = b"V" * 17
_HEX_ONLY = re.compile(r"[0-9A-F]{17}")
# context words, matched at a word start ("vin" must not match "having")
_CONTEXT = re.compile(
    r"(?<![a-z])(?:vin|v\.i\.n|vehicle id|vehicle identification|chassis|frame number"
    r"|fahrgestell|fin\b|numéro de série|n° de série|numero de telaio|bastidor|vehicle no)"
)
# ISO 3779 / 49 CFR 565 transliteration and weights
_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
# position 10 (model year) never holds I, O, Q, U, Z or 0
_YEAR_CHARS = frozenset("ABCDEFGHJKLMNPRSTVWXY123456789")


def vin_check_digit(vin: str) -> str:
    """The check character (``0-9`` or ``X``) that position 9 of ``vin`` should hold."""
    total = sum(_VALUES[c] * w for c, w in zip(vin, _WEIGHTS, strict=True))
    r = total % 11
    return "X" if r == 10 else str(r)


class VinRecognizer:
    """Finds VINs: check digit verified, or failing it but next to a VIN context word."""

    name = "VinRecognizer"
    labels = ("VEHICLE_ID",)

    def __init__(self, before: int = 40, after: int = 20) -> None:
        self.before = before
        self.after = after

    def _context(self, ctx: Context, start: int, end: int) -> bool:
        return _CONTEXT.search(ctx.window(start, end, self.before, self.after)) is not None

    def analyze(self, text: str, ctx: Context) -> Iterator[Span]:
        if not ctx.has_digits:
            return
        # a C-speed scan for a run of 17 VIN characters (the regex alone costs ~10x more);
        # "replace" keeps one byte per character, so the offset is valid in ``text``
        marks = translated(text, _PREFILTER)
        start = marks.find(_RUN)
        while start >= 0:
            end = marks.find(b" ", start + 17)
            end = len(marks) if end < 0 else end
            if end - start == 17:  # a longer run of VIN characters is something else
                span = self._judge(text, ctx, start, end)
                if span is not None:
                    yield span
            start = marks.find(_RUN, end)

    def _judge(self, text: str, ctx: Context, start: int, end: int) -> Span | None:
        if not (left_ok(text, start) and right_ok(text, end)):
            return None
        vin = text[start:end]
        digits = sum(c.isdigit() for c in vin)
        if digits == 17 or digits == 0:  # a number or a word, never a VIN
            return None
        valid = vin[8] == vin_check_digit(vin)
        # a VIN has letters in its manufacturer and descriptor parts; one letter among
        # digits is more likely a reference number (S0895479899356080)
        plausible = valid and vin[9] in _YEAR_CHARS and digits >= 3 and 17 - digits >= 2
        if plausible and not _HEX_ONLY.fullmatch(vin):
            score = 1.0 if self._context(ctx, start, end) else 0.85
        elif self._context(ctx, start, end):
            score = 0.95 if valid else 0.75
        else:
            return None
        if ctx.allow.allows(vin):
            return None
        return Span(start, end, "VEHICLE_ID", score, self.name, vin)
