"""Court application and case numbers ("application no. 18403/91", "nos. 1234/05 and
5678/06"): the direct identifiers of a court case, and so of its parties.

A number counts only after a case-number keyword (``no.``, ``nos.``, ``application
no``, ``case no``, ``file no``, ``Az.``) and only in the ``digits/digits`` form
courts use (``18403/91``, ``2 BvR 1234/05`` keeps the digits part). Each number of
a list after one keyword is its own span. Label ``CASE_NUMBER``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..types import Span
from ._scan import Facts, facts
from .base import Context

__all__ = ["CaseNumberRecognizer"]

_KEY = re.compile(r"(?:[Nn]os?\.|[Nn]umbers?|[Nn]o\b|[Nn]r\.|Az\.|#)[ \t]*(?=\d)")
_NUM = re.compile(r"(\d{1,7}/\d{2,4})(?![\d/])")
_SEP = re.compile(r"[ \t]*(?:,|and|&|;)[ \t]*(?:(?:no\.|nos\.)[ \t]*)?")


class CaseNumberRecognizer:
    """``digits/digits`` case numbers after a case-number keyword."""

    name = "case_number"
    labels = ("CASE_NUMBER",)

    def analyze(self, text: str, ctx: object | None = None) -> Iterator[Span]:
        if "/" not in text:
            return
        # Digit-first: every "digit/digit" (the shared skeleton has digits as "0"; most
        # "/" are in URLs and "and/or"); a chain's first number has its keyword right
        # before it, so only the few characters before each number are searched.
        sk = (facts(ctx) if isinstance(ctx, Context) else Facts(text)).sk
        done: set[int] = set()
        emitted: set[int] = set()
        i = sk.find(b"0/0")
        while i >= 0:
            ns = i
            while ns > 0 and sk[ns - 1] == 48:  # "0"
                ns -= 1
            for m in _KEY.finditer(text, max(0, ns - 12), ns + 1):
                if m.end() == ns and m.start() not in done:
                    done.add(m.start())
                    for span in self._chain(text, m):
                        if span.start not in emitted:  # "no. 1/04; no. 2/04": one chain
                            emitted.add(span.start)
                            yield span
            i = sk.find(b"0/0", i + 1)

    def _chain(self, text: str, m: re.Match[str]) -> Iterator[Span]:
        """The numbers after the keyword ``m``: "nos. 1234/05 and 5678/06"."""
        s = m.start()
        if s > 0 and text[s - 1].isalnum():
            return
        pos = m.end()
        while True:
            n = _NUM.match(text, pos)
            if n is None:
                return
            yield Span(n.start(1), n.end(1), "CASE_NUMBER", 0.85, self.name, n.group(1))
            sep = _SEP.match(text, n.end())
            if sep is None or sep.end() == n.end():
                return
            pos = sep.end()
