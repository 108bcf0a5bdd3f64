"""tag, indexed_tag, redact, keep, mask."""

from __future__ import annotations

import pytest

from veil.errors import KeyError_
from veil.transform.base import OperatorContext
from veil.transform.keep import Keep
from veil.transform.mask import Mask
from veil.transform.redact import Redact
from veil.transform.tag import IndexedTag, Tag

from .conftest import KEY_A, KEY_B, make_span


@pytest.mark.parametrize(
    ("template", "label", "expected"),
    [
        ("<{label}>", "EMAIL", "<EMAIL>"),
        ("[{label}]", "PHONE", "[PHONE]"),
        ("REDACTED", "PERSON", "REDACTED"),
    ],
)
def test_tag(template, label, expected, ctx):
    assert Tag(template).apply(make_span(label, "secret value"), ctx) == expected


def test_tag_default(ctx):
    assert Tag().apply(make_span("EMAIL", "a@b.org"), ctx) == "<EMAIL>"


def _run_indexed(op, items, ctx):
    return [op.apply(make_span(label, text, **attrs), ctx) for label, text, attrs in items]


def test_indexed_tag_numbers_in_order_per_label(ctx):
    items = [
        ("PERSON", "Maria Gonzalez", {}),
        ("PERSON", "John Smith", {}),
        ("EMAIL", "a@b.org", {}),
        ("PERSON", "maria  gonzalez", {}),  # same normalized value
        ("EMAIL", "A@B.org", {}),
        ("EMAIL", "c@d.org", {}),
    ]
    out = _run_indexed(IndexedTag(), items, ctx)
    assert out == [
        "<PERSON_1>",
        "<PERSON_2>",
        "<EMAIL_1>",
        "<PERSON_1>",
        "<EMAIL_1>",
        "<EMAIL_2>",
    ]


def test_indexed_tag_state_is_per_context():
    op = IndexedTag()
    c1, c2 = OperatorContext(), OperatorContext()
    assert op.apply(make_span("PERSON", "Ann"), c1) == "<PERSON_1>"
    assert op.apply(make_span("PERSON", "Bob"), c1) == "<PERSON_2>"
    assert op.apply(make_span("PERSON", "Bob"), c2) == "<PERSON_1>"
    assert "indexed_tag" in c1.state


def test_indexed_tag_uses_entity(ctx):
    items = [
        ("PERSON", "Maria Gonzalez", {"entity": "e1"}),
        ("PERSON", "Gonzalez", {"entity": "e1"}),
        ("PERSON", "Maria", {"entity": "e2"}),
    ]
    assert _run_indexed(IndexedTag(), items, ctx) == ["<PERSON_1>", "<PERSON_1>", "<PERSON_2>"]


def test_indexed_tag_keyed_is_corpus_stable_and_keyed():
    op = IndexedTag(keyed=True)
    assert op.needs_key and not IndexedTag().needs_key
    a1 = op.apply(make_span("PERSON", "Maria"), OperatorContext(KEY_A))
    a2 = op.apply(make_span("PERSON", "maria"), OperatorContext(KEY_A))
    b = op.apply(make_span("PERSON", "Maria"), OperatorContext(KEY_B))
    other = op.apply(make_span("PERSON", "John"), OperatorContext(KEY_A))
    assert a1 == a2 != b
    assert a1 != other
    assert a1.startswith("<PERSON_") and len(a1) == len("<PERSON_>") + 6
    with pytest.raises(KeyError_):
        op.apply(make_span("PERSON", "Maria"), OperatorContext())


def test_indexed_tag_keyed_ignores_document_local_entity_ids():
    op, ctx = IndexedTag(keyed=True), OperatorContext(KEY_A)
    a = op.apply(make_span("PERSON", "Maria", entity="e1"), ctx)
    b = op.apply(make_span("PERSON", "John", entity="e1"), ctx)
    assert a != b


@pytest.mark.parametrize(("replacement", "expected"), [("", ""), ("[removed]", "[removed]")])
def test_redact(replacement, expected, ctx):
    assert Redact(replacement).apply(make_span("PHONE", "555 0100"), ctx) == expected


def test_keep(ctx):
    assert Keep().apply(make_span("LOCATION", "Paris"), ctx) == "Paris"


@pytest.mark.parametrize(
    ("op", "text", "expected"),
    [
        (Mask(), "4111 1111 1111 1234", "**** **** **** 1234"),
        (Mask(), "4111-1111-1111-1234", "****-****-****-1234"),
        (Mask(keep_last=2), "+1 (415) 555-2671", "+* (***) ***-**71"),
        (Mask(keep_last=0), "jane.doe@mail.org", "****.***@****.***"),
        (Mask(keep_last=4, keep_separators=False), "4111 1111 1111 1234", "***************1234"),
        (Mask(keep_last=3, char="#"), "AB123456C", "######56C"),
        (Mask(keep_first=2, keep_last=2), "DE89370400440532013000", "DE******************00"),
        # short values: never more than half shown
        (Mask(keep_last=4), "1234", "**34"),
        (Mask(keep_last=4), "ab", "*b"),
        (Mask(keep_last=4), "x", "*"),
    ],
)
def test_mask(op, text, expected, ctx):
    assert op.apply(make_span("X", text), ctx) == expected


def test_mask_keeps_length(ctx):
    text = "Ünïcödé 12345"
    assert len(Mask().apply(make_span("X", text), ctx)) == len(text)
