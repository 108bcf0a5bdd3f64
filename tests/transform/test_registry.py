"""The operator registry, policy-spec validation, and picklability."""

from __future__ import annotations

import pickle

import pytest

from veil.errors import PolicyError
from veil.transform.base import Operator, OperatorContext
from veil.transform.registry import OPERATORS, build_operator, operator_needs_key

from .conftest import KEY_A, make_span

WHERE = "policy.yaml: operators.PHONE"


def test_registry_names_match_classes():
    assert set(OPERATORS) == {
        "tag", "indexed_tag", "redact", "mask", "hash", "pseudonymize", "generalize",
        "encrypt", "keep",
    }  # fmt: skip
    for name, cls in OPERATORS.items():
        assert cls.name == name
        assert isinstance(cls(), Operator)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ({"type": "mask", "keep_last": 2, "char": "#"}, {"keep_last": 2, "char": "#"}),
        ({"type": "hash", "length": 12, "encoding": "base32"}, {"length": 12}),
        ({"type": "indexed_tag", "keyed": True}, {"keyed": True}),
        ({"type": "generalize", "date": "month", "age_band": 5}, {"age_band": 5}),
        ({"type": "pseudonymize", "locale": "de_DE"}, {"locale": "de_DE"}),
        ({"type": "redact", "replacement": "[x]"}, {"replacement": "[x]"}),
        ({"type": "keep"}, {}),
    ],
)
def test_build_valid(spec, expected):
    op = build_operator(spec, WHERE)
    assert op.name == spec["type"]
    for k, v in expected.items():
        assert getattr(op, k) == v


@pytest.mark.parametrize(
    ("spec", "field", "words"),
    [
        ({"type": "mask", "keep_lst": 2}, "keep_lst", "unknown option"),
        ({"type": "mask", "keep_last": "4"}, "keep_last", "integer"),
        ({"type": "mask", "keep_last": True}, "keep_last", "integer"),
        ({"type": "mask", "keep_last": -1}, "keep_last", "between"),
        ({"type": "mask", "char": "**"}, "char", "one character"),
        ({"type": "mask", "keep_separators": "yes"}, "keep_separators", "true or false"),
        ({"type": "hash", "encoding": "base64"}, "encoding", "one of"),
        ({"type": "hash", "length": 4}, "length", "between"),
        ({"type": "generalize", "date": "day"}, "date", "one of"),
        ({"type": "generalize", "age_band": 0}, "age_band", "between"),
        ({"type": "pseudonymize", "date_shift_by": "doc"}, "date_shift_by", "one of"),
        ({"type": "tag", "template": "<{name}>"}, "template", "placeholders"),
        ({"type": "tag", "template": "<{label>"}, "template", "template"),
        ({"type": "indexed_tag", "template": "<{label}>"}, "template", "{index}"),
        ({"type": "keep", "anything": 1}, "anything", "unknown option"),
        ({"type": "nope"}, "type", "unknown operator"),
        ({"keep_last": 4}, "type", "missing"),
    ],
)
def test_build_errors_name_the_field(spec, field, words):
    with pytest.raises(PolicyError) as err:
        build_operator(spec, WHERE)
    msg = str(err.value)
    assert f"{WHERE}.{field}:" in msg
    assert words in msg


def test_build_error_never_echoes_the_value():
    with pytest.raises(PolicyError) as err:
        build_operator({"type": "mask", "char": "secret-value-xyz"}, WHERE)
    assert "secret-value-xyz" not in str(err.value)


def test_not_a_mapping():
    with pytest.raises(PolicyError, match="mapping"):
        build_operator(["mask"], WHERE)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(OPERATORS))
def test_every_operator_pickles_and_works_after(name):
    op = build_operator({"type": name}, WHERE)
    clone = pickle.loads(pickle.dumps(op))
    assert clone == op
    s = make_span("EMAIL", "jane.doe@acme.com")
    assert clone.apply(s, OperatorContext(KEY_A)) == op.apply(s, OperatorContext(KEY_A))


@pytest.mark.parametrize(
    ("spec", "needs"),
    [
        ({"type": "tag"}, False),
        ({"type": "mask"}, False),
        ({"type": "hash"}, True),
        ({"type": "pseudonymize"}, True),
        ({"type": "encrypt"}, True),
        ({"type": "indexed_tag"}, False),
        ({"type": "indexed_tag", "keyed": True}, True),
    ],
)
def test_needs_key(spec, needs):
    assert operator_needs_key(build_operator(spec, WHERE)) is needs


def test_operators_are_frozen():
    op = build_operator({"type": "mask"}, WHERE)
    with pytest.raises(AttributeError):
        op.keep_last = 3  # type: ignore[misc]
