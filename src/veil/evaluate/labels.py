"""Gold label names -> Veil labels, and which Veil labels match for typed scoring.

Each gold scheme maps its label names to a Veil label, or to ``None`` when Veil
has no equivalent (Presidio's TITLE and ZIP_CODE, TAB's QUANTITY and MISC).
Unmapped gold spans are still reported (how many, how much of them a
prediction covers) but take no part in typed scores, precision or the overall
figures.

TAB's ``CODE`` (case numbers, registration numbers...) becomes the pseudo-label
``CODE``, which any identifier-number label satisfies (see :data:`ID_LABELS`).
``DATE`` and ``DATE_OF_BIRTH`` satisfy each other.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..labels import LABELS

__all__ = [
    "CODE",
    "ID_LABELS",
    "PRESIDIO_LABELS",
    "SCHEMES",
    "TAB_LABELS",
    "accepted",
    "map_label",
    "matches",
]

CODE = "CODE"

# Veil labels whose values are identifier numbers or codes (what TAB calls CODE).
ID_LABELS: frozenset[str] = frozenset(
    {
        "US_SSN",
        "NATIONAL_ID",
        "PASSPORT",
        "DRIVER_LICENSE",
        "MEDICAL_RECORD_NUMBER",
        "CREDIT_CARD",
        "IBAN",
        "VEHICLE_ID",
        "CASE_NUMBER",
        "PHONE",
        "CRYPTO_WALLET",
        "MAC_ADDRESS",
        "IP_ADDRESS",
    }
)

PRESIDIO_LABELS: dict[str, str | None] = {
    "PERSON": "PERSON",
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "IBAN",
    "US_SSN": "US_SSN",
    "IP_ADDRESS": "IP_ADDRESS",
    "STREET_ADDRESS": "STREET_ADDRESS",
    "DATE_TIME": "DATE",
    "AGE": "AGE",
    "US_DRIVER_LICENSE": "DRIVER_LICENSE",
    "US_PASSPORT": "PASSPORT",
    "MEDICAL_LICENSE": None,
    "GPE": "LOCATION",
    "LOCATION": "LOCATION",
    "ORGANIZATION": "ORGANIZATION",
    "NRP": "DEMOGRAPHIC",
    "DOMAIN_NAME": "URL",
    "URL": "URL",
    "CRYPTO": "CRYPTO_WALLET",
    "TITLE": None,
    "ZIP_CODE": None,
}

TAB_LABELS: dict[str, str | None] = {
    "PERSON": "PERSON",
    "CODE": CODE,
    "LOC": "LOCATION",
    "ORG": "ORGANIZATION",
    "DEM": "DEMOGRAPHIC",
    "DATETIME": "DATE",
    "QUANTITY": None,
    "MISC": None,
}

# Plain JSONL gold uses Veil's own labels; Presidio names are accepted too.
_PLAIN: dict[str, str | None] = {**PRESIDIO_LABELS, **{k: k for k in LABELS}, CODE: CODE}

SCHEMES: Mapping[str, Mapping[str, str | None]] = {
    "presidio": PRESIDIO_LABELS,
    "tab": TAB_LABELS,
    "jsonl": _PLAIN,
}

_EQUIVALENT: dict[str, frozenset[str]] = {
    "DATE": frozenset({"DATE", "DATE_OF_BIRTH"}),
    "DATE_OF_BIRTH": frozenset({"DATE", "DATE_OF_BIRTH"}),
    CODE: ID_LABELS,
}


def map_label(name: str, scheme: str) -> str | None:
    """The Veil label for gold label ``name`` in ``scheme`` (None: no equivalent).

    Names the scheme does not know map to None as well (reported as unmapped).
    """
    return SCHEMES[scheme].get(name)


def accepted(gold_label: str) -> frozenset[str]:
    """The predicted labels that count as the right type for ``gold_label``."""
    return _EQUIVALENT.get(gold_label, frozenset({gold_label}))


def matches(gold_label: str, pred_label: str) -> bool:
    """Whether a prediction labelled ``pred_label`` has the type of ``gold_label``."""
    return pred_label in accepted(gold_label)
