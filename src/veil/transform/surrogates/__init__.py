"""Realistic, format-preserving surrogates per label family (used by pseudonymize).

Each family function has the signature
``fn(text, attrs, seeder, label, norm, **options) -> str`` and is a pure function
of its arguments and the keyed :class:`Seeder`. Families import their heavy
dependencies (Faker, phonenumbers) on first use.

Span attributes they read (all optional, set by recognizers or entity linking):

=================  ==========================================================
``region``         PHONE: ISO region for numbers without ``+`` (default US)
``culture``        PERSON, EMAIL, USERNAME: a Faker locale (``de_DE``)
``gender``         PERSON: ``m`` or ``f``
``part``           PERSON: ``first`` or ``last`` for a single-token name
``iso``            DATE, DATE_OF_BIRTH: ``YYYY-MM-DD`` (settles day/month order)
``years``          AGE: the age as digits (for ages written in words)
``country``        STREET_ADDRESS, LOCATION, ORGANIZATION: ``DE`` or ``de_DE``
=================  ==========================================================
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module

from ._seed import Seeder

__all__ = ["FAMILIES", "Seeder", "family_for"]

#: label -> "module:function" (relative to this package), imported lazily.
FAMILIES: dict[str, str] = {
    "PERSON": "names:person",
    "EMAIL": "emails:email",
    "USERNAME": "emails:username",
    "PHONE": "phones:phone",
    "CREDIT_CARD": "payment:card",
    "IBAN": "payment:iban",
    "DATE": "dates:date",
    "DATE_OF_BIRTH": "dates:date",
    "AGE": "generic:age",
    "US_SSN": "generic:ssn",
    "VEHICLE_ID": "generic:vin",
    "CRYPTO_WALLET": "generic:wallet",
    "SECRET": "generic:secret",
    "COORDINATES": "generic:coordinates",
    "IP_ADDRESS": "network:ip",
    "URL": "generic:url",
    "DEMOGRAPHIC": "generic:tag",
    "STREET_ADDRESS": "places:address",
    "LOCATION": "places:location",
    "ORGANIZATION": "places:organization",
}
GENERIC = "generic:token"
#: families that take the operator's default ``locale``
LOCALIZED = frozenset({"PERSON", "EMAIL", "USERNAME", "STREET_ADDRESS", "LOCATION", "ORGANIZATION"})

_cache: dict[str, Callable[..., str]] = {}


def family_for(label: str) -> Callable[..., str]:
    """The surrogate function for ``label`` (the generic one if it has none)."""
    ref = FAMILIES.get(label, GENERIC)
    fn = _cache.get(ref)
    if fn is None:
        mod, _, name = ref.partition(":")
        fn = _cache[ref] = getattr(import_module(f"{__name__}.{mod}"), name)
    return fn


def surrogate(label: str, text: str, attrs: Mapping[str, str], seeder: Seeder, norm: str,
              **options: object) -> str:  # fmt: skip
    return family_for(label)(text, attrs, seeder, label, norm, **options)
