"""Quarantined records: where they came from and why, never what they held.

A record that cannot be processed (invalid UTF-8, malformed JSON, a missing or
non-string field, ...) is not written to the output. Its location and reason go
to a JSONL quarantine file, one ``{"source", "line", "reason", "detail"?}`` object per
record. The record itself is NOT copied there: it may hold the very identifiers
the run exists to remove; use the location to inspect the input.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .open import AtomicOutput

__all__ = ["Bad", "QuarantineWriter", "Rejected", "default_quarantine_path"]


@dataclass(frozen=True, slots=True)
class Bad:
    """A record a reader could not parse (put in ``Document.record``)."""

    reason: str


@dataclass(frozen=True, slots=True)
class Rejected:
    """The outcome of a quarantined record."""

    source: str
    line: int
    reason: str
    detail: str = ""  # where in the record (byte, column, field name), never a value

    def to_json(self) -> str:
        row = {"source": self.source, "line": self.line, "reason": self.reason}
        if self.detail:
            row["detail"] = self.detail
        return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def default_quarantine_path(output: str | Path) -> Path:
    return Path(str(output) + ".quarantine.jsonl")


class QuarantineWriter:
    """Writes :class:`Rejected` rows; the file is created on the first one and
    committed atomically by :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.count = 0
        self._out: AtomicOutput | None = None

    def write(self, rej: Rejected) -> None:
        if self._out is None:
            self._out = AtomicOutput(self.path)
        self._out.stream.write(rej.to_json().encode("utf-8") + b"\n")
        self.count += 1

    def close(self, ok: bool = True) -> None:
        if self._out is not None and not self._out.done:
            if ok:
                self._out.commit()
            else:
                self._out.abort()
