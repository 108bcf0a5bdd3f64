"""Lazy, cached access to Faker (imported only when a surrogate needs it)."""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from typing import Any

__all__ = ["faker_for", "locale_for_country", "person_provider", "resolve_locale"]

DEFAULT_LOCALE = "en_US"

# ISO 3166 alpha-2 -> a Faker locale, for attrs["country"].
_COUNTRY_LOCALE = {
    "US": "en_US", "GB": "en_GB", "UK": "en_GB", "IE": "en_IE", "CA": "en_CA",
    "AU": "en_AU", "NZ": "en_NZ", "IN": "en_IN", "DE": "de_DE", "AT": "de_AT",
    "CH": "de_CH", "FR": "fr_FR", "BE": "nl_BE", "NL": "nl_NL", "ES": "es_ES",
    "MX": "es_MX", "AR": "es_AR", "CL": "es_CL", "CO": "es_CO", "IT": "it_IT",
    "PT": "pt_PT", "BR": "pt_BR", "PL": "pl_PL", "CZ": "cs_CZ", "SK": "sk_SK",
    "SE": "sv_SE", "NO": "no_NO", "DK": "da_DK", "FI": "fi_FI", "GR": "el_GR",
    "RO": "ro_RO", "HU": "hu_HU", "HR": "hr_HR", "SI": "sl_SI", "TR": "tr_TR",
    "RU": "ru_RU", "UA": "uk_UA", "JP": "ja_JP", "KR": "ko_KR", "CN": "zh_CN",
    "TW": "zh_TW", "IL": "he_IL", "PH": "en_PH", "TH": "th_TH", "VN": "vi_VN",
    "ID": "id_ID", "LU": "fr_FR", "EE": "et_EE", "LV": "lv_LV", "LT": "lt_LT",
    "BG": "bg_BG", "ZA": "zu_ZA", "NG": "en_NG", "KE": "en_KE", "PK": "en_PK",
}  # fmt: skip


@lru_cache(maxsize=256)
def resolve_locale(locale: str | None) -> str:
    """A Faker locale for ``de_DE``, ``de-de``, ``de`` or ``DE``; default en_US."""
    from faker.config import AVAILABLE_LOCALES

    if not locale:
        return DEFAULT_LOCALE
    loc = locale.replace("-", "_")
    if "_" in loc:
        lang, _, country = loc.partition("_")
        loc = f"{lang.lower()}_{country.upper()}"
    if loc in AVAILABLE_LOCALES:
        return loc
    if len(loc) == 2 and loc.upper() in _COUNTRY_LOCALE and loc.isupper():
        return _COUNTRY_LOCALE[loc]
    lang = loc.split("_")[0].lower()
    for cand in AVAILABLE_LOCALES:
        if cand.split("_")[0] == lang and "_" in cand:
            return cand
    return DEFAULT_LOCALE


def locale_for_country(country: str | None, default: str = DEFAULT_LOCALE) -> str:
    """A Faker locale for a country code (``DE``) or a locale (``de_DE``)."""
    if not country:
        return resolve_locale(default)
    c = country.strip()
    if len(c) == 2:
        return _COUNTRY_LOCALE.get(c.upper(), resolve_locale(default))
    return resolve_locale(c)


@lru_cache(maxsize=64)
def faker_for(locale: str) -> Any:
    """One Faker instance per locale, built on first use (they are slow to build)."""
    from faker import Faker

    return Faker(resolve_locale(locale))


@lru_cache(maxsize=64)
def person_provider(locale: str) -> Any:
    """The Faker person provider class for a locale (its name lists, no instance)."""
    loc = resolve_locale(locale)
    try:
        return import_module(f"faker.providers.person.{loc}").Provider
    except ImportError:
        return import_module(f"faker.providers.person.{DEFAULT_LOCALE}").Provider
