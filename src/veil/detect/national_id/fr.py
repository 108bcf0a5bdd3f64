"""France: numéro d'inscription au répertoire (NIR, "numéro de sécurité sociale").

15 characters: sex (1, 2; 3, 4, 7, 8 for provisional numbers), year, month,
department (digits or 2A/2B for Corsica), commune, order, then a 2-digit key
(97 - number mod 97), validated by ``stdnum.fr.nir``. The printed form
``1 84 12 76 451 089 46`` is distinctive (0.8 alone); compact 15 digits and
"13 digits + key" need social-security words (0.95).
"""

from __future__ import annotations

import re

from stdnum.fr import nir as _nir

from .._scan import words_rx
from ._base import IdRecognizer, Shape

__all__ = ["FrNirRecognizer"]


class FrNirRecognizer(IdRecognizer):
    name = "FrNirRecognizer"
    country = "FR"
    kind = "nir"
    shapes: tuple[Shape, ...] = (
        Shape(re.compile(rb"0 00 00 0[0A] 000 000 00"), 0.8, 0.95),
        Shape(re.compile(rb"000000[0A]000000 ?00"), None, 0.95),
    )
    context = words_rx(
        (
            "sécurité sociale", "securite sociale", "sécu", "secu", "insee", "nir", "nss",
            "n° ss", "social security", "carte vitale", "numéro de sécurité", "assuré social",
        )
    )  # fmt: skip

    def validate(self, value: str) -> bool:
        number = value.replace(" ", "").upper()
        return number[0] in "123478" and _nir.is_valid(number)
