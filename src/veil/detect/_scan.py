"""Shared scanning helpers for the number-shaped recognizers (cards, IBANs, ids).

The *skeleton* of a text is a byte string of the same length in which every ASCII
digit is ``0``, every ASCII letter is ``A`` and every other character is kept
(code points above U+00FF become ``?``). Offsets are identical to the text's.

Why: on a skeleton, a pattern like "three digits, dash, two digits" is the literal
``b"000-00"``, so CPython's ``re`` finds candidates with its fast literal-prefix
search instead of testing a character class at every position (several times
faster on ordinary prose). :class:`Facts` holds the skeleton and a few cheap
per-text gates (six digits together? a letters-then-digits token? document-number
tokens?) that let most recognizers return at once on ordinary prose. Facts are
built once per text and shared by all recognizers through the context's ``facts`` slot.

Recognizers then check the exact shape, the boundaries, the checksum and the
context words on the original text, only at the rare candidate positions.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ._native import compiled
from .base import Context

__all__ = [
    "REGION_PAD",
    "Facts",
    "boundary_ok",
    "compiled",
    "facts",
    "near",
    "skeleton",
    "translated",
    "words_rx",
]

_SKELETON_TABLE = bytes.maketrans(
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    b"0" * 10 + b"A" * 52,
)
# Six digits in a row or in groups ("123456", "12 34 56", "123-45-6789", "0171/123/4567",
# "123.456.782", "1234.56.782", "06.12.34.56.78", "(04192) 56136"): every identifier of
# six digits or more has this (phone numbers included); most prose has none.
_LONG_DIGITS = re.compile(rb"00(?:(?:[ \-/]?0){4}|0\.000|00\.00\.000|\.00\.00|0\) ?000)")
# Tokens of 4+ letters/digits (dash groups allowed) with two adjacent digits, not
# continued by a separator and a digit ("2024-01-15T10:30" is no token: timestamps
# are the most common digit tokens in logs). Possessive: no backtracking. A start
# right after a digit is skipped: it would reach the same end with the same verdict
# as the start one digit earlier, which was tried first.
_TOKEN = re.compile(rb"00(?<!000)[0A]*+(?:-[0A]++)*+(?<=[0A\-]{4})(?![/.,:]0)")


# An ISO date glued to a letter at a token start ("2024-01-15T10:30:00Z"): the six
# digits of a log timestamp, ~90% of all six-digit hits in log-heavy text. These
# open no region: no identifier has this shape (phone numbers glued to a letter are
# rejected) and identifiers bring their own hit.
_ISO_STAMP = b"0000-00-00A"
# A digit right after five letters: a superset gate for "ABCPD1234E", "RSSMRA85T10..."
# (literal-first, so the scan jumps from digit to digit).
_ALPHA_DIGIT = re.compile(rb"0(?<=AAAAA0)")
# How far around a six-digit hit an identifier may extend (IBANs: letters first).
REGION_PAD = 48


def _regions_py(sk: bytes, pad: int = 48) -> list[tuple[int, int]]:
    """Reference of :attr:`Facts.regions` (``_scan_c.long_digit_regions``)."""
    regions: list[tuple[int, int]] = []
    n = len(sk)
    for m in _LONG_DIGITS.finditer(sk):
        s = m.start()
        if sk.startswith(_ISO_STAMP, s) and (s == 0 or sk[s - 1] not in b"0A"):
            continue  # a log timestamp (see _ISO_STAMP)
        lo, hi = max(0, s - pad), min(n, m.end() + pad)
        if regions and lo <= regions[-1][1]:
            regions[-1] = (regions[-1][0], hi)
        else:
            regions.append((lo, hi))
    return regions


def _tokens_py(sk: bytes) -> list[tuple[int, int]]:
    """Reference of :attr:`Facts.tokens` (``_scan_c.tokens``)."""
    out = []
    for m in _TOKEN.finditer(sk):
        start = m.start()
        while start and sk[start - 1] in b"0A":
            start -= 1
        out.append((start, m.end()))
    return out


def _alpha_digit_py(sk: bytes) -> bool:
    """Reference of :attr:`Facts.alpha_digit` (``_scan_c.alpha_digit``)."""
    return _ALPHA_DIGIT.search(sk) is not None


_C = compiled()
_regions: Callable[[bytes, int], list[tuple[int, int]]] = (
    _C.long_digit_regions if _C is not None else _regions_py
)
_tokens: Callable[[bytes], list[tuple[int, int]]] = _C.tokens if _C is not None else _tokens_py
_alpha_digit: Callable[[bytes], bool] = _C.alpha_digit if _C is not None else _alpha_digit_py


def _skeleton_py(text: str, table: bytes) -> bytes:
    """Reference of ``_scan_c.skeleton``."""
    return text.encode("latin-1", "replace").translate(table)


def translated(text: str, table: bytes) -> bytes:
    """``text`` as Latin-1 bytes (``?`` for each character beyond it: same length and
    offsets) translated by the 256-byte ``table``, in one compiled pass if built."""
    if _C is not None:
        return _C.skeleton(text, table)  # type: ignore[no-any-return]
    return _skeleton_py(text, table)


class Facts:
    """Per-text facts for the number recognizers, computed lazily, at most once."""

    __slots__ = ("_alpha_digit", "_regions", "_tokens", "sk")

    def __init__(self, text: str) -> None:
        # (no reference back to the context: no cycle, freed as soon as the text is done)
        self.sk = translated(text, _SKELETON_TABLE)
        self._regions: list[tuple[int, int]] | None = None
        self._alpha_digit: bool | None = None
        self._tokens: list[tuple[int, int]] | None = None

    @property
    def regions(self) -> list[tuple[int, int]]:
        """Skeleton windows ``(lo, hi)`` around every six-digit hit (see
        :attr:`long_digits`; log timestamps excepted), padded by :data:`REGION_PAD` and merged: every
        identifier with six digits lies inside one, so shape regexes scan only these
        windows (``rx.finditer(sk, lo, hi)``) instead of the whole text."""
        regions = self._regions
        if regions is None:
            regions = self._regions = _regions(self.sk, REGION_PAD)
        return regions

    @property
    def long_digits(self) -> bool:
        """Whether six digits occur together (compact or in separated groups), outside
        log timestamps."""
        return bool(self.regions)

    @property
    def alpha_digit(self) -> bool:
        """Whether a digit follows five letters (a cheap superset of "a token starts
        with five letters and has digits": "RSSMRA85T10...", "ABCPD1234E")."""
        if self._alpha_digit is None:
            self._alpha_digit = _alpha_digit(self.sk)
        return self._alpha_digit

    @property
    def tokens(self) -> list[tuple[int, int]]:
        """Offsets of the letter/digit tokens (4+ characters, dash groups allowed)
        that contain two adjacent digits and do not go on as a number ("12:30",
        "1.5"): candidate document numbers."""
        if self._tokens is None:
            self._tokens = _tokens(self.sk)
        return self._tokens


def facts(ctx: Context) -> Facts:
    """The :class:`Facts` of ``ctx`` (built once, kept on the context, shared by all
    recognizers analyzing it)."""
    f = ctx.facts
    if f is None:
        f = ctx.facts = Facts(ctx.text)
    return f  # type: ignore[return-value]


def skeleton(ctx: Context) -> bytes:
    """The skeleton of ``ctx.text`` (computed once per context)."""
    return facts(ctx).sk


def boundary_ok(text: str, start: int, end: int, seps: str = ".,-") -> bool:
    """True if ``[start, end)`` is a whole token: no letter or digit touches it, and
    it does not continue a longer number through one of ``seps`` ("1.234", "12-3")."""
    if start > 0:
        c = text[start - 1]
        if c.isalnum():
            return False
        if c in seps and start > 1 and text[start - 2].isdigit():
            return False
    if end < len(text):
        c = text[end]
        if c.isalnum():
            return False
        if c in seps and end + 1 < len(text) and text[end + 1].isdigit():
            return False
    return True


def words_rx(words: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """A regex finding any of ``words`` (lowercase) as whole words in ``ctx.lower``.

    Only an ASCII letter next to a word blocks it, so "ssn:" and "ssn#" match but
    "meeting" does not contain "tin". A word ending in ``*`` is a stem that may be
    followed by letters ("steuer*" matches "steuer-id" and "steuernummer").
    """
    parts = []
    for w in sorted(words, key=len, reverse=True):
        if w.endswith("*"):
            parts.append(re.escape(w[:-1]))
        else:
            parts.append(re.escape(w) + r"(?![a-z])")
    return re.compile(r"(?<![a-z])(?:" + "|".join(parts) + ")")


def near(
    ctx: Context, start: int, end: int, rx: re.Pattern[str], before: int = 48, after: int = 24
) -> bool:
    """Whether ``rx`` (see :func:`words_rx`) matches in the window around a match."""
    low = ctx.lower
    return (
        rx.search(low, max(0, start - before), start) is not None
        or rx.search(low, end, min(len(low), end + after)) is not None
    )
