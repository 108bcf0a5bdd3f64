"""``generalize``: replace a value by a coarser one.

* DATE / DATE_OF_BIRTH: ``date: "year"`` -> ``2024``; ``"month"`` -> ``2024-03``
  (from ``attrs["iso"]``, else parsed from the text).
* AGE: ``age_band: 10`` -> ``30-39`` (from ``attrs["years"]``, else the first
  number in the text); ages of 90 and over become ``90+`` (HIPAA safe harbor).
* STREET_ADDRESS / LOCATION: ``address: "city"`` -> ``attrs["city"]``,
  ``"country"`` -> ``attrs["country"]``.

When the needed attribute is missing (or for any other label) the span becomes
its tag, ``<LABEL>``: generalize never lets the original text through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Literal

from ..types import Span
from ._params import check_int, check_one_of
from .base import OperatorContext

__all__ = ["Generalize"]

_INT = re.compile(r"\d{1,3}")
_ISO = re.compile(r"(\d{4})(?:-(\d{2}))?")


@dataclass(frozen=True, slots=True)
class Generalize:
    """Coarsen dates, ages and addresses; tag anything else."""

    date: Literal["month", "year"] = "year"
    age_band: int = 10
    address: Literal["city", "country"] = "city"

    name: ClassVar[str] = "generalize"
    needs_key: ClassVar[bool] = False

    def __post_init__(self) -> None:
        check_one_of("date", self.date, ("month", "year"))
        check_int("age_band", self.age_band, 1, 100)
        check_one_of("address", self.address, ("city", "country"))

    def apply(self, span: Span, ctx: OperatorContext) -> str:
        label = span.label
        out = None
        if label in ("DATE", "DATE_OF_BIRTH"):
            out = self._date(span)
        elif label == "AGE":
            out = self._age(span)
        elif label in ("STREET_ADDRESS", "LOCATION"):
            out = span.attrs.get(self.address) or None
        return out if out else f"<{label}>"

    def _date(self, span: Span) -> str | None:
        iso = span.attrs.get("iso")
        if iso:
            m = _ISO.match(iso)
            if m is None:
                return None
            year, month = m.group(1), m.group(2)
            if month is None and self.date == "month":
                return None
        else:
            from .surrogates.dates import parse_date

            p = parse_date(span.text)
            if p is None or (self.date == "month" and not p.has_month):
                return None
            year, month = f"{p.value.year:04d}", f"{p.value.month:02d}"
        return year if self.date == "year" else f"{year}-{month}"

    def _age(self, span: Span) -> str | None:
        years = span.attrs.get("years")
        if not (years and years.isdigit()):
            m = _INT.search(span.text)
            if m is None:
                return None
            years = m.group(0)
        y = int(years)
        if y >= 90:
            return "90+"
        lo = y - y % self.age_band
        hi = lo + self.age_band - 1
        return str(lo) if hi == lo else f"{lo}-{hi}"
