"""Cut long texts into overlapping windows at sentence or whitespace boundaries.

:func:`windows` returns ``(start, end)`` offsets into the text. Every window is
at most ``size`` characters; neighbours share about ``overlap`` characters, so an
entity cut by one window's edge lies whole inside the next one. A window ends,
in order of preference, after a sentence end or line break in its last quarter,
at whitespace in its last quarter, or (text without spaces) at ``size``. A
window starts at a word boundary, so a model never sees half a word at a cut
unless the text has no whitespace there.
"""

from __future__ import annotations

import re

__all__ = ["windows"]

_SENTENCE_END = re.compile(r"[.!?。！？][\"')\]]*\s+|\n\s*")
_SPACE = re.compile(r"\s+")


def _cut(text: str, lo: int, hi: int) -> int:
    """Where to end a window that may end anywhere in ``(lo, hi]``."""
    zone = text[lo:hi]
    best = -1
    for m in _SENTENCE_END.finditer(zone):
        best = m.end()
    if best > 0:
        return lo + best
    for m in _SPACE.finditer(zone):
        best = m.start() if m.end() == len(zone) else m.end()
    if best > 0:
        return lo + best
    return hi


def _word_start(text: str, pos: int, limit: int) -> int:
    """The first word start at or after ``pos`` (before ``limit``), else ``pos``."""
    if pos == 0 or text[pos - 1].isspace():
        return pos
    m = _SPACE.search(text, pos, limit)
    return m.end() if m is not None and m.end() < limit else pos


def windows(text: str, size: int, overlap: int = 0) -> list[tuple[int, int]]:
    """Windows of at most ``size`` characters covering ``text``, sharing about
    ``overlap`` characters with their neighbours (``0 <= overlap <= size // 2``)."""
    n = len(text)
    if size < 1:
        raise ValueError("size must be positive")
    if not 0 <= overlap <= size // 2:
        raise ValueError("overlap must be between 0 and size // 2")
    if n <= size:
        return [(0, n)] if n else []
    out: list[tuple[int, int]] = []
    start = 0
    while True:
        if n - start <= size:
            out.append((start, n))
            return out
        hi = start + size
        lo = max(start + overlap + 1, hi - max(1, size // 4))
        end = _cut(text, lo, hi)
        out.append((start, end))
        nxt = max(start + 1, end - overlap)
        start = _word_start(text, nxt, end)
