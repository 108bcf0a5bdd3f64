"""CaseNumberRecognizer: digit-first search, keyword right before each chain."""

from __future__ import annotations

import pytest

from veil.detect.base import Context
from veil.detect.case_number import CaseNumberRecognizer

CASES = [
    ("application no. 18403/91", ["18403/91"]),
    ("nos. 1234/05 and 5678/06", ["1234/05", "5678/06"]),
    ("no.12/2004; no. 13/2004", ["12/2004", "13/2004"]),  # one span per number
    ("Az. 12/34 (Landgericht)", ["12/34"]),
    ("case #123/45 and 678/90, 11/12", ["123/45", "678/90", "11/12"]),
    ("see https://example.org/a/1/2", []),
    ("on 12/03/2024 we met", []),
    ("pages 12/34 of the file", []),
    ("volume no/12/34", []),
]


@pytest.mark.parametrize(("text", "values"), CASES)
def test_case_numbers(text: str, values: list[str]) -> None:
    r = CaseNumberRecognizer()
    assert [s.text for s in r.analyze(text, Context(text))] == values
    assert [s.text for s in r.analyze(text)] == values  # without a shared context
