"""The lowercase digit skeleton of a text, for the DATE candidate scan.

CPython's ``re`` finds a literal first character with a fast search, but tests a
character class (``[0-9]``) at every position. The date recognizer therefore
scans a *skeleton*: the text encoded as Latin-1 (every character outside Latin-1
becomes ``?``, so offsets stay those of the text) with every digit translated to
``0`` and ASCII letters lowercased (the case of ``ctx.lower``), so that candidates
start with one literal byte. (Street addresses scan the shared skeleton of
:mod:`veil.detect._scan`, where letters are ``A``; PERSON scans its own case
skeleton.)

Computed at most once per :class:`~veil.detect.base.Context` and kept in a
one-slot cache (the last context seen). The recognizer confirms every candidate on
the original text.
"""

from __future__ import annotations

from ._scan import translated
from .base import Context

__all__ = ["lower_digit_skeleton"]


_LOWER_DIGITS = bytes.maketrans(
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"0000000000abcdefghijklmnopqrstuvwxyz"
)


class _Skeletons:
    __slots__ = ("_lower_digits", "ctx")

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._lower_digits: bytes | None = None


_last: _Skeletons | None = None


def _get(ctx: Context) -> _Skeletons:
    global _last
    s = _last
    if s is None or s.ctx is not ctx:
        s = _last = _Skeletons(ctx)
    return s


def lower_digit_skeleton(ctx: Context) -> bytes:
    """``May 5`` -> ``may 0``: digits "0", ASCII letters lowercased (the offsets and
    case of ``ctx.lower``)."""
    s = _get(ctx)
    if s._lower_digits is None:
        s._lower_digits = translated(s.ctx.text, _LOWER_DIGITS)
    return s._lower_digits
