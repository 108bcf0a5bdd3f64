"""Mergeable run statistics: counters that add up across chunks, workers and files.

Every field is a count (or a sum of seconds/bytes), so ``a.merge(b)`` is plain
addition and the order of merging does not matter. Nothing here holds text from
the data: labels, field paths, operator names and quarantine reasons only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Stats"]


@dataclass(slots=True)
class Stats:
    """Counters for one run (or one chunk of one)."""

    records_in: int = 0
    records_out: int = 0
    records_quarantined: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    values_seen: int = 0  # field values looked at (strings only)
    values_changed: int = 0  # field values where at least one span was replaced
    labels: Counter[str] = field(default_factory=Counter)  # spans per label
    records_with: Counter[str] = field(default_factory=Counter)  # records with >= 1 span per label
    fields: Counter[str] = field(default_factory=Counter)  # spans per field path
    operators: Counter[str] = field(default_factory=Counter)  # replacements per operator
    quarantine: Counter[str] = field(default_factory=Counter)  # quarantined records per reason
    skipped: Counter[str] = field(default_factory=Counter)  # values passed through untouched
    files: int = 0
    elapsed_s: float = 0.0

    # -- counting ---------------------------------------------------------------
    def quarantined(self, reason: str) -> None:
        self.records_quarantined += 1
        self.quarantine[reason] += 1

    def merge(self, other: Stats) -> Stats:
        """Add ``other`` into ``self`` (in place) and return ``self``."""
        self.records_in += other.records_in
        self.records_out += other.records_out
        self.records_quarantined += other.records_quarantined
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out
        self.values_seen += other.values_seen
        self.values_changed += other.values_changed
        self.labels.update(other.labels)
        self.records_with.update(other.records_with)
        self.fields.update(other.fields)
        self.operators.update(other.operators)
        self.quarantine.update(other.quarantine)
        self.skipped.update(other.skipped)
        self.files += other.files
        self.elapsed_s += other.elapsed_s
        return self

    def __add__(self, other: Stats) -> Stats:
        return Stats().merge(self).merge(other)

    # -- reading ----------------------------------------------------------------
    @property
    def balanced(self) -> bool:
        """The no-silent-drop invariant: every record read was written or quarantined."""
        return self.records_in == self.records_out + self.records_quarantined

    @property
    def records_per_s(self) -> float:
        return self.records_in / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.bytes_in / 1e6 / self.elapsed_s if self.elapsed_s > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (sorted counters, rounded rates)."""

        def counts(c: Counter[str]) -> dict[str, int]:
            return {k: v for k, v in sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) if v}

        return {
            "records": {
                "in": self.records_in,
                "out": self.records_out,
                "quarantined": self.records_quarantined,
            },
            "quarantine_reasons": counts(self.quarantine),
            "bytes": {"in": self.bytes_in, "out": self.bytes_out},
            "values": {
                "seen": self.values_seen,
                "changed": self.values_changed,
                "skipped": counts(self.skipped),
            },
            "spans": sum(self.labels.values()),
            "labels": counts(self.labels),
            "records_with_label": counts(self.records_with),
            "fields": counts(self.fields),
            "operators": counts(self.operators),
            "files": self.files,
            "elapsed_s": round(self.elapsed_s, 3),
            "throughput": {
                "records_per_s": round(self.records_per_s, 1),
                "mb_per_s": round(self.mb_per_s, 3),
            },
        }
