"""Masking for reports: the shape survives, the value never does."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import veil
from veil.report.mask import before_after, mask, scrub


@pytest.mark.parametrize(
    ("value", "label", "expected"),
    [
        ("jane.doe@gmail.com", "EMAIL", "j***@g***.com"),
        ("Jane Doe", "PERSON", "J*** D***"),
        ("+44 20 7946 0018", "PHONE", "+** ** **** **18"),
        ("4929 3813 3266 4295", "CREDIT_CARD", "**** **** **** **95"),
        ("34", "AGE", "**"),
        ("Oslo", "LOCATION", "****"),
    ],
)
def test_mask_table(value: str, label: str, expected: str) -> None:
    assert mask(value, label) == expected


@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N"]), min_size=5))
def test_mask_never_shows_a_value_of_five_or_more_characters(value: str) -> None:
    m = mask(value)
    assert value not in m
    assert sum(a == b for a, b in zip(m, value, strict=False)) <= max(2, len(value) // 2)


@given(st.emails())
def test_mask_email_keeps_only_first_letters_and_tld(email: str) -> None:
    m = mask(email, "EMAIL")
    assert email not in m
    local = email.rpartition("@")[0]
    if len(local) > 1 and "*" not in local and any(c.isalnum() for c in local):
        assert local not in m  # (punctuation alone, such as "//", is not content)


def test_scrub_masks_digits_and_addresses() -> None:
    s = scrub("order 12345\nmail bob.smith@web.de now")
    assert "12345" not in s and "bob.smith" not in s and "\n" not in s
    assert s.startswith("order #####")


def test_before_after_masks_original_and_shows_replacement() -> None:
    text = "Hi, mail jane.doe@gmail.com or call +44 20 7946 0018 today."
    result = veil.Anonymizer().anonymize(text)
    for i, rep in enumerate(result.replacements):
        snip = before_after(text, result, i)
        flat_before = "".join(t for _, t in snip["before"])
        flat_after = "".join(t for _, t in snip["after"])
        assert "jane.doe@gmail.com" not in flat_before + flat_after
        assert "7946" not in flat_before + flat_after
        hits_after = [t for k, t in snip["after"] if k == "hit"]
        assert hits_after == [f"<{rep.label}>"]


def test_before_after_masks_kept_values() -> None:
    anon = veil.Anonymizer({"operators": {"EMAIL": "keep"}})
    text = "mail jane.doe@gmail.com please"
    result = anon.anonymize(text)
    snip = before_after(text, result, 0)
    assert "jane.doe@gmail.com" not in str(snip)
    assert ["hit", "j***@g***.com"] in snip["after"]
