"""National identity and tax numbers (label NATIONAL_ID), one module per country.

Every span carries ``attrs={"country": "GB", "kind": "nino"}`` and friends. The US
SSN has its own label and recognizer (:mod:`.us`, registered separately), so it is
not part of :func:`national_id_recognizers`.

:class:`NationalIdRecognizer` runs all of them as one recognizer: the same spans
(named after the composite; ``attrs`` still tell country and kind), but one call
and one gate check per text instead of ten, which matters for short texts (about
2.5 µs per text saved on the development machine).
"""

from __future__ import annotations

from collections.abc import Iterable

from ...types import Span
from .._scan import facts
from ..base import Context
from ._base import IdRecognizer
from .de import DeSteuerIdRecognizer
from .es import EsDniRecognizer, EsNieRecognizer
from .fr import FrNirRecognizer
from .in_ import InAadhaarRecognizer, InPanRecognizer
from .it import ItCodiceFiscaleRecognizer
from .nl import NlBsnRecognizer
from .uk import UkNhsRecognizer, UkNinoRecognizer

__all__ = [
    "DeSteuerIdRecognizer",
    "EsDniRecognizer",
    "EsNieRecognizer",
    "FrNirRecognizer",
    "IdRecognizer",
    "InAadhaarRecognizer",
    "InPanRecognizer",
    "ItCodiceFiscaleRecognizer",
    "NationalIdRecognizer",
    "NlBsnRecognizer",
    "UkNhsRecognizer",
    "UkNinoRecognizer",
    "national_id_recognizers",
]


def national_id_recognizers() -> list[IdRecognizer]:
    """One recognizer per identifier kind, all countries (US SSN excluded)."""
    return [
        UkNinoRecognizer(),
        UkNhsRecognizer(),
        DeSteuerIdRecognizer(),
        FrNirRecognizer(),
        EsDniRecognizer(),
        EsNieRecognizer(),
        ItCodiceFiscaleRecognizer(),
        NlBsnRecognizer(),
        InAadhaarRecognizer(),
        InPanRecognizer(),
    ]


class NationalIdRecognizer:
    """All national id recognizers behind one call, sharing the per-text gates."""

    name = "NationalIdRecognizer"
    labels = ("NATIONAL_ID",)

    def __init__(self, recognizers: Iterable[IdRecognizer] | None = None) -> None:
        self.recognizers = tuple(
            recognizers if recognizers is not None else national_id_recognizers()
        )
        gates: dict[str, list[IdRecognizer]] = {}
        for rec in self.recognizers:
            gates.setdefault(rec.gate, []).append(rec)
        self._by_gate = tuple((gate, tuple(recs)) for gate, recs in gates.items())

    def __repr__(self) -> str:
        return f"NationalIdRecognizer({len(self.recognizers)} kinds)"

    def analyze(self, text: str, ctx: Context) -> list[Span]:
        if not ctx.has_digits:
            return []
        f = facts(ctx)
        out: list[Span] = []
        for gate, recs in self._by_gate:
            if getattr(f, gate):
                for rec in recs:
                    out.extend(rec.scan(text, ctx, f.sk, self.name, rec._windows(f)))
        return out
