"""One battery run over every registered recognizer."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veil.detect import registry
from veil.detect.base import Context
from veil.labels import LABELS

SAMPLES = [
    "",
    "a",
    "Contact Jane Doe at jane.doe@gmail.com or +44 20 7946 0958.",
    "Card 4111 1111 1111 1112, IBAN GB82 WEST 1234 5698 7654 32, SSN 512-44-1234.",
    "Server 10.1.2.3 and fe80::1%eth0, MAC 00:1A:2B:3C:4D:5E, https://github.com/janedoe",
    "AWS key AKIAZ3MSJV4WFQTVPQ7B password=Tr0ub4dor&3 born on 12 March 1984, aged 40.",
    "Mr. John Smith lives at 123 Main Street, Springfield, IL 62704.",
    "\u202eRTL\u202c \u0301\u0301 combining, emoji 👩‍👩‍👧 NUL\x00 and \ud800 lone surrogate",
    "1234567890" * 50,
    "@" * 500 + "." * 500,
    "Ⅻ ᛝ ﬁ İstanbul İİİ ß ẞ \u0130\u0131 — digits ١٢٣٤٥٦٧٨٩٠ and ０１２３４５６７８９",
]


def _all():
    out = []
    for name in registry.names():
        out.extend((name, r) for r in registry.build([name]))
    return out


RECOGNIZERS = _all()
IDS = [f"{n}:{r.name}" for n, r in RECOGNIZERS]


def check(r, text):
    spans = list(r.analyze(text, Context(text)))
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.text == text[s.start : s.end]
        assert s.label in r.labels
        assert s.label in LABELS
        assert 0.0 <= s.score <= 1.0
        assert s.recognizer == r.name
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in s.attrs.items())
    return spans


@pytest.mark.parametrize(("name", "rec"), RECOGNIZERS, ids=IDS)
def test_contract(name, rec):
    assert isinstance(rec.name, str) and rec.name
    assert rec.labels and all(label in LABELS for label in rec.labels)
    for text in SAMPLES:
        check(rec, text)


@pytest.mark.parametrize(("name", "rec"), RECOGNIZERS, ids=IDS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300))
def test_arbitrary_unicode(name, rec, text):
    check(rec, text)


@pytest.mark.parametrize(("name", "rec"), RECOGNIZERS, ids=IDS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.lists(
        st.sampled_from(
            ["0", "9", "-", " ", ".", "@", "a", "Z", ":", "/", "+", "(", ")", "\n", "x", "_", "="]
        ),
        max_size=400,
    ).map("".join)
)
def test_pattern_soup(name, rec, text):
    check(rec, text)


def test_registry_names_are_unique_and_buildable():
    names = registry.names()
    assert len(names) == len(set(names))
    assert len(RECOGNIZERS) >= len(registry.RULE_RECOGNIZERS)
