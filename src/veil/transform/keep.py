"""``keep``: leave the span as it is (it is still detected and reported)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..types import Span
from .base import OperatorContext

__all__ = ["Keep"]


@dataclass(frozen=True, slots=True)
class Keep:
    """Return the original text unchanged."""

    name: ClassVar[str] = "keep"
    needs_key: ClassVar[bool] = False

    def apply(self, span: Span, ctx: OperatorContext) -> str:
        return span.text
