"""The shared engine of the national id recognizers.

An :class:`IdRecognizer` is data: skeleton shapes (see :mod:`veil.detect._scan`)
with a score without and with context words, a validator for the exact value, and
context words. ``score=None`` on a shape means "only with context": bare digit
runs without a strong checksum and a telling shape are never flagged alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ...types import Span
from .._scan import Facts, boundary_ok, facts, near, words_rx
from ..base import Context

__all__ = ["IdRecognizer", "Shape", "all_same"]


@dataclass(frozen=True, slots=True)
class Shape:
    """A candidate form on the skeleton. ``lead`` counts the characters before the
    skeleton match that belong to the value (a letter prefix the pattern does not
    start with, to keep a literal digit prefix for speed)."""

    rx: re.Pattern[bytes]
    score: float | None
    context_score: float
    lead: int = 0
    # the literal start of the pattern: a plain bytes.find() rules a text out
    # several times faster than starting a regex scan
    needle: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pattern = self.rx.pattern
        n = 0
        while n < len(pattern) and pattern[n] in b"0A -":
            n += 1
        if n < len(pattern) and pattern[n] in b"?*{":
            n -= 1  # that last character is optional
        object.__setattr__(self, "needle", pattern[:n])


# A word right before a number that makes it some other kind of number ("SKU
# 70137545-B", "order 123-45-6789"): without id context words, no id is reported.
_OTHER_NUMBER_WORDS = frozenset(
    """sku item items part order invoice model product art article serial
    batch lot ticket case tracking version build po catalog catalogue cat upc ean isbn
    asin stock shipment parcel booking confirmation receipt transaction room flight
    page issue pr commit""".split()
)


# Words that name an identity or tax number without saying which country's ("National
# ID:", "ID number", "Tax ID:"): a valid value of any kind near them is reported, a
# little below the kind's own context score.
GENERIC_CONTEXT = words_rx(
    (
        "national id*", "national identity", "national identification", "id number", "id no",
        "id nr", "id#", "id card", "identity card", "identity number", "identification number",
        "identification no", "personal id", "personal number", "citizen id", "tax id", "tax no",
        "tax number", "tin", "taxpayer", "national insurance", "social security",
        "insurance number", "identity document",
    )
)  # fmt: skip
GENERIC_PENALTY = 0.05


def _other_number(low: str, start: int, n: int = 1) -> bool:
    """Whether one of the ``n`` words just before ``start`` names another kind of
    number ("SKU 70137545", and with n=3 "order ID number 123...")."""
    words = low[max(0, start - 32) : start].split()[-n:]
    return any(w.strip("#:.-()[]") in _OTHER_NUMBER_WORDS for w in words)


def all_same(digits: str) -> bool:
    """Whether ``digits`` is a one-digit placeholder such as "111111111"."""
    return digits == digits[0] * len(digits)


class IdRecognizer:
    """Finds one kind of identifier; subclasses set the class attributes."""

    name: str = "IdRecognizer"
    label: str = "NATIONAL_ID"
    country: str = ""
    kind: str = ""
    shapes: tuple[Shape, ...] = ()
    context: re.Pattern[str] = re.compile(r"(?!)")  # context words (see words_rx)
    seps: str = ".,-"
    # the Facts flag that must be set for any candidate to exist (a cheap per-text gate)
    gate: str = "long_digits"

    def __init__(self) -> None:
        self.labels = (self.label,)
        attrs = {"country": self.country, "kind": self.kind} if self.country else {}
        self.attrs: Mapping[str, str] = MappingProxyType(attrs)

    def __repr__(self) -> str:
        return f"{self.name}()"

    def locate(self, text: str, start: int, end: int, shape: Shape) -> tuple[int, int] | None:
        """The value's offsets for a skeleton match (override for optional prefixes)."""
        return start - shape.lead, end

    def validate(self, value: str) -> bool:
        """Whether the exact value (with its separators) is a valid identifier."""
        return True

    def base_score(self, shape: Shape, ctx: Context, value: str) -> float | None:
        """The score without context words (override to depend on the value or on
        ``ctx.region``)."""
        return shape.score

    def analyze(self, text: str, ctx: Context) -> list[Span]:
        if not ctx.has_digits:  # cheap gates first: most texts stop here or below
            return []
        f = facts(ctx)
        if not getattr(f, self.gate):
            return []
        return list(self.scan(text, ctx, f.sk, "", self._windows(f)))

    def _windows(self, f: Facts) -> list[tuple[int, int]]:
        """Where candidates can be: the six-digit regions, or the whole text."""
        return f.regions if self.gate == "long_digits" else [(0, len(f.sk))]

    def scan(
        self,
        text: str,
        ctx: Context,
        sk: bytes,
        name: str = "",
        windows: list[tuple[int, int]] | None = None,
    ) -> Iterator[Span]:
        """All spans in ``text`` given its skeleton, without the per-text gates, in
        ``windows`` of the skeleton (default: all of it); ``name`` replaces the
        recognizer name on the spans (for composites)."""
        name = name or self.name
        whole = ((0, len(sk)),)
        for shape in self.shapes:
            needle = shape.needle
            for lo, hi in windows if windows is not None else whole:
                if needle and sk.find(needle, lo, hi) < 0:
                    continue
                for m in shape.rx.finditer(sk, lo, hi):
                    found = self.locate(text, m.start(), m.end(), shape)
                    if found is None:
                        continue
                    start, end = found
                    if start < 0 or not boundary_ok(text, start, end, self.seps):
                        continue
                    value = text[start:end]
                    if not self.validate(value):
                        continue
                    if near(ctx, start, end, self.context):
                        score = shape.context_score
                    elif near(ctx, start, end, GENERIC_CONTEXT) and not _other_number(
                        ctx.lower, start, 3
                    ):
                        score = shape.context_score - GENERIC_PENALTY
                    else:
                        base = self.base_score(shape, ctx, value)
                        if base is None or _other_number(ctx.lower, start):
                            continue
                        score = base
                    if ctx.allow.allows(value):
                        continue
                    yield Span(start, end, self.label, score, name, value, self.attrs)
