"""Plain text: one record per paragraph, written back with the same layout.

A record is a run of non-blank lines plus the blank lines after it, so the
output is the concatenation of the (anonymized) records and an input with
nothing to replace comes back byte for byte. Paragraphs give recognizers the
context of neighbouring lines (a label on one line, the value on the next; a
postal address over several lines). A paragraph longer than ``max_bytes`` is cut
at a line boundary so memory stays bounded.

Invalid UTF-8 in a paragraph quarantines that paragraph (reason
``invalid_utf8``, located by its first line), like a bad line in JSONL: the rest
of the file is still processed and the summary reports the count.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError, RecordError
from ..types import Document
from .jsonl import JsonlWriter
from .open import DECODE_ERRORS, open_input
from .ranges import open_range

__all__ = ["TextCodec", "TextReader", "TextWriter"]

MAX_PARAGRAPH_BYTES = 1 << 18


class TextCodec:
    """Paragraph bytes <-> ``{"text": str}`` (runs in the workers)."""

    __slots__ = ()

    def decode(self, raw: bytes) -> dict[str, str]:
        try:
            return {"text": raw.decode("utf-8")}
        except UnicodeDecodeError as exc:
            raise RecordError("invalid_utf8", f"byte {exc.start} of the paragraph") from None

    def encode(self, record: Any, raw: bytes, changed: bool) -> bytes:
        return record["text"].encode("utf-8") if changed else raw


class TextReader:
    """Yields one :class:`Document` per paragraph; ``record`` is its raw bytes."""

    format = "txt"

    def __init__(
        self,
        path: str | Path,
        max_bytes: int = MAX_PARAGRAPH_BYTES,
        byte_range: tuple[int, int] | None = None,
    ) -> None:
        self.path = Path(path)
        self.source = str(path)
        self.max_bytes = max_bytes
        self.byte_range = byte_range  # a shard: see veil.io.ranges
        self.lines = 0  # lines read so far
        self._counter: Any = None

    @property
    def bytes_read(self) -> int:
        return self._counter.count if self._counter is not None else 0

    def codec(self) -> TextCodec:
        return TextCodec()

    def __iter__(self) -> Iterator[Document]:
        if self.byte_range is None:
            stream, self._counter = open_input(self.path)
        else:
            stream, self._counter, _ = open_range(self.path, *self.byte_range, "txt")
        source = self.source
        buf: list[bytes] = []
        size = 0
        start = 1
        in_gap = False  # the current paragraph has reached its trailing blank lines
        n = 0
        try:
            for line in stream:
                n += 1
                self.lines = n
                blank = line.isspace()
                if buf and ((in_gap and not blank) or size >= self.max_bytes):
                    yield Document(f"{source}:{start}", b"".join(buf), source, start)
                    buf, size, start, in_gap = [], 0, n, False
                buf.append(line)
                size += len(line)
                if blank:
                    in_gap = True
            if buf:
                yield Document(f"{source}:{start}", b"".join(buf), source, start)
        except DECODE_ERRORS as exc:
            raise InputError(
                f"{source}: truncated or corrupt compressed input after line {n} "
                f"({type(exc).__name__}); no output was written"
            ) from None
        finally:
            stream.close()


TextWriter = JsonlWriter  # both write the encoded bytes the step produced
