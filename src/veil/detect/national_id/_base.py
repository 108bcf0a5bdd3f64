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

__all__ = [
    "IdRecognizer",
    "Shape",
    "all_same",
    "alpha_digits",
    "digit_facts",
    "gate_windows",
    "required_literals",
    "skeleton_text",
]


@dataclass(frozen=True, slots=True)
class Shape:
    """A candidate form on the skeleton. ``lead`` counts the characters before the
    skeleton match that belong to the value (a letter prefix the pattern does not
    start with, to keep a literal digit prefix for speed)."""

    rx: re.Pattern[bytes]
    score: float | None
    context_score: float
    lead: int = 0
    # the longest literal every match contains: a C-speed ``needle in window`` rules a
    # window out far cheaper than a regex scan (as text: see skeleton_text)
    needle: str = field(init=False, repr=False, compare=False)
    # a literal every match contains that many shapes share (see _GATES), else the
    # needle: one test per window rules out all the shapes with that gate
    gate: str = field(init=False, repr=False, compare=False)
    # k when the pattern starts with k >= 5 literal letters and then a literal digit:
    # every match then starts k before a digit that follows five letters, so the
    # candidates are found from those digits (see alpha_digits), not by a scan
    letters: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        chunks = required_literals(self.rx)
        needle = max(chunks, key=len, default=b"")
        gate = next((g for g in _GATES if any(g in c for c in chunks)), needle)
        m = _LETTERS_DIGIT.match(self.rx.pattern)
        letters = len(m.group(1)) if m is not None and not self.rx.flags & re.IGNORECASE else 0
        object.__setattr__(self, "needle", needle.decode("latin-1"))
        object.__setattr__(self, "gate", gate.decode("latin-1"))
        object.__setattr__(self, "letters", letters)


# Literals that several digit shapes contain ("000000": every compact form; "000 000",
# "000-000", "00.000": the grouped ones): tested once per window for all of them.
_GATES = (b"000000", b"000 000", b"000-000", b"00.000")
# k >= 5 literal letters then a literal digit (not made optional or repeated)
_LETTERS_DIGIT = re.compile(rb"(A{5,})0(?![?*+{])")
_QUANTIFIER = re.compile(rb"[?*+]|\{[0-9]*,?[0-9]*\}")
_META = frozenset(b".^$)")


