"""Deterministic overlap resolution.

Spans are ranked by score (higher first), then length (longer first), then
position, label and recognizer name, so the outcome never depends on recognizer
order. Each span is kept unless it overlaps one already kept.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from ..types import Span

__all__ = ["resolve"]


def _rank(s: Span) -> tuple[float, int, int, str, str]:
    return (-s.score, -(s.end - s.start), s.start, s.label, s.recognizer)


def resolve(spans: Iterable[Span]) -> list[Span]:
    """Return non-overlapping spans sorted by start."""
    ordered = sorted(spans, key=_rank)
    if len(ordered) < 2:
        return ordered
    starts: list[int] = []  # kept spans, sorted by start (they never overlap)
    ends: list[int] = []
    kept: list[Span] = []
    for s in ordered:
        i = bisect_right(starts, s.start)
        # the kept span starting at or before s.start, and the one after it
        if i > 0 and ends[i - 1] > s.start:
            continue
        if i < len(starts) and starts[i] < s.end:
            continue
        starts.insert(i, s.start)
        ends.insert(i, s.end)
        kept.insert(i, s)
    return kept
