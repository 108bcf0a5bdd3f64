"""Fixtures for the operator tests: keys, contexts and a Span builder."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from veil.keys import Key
from veil.transform.base import OperatorContext
from veil.types import Span

KEY_A = Key(b"test-key-A-0123456789abcdef", "test")
KEY_B = Key(b"test-key-B-0123456789abcdef", "test")


def make_span(label: str, text: str, **attrs: str) -> Span:
    return Span(0, len(text), label, 1.0, "test", text, attrs)


@pytest.fixture
def span() -> Callable[..., Span]:
    return make_span


@pytest.fixture
def ctx() -> OperatorContext:
    return OperatorContext(key=KEY_A)


@pytest.fixture
def ctx_b() -> OperatorContext:
    return OperatorContext(key=KEY_B)
