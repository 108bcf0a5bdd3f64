"""Byte skeletons of a text for the DATE and STREET_ADDRESS candidate scans.

CPython's ``re`` finds a literal first character with a fast search, but tests a
character class (``[0-9]``) at every position. The date and address recognizers
therefore scan a *skeleton*: the text encoded as Latin-1 (every character outside
Latin-1 becomes ``?``, so offsets stay those of the text) with every digit
translated to ``0``, so that candidates start with one literal byte:

* :func:`digit_skeleton`: digits -> ``0``, everything else kept (case included);
* :func:`lower_digit_skeleton`: the same with ASCII letters lowercased (the case
  of ``ctx.lower``).

Each is computed at most once per :class:`~veil.detect.base.Context` and shared
through a one-slot cache (the last context seen), like ``_scan.facts``.
Recognizers confirm every candidate on the original text. (PERSON keeps a
``str`` pattern: a skeleton that keeps only letter case did not pay off there,
most of its cost being per-run Python work, not the scan.)
"""

from __future__ import annotations

from .base import Context

__all__ = ["digit_skeleton", "lower_digit_skeleton"]


_DIGITS = bytes.maketrans(b"0123456789", b"0000000000")
_LOWER_DIGITS = bytes.maketrans(
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"0000000000abcdefghijklmnopqrstuvwxyz"
)


class _Skeletons:
    __slots__ = ("_digits", "_latin", "_lower_digits", "ctx")

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._latin: bytes | None = None
        self._digits: bytes | None = None
        self._lower_digits: bytes | None = None

    @property
    def latin(self) -> bytes:
        if self._latin is None:
            self._latin = self.ctx.text.encode("latin-1", "replace")
        return self._latin


_last: _Skeletons | None = None


def _get(ctx: Context) -> _Skeletons:
    global _last
    s = _last
    if s is None or s.ctx is not ctx:
        s = _last = _Skeletons(ctx)
    return s


def digit_skeleton(ctx: Context) -> bytes:
    """``Main St 42`` -> ``Main St 00`` (Latin-1 bytes, other characters ``?``)."""
    s = _get(ctx)
    if s._digits is None:
        s._digits = s.latin.translate(_DIGITS)
    return s._digits


def lower_digit_skeleton(ctx: Context) -> bytes:
    """``May 5`` -> ``may 0``: digits "0", ASCII letters lowercased (the offsets and
    case of ``ctx.lower``)."""
    s = _get(ctx)
    if s._lower_digits is None:
        s._lower_digits = s.latin.translate(_LOWER_DIGITS)
    return s._lower_digits
