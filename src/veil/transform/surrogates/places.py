"""Street addresses, places and organizations drawn from Faker.

STREET_ADDRESS uses the locale of ``attrs["country"]`` (``DE`` or ``de_DE``) or
the default locale. A one-line span without a comma becomes a street line only;
otherwise a full address whose lines are joined the way the original's were
(newline or ``", "``). LOCATION becomes a city, ORGANIZATION a company.
"""

from __future__ import annotations

from collections.abc import Mapping

from ._faker import faker_for, locale_for_country
from ._seed import Seeder
from .names import match_case

__all__ = ["address", "location", "organization"]


def _draw(locale: str, seed: int, what: str) -> str:
    fake = faker_for(locale)
    fake.seed_instance(seed)
    return str(getattr(fake, what)())


def address(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str,
            locale: str = "en_US") -> str:  # fmt: skip
    loc = locale_for_country(attrs.get("country"), locale)
    seed = seeder.int(label, norm)
    if "\n" not in text and "," not in text:
        new = _draw(loc, seed, "street_address")
    else:
        lines = _draw(loc, seed, "address").splitlines()
        new = ("\n" if "\n" in text else ", ").join(x.strip() for x in lines if x.strip())
    return match_case(text, new)


def location(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str,
             locale: str = "en_US") -> str:  # fmt: skip
    loc = locale_for_country(attrs.get("country"), locale)
    for i in range(3):
        new = _draw(loc, seeder.int(label, norm, str(i)), "city")
        if new.casefold() != norm:
            break
    return match_case(text, new)


def organization(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str,
                 locale: str = "en_US") -> str:  # fmt: skip
    loc = locale_for_country(attrs.get("country"), locale)
    return match_case(text, _draw(loc, seeder.int(label, norm), "company"))
