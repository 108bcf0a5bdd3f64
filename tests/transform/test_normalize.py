"""normalize: what counts as the same value."""

from __future__ import annotations

import pytest

from veil.transform.normalize import normalize


@pytest.mark.parametrize(
    ("label", "text", "attrs", "expected"),
    [
        ("EMAIL", " Jane.Doe@Example.ORG ", None, "jane.doe@example.org"),
        ("PHONE", "+1 (415) 555-2671", None, "14155552671"),
        ("IBAN", "de89 3704 0044", None, "DE8937040044"),
        ("CREDIT_CARD", "4111-1111_1111 1111", None, "4111111111111111"),
        ("PERSON", "  Maria \n GONZÁLEZ ", None, "maria gonzález"),
        ("PERSON", "Straße", None, "strasse"),
        ("DATE", "15/03/2024", {"iso": "2024-03-15"}, "2024-03-15"),
        ("DATE", "15/03/2024", None, "15/03/2024"),
        ("IP_ADDRESS", "2001:DB8:0:0::1", None, "2001:db8::1"),
        ("IP_ADDRESS", "not an ip", None, "not an ip"),
        ("SECRET", "  AbC  dEf ", None, "AbC dEf"),
    ],
)
def test_normalize(label, text, attrs, expected):
    assert normalize(label, text, attrs) == expected
