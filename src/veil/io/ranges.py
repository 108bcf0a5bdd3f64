"""Byte ranges of large uncompressed files, cut at record boundaries.

A shard of a JSONL or text file is a byte range ``[start, end)`` fixed by the
plan (it depends on the file's size, never on the number of workers). A reader
of the range moves both ends forward to the next record boundary with the same
function, so consecutive ranges share their boundary: every record belongs to
exactly one shard, and the shards' outputs concatenated in order equal the
output of reading the whole file.

* JSONL: a boundary is the start of a line (Hadoop's rule: the range owns the
  lines that *start* inside it).
* text: a boundary is the start of a non-blank line that follows a blank line
  (a paragraph start, as :class:`~veil.io.text.TextReader` splits them).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from .open import CountingReader

__all__ = ["ALIGN", "RangeReader", "line_boundary", "open_range", "paragraph_boundary"]

_CHUNK = 1 << 16


def line_boundary(f: BinaryIO, pos: int, size: int) -> int:
    """The first line start at or after ``pos``."""
    if pos <= 0:
        return 0
    if pos >= size:
        return size
    f.seek(pos - 1)
    f.readline()
    return min(f.tell(), size)


def paragraph_boundary(f: BinaryIO, pos: int, size: int) -> int:
    """The first paragraph start at or after ``pos``: a non-blank line whose
    previous line is blank, both starting at or after ``pos``."""
    p = line_boundary(f, pos, size)
    if p == 0 or p >= size:
        return p
    f.seek(p)
    prev_blank = False
    while True:
        line = f.readline()
        if not line:
            return size
        blank = line.isspace()
        if prev_blank and not blank:
            return p
        prev_blank = blank
        p += len(line)


ALIGN: dict[str, Callable[[BinaryIO, int, int], int]] = {
    "jsonl": line_boundary,
    "txt": paragraph_boundary,
}


class RangeReader(io.RawIOBase):
    """Raw reads of ``f`` from ``start`` up to ``end`` (exclusive)."""

    def __init__(self, f: BinaryIO, start: int, end: int) -> None:
        self._f = f
        self._left = max(0, end - start)
        f.seek(start)

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._left <= 0:
            return 0
        view = memoryview(b)[: min(len(b), self._left)]
        n = self._f.readinto(view)  # type: ignore[attr-defined]
        n = n or 0
        self._left -= n
        return n

    def close(self) -> None:
        self._f.close()
        super().close()


def open_range(
    path: str | Path, start: int, end: int, fmt: str
) -> tuple[io.BufferedReader, CountingReader, int]:
    """Open the records of ``path`` whose boundary lies in ``[start, end)``.

    Returns the buffered stream, its byte counter and the aligned start offset.
    The file must be uncompressed (the planner never splits compressed files).
    """
    p = Path(path)
    align = ALIGN[fmt]
    try:
        f: BinaryIO = open(p, "rb")
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(f"{p}: cannot open ({exc.strerror})") from None
    a = align(f, start, size)
    b = align(f, end, size) if end < size else size
    counter = CountingReader(RangeReader(f, a, max(a, b)))  # type: ignore[arg-type]
    return io.BufferedReader(counter, buffer_size=_CHUNK), counter, a
