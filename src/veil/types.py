"""Core value types that flow through Veil: Span, Replacement, Result, Document.

All are frozen, slotted dataclasses. Nothing here ever renders the raw text of a
span: ``repr(span)`` shows its label, offsets, score and recognizer only, so that
spans can be logged or put in exceptions without leaking what they protect.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = ["EMPTY_ATTRS", "Document", "Replacement", "Result", "Span"]

EMPTY_ATTRS: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True, repr=False)
class Span:
    """One detected identifier: ``text[start:end]`` carries label ``label``.

    ``attrs`` holds recognizer hints for operators (phone region, name gender or
    culture, the entity a name variant belongs to, ...). Values are short strings.
    """

    start: int
    end: int
    label: str
    score: float
    recognizer: str
    text: str = field(compare=False)
    attrs: Mapping[str, str] = field(default_factory=lambda: EMPTY_ATTRS, compare=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"invalid span offsets {self.start}:{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def __repr__(self) -> str:  # never shows the text
        return (
            f"Span({self.label} {self.start}:{self.end} score={self.score:.2f} "
            f"by={self.recognizer})"
        )

    __str__ = __repr__

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def with_(self, **changes: Any) -> Span:
        """A copy with some fields changed (dataclasses.replace, kept short)."""
        values = {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "score": self.score,
            "recognizer": self.recognizer,
            "text": self.text,
            "attrs": self.attrs,
        }
        values.update(changes)
        return Span(**values)


@dataclass(frozen=True, slots=True)
class Replacement:
    """What one operator did to one span.

    ``start``/``end`` index the original text, ``out_start``/``out_end`` the output
    text. ``new`` is the replacement text (already anonymized, safe to show).
    """

    start: int
    end: int
    out_start: int
    out_end: int
    label: str
    operator: str
    recognizer: str
    new: str


@dataclass(frozen=True, slots=True, repr=False)
class Result:
    """The outcome of anonymizing one text."""

    text: str
    spans: tuple[Span, ...]
    replacements: tuple[Replacement, ...]

    def __repr__(self) -> str:
        return f"Result({len(self.text)} chars, {len(self.spans)} spans)"


@dataclass(slots=True, repr=False)
class Document:
    """One record read from an input: the unit that flows through a pipeline.

    ``record`` is the parsed record (a dict for JSONL/CSV/Parquet rows, a str for
    text files). ``source`` and ``line`` locate it for error messages and the
    quarantine file; ``id`` is stable across runs (``"<source>:<line>"`` unless the
    input names one).
    """

    id: str
    record: Any
    source: str = ""
    line: int = 0
    metadata: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Document(id={self.id!r}, source={self.source!r}, line={self.line})"
