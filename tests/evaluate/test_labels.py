"""Gold label mapping and typed-match equivalences."""

from __future__ import annotations

import pytest

from veil.evaluate.labels import ID_LABELS, PRESIDIO_LABELS, TAB_LABELS, map_label, matches
from veil.labels import LABELS


@pytest.mark.parametrize(
    ("scheme", "name", "label"),
    [
        ("presidio", "PHONE_NUMBER", "PHONE"),
        ("presidio", "EMAIL_ADDRESS", "EMAIL"),
        ("presidio", "IBAN_CODE", "IBAN"),
        ("presidio", "DATE_TIME", "DATE"),
        ("presidio", "US_DRIVER_LICENSE", "DRIVER_LICENSE"),
        ("presidio", "GPE", "LOCATION"),
        ("presidio", "NRP", "DEMOGRAPHIC"),
        ("presidio", "DOMAIN_NAME", "URL"),
        ("presidio", "TITLE", None),
        ("presidio", "ZIP_CODE", None),
        ("presidio", "SOMETHING_NEW", None),
        ("tab", "LOC", "LOCATION"),
        ("tab", "DATETIME", "DATE"),
        ("tab", "CODE", "CODE"),
        ("tab", "QUANTITY", None),
        ("tab", "MISC", None),
        ("jsonl", "EMAIL", "EMAIL"),
        ("jsonl", "EMAIL_ADDRESS", "EMAIL"),
        ("jsonl", "DATE_OF_BIRTH", "DATE_OF_BIRTH"),
    ],
)
def test_map_label(scheme: str, name: str, label: str | None) -> None:
    assert map_label(name, scheme) == label


def test_mapped_labels_are_veil_labels() -> None:
    for target in [*PRESIDIO_LABELS.values(), *TAB_LABELS.values()]:
        assert target is None or target == "CODE" or target in LABELS
    assert ID_LABELS <= set(LABELS)


@pytest.mark.parametrize(
    ("gold", "pred", "ok"),
    [
        ("DATE", "DATE_OF_BIRTH", True),
        ("DATE_OF_BIRTH", "DATE", True),
        ("CODE", "NATIONAL_ID", True),
        ("CODE", "PASSPORT", True),
        ("CODE", "PERSON", False),
        ("EMAIL", "EMAIL", True),
        ("EMAIL", "URL", False),
        ("DATE", "AGE", False),
    ],
)
def test_matches(gold: str, pred: str, ok: bool) -> None:
    assert matches(gold, pred) is ok
