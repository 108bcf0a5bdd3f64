"""hash: keyed, normalized, readable format."""

from __future__ import annotations

import re

import pytest

from veil.errors import KeyError_
from veil.transform.base import OperatorContext
from veil.transform.hash import Hash

from .conftest import KEY_A, KEY_B, make_span


def h(label: str, text: str, op: Hash | None = None, key=KEY_A) -> str:
    return (op or Hash()).apply(make_span(label, text), OperatorContext(key))


def test_format_default():
    out = h("EMAIL", "jane@example.org")
    assert re.fullmatch(r"EMAIL_[0-9a-f]{16}", out)


@pytest.mark.parametrize(
    ("op", "pattern"),
    [
        (Hash(length=8), r"PHONE_[0-9a-f]{8}"),
        (Hash(length=64), r"PHONE_[0-9a-f]{64}"),
        (Hash(prefix=False), r"[0-9a-f]{16}"),
        (Hash(encoding="base32", length=20), r"PHONE_[a-z2-7]{20}"),
    ],
)
def test_formats(op, pattern):
    assert re.fullmatch(pattern, h("PHONE", "+1 415 555 2671", op))


@pytest.mark.parametrize(
    ("label", "a", "b"),
    [
        ("EMAIL", "Jane.Doe@Example.org", " jane.doe@example.org"),
        ("PHONE", "+1 (415) 555-2671", "+1 415.555.2671"),
        ("CREDIT_CARD", "4111 1111 1111 1111", "4111-1111-1111-1111"),
        ("IBAN", "de89 3704 0044 0532 0130 00", "DE89370400440532013000"),
        ("PERSON", "Maria  Gonzalez", "maria gonzalez"),
        ("IP_ADDRESS", "2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
    ],
)
def test_same_value_same_hash(label, a, b):
    assert h(label, a) == h(label, b)


@pytest.mark.parametrize(
    ("label", "a", "b"),
    [
        ("EMAIL", "jane@example.org", "john@example.org"),
        ("SECRET", "AbCdEf123456", "abcdef123456"),  # case matters for secrets
        ("PHONE", "+1 415 555 2671", "+1 415 555 2672"),
    ],
)
def test_different_values_differ(label, a, b):
    assert h(label, a) != h(label, b)


def test_depends_on_key_and_label():
    assert h("EMAIL", "jane@example.org") != h("EMAIL", "jane@example.org", key=KEY_B)
    assert h("PERSON", "jane") != h("USERNAME", "jane").replace("USERNAME", "PERSON")


def test_needs_key():
    with pytest.raises(KeyError_):
        Hash().apply(make_span("EMAIL", "a@b.org"), OperatorContext())