def required_literals(rx: re.Pattern[bytes]) -> list[bytes]:
    """Literal runs that every match of ``rx`` contains, read conservatively from the
    simple skeleton patterns (literals, escapes, classes, quantifiers): a run ends at
    a class or a quantified character (dropped unless ``+``), the reading stops at a
    group, and an alternation (``|``) or a flag gives no literals at all."""
    p = rx.pattern
    if b"|" in p or rx.flags & (re.IGNORECASE | re.VERBOSE) or p.startswith(b"(?"):
        return []
    chunks: list[bytes] = []
    run = bytearray()
    i, n = 0, len(p)
    while i < n:
        c = p[i]
        atom: int | None = None
        if c == ord("("):
            break
        if c == ord("["):  # a class: skip to its closing bracket
            i += 1
            if i < n and p[i] == ord("^"):
                i += 1
            if i < n and p[i] == ord("]"):
                i += 1
            while i < n and p[i] != ord("]"):
                i += 2 if p[i] == ord("\\") else 1
            i += 1
        elif c == ord("\\"):
            if i + 1 < n and not chr(p[i + 1]).isalnum():  # escaped punctuation: literal
                atom = p[i + 1]
            i += 2
        elif c in _META or c in b"?*+{":
            i += 1
        else:
            atom = c
            i += 1
        q = _QUANTIFIER.match(p, i)
        if q is not None:
            i = q.end()
            if i < n and p[i] in b"?+":  # lazy or possessive
                i += 1
            if q.group() == b"+" and atom is not None:
                run.append(atom)  # at least once: still required
            atom = None  # the run cannot go on past a quantifier
        if atom is None:
            if run:
                chunks.append(bytes(run))
                run.clear()
        else:
            run.append(atom)
    if run:
        chunks.append(bytes(run))
    return chunks


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
        f = digit_facts(ctx)
        if f is None:
            return []
        gated = gate_windows(f, self.gate)
        if gated is None:
            return []
        sk = f.sk
        windows, alpha = gated
        skel = None
        out: list[Span] = []
        for shape in self.shapes:
            if alpha is None or not shape.letters:
                if skel is None:
                    skel = skeleton_text(sk, windows)
                if shape.needle not in skel:  # no window holds its literal: no match
                    continue
            self.find(text, ctx, sk, windows, alpha, shape, self.name, out)
        return out

    def find(
        self,
        text: str,
        ctx: Context,
        sk: bytes,
        windows: list[tuple[int, int]],
        alpha: list[int] | None,
        shape: Shape,
        name: str,
        out: list[Span],
    ) -> None:
        """Append to ``out`` the spans of ``shape`` in ``windows`` of the skeleton: the
        same as ``shape.rx.finditer`` over each window (see :meth:`scan`), found
        cheaper. ``alpha``: when the window is the whole skeleton, its
        :func:`alpha_digits`."""
        rx = shape.rx
        k = shape.letters
        if k and alpha is not None:
            # every match starts k before a digit that follows five letters: try the
            # pattern only there, left to right, a match's end as the next lower
            # bound (exactly finditer's non-overlapping leftmost matches)
            last = 0
            for p in alpha:
                if p - k >= last:
                    m = rx.match(sk, p - k)
                    if m is not None:
                        start, last = m.span()
                        span = self._span(text, ctx, start, last, shape, name)
                        if span is not None:
                            out.append(span)
            return
        if not shape.needle:  # (a shape that may match empty: finditer's own rules)
            for lo, hi in windows:
                for m in rx.finditer(sk, lo, hi):
                    span = self._span(text, ctx, m.start(), m.end(), shape, name)
                    if span is not None:
                        out.append(span)
            return
        # matches are never empty here: a search from each match's end is finditer
        # (and no match, the usual case, costs one call instead of an iterator)
        for lo, hi in windows:
            m = rx.search(sk, lo, hi)
            while m is not None:
                start, end = m.span()
                span = self._span(text, ctx, start, end, shape, name)
                if span is not None:
                    out.append(span)
                m = rx.search(sk, end, hi)

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
        recognizer name on the spans (for composites). The plain reference for
        :meth:`analyze`."""
        name = name or self.name
        for shape in self.shapes:
            for lo, hi in windows if windows is not None else ((0, len(sk)),):
                for m in shape.rx.finditer(sk, lo, hi):
                    span = self._span(text, ctx, m.start(), m.end(), shape, name)
                    if span is not None:
                        yield span

    def _span(
        self, text: str, ctx: Context, mstart: int, mend: int, shape: Shape, name: str
    ) -> Span | None:
        """The span for the skeleton match ``[mstart, mend)`` of ``shape``, or None."""
        found = self.locate(text, mstart, mend, shape)
        if found is None:
            return None
        start, end = found
        if start < 0 or not boundary_ok(text, start, end, self.seps):
            return None
        value = text[start:end]
        if not self.validate(value):
            return None
        if near(ctx, start, end, self.context):
            score = shape.context_score
        elif near(ctx, start, end, GENERIC_CONTEXT) and not _other_number(ctx.lower, start, 3):
            score = shape.context_score - GENERIC_PENALTY
        else:
            base = self.base_score(shape, ctx, value)
            if base is None or _other_number(ctx.lower, start):
                return None
            score = base
        if ctx.allow.allows(value):
            return None
        return Span(start, end, self.label, score, name, value, self.attrs)


def digit_facts(ctx: Context) -> Facts | None:
    """The shared facts of ``ctx``, or None when the text has no digit (then no id).
    The facts are usually built already, by an earlier recognizer."""
    f = ctx.facts
    if f is None:
        if not ctx.has_digits:
            return None
        f = facts(ctx)
    assert type(f) is Facts  # (for the type checker: the context's slot is untyped)
    return f


def gate_windows(f: Facts, gate: str) -> tuple[list[tuple[int, int]], list[int] | None] | None:
    """Where the shapes behind ``gate`` (a :class:`Facts` property) can match, and
    the :func:`alpha_digits` when that is the whole skeleton; None when the gate is
    shut. "long_digits": the six-digit regions (none: no candidate)."""
    if gate == "long_digits":
        return (f.regions, None) if f.regions else None
    if getattr(f, gate):
        return [(0, len(f.sk))], alpha_digits(f.sk)
    return None


def skeleton_text(sk: bytes, windows: list[tuple[int, int]]) -> str:
    """The skeleton of ``windows`` as text (latin-1: a character a byte), joined by
    newlines: it contains every literal that a window contains. For literal tests:
    ``str in str`` is a plain C search, while ``bytes in bytes`` first tries its
    operand as an integer and pays for a formatted TypeError every time."""
    if len(windows) == 1:
        lo, hi = windows[0]
        return sk[lo:hi].decode("latin-1")
    return "\n".join([sk[lo:hi].decode("latin-1") for lo, hi in windows])


def alpha_digits(sk: bytes) -> list[int]:
    """Offsets of the digits that follow five letters in the skeleton (few)."""
    out = []
    find = sk.find
    i = find(b"AAAAA0")
    while i >= 0:
        out.append(i + 5)
        # the next one cannot start within these five letters (it would cover the digit)
        i = find(b"AAAAA0", i + 6)
    return out
