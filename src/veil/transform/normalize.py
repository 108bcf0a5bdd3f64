"""Per-label normalization: the identity of a value for hashing, indexing and
pseudonyms, so that ``Jane.Doe@X.org`` and ``jane.doe@x.org`` agree.

* EMAIL, USERNAME: stripped, lowercased.
* numbers and codes (PHONE, CREDIT_CARD, IBAN, ids, VIN, MAC): letters and
  digits only, uppercased.
* names and places: casefolded, whitespace collapsed.
* DATE / DATE_OF_BIRTH: ``attrs["iso"]`` when a recognizer set it.
* IP_ADDRESS: the canonical (compressed, lowercase) form.
* anything else (SECRET, URL, CRYPTO_WALLET...): stripped, whitespace collapsed,
  case kept (case is significant there).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping

__all__ = ["normalize"]

_NOT_ALNUM = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")

_CODES = frozenset(
    {
        "PHONE",
        "CREDIT_CARD",
        "IBAN",
        "US_SSN",
        "NATIONAL_ID",
        "PASSPORT",
        "DRIVER_LICENSE",
        "MEDICAL_RECORD_NUMBER",
        "VEHICLE_ID",
        "MAC_ADDRESS",
    }
)
_NAMES = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "DEMOGRAPHIC", "STREET_ADDRESS"})
_LOWER = frozenset({"EMAIL", "USERNAME"})


def normalize(label: str, text: str, attrs: Mapping[str, str] | None = None) -> str:
    """The normalized identity of ``text`` under ``label``."""
    if label in _CODES:
        return _NOT_ALNUM.sub("", text).upper()
    if label in _LOWER:
        return text.strip().lower()
    if label in _NAMES:
        return _SPACES.sub(" ", text.strip()).casefold()
    if label in ("DATE", "DATE_OF_BIRTH") and attrs:
        iso = attrs.get("iso")
        if iso:
            return iso
    if label == "IP_ADDRESS":
        t = text.strip()
        try:
            return ipaddress.ip_address(t).compressed
        except ValueError:
            return t.lower()
    return _SPACES.sub(" ", text.strip())
