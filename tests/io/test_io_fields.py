"""Dotted paths and the chat format."""

import pytest

from veil.errors import RecordError
from veil.io.fields import CHAT_FIELD, FieldSpec, parse_fields


def values(spec, record):
    return [(name, c[k]) for name, c, k in spec.targets(record)]


@pytest.mark.parametrize(
    ("paths", "record", "expected"),
    [
        (["text"], {"text": "a", "x": 1}, [("text", "a")]),
        (["meta.bio"], {"meta": {"bio": "b"}}, [("meta.bio", "b")]),
        (
            ["text", "meta.bio"],
            {"text": "a", "meta": {"bio": "b"}},
            [("text", "a"), ("meta.bio", "b")],
        ),
        (["items.1.t"], {"items": [{"t": "x"}, {"t": "y"}]}, [("items.1.t", "y")]),
        (
            ["items.*.t"],
            {"items": [{"t": "x"}, {"t": "y"}]},
            [("items.*.t", "x"), ("items.*.t", "y")],
        ),
        (["items.*"], {"items": ["p", "q"]}, [("items.*", "p"), ("items.*", "q")]),
        (["m.*"], {"m": {"a": "1", "b": "2"}}, [("m.*", "1"), ("m.*", "2")]),
        (["items.*.t"], {"items": []}, []),  # an empty list is present, with no values
    ],
)
def test_dotted_paths(paths, record, expected):
    assert values(FieldSpec(paths), record) == expected


@pytest.mark.parametrize(
    ("paths", "record"),
    [
        (["text"], {"body": "a"}),
        (["meta.bio"], {"meta": {}}),
        (["meta.bio"], {"meta": "flat"}),
        (["items.5"], {"items": [1]}),
        (["items.x"], {"items": [1]}),
    ],
)
def test_missing_paths_quarantine_or_pass(paths, record):
    with pytest.raises(RecordError) as err:
        FieldSpec(paths).targets(record)
    assert err.value.reason == "missing_field"
    missing: list[str] = []
    assert FieldSpec(paths, on_missing="pass").targets(record, missing) == []
    assert missing == paths


def test_default_is_chat_then_text():
    chat = {
        "messages": [
            {"role": "system", "content": "s"},
            {"role": "user", "content": "u"},
            {"role": "assistant", "tool_calls": []},  # no content: nothing to do
            {"role": "user", "content": [{"type": "text", "text": "part"}, {"type": "image"}]},
        ],
        "text": "ignored when messages exist",
    }
    got = values(FieldSpec(), chat)
    assert got == [(CHAT_FIELD, "s"), (CHAT_FIELD, "u"), ("messages.*.content.*.text", "part")]
    assert values(FieldSpec(), {"text": "t"}) == [("text", "t")]


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"title": "no text"}, "missing_field"),
        ([1, 2], "not_an_object"),
        ("string", "not_an_object"),
        ({"messages": ["not a dict"]}, "malformed_chat"),
    ],
)
def test_default_errors(record, reason):
    with pytest.raises(RecordError) as err:
        FieldSpec().targets(record)
    assert err.value.reason == reason


def test_columns_are_not_split_on_dots():
    assert values(FieldSpec(["a.b"], dotted=False), {"a.b": "v"}) == [("a.b", "v")]
    assert FieldSpec([], dotted=False).targets({"a": "v"}) == []


@pytest.mark.parametrize(
    ("spec", "expected"),
    [(None, None), ("", None), ("text", ["text"]), (" text , meta.bio ,", ["text", "meta.bio"])],
)
def test_parse_fields(spec, expected):
    assert parse_fields(spec) == expected
