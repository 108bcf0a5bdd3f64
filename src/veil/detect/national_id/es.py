"""Spain: DNI (8 digits + control letter) and NIE (X/Y/Z + 7 digits + letter).

The control letter is ``TRWAGMYFPDXBNJZSQVHLCKE``[number mod 23] (``stdnum.es``),
so a random match passes 1 time in 23. Forms: compact, or the letter after a
dash; after a space only in upper case (so "... 12345678 a ..." is not one).
DNI 0.7 alone, NIE 0.75 alone, 1.0 near DNI/NIE/NIF words.
"""

from __future__ import annotations

import re

from stdnum.es import dni as _dni
from stdnum.es import nie as _nie

from .._scan import words_rx
from ._base import IdRecognizer, Shape

__all__ = ["EsDniRecognizer", "EsNieRecognizer"]

_CONTEXT = words_rx(
    (
        "dni", "d.n.i", "nif", "n.i.f", "nie", "n.i.e", "documento nacional", "identidad",
        "extranjero", "tarjeta de residencia", "número de identificación",
    )
)  # fmt: skip


def _letter_ok(value: str) -> bool:
    """A lower-case control letter only when glued or after a dash."""
    return value[-1].isupper() or value[-2] != " "


class EsDniRecognizer(IdRecognizer):
    name = "EsDniRecognizer"
    country = "ES"
    kind = "dni"
    shapes: tuple[Shape, ...] = (Shape(re.compile(rb"00000000[ \-]?A"), 0.7, 1.0),)
    context = _CONTEXT

    def validate(self, value: str) -> bool:
        return _letter_ok(value) and _dni.is_valid(value)


class EsNieRecognizer(IdRecognizer):
    name = "EsNieRecognizer"
    country = "ES"
    kind = "nie"
    # the skeleton match starts at the digits; `locate` adds the X/Y/Z (and separator)
    shapes: tuple[Shape, ...] = (Shape(re.compile(rb"0000000[ \-]?A"), 0.75, 1.0),)
    context = _CONTEXT

    def locate(self, text: str, start: int, end: int, shape: Shape) -> tuple[int, int] | None:
        if start >= 1 and text[start - 1] in "XYZxyz":
            return start - 1, end
        if start >= 2 and text[start - 1] in " -" and text[start - 2] in "XYZxyz":
            return start - 2, end
        return None

    def validate(self, value: str) -> bool:
        return value[0].isupper() and _letter_ok(value) and _nie.is_valid(value)
