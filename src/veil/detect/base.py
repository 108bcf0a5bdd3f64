"""The recognizer interface, the per-text analysis context, and PatternRecognizer.

A recognizer is anything with ``name``, ``labels`` and ``analyze(text, ctx)``
yielding :class:`~veil.types.Span`. Rule recognizers, gazetteers and NER backends
all plug in through this one protocol; the analyzer merges their spans with the
overlap resolver.

Speed rules for recognizers (the rules-only pipeline must reach 10 MB/s per core):

* Gate on cheap checks first (``"@" in text``, ``ctx.has_digits``).
* Start full-text regexes with a literal, never with ``\\b``, a lookbehind, a
  character class or an alternation of words: CPython 3.11's ``re`` skips to a
  literal first character in a few instructions per character, but tests a class
  or an alternation at about 80 per character (callgrind). Check the left boundary
  with :func:`left_ok` or a lookbehind placed after the first character instead.
* Digit-shaped identifiers: scan the shared skeleton (:mod:`veil.detect._scan`),
  only inside ``facts(ctx).regions`` when the identifier has six digits.
* Search keywords in ``ctx.lower`` (ASCII-lowercased, same length and offsets)
  with case-sensitive patterns instead of ``re.IGNORECASE``. A keyword that gates a
  recognizer goes through :func:`register_literals` and ``ctx.find(word)``: all of
  them come from one shared pass (``str.find`` costs about 1 us per KB each).
* Per-candidate loops that run on most texts have a compiled version in
  ``_scan_c.c`` (optional; the Python one stays as the reference, see docs/speed.md).
* A speed change must not change output: record spans with
  ``python bench/spans_diff.py record`` before it and ``check`` after it; judge it by
  ``python bench/instr.py --rec NAME`` (instruction counts), not by wall time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ..types import Span
from ._native import compiled
from .allowlist import AllowList

__all__ = [
    "Context",
    "Pattern",
    "PatternRecognizer",
    "Recognizer",
    "left_ok",
    "register_literals",
    "right_ok",
]

_ASCII_LOWER_BYTES = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_ASCII_UPPER_RUN = re.compile("[A-Z]+")


def _lower_run(m: re.Match[str]) -> str:
    return m[0].lower()


def ascii_lower(text: str) -> str:
    """``text`` with only its ASCII letters lowercased: same length, same offsets.

    ``str.lower`` on ASCII text; through Latin-1 bytes (three C passes) when every
    character fits in one byte; else by upper-case runs. ``str.translate`` with a
    table would be exact too, but costs ~250 us per KB of non-ASCII text.
    """
    if text.isascii():
        return text.lower()
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        return _ASCII_UPPER_RUN.sub(_lower_run, text)
    return raw.translate(_ASCII_LOWER_BYTES).decode("latin-1")


_DIGIT = re.compile(r"\d")


class Context:
    """Facts about one text, computed at most once and shared by all recognizers.

    ``facts`` is a slot for :func:`veil.detect._scan.facts` (the digit/letter
    skeleton and its gates), so every number recognizer shares one scan per text.
    """

    __slots__ = ("_firsts", "_has_digits", "_lower", "allow", "facts", "region", "text")

    def __init__(self, text: str, allow: AllowList | None = None, region: str = "US") -> None:
        self.text = text
        self.allow = allow if allow is not None else AllowList.default()
        self.region = region
        self._lower: str | None = None
        self._has_digits: bool | None = None
        self._firsts: tuple[int, ...] | None = None
        self.facts: object = None

    @property
    def lower(self) -> str:
        """The text with ASCII letters lowercased: same length, same offsets."""
        low = self._lower
        if low is None:
            low = self._lower = ascii_lower(self.text)
        return low

    def find(self, literal: str) -> int:
        """``self.lower.find(literal)``. For the literals given to
        :func:`register_literals`, read from one shared pass over the text (the
        compiled ``Literals`` scan) instead of one ``str.find`` pass each."""
        firsts = self._firsts
        if firsts is None:
            firsts = self._firsts = _first_positions(self.lower)
        try:  # (no cost in the usual case: a registered literal, a compiled scan)
            return firsts[_LITERAL_INDEX[literal]]
        except (KeyError, IndexError):  # not registered; no scan; registered since
            return self.lower.find(literal)

    @property
    def has_digits(self) -> bool:
        """Whether the text has a digit (any Unicode digit, as ``\\d``)."""
        hd = self._has_digits
        if hd is None:
            text = self.text
            if text.isascii():  # ten memchr-speed scans beat one regex scan
                hd = any(d in text for d in "0123456789")
            else:
                hd = _DIGIT.search(text) is not None
            self._has_digits = hd
        return hd

    def window(self, start: int, end: int, before: int = 40, after: int = 20) -> str:
        """Lowercased context around ``[start, end)``, for context-word checks."""
        return self.lower[max(0, start - before) : end + after]

    def has_context(
        self, start: int, end: int, words: Iterable[str], before: int = 40, after: int = 20
    ) -> bool:
        """Whether any of ``words`` (lowercase) occurs near ``[start, end)``."""
        low = self.lower
        left = low[max(0, start - before) : start]
        right = low[end : end + after]
        return any(w in left or w in right for w in words)


# The literals that Context.find looks up in one pass (lowercase ASCII, 2+ characters;
# others are found with str.find). Recognizer modules register theirs at import.
_LITERALS: list[str] = []
_LITERAL_INDEX: dict[str, int] = {}
_C = compiled()
_matcher: Any = None


def register_literals(*literals: str) -> None:
    """Adds literals for :meth:`Context.find` to look up in its one shared pass.
    Literals that are not lowercase ASCII of 2+ characters are left to ``str.find``."""
    global _matcher
    for lit in literals:
        if lit in _LITERAL_INDEX or len(lit) < 2 or not lit.isascii() or lit != lit.lower():
            continue
        _LITERAL_INDEX[lit] = len(_LITERALS)
        _LITERALS.append(lit)
        _matcher = None  # rebuilt with the new literal at the next scan


def _first_positions(low: str) -> tuple[int, ...]:
    """``low.find(lit)`` for every registered literal, in registration order, from one
    pass; () without the compiled scan or for a text outside Latin-1 (then
    :meth:`Context.find` uses ``str.find``)."""
    global _matcher
    if _C is None:
        return ()
    m = _matcher
    if m is None:
        m = _matcher = _C.Literals(tuple(_LITERALS))
    try:
        return m.first(low)  # type: ignore[no-any-return]
    except ValueError:  # characters beyond Latin-1
        return ()


def left_ok(text: str, start: int) -> bool:
    """True if ``start`` is at a token boundary (no letter or digit just before)."""
    return start == 0 or not text[start - 1].isalnum()


def right_ok(text: str, end: int) -> bool:
    """True if ``end`` is at a token boundary (no letter or digit just after)."""
    return end >= len(text) or not text[end].isalnum()


@runtime_checkable
class Recognizer(Protocol):
    """Finds spans of some labels in a text."""

    name: str
    labels: tuple[str, ...]

    def analyze(self, text: str, ctx: Context) -> Iterable[Span]: ...


@dataclass(frozen=True, slots=True)
class Pattern:
    """One regex of a :class:`PatternRecognizer`, with its base score.

    ``group`` selects the capture group that is the identifier (0: whole match).
    """

    name: str
    regex: str
    score: float
    group: int = 0
    flags: int = 0


Validator = Callable[[str], bool | None]


@dataclass(slots=True)
class PatternRecognizer:
    """A data-first recognizer: patterns + optional validator + context words.

    Scoring: a match starts at its pattern's score. ``validate(value)`` returning
    True lifts it to ``validated_score``; False drops the match; None keeps it.
    Context words near the match add ``context_boost`` (capped at 1.0). With
    ``requires_context`` a match without context words is dropped. ``trigger``
    is a cheap gate: a substring (or tuple of substrings) of ``ctx.lower`` that must occur,
    or ``"digit"`` for ``ctx.has_digits``.
    """

    name: str
    label: str
    patterns: list[Pattern]
    context: tuple[str, ...] = ()
    validate: Validator | None = None
    validated_score: float = 1.0
    context_boost: float = 0.35
    requires_context: bool = False
    context_before: int = 40
    context_after: int = 20
    trigger: str | tuple[str, ...] | None = None
    boundaries: bool = True
    labels: tuple[str, ...] = field(init=False)
    _compiled: list[tuple[re.Pattern[str], Pattern]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.labels = (self.label,)
        self._compiled = [(re.compile(p.regex, p.flags), p) for p in self.patterns]

    def _triggered(self, ctx: Context) -> bool:
        t = self.trigger
        if t is None:
            return True
        if t == "digit":
            return ctx.has_digits
        if isinstance(t, str):
            return t in ctx.lower
        low = ctx.lower
        return any(w in low for w in t)

    def analyze(self, text: str, ctx: Context) -> Iterator[Span]:
        if not self._triggered(ctx):
            return
        for rx, pat in self._compiled:
            for m in rx.finditer(text):
                start, end = m.span(pat.group)
                if start < 0 or start == end:
                    continue
                if self.boundaries and not (left_ok(text, start) and right_ok(text, end)):
                    continue
                value = text[start:end]
                score = pat.score
                if self.validate is not None:
                    verdict = self.validate(value)
                    if verdict is False:
                        continue
                    if verdict:
                        score = max(score, self.validated_score)
                if self.context:
                    found = ctx.has_context(
                        start, end, self.context, self.context_before, self.context_after
                    )
                    if found:
                        score = min(1.0, score + self.context_boost)
                    elif self.requires_context:
                        continue
                if ctx.allow.allows(value):
                    continue
                yield Span(start, end, self.label, score, self.name, value)
