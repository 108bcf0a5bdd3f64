"""Germany: steuerliche Identifikationsnummer (Steuer-IdNr, TIN).

11 digits, compact or grouped ``12 345 678 901`` / ``123 456 789 01``, validated
by ``stdnum.de.idnr`` (no leading 0, one digit repeated 2-3 times in the first
ten, ISO 7064 mod 11,10 check digit). A bare 11-digit number is too common to flag
alone, so it is only reported near tax-id words (score 0.9).
"""

from __future__ import annotations

import re

from stdnum.de import idnr as _idnr

from .._scan import words_rx
from ._base import IdRecognizer, Shape

__all__ = ["DeSteuerIdRecognizer"]


class DeSteuerIdRecognizer(IdRecognizer):
    name = "DeSteuerIdRecognizer"
    country = "DE"
    kind = "steuer_idnr"
    shapes: tuple[Shape, ...] = (
        Shape(re.compile(rb"00000000000"), None, 0.9),
        Shape(re.compile(rb"00 000 000 000"), None, 0.9),
        Shape(re.compile(rb"000 000 000 00"), None, 0.9),
    )
    context = words_rx(
        (
            "steuer*", "idnr", "id-nr", "identifikationsnummer", "identifikations-nr",
            "tax id", "tax-id", "taxid", "tin", "tax identification", "st-idnr",
        )
    )  # fmt: skip

    def validate(self, value: str) -> bool:
        return _idnr.is_valid(value.replace(" ", ""))
