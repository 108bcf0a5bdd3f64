"""Apply operators to resolved spans: splice right to left, return the log."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..types import Replacement, Result, Span
from .base import Operator, OperatorContext

__all__ = ["apply"]


def apply(
    text: str,
    spans: Sequence[Span],
    operator_for: Callable[[str], Operator],
    ctx: OperatorContext,
) -> Result:
    """Replace each span (sorted, non-overlapping) with its operator's output.

    Operators are called left to right (so indexed tags number in reading order);
    the output is assembled in one pass.
    """
    if not spans:
        return Result(text, (), ())
    pieces: list[str] = []
    reps: list[Replacement] = []
    pos = 0
    out_len = 0
    for s in spans:
        op = operator_for(s.label)
        new = op.apply(s, ctx)
        keep = text[pos : s.start]
        pieces.append(keep)
        out_len += len(keep)
        pieces.append(new)
        reps.append(
            Replacement(
                s.start, s.end, out_len, out_len + len(new), s.label, op.name, s.recognizer, new
            )
        )
        out_len += len(new)
        pos = s.end
    pieces.append(text[pos:])
    return Result("".join(pieces), tuple(spans), tuple(reps))
