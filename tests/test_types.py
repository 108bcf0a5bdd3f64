import pickle

import pytest

from veil.types import Replacement, Result, Span


def test_span_repr_hides_text():
    s = Span(3, 20, "EMAIL", 0.9, "EmailRecognizer", "jane.doe@gmail.com")
    for shown in (repr(s), str(s), repr([s]), f"{s}"):
        assert "jane" not in shown
        assert "EMAIL" in shown and "3:20" in shown


def test_span_rejects_bad_offsets():
    with pytest.raises(ValueError):
        Span(5, 5, "EMAIL", 1.0, "r", "")
    with pytest.raises(ValueError):
        Span(-1, 2, "EMAIL", 1.0, "r", "ab")


def test_span_is_frozen_hashable_picklable():
    s = Span(0, 4, "PERSON", 0.8, "r", "Anna", {"gender": "f"})
    with pytest.raises(AttributeError):
        s.start = 1  # type: ignore[misc]
    assert hash(s) == hash(Span(0, 4, "PERSON", 0.8, "r", "Anna"))
    assert pickle.loads(pickle.dumps(s)) == s
    assert s.with_(label="X").label == "X" and s.with_(label="X").attrs["gender"] == "f"


def test_result_repr_hides_text():
    r = Result("secret text", (), (Replacement(0, 1, 0, 3, "EMAIL", "tag", "r", "<E>"),))
    assert "secret" not in repr(r)
