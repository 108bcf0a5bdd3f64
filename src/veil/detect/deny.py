"""Deny-list recognizer: values the user always wants caught, per label."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from ..types import Span
from .base import Context, left_ok, right_ok

__all__ = ["DenyListRecognizer"]


class DenyListRecognizer:
    """Flags every occurrence (case-insensitive, whole words) of the listed values."""

    name = "DenyListRecognizer"

    def __init__(self, terms: Mapping[str, Sequence[str]]) -> None:
        self.labels = tuple(sorted(terms))
        self._rx: list[tuple[str, re.Pattern[str]]] = []
        for label in self.labels:
            words = sorted({w for w in terms[label] if w.strip()}, key=len, reverse=True)
            if words:
                alt = "|".join(re.escape(w) for w in words)
                self._rx.append((label, re.compile(f"(?:{alt})", re.IGNORECASE)))

    def analyze(self, text: str, ctx: Context) -> Iterator[Span]:
        for label, rx in self._rx:
            for m in rx.finditer(text):
                s, e = m.span()
                if left_ok(text, s) and right_ok(text, e):
                    yield Span(s, e, label, 1.0, self.name, m.group())
