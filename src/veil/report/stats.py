"""Mergeable run statistics: counters that add up across chunks, workers and files.

Every field is a count (or a sum of seconds/bytes), so ``a.merge(b)`` is plain
addition and the order of merging does not matter. Nothing here holds raw text
from the data: labels, field paths, operator names and quarantine reasons, plus,
for the run report, a histogram of detection scores per label and a bounded list
of before/after snippets that are masked in the worker (:meth:`Stats.observe`,
:func:`veil.report.mask.before_after`) before they leave it. The snippets keep
the first ones seen (input order), at most ``SAMPLES_PER_LABEL`` per label.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["SAMPLES_PER_LABEL", "SCORE_BINS", "Stats"]

SCORE_BINS = 20  # detection scores in [0, 1] -> 20 bins of 0.05
SAMPLES_PER_LABEL = 3
MAX_SAMPLES = 300


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
    scores: Counter[str] = field(default_factory=Counter)  # "LABEL:bin" -> spans
    samples: list[dict[str, Any]] = field(default_factory=list)  # masked snippets
    sample_cap: int = SAMPLES_PER_LABEL  # snippets kept per label
    sampled: Counter[str] = field(default_factory=Counter)  # snippets kept, per label

    # -- observing (the run report) ---------------------------------------------
    def observe(self, name: str, text: str, result: Any) -> None:
        """Count the scores of ``result``'s spans and keep masked snippets of the
        first replacements per label (``text`` is the value before anonymizing)."""
        for s in result.spans:
            b = min(max(int(s.score * SCORE_BINS), 0), SCORE_BINS - 1)
            self.scores[f"{s.label}:{b}"] += 1
        if not result.replacements or len(self.samples) >= MAX_SAMPLES:
            return
        have, cap = self.sampled, self.sample_cap
        for i, rep in enumerate(result.replacements):
            if have[rep.label] < cap and len(self.samples) < MAX_SAMPLES:
                from .mask import before_after

                snip = before_after(text, result, i)
                snip["field"] = name
                self.samples.append(snip)
                have[rep.label] += 1

    def score_histogram(self) -> dict[str, list[int]]:
        """``{label: [spans per score bin]}`` (bin i covers ``[i/20, (i+1)/20)``)."""
        out: dict[str, list[int]] = {}
        for key, n in self.scores.items():
            label, _, b = key.rpartition(":")
            out.setdefault(label, [0] * SCORE_BINS)[int(b)] += n
        return dict(sorted(out.items()))

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
        self.scores.update(other.scores)
        if other.samples and len(self.samples) < MAX_SAMPLES:
            have = self.sampled
            for x in other.samples:
                if have[x["label"]] < self.sample_cap and len(self.samples) < MAX_SAMPLES:
                    self.samples.append(x)
                    have[x["label"]] += 1
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
