"""encrypt: deterministic AES-SIV tokens, round trip, tamper detection."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veil.errors import DeanonymizeError
from veil.transform.base import OperatorContext
from veil.transform.encrypt import (
    Encrypt,
    deanonymize_text,
    decrypt_token,
    encrypt_value,
    find_tokens,
)

from .conftest import KEY_A, KEY_B, make_span

TOKEN = re.compile(r"\[\[ENC:[A-Z_]+:[A-Za-z0-9_-]+\]\]")


def enc(label: str, text: str, key=KEY_A) -> str:
    return Encrypt().apply(make_span(label, text), OperatorContext(key))


def test_token_shape_and_determinism():
    t = enc("EMAIL", "jane@example.org")
    assert TOKEN.fullmatch(t)
    assert t.startswith("[[ENC:EMAIL:")
    assert "jane" not in t
    assert t == enc("EMAIL", "jane@example.org")
    assert t != enc("EMAIL", "jane@example.org", KEY_B)
    assert t != enc("EMAIL", "john@example.org")


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=200), st.sampled_from(["EMAIL", "PERSON", "US_SSN"]))
def test_round_trip(text, label):
    t = enc(label, text)
    assert decrypt_token(t, KEY_A) == text
    doc = f"before {t} middle {enc('PHONE', 'x')} after"
    assert deanonymize_text(doc, KEY_A) == f"before {text} middle x after"


def _flip(token: str, i: int) -> str:
    head, _, tail = token[:-2].rpartition(":")
    c = tail[i]
    tail = tail[:i] + ("A" if c != "A" else "B") + tail[i + 1 :]
    return f"{head}:{tail}]]"


@pytest.mark.parametrize("i", [0, 5, 20, -1])
def test_tampered_token_raises(i):
    t = enc("EMAIL", "jane@example.org")
    bad = _flip(t, i)
    assert bad != t
    with pytest.raises(DeanonymizeError) as err:
        decrypt_token(bad, KEY_A)
    assert "jane" not in str(err.value)


def test_wrong_key_and_moved_label_raise():
    t = enc("EMAIL", "jane@example.org")
    with pytest.raises(DeanonymizeError):
        decrypt_token(t, KEY_B)
    with pytest.raises(DeanonymizeError):
        decrypt_token(t.replace("ENC:EMAIL:", "ENC:PERSON:"), KEY_A)
    with pytest.raises(DeanonymizeError):
        decrypt_token(t.replace("ENC:EMAIL:", "ENC:email:"), KEY_A)
    with pytest.raises(DeanonymizeError):
        deanonymize_text(f"x {t} y", KEY_B)


@pytest.mark.parametrize(
    "bad",
    ["", "jane", "[[ENC:EMAIL:]]", "[[ENC:EMAIL:AAAAAAAAAAAAAAAAAAAAAAAA]]", "[[ENC:EMAIL:short]]"],
)
def test_malformed_token_raises(bad):
    with pytest.raises(DeanonymizeError):
        decrypt_token(bad, KEY_A)


def test_find_tokens():
    t1, t2 = encrypt_value("a", "EMAIL", KEY_A), encrypt_value("b", "PHONE", KEY_A)
    text = f"x {t1} y {t2} [[ENC:broken]]"
    found = list(find_tokens(text))
    assert [f.label for f in found] == ["EMAIL", "PHONE"]
    assert [text[f.start : f.end] for f in found] == [t1, t2]
    assert list(find_tokens("no tokens here")) == []
    assert deanonymize_text("no tokens here", KEY_A) == "no tokens here"
