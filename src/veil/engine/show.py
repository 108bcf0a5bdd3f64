"""Masked previews of detections for ``veil scan --show``: never the raw value.

A hit is shown as its label, a masked form of the value (at most its first
character and last two, the rest as ``*``; short values are fully masked) and
the surrounding text, in which every other detected span is replaced by its
``<LABEL>`` tag. Newlines and tabs in the context become spaces.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..types import Span

__all__ = ["mask_value", "snippets"]

CONTEXT_CHARS = 30


def mask_value(value: str) -> str:
    """``jane.doe@mail.com`` -> ``j**************om``; 4 chars or fewer -> all ``*``."""
    n = len(value)
    if n <= 4:
        return "*" * n
    if n <= 8:
        return value[0] + "*" * (n - 1)
    return value[0] + "*" * (n - 3) + value[-2:]


def _flat(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ").replace("\t", " ")


def snippets(
    text: str, spans: Sequence[Span], width: int = CONTEXT_CHARS
) -> Iterator[tuple[str, str]]:
    """``(label, context)`` per span, the hit written ``[LABEL: masked]``."""
    for i, s in enumerate(spans):
        lo, hi = max(0, s.start - width), min(len(text), s.end + width)
        parts: list[str] = ["…" if lo > 0 else ""]
        pos = lo
        for j, o in enumerate(spans):
            if o.end <= lo or o.start >= hi:
                continue
            a, b = max(o.start, lo), min(o.end, hi)
            parts.append(_flat(text[pos:a]))
            if j == i:
                parts.append(f"[{s.label}: {mask_value(text[s.start : s.end])}]")
            else:
                parts.append(f"<{o.label}>")
            pos = b
        parts.append(_flat(text[pos:hi]))
        parts.append("…" if hi < len(text) else "")
        yield s.label, "".join(parts)
