"""``redact``: remove the span (or put a fixed ``replacement`` in its place)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..types import Span
from ._params import ParamError
from .base import OperatorContext

__all__ = ["Redact"]


@dataclass(frozen=True, slots=True)
class Redact:
    """Replace the span with ``replacement`` (empty by default)."""

    replacement: str = ""

    name: ClassVar[str] = "redact"
    needs_key: ClassVar[bool] = False

    def __post_init__(self) -> None:
        if not isinstance(self.replacement, str):
            raise ParamError("replacement", "must be a string")

    def apply(self, span: Span, ctx: OperatorContext) -> str:
        return self.replacement
