"""generalize: dates, ages, addresses; the tag when it cannot."""

from __future__ import annotations

import pytest

from veil.transform.base import OperatorContext
from veil.transform.generalize import Generalize

from .conftest import make_span


@pytest.mark.parametrize(
    ("op", "label", "text", "attrs", "expected"),
    [
        (Generalize(), "DATE", "15/03/2024", {}, "2024"),
        (Generalize(date="month"), "DATE", "15/03/2024", {}, "2024-03"),
        (Generalize(date="month"), "DATE", "March 15, 2024", {}, "2024-03"),
        (Generalize(date="month"), "DATE_OF_BIRTH", "the day", {"iso": "1987-05-12"}, "1987-05"),
        (Generalize(), "DATE_OF_BIRTH", "x", {"iso": "1987-05-12"}, "1987"),
        (Generalize(date="month"), "DATE", "2024", {}, "<DATE>"),
        (Generalize(), "DATE", "someday", {}, "<DATE>"),
        (Generalize(), "AGE", "37 years old", {}, "30-39"),
        (Generalize(age_band=5), "AGE", "37", {}, "35-39"),
        (Generalize(age_band=5), "AGE", "thirty-seven", {"years": "37"}, "35-39"),
        (Generalize(), "AGE", "93", {}, "90+"),
        (Generalize(), "AGE", "a teenager", {}, "<AGE>"),
        (
            Generalize(),
            "STREET_ADDRESS",
            "10 Main St, Springfield",
            {"city": "Springfield"},
            "Springfield",
        ),
        (
            Generalize(address="country"),
            "LOCATION",
            "Berlin",
            {"country": "DE", "city": "Berlin"},
            "DE",
        ),
        (Generalize(), "STREET_ADDRESS", "10 Main St", {}, "<STREET_ADDRESS>"),
        (Generalize(), "EMAIL", "a@b.org", {}, "<EMAIL>"),
        (Generalize(), "PERSON", "Maria", {}, "<PERSON>"),
    ],
)
def test_generalize(op, label, text, attrs, expected):
    assert op.apply(make_span(label, text, **attrs), OperatorContext()) == expected
