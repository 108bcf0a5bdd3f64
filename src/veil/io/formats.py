"""Choose a reader and writer from a file name (or an explicit ``--format``).

The format comes from the extension once a compression suffix is removed
(``chats.jsonl.zst`` is JSONL). Output is written in the input's format.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .fields import FieldSpec
from .open import strip_compression

__all__ = ["EXTENSIONS", "FORMATS", "detect_format", "field_spec", "open_reader", "open_writer"]

FORMATS = ("jsonl", "csv", "parquet", "txt")

EXTENSIONS: dict[str, str] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".log": "txt",
}


def detect_format(path: str | Path, explicit: str | None = None) -> str:
    """The format of ``path``: ``explicit`` if given, else from its extension."""
    if explicit and explicit != "auto":
        if explicit not in FORMATS:
            raise ConfigError(f"unknown format {explicit!r} (known: {', '.join(FORMATS)})")
        return explicit
    suffix = Path(strip_compression(path)).suffix.lower()
    fmt = EXTENSIONS.get(suffix)
    if fmt is None:
        raise ConfigError(
            f"{path}: cannot tell the format from the extension {suffix or '(none)'!r}; "
            f"use --format ({', '.join(FORMATS)}) or one of {', '.join(EXTENSIONS)}"
        )
    return fmt


def open_reader(fmt: str, path: str | Path, fields: Sequence[str] | None = None) -> Any:
    """A reader for ``path``. For CSV and Parquet, ``fields`` are checked against
    the header/schema here, before any record is processed."""
    if fmt == "jsonl":
        from .jsonl import JsonlReader

        return JsonlReader(path)
    if fmt == "txt":
        from .text import TextReader

        return TextReader(path)
    if fmt == "csv":
        from .csv import CsvReader

        reader = CsvReader(path)
        if fields:
            try:
                reader.check_columns(fields)
            except Exception:
                reader.close()
                raise
        return reader
    if fmt == "parquet":
        from .parquet import ParquetReader

        return ParquetReader(path, fields)
    raise ConfigError(f"unknown format {fmt!r}")


def field_spec(
    reader: Any, fields: Sequence[str] | None, on_missing: str = "quarantine"
) -> FieldSpec:
    """The fields the step anonymizes for this reader."""
    if reader.format == "jsonl":
        return FieldSpec(fields, on_missing=on_missing)
    if reader.format == "txt":
        return FieldSpec(["text"])
    if reader.format == "csv":
        return FieldSpec(list(fields) if fields else reader.columns, dotted=False)
    return FieldSpec(reader.columns, dotted=False)  # parquet: the reader resolved them


def open_writer(fmt: str, path: str | Path, reader: Any) -> Any:
    if fmt in ("jsonl", "txt"):
        from .jsonl import JsonlWriter

        return JsonlWriter(path)
    if fmt == "csv":
        from .csv import CsvWriter

        return CsvWriter(path, reader.columns, reader.delimiter)
    if fmt == "parquet":
        from .parquet import ParquetWriter

        return ParquetWriter(path, reader)
    raise ConfigError(f"unknown format {fmt!r}")
