"""``mask``: ``4111 1111 1111 1234`` -> ``**** **** **** 1234``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..types import Span
from ._params import ParamError, check_int
from .base import OperatorContext

__all__ = ["SEPARATORS", "Mask"]

#: Characters kept in place (and not counted) when ``keep_separators`` is on.
SEPARATORS = frozenset(" \t\n\r-.@/()+:,_")


@dataclass(frozen=True, slots=True)
class Mask:
    """Mask every character but the first ``keep_first`` and last ``keep_last``.

    With ``keep_separators`` (default) spaces, dashes, dots, ``@``, slashes,
    brackets, ``+``, ``:``, ``,`` and ``_`` stay in place and do not count, so the
    shape survives. Whatever the counts, at least half of the significant
    characters are masked (a short value is never shown in full).
    """

    keep_last: int = 4
    keep_first: int = 0
    char: str = "*"
    keep_separators: bool = True

    name: ClassVar[str] = "mask"
    needs_key: ClassVar[bool] = False

    def __post_init__(self) -> None:
        check_int("keep_last", self.keep_last, 0, 64)
        check_int("keep_first", self.keep_first, 0, 64)
        if not isinstance(self.char, str) or len(self.char) != 1:
            raise ParamError("char", "must be exactly one character")
        if not isinstance(self.keep_separators, bool):
            raise ParamError("keep_separators", "must be true or false")

    def apply(self, span: Span, ctx: OperatorContext) -> str:
        text = span.text
        if self.keep_separators:
            sig = [i for i, c in enumerate(text) if c not in SEPARATORS]
        else:
            sig = list(range(len(text)))
        n = len(sig)
        first, last = self.keep_first, self.keep_last
        shown = first + last
        if shown * 2 > n:  # show at most half of a short value
            budget = n // 2
            last = min(last, budget)
            first = min(first, budget - last)
        hidden = sig[first : n - last]
        if not hidden:
            return text
        out = list(text)
        ch = self.char
        for i in hidden:
            out[i] = ch
        return "".join(out)
