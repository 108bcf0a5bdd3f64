"""Italy: codice fiscale (16 characters, personal tax code).

``RSSMRA85T10A562S``: surname and name consonants (6 letters), birth year (2),
month letter, day (+40 for women) (2), birthplace code (letter + 3), check letter.
Digits may be replaced by letters (omocodia); the first year digit is required
here, which every realistic code keeps. Validated by ``stdnum.it.codicefiscale``
(check character). Upper or lower case, not mixed. 0.9 alone, 1.0 with words.
"""

from __future__ import annotations

import re

from stdnum.it import codicefiscale as _cf

from .._scan import words_rx
from ._base import IdRecognizer, Shape

__all__ = ["ItCodiceFiscaleRecognizer"]

_D = "[0-9LMNPQRSTUV]"
_CF = re.compile(rf"[A-Z]{{6}}[0-9]{_D}[ABCDEHLMPRST]{_D}{{2}}[A-Z]{_D}{{3}}[A-Z]")


class ItCodiceFiscaleRecognizer(IdRecognizer):
    name = "ItCodiceFiscaleRecognizer"
    country = "IT"
    kind = "codice_fiscale"
    gate = "alpha_digit"
    shapes: tuple[Shape, ...] = (
        Shape(re.compile(rb"AAAAAA0[0A]A[0A][0A]A[0A][0A][0A]A"), 0.9, 1.0),
    )
    context = words_rx(("codice fiscale", "cod. fisc", "c.f", "cf", "tax code", "fiscal code"))

    def validate(self, value: str) -> bool:
        if not value.isupper():
            if not value.islower():
                return False
            value = value.upper()
        return _CF.fullmatch(value) is not None and _cf.is_valid(value)
