"""India: Aadhaar (12 digits, Verhoeff check) and PAN (income-tax account number).

Aadhaar: first digit 2-9, not a palindrome, Verhoeff check digit; grouped
``2345 6789 0123`` (or with dashes) scores 0.6 alone, compact 12 digits need
Aadhaar words; with words 0.95.

PAN: ``ABCPD1234E``: three letters, holder type (4th: P person, C company, H HUF,
F firm, A AOP, T trust, B BOI, L local authority, J juridical person, G government,
K), a letter, four digits (not 0000), a letter; upper case. No checksum, so
alone it scores 0.55 for individuals (P) and 0.45 otherwise; PAN words add 0.4.
"""

from __future__ import annotations

import re

from stdnum.in_ import pan as _pan

from .._scan import words_rx
from ..base import Context
from ..checksums import verhoeff_ok
from ._base import IdRecognizer, Shape

__all__ = ["InAadhaarRecognizer", "InPanRecognizer"]


class InAadhaarRecognizer(IdRecognizer):
    name = "InAadhaarRecognizer"
    country = "IN"
    kind = "aadhaar"
    shapes: tuple[Shape, ...] = (
        Shape(re.compile(rb"0000 0000 0000"), 0.6, 0.95),
        Shape(re.compile(rb"0000-0000-0000"), 0.6, 0.95),
        Shape(re.compile(rb"000000000000"), None, 0.95),
    )
    context = words_rx(("aadhaar", "aadhar", "adhaar", "aadhaar no", "uidai", "uid", "आधार"))

    def validate(self, value: str) -> bool:
        digits = value.replace(" ", "").replace("-", "")
        return digits[0] in "23456789" and digits != digits[::-1] and verhoeff_ok(digits)


_PAN = re.compile(r"[A-Z]{3}[ABCFGHJLPTK][A-Z][0-9]{4}[A-Z]")


class InPanRecognizer(IdRecognizer):
    name = "InPanRecognizer"
    country = "IN"
    kind = "pan"
    gate = "alpha_digit"
    shapes: tuple[Shape, ...] = (Shape(re.compile(rb"AAAAA0000A"), 0.45, 0.95),)
    context = words_rx(
        ("pan", "pan card", "pan no", "permanent account", "income tax", "income-tax")
    )

    def validate(self, value: str) -> bool:
        return _PAN.fullmatch(value) is not None and _pan.is_valid(value)

    def base_score(self, shape: Shape, ctx: Context, value: str) -> float | None:
        return 0.55 if value[3] == "P" else 0.45
