"""United Kingdom: National Insurance number (NINO) and NHS number.

NINO: two prefix letters, six digits, suffix A-D, compact ``AB123456C`` or spaced
``AB 12 34 56 C``, upper case. Prefix rules: first letter not D, F, I, Q, U, V;
second not D, F, I, O, Q, U, V; never BG, GB, KN, NK, NT, TN, ZZ. No checksum,
but the shape is specific: 0.65 alone, 1.0 with NI words.

NHS number: 10 digits, mod-11 check digit. Grouped 3-3-4 (``943 476 5919``) is
the printed form but also a US phone shape, so alone it scores 0.55 when
``ctx.region`` is "GB" and 0.35 (below the default threshold) elsewhere; compact
10 digits need NHS words. With NHS words: 0.95.
"""

from __future__ import annotations

import re

from .._scan import words_rx
from ..base import Context
from ..checksums import mod11_nhs_ok
from ._base import IdRecognizer, Shape, all_same

__all__ = ["UkNhsRecognizer", "UkNinoRecognizer"]

_NINO = re.compile(r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z](?: ?[0-9]{2}){3} ?[A-D]")
_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


class UkNinoRecognizer(IdRecognizer):
    name = "UkNinoRecognizer"
    country = "GB"
    kind = "nino"
    shapes: tuple[Shape, ...] = (
        Shape(re.compile(rb"000000 ?A"), 0.65, 1.0, lead=2),
        Shape(re.compile(rb"00 00 00 A"), 0.65, 1.0, lead=3),
    )
    context = words_rx(
        ("national insurance", "nino", "ni number", "ni no", "ni#", "insurance number", "nin")
    )

    def validate(self, value: str) -> bool:
        return _NINO.fullmatch(value) is not None and value[:2] not in _NINO_BAD_PREFIXES


class UkNhsRecognizer(IdRecognizer):
    name = "UkNhsRecognizer"
    country = "GB"
    kind = "nhs"
    shapes: tuple[Shape, ...] = (
        Shape(re.compile(rb"000 000 0000"), 0.55, 0.95),
        Shape(re.compile(rb"000-000-0000"), 0.55, 0.95),
        Shape(re.compile(rb"0000000000"), None, 0.95),
    )
    context = words_rx(
        ("nhs*", "national health", "health service", "health and care number", "chi number")
    )

    def validate(self, value: str) -> bool:
        digits = value.replace(" ", "").replace("-", "")
        return not all_same(digits) and mod11_nhs_ok(digits)

    def base_score(self, shape: Shape, ctx: Context, value: str) -> float | None:
        if shape.score is None:
            return None
        return shape.score if (ctx.region or "").upper() in ("GB", "UK") else 0.35
