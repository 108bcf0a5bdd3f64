"""CSV (and TSV): one record per row, keyed by the header's column names.

The first row is the header. ``--fields`` names columns; by default every column
is anonymized (CSV has no types: every cell is a string). Quoted cells with
commas, quotes and newlines round-trip through the stdlib ``csv`` module. A row
with the wrong number of cells is quarantined (``csv_field_count``), one with
invalid UTF-8 too (``invalid_utf8``); the line number is the row's first line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..types import Document
from .open import DECODE_ERRORS, AtomicOutput, open_input, strip_compression
from .quarantine import Bad

__all__ = ["CsvReader", "CsvWriter", "RowCodec"]

_SURROGATE = re.compile("[\udc80-\udcff]")
csv.field_size_limit(1 << 26)


class RowCodec:
    """Row dicts pass as they are; the output is the cells in column order."""

    __slots__ = ("columns",)

    def __init__(self, columns: Sequence[str]) -> None:
        self.columns = list(columns)

    def decode(self, raw: Any) -> Any:
        return raw

    def encode(self, record: dict[str, Any], raw: Any, changed: bool) -> list[Any]:
        return [record[c] for c in self.columns]


def _delimiter(path: str | Path) -> str:
    return "\t" if strip_compression(path).lower().endswith(".tsv") else ","


class CsvReader:
    """Yields one :class:`Document` per data row (``record``: column -> cell)."""

    format = "csv"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.source = str(path)
        self.delimiter = _delimiter(path)
        self._stream, self._counter = open_input(self.path)
        self._text = io.TextIOWrapper(
            self._stream, encoding="utf-8", errors="surrogateescape", newline=""
        )
        self._rows = csv.reader(self._text, delimiter=self.delimiter)
        try:
            header = next(self._rows, None)
        except DECODE_ERRORS as exc:
            self.close()
            raise InputError(
                f"{self.source}: cannot read the header ({type(exc).__name__})"
            ) from None
        except csv.Error as exc:
            self.close()
            raise InputError(f"{self.source}: line 1: malformed CSV header ({exc})") from None
        if header is not None and header and header[0].startswith("\ufeff"):
            header[0] = header[0][1:]
        self.columns: list[str] = header or []
        if header is not None:
            if any(_SURROGATE.search(c) for c in header):
                self.close()
                raise InputError(f"{self.source}: line 1: the header is not valid UTF-8")
            seen: set[str] = set()
            for c in header:
                if c in seen:
                    self.close()
                    raise InputError(f"{self.source}: line 1: duplicate column {c!r} in the header")
                seen.add(c)

    @property
    def bytes_read(self) -> int:
        return self._counter.count

    def codec(self) -> RowCodec:
        return RowCodec(self.columns)

    def check_columns(self, names: Sequence[str]) -> None:
        missing = [n for n in names if n not in self.columns]
        if missing:
            raise InputError(
                f"{self.source}: column {missing[0]!r} (from --fields) is not in the header; "
                f"columns: {', '.join(self.columns)}"
            )

    def __iter__(self) -> Iterator[Document]:
        source, cols, width = self.source, self.columns, len(self.columns)
        rows = self._rows
        start = rows.line_num + 1
        try:
            for row in rows:
                line = start
                start = rows.line_num + 1
                if not row:  # an empty line: not a record
                    continue
                bad = None
                if len(row) != width:
                    bad = "csv_field_count"
                else:
                    joined = "".join(row)
                    if not joined.isascii() and _SURROGATE.search(joined):
                        bad = "invalid_utf8"
                rec: Any = Bad(bad) if bad else dict(zip(cols, row, strict=True))
                yield Document(f"{source}:{line}", rec, source, line)
        except DECODE_ERRORS as exc:
            raise InputError(
                f"{source}: truncated or corrupt compressed input after line {rows.line_num} "
                f"({type(exc).__name__}); no output was written"
            ) from None
        except csv.Error as exc:
            raise InputError(f"{source}: line {rows.line_num}: malformed CSV ({exc})") from None
        finally:
            self.close()

    def close(self) -> None:
        try:
            self._text.close()
        except Exception:
            pass


class CsvWriter:
    """Writes the header, then each row's cells, atomically."""

    def __init__(self, path: str | Path, columns: Sequence[str], delimiter: str = ",") -> None:
        self.out = AtomicOutput(path)
        self.columns = list(columns)
        self.delimiter = delimiter
        self.bytes_written = 0
        self._header_done = not self.columns

    def _emit(self, rows: list[list[Any]]) -> None:
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=self.delimiter, lineterminator="\n")
        if not self._header_done:
            w.writerow(self.columns)
            self._header_done = True
        quoted = None
        for row in rows:
            # Python < 3.12 leaves a cell with a lone "\r" unquoted: the row would split
            if any(isinstance(c, str) and "\r" in c for c in row):
                if quoted is None:
                    quoted = csv.writer(
                        buf, delimiter=self.delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL
                    )
                quoted.writerow(row)
            else:
                w.writerow(row)
        data = buf.getvalue().encode("utf-8")
        if data:
            self.out.stream.write(data)
            self.bytes_written += len(data)

    def write_many(self, outputs: list[Any]) -> None:
        self._emit([o for o in outputs if isinstance(o, list)])

    def commit(self) -> None:
        if not self._header_done:
            self._emit([])
        self.out.commit()

    def abort(self) -> None:
        self.out.abort()
