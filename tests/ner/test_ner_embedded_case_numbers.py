"""Court application / case numbers (TAB's DIRECT CODE mentions)."""

from __future__ import annotations

import pytest

from veil.detect.case_number import CaseNumberRecognizer


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The case originated in an application (no. 18403/91) against Turkey.", ["18403/91"]),
        ("in two applications (nos. 1234/05 and 5678/06) lodged", ["1234/05", "5678/06"]),
        ("Case No. 310/2004, see also no. 12/99.", ["310/2004", "12/99"]),
        ("Application no.45678/01", ["45678/01"]),
    ],
)
def test_case_numbers_found(text: str, found: list[str]) -> None:
    spans = list(CaseNumberRecognizer().analyze(text))
    assert [s.text for s in spans] == found
    assert all(text[s.start : s.end] == s.text and s.label == "CASE_NUMBER" for s in spans)


@pytest.mark.parametrize(
    "text",
    [
        "The ratio was 3/4 in 2004.",
        "Born on 12/05/1980.",
        "See page 18403/91 of the report.",
        "casino. 1234/05",
        "",
    ],
)
def test_no_case_number(text: str) -> None:
    assert list(CaseNumberRecognizer().analyze(text)) == []
