"""JSON Lines: one JSON object per line, read as bytes and parsed in the workers.

The reader only splits lines (so parsing runs in parallel); :class:`JsonlCodec`
decodes, parses and re-serializes in the step. A record with nothing to replace
is written back byte for byte; a changed one is serialized compactly with
non-ASCII kept as is. Blank lines are skipped (they are not records).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError, RecordError
from ..types import Document
from .open import DECODE_ERRORS, AtomicOutput, open_input
from .ranges import open_range

__all__ = ["JsonlCodec", "JsonlReader", "JsonlWriter", "dumps"]


# one encoder, reused: json.dumps with arguments builds a new one per call (2x slower)
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(obj: Any) -> str:
    """Compact JSON with non-ASCII characters kept as they are."""
    return _ENCODER.encode(obj)


class JsonlCodec:
    """Bytes of one line <-> a parsed record (runs in the workers)."""

    __slots__ = ()

    def decode(self, raw: bytes) -> Any:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RecordError("invalid_utf8", f"byte {exc.start} of the line") from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise RecordError("malformed_json", f"column {exc.colno}: {exc.msg}") from None
        except RecursionError:
            raise RecordError("malformed_json", "nested too deeply") from None

    def encode(self, record: Any, raw: bytes, changed: bool) -> bytes:
        if not changed:
            return raw if raw.endswith(b"\n") else raw + b"\n"
        text = dumps(record)
        try:
            return text.encode("utf-8") + b"\n"
        except UnicodeEncodeError:  # a lone surrogate ("\ud800" in the input): escape it
            return json.dumps(record, separators=(",", ":")).encode("ascii") + b"\n"


class JsonlReader:
    """Yields one :class:`Document` per non-blank line; ``record`` is the raw bytes."""

    format = "jsonl"

    def __init__(self, path: str | Path, byte_range: tuple[int, int] | None = None) -> None:
        self.path = Path(path)
        self.source = str(path)
        self.byte_range = byte_range  # a shard: see veil.io.ranges
        self.blank_lines = 0
        self.lines = 0  # lines read so far (blank ones included)
        self._counter: Any = None

    @property
    def bytes_read(self) -> int:
        return self._counter.count if self._counter is not None else 0

    def codec(self) -> JsonlCodec:
        return JsonlCodec()

    def __iter__(self) -> Iterator[Document]:
        if self.byte_range is None:
            stream, self._counter = open_input(self.path)
        else:
            stream, self._counter, _ = open_range(self.path, *self.byte_range, "jsonl")
        source = self.source
        n = 0
        try:
            for raw in stream:
                n += 1
                self.lines = n
                if raw.isspace():
                    self.blank_lines += 1
                    continue
                yield Document(f"{source}:{n}", raw, source, n)
        except DECODE_ERRORS as exc:
            raise InputError(
                f"{source}: truncated or corrupt compressed input after line {n} "
                f"({type(exc).__name__}); no output was written"
            ) from None
        finally:
            stream.close()


class JsonlWriter:
    """Writes the encoded lines the step produced, in order, atomically."""

    def __init__(self, path: str | Path) -> None:
        self.out = AtomicOutput(path)
        self.bytes_written = 0

    def write_many(self, outputs: list[Any]) -> None:
        data = b"".join(o for o in outputs if isinstance(o, bytes))
        if data:
            self.out.stream.write(data)
            self.bytes_written += len(data)

    def commit(self) -> None:
        self.out.commit()

    def abort(self) -> None:
        self.out.abort()
