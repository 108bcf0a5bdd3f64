"""Properties over arbitrary input: no operator crashes on any text, keyed
surrogates are deterministic, and pseudonyms of realistic values differ from them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veil.labels import LABELS
from veil.transform.base import OperatorContext
from veil.transform.registry import OPERATORS

from .conftest import KEY_A, make_span

TEXTS = st.one_of(
    st.text(min_size=1, max_size=40),
    st.text(alphabet="0123456789 -+()./:@abcXYZ", min_size=1, max_size=40),
    st.from_regex(r"[A-Za-z]{1,10}( [A-Za-z.]{1,10}){0,3}", fullmatch=True),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
@pytest.mark.parametrize("label", sorted(LABELS))
@pytest.mark.parametrize("name", sorted(OPERATORS))
def test_no_operator_crashes(name, label, text):
    op = OPERATORS[name]()
    out = op.apply(make_span(label, text), OperatorContext(KEY_A))
    assert isinstance(out, str)
    if op.needs_key:
        assert op.apply(make_span(label, text), OperatorContext(KEY_A)) == out
