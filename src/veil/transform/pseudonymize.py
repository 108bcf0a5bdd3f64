"""``pseudonymize``: a realistic, format-preserving surrogate for each value.

The surrogate is a pure function of (key, label, normalized value): it is drawn
from a seed ``HMAC(key.derive("pseudonym"), label NUL value)``, so the same input
gets the same surrogate in every document, process and machine without shared
state, and nobody without the key can recompute or reverse it. Names are seeded
per token (``Maria Gonzalez`` / ``Ms. Gonzalez`` / ``Maria`` stay consistent), and
the linking step (:mod:`veil.detect.link`) tells each one-word variant whether it
is the first or the last name and gives every variant the entity's gender and
culture, so within a document all variants of a name get matching surrogates.
Per-label rules live in :mod:`veil.transform.surrogates`: phones keep country and
shape and stay valid, cards keep brand/length and Luhn, IBANs keep country and
mod-97, emails keep shape and public providers, names keep culture, gender and
case, dates shift by a keyed offset in the same format, other codes keep their
character classes. Surrogates are stable for a given Faker/phonenumbers version.

Surrogates are *plausible*, not guaranteed unused: a fake phone or card may
belong to someone. Use ``tag`` or ``hash`` where that matters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from ..types import Span
from ._params import ParamError, check_int, check_one_of
from .base import OperatorContext
from .normalize import normalize
from .surrogates import LOCALIZED, Seeder, family_for

__all__ = ["Pseudonymize"]


@dataclass(frozen=True, slots=True)
class Pseudonymize:
    """Replace a span with a keyed, consistent, realistic surrogate.

    ``locale``: the Faker locale for names, addresses and places when the span
    carries no ``culture``/``country`` hint. ``date_shift_by``: ``"key"`` (one
    offset for the whole corpus, intervals kept) or ``"value"`` (an offset per
    date). ``max_shift_days``: the largest date shift.
    """

    locale: str = "en_US"
    date_shift_by: Literal["key", "value"] = "key"
    max_shift_days: int = 365

    name: ClassVar[str] = "pseudonymize"
    needs_key: ClassVar[bool] = True

    def __post_init__(self) -> None:
        if not isinstance(self.locale, str) or not self.locale:
            raise ParamError("locale", "must be a Faker locale such as en_US")
        check_one_of("date_shift_by", self.date_shift_by, ("key", "value"))
        check_int("max_shift_days", self.max_shift_days, 1, 3650)

    def apply(self, span: Span, ctx: OperatorContext) -> str:
        label = span.label
        seeder = Seeder(ctx.require_key(self.name).derive("pseudonym"))
        norm = normalize(label, span.text, span.attrs)
        fn = family_for(label)
        if label in LOCALIZED:
            return fn(span.text, span.attrs, seeder, label, norm, locale=self.locale)
        if label in ("DATE", "DATE_OF_BIRTH"):
            return fn(span.text, span.attrs, seeder, label, norm,
                      by=self.date_shift_by, max_days=self.max_shift_days)  # fmt: skip
        return fn(span.text, span.attrs, seeder, label, norm)
