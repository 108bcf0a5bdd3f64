"""Netherlands: burgerservicenummer (BSN, formerly sofinummer).

9 digits passing the "11-proof" (``stdnum.nl.bsn``), compact or grouped
``123 456 782`` / ``123.456.782`` / ``1234.56.782``. One 9-digit number in 11
passes, so a BSN is only reported near BSN words (score 0.9).
"""

from __future__ import annotations

import re

from stdnum.nl import bsn as _bsn

from .._scan import words_rx
from ._base import IdRecognizer, Shape, all_same

__all__ = ["NlBsnRecognizer"]


class NlBsnRecognizer(IdRecognizer):
    name = "NlBsnRecognizer"
    country = "NL"
    kind = "bsn"
    shapes: tuple[Shape, ...] = (
        Shape(re.compile(rb"000000000"), None, 0.9),
        Shape(re.compile(rb"000 000 000"), None, 0.9),
        Shape(re.compile(rb"000\.000\.000"), None, 0.9),
        Shape(re.compile(rb"0000\.00\.000"), None, 0.9),
    )
    context = words_rx(
        (
            "bsn", "burgerservicenummer", "burgerservice nummer", "sofinummer", "sofi-nummer",
            "sofi nummer", "citizen service number", "persoonsnummer",
        )
    )  # fmt: skip
    seps = ",-"

    def validate(self, value: str) -> bool:
        digits = value.replace(" ", "").replace(".", "")
        return not all_same(digits) and _bsn.is_valid(digits)
