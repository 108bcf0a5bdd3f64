"""US social security numbers (label US_SSN).

Forms: ``AAA-GG-SSSS`` (score 0.6 alone), ``AAA GG SSSS`` (0.4 alone: needs context
to pass the default threshold) and 9 compact digits (only with context). SSN words
nearby ("ssn", "social security", ...) lift them to 0.95 / 0.85 / 0.8.

Valid: area not 000, 666 or 9xx; group not 00; serial not 0000 (``stdnum.us.ssn``).
Rejected as known non-personal: the numbers stdnum blacklists (078-05-1120 from the
Woolworth wallet insert, 219-09-9999 and 457-55-5462 from SSA/advertising), the
textbook example 123-45-6789, and one-digit placeholders like 111-11-1111.
"""

from __future__ import annotations

import re

from stdnum.us import ssn as _ssn

from .._scan import words_rx
from ._base import IdRecognizer, Shape, all_same

__all__ = ["UsSsnRecognizer"]

_EXAMPLES = frozenset({"123456789"})


class UsSsnRecognizer(IdRecognizer):
    name = "UsSsnRecognizer"
    label = "US_SSN"
    shapes: tuple[Shape, ...] = (
        Shape(re.compile(rb"000-00-0000"), 0.6, 0.95),
        Shape(re.compile(rb"000 00 0000"), 0.4, 0.85),
        Shape(re.compile(rb"000000000"), None, 0.8),
    )
    context = words_rx(
        (
            "ssn*", "ssns", "social security", "social-security", "soc sec", "soc. sec",
            "ss#", "ss #", "ss no", "social sec",
        )
    )  # fmt: skip

    def validate(self, value: str) -> bool:
        digits = value.replace("-", "").replace(" ", "")
        return not all_same(digits) and digits not in _EXAMPLES and _ssn.is_valid(digits)
