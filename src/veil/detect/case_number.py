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
        for m in _KEY.finditer(text):
            s = m.start()
            if s > 0 and text[s - 1].isalnum():
                continue
            pos = m.end()
            while True:
                n = _NUM.match(text, pos)
                if n is None:
                    break
                yield Span(n.start(1), n.end(1), "CASE_NUMBER", 0.85, self.name, n.group(1))
                sep = _SEP.match(text, n.end())
                if sep is None or sep.end() == n.end():
                    break
                pos = sep.end()
