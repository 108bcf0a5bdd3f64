import re

import pytest

from veil import Anonymizer, Key, Pattern, PatternRecognizer
from veil.errors import KeyConfigError

EMAIL = PatternRecognizer(
    "TestEmail", "EMAIL", [Pattern("email", r"[\w.+-]+@[\w-]+\.[\w.]+", 0.9)], trigger="@"
)
TEXT = "Write to ann@corp.io or bob@corp.io, then ann@corp.io again."


def test_default_policy_tags():
    r = Anonymizer(recognizers=[EMAIL]).anonymize(TEXT)
    assert r.text == "Write to <EMAIL> or <EMAIL>, then <EMAIL> again."
    assert len(r.spans) == 3 and len(r.replacements) == 3
    for rep in r.replacements:
        assert r.text[rep.out_start : rep.out_end] == rep.new == "<EMAIL>"
        assert TEXT[rep.start : rep.end].endswith("corp.io")


def test_indexed_tag_stable_within_a_document_and_shared_context():
    anon = Anonymizer({"default": "indexed_tag"}, recognizers=[EMAIL])
    r = anon.anonymize(TEXT)
    assert re.findall(r"<EMAIL_\d+>", r.text) == ["<EMAIL_1>", "<EMAIL_2>", "<EMAIL_1>"]
    ctx = anon.new_context()
    a = anon.anonymize("ann@corp.io", context=ctx).text
    b = anon.anonymize("x bob@corp.io ann@corp.io", context=ctx).text
    assert a == "<EMAIL_1>" and b == "x <EMAIL_2> <EMAIL_1>"


def test_keyed_policy_refuses_without_key(monkeypatch):
    monkeypatch.delenv("VEIL_KEY", raising=False)
    with pytest.raises(KeyConfigError, match="demo"):
        Anonymizer({"default": "hash"}, recognizers=[EMAIL])
    anon = Anonymizer({"default": "hash"}, recognizers=[EMAIL], demo_key=True)
    assert anon.key.is_demo


def test_key_from_env_and_consistency(monkeypatch):
    monkeypatch.setenv("VEIL_KEY", "a-long-enough-test-key")
    a = Anonymizer({"default": "hash"}, recognizers=[EMAIL]).anonymize(TEXT).text
    b = Anonymizer({"default": "hash"}, recognizers=[EMAIL]).anonymize(TEXT).text
    c = (
        Anonymizer({"default": "hash"}, recognizers=[EMAIL], key="another-long-test-key")
        .anonymize(TEXT)
        .text
    )
    assert a == b and a != c
    assert "ann@corp.io" not in a


def test_encrypt_round_trip():
    anon = Anonymizer({"default": "encrypt"}, recognizers=[EMAIL], key=Key.from_text("k" * 32))
    out = anon.anonymize(TEXT).text
    assert "ann@corp.io" not in out
    assert anon.deanonymize(out) == TEXT


def test_allow_and_deny_lists():
    anon = Anonymizer(
        {"allow": {"values": ["bob@corp.io"]}, "deny": {"PERSON": ["Falcon"]}},
        recognizers=[EMAIL],
    )
    out = anon.anonymize("bob@corp.io met FALCON and ann@corp.io").text
    assert out == "bob@corp.io met <PERSON> and <EMAIL>"


def test_thresholds_and_label_filter():
    assert Anonymizer({"threshold": 0.95}, recognizers=[EMAIL]).analyze(TEXT) == []
    assert Anonymizer({"labels": ["PHONE"]}, recognizers=[EMAIL]).analyze(TEXT) == []


def test_batches():
    anon = Anonymizer(recognizers=[EMAIL])
    outs = [r.text for r in anon.anonymize_batch(["a@b.co x", "none"])]
    assert outs == ["<EMAIL> x", "none"]
    assert [len(s) for s in anon.analyze_batch(["a@b.co", ""])] == [1, 0]


def test_batch_groups_bound_texts_and_characters(monkeypatch):
    from veil import anonymizer as mod

    seen: list[int] = []
    anon = Anonymizer(recognizers=[EMAIL])
    real = anon.analyzer.analyze_many
    monkeypatch.setattr(anon.analyzer, "analyze_many", lambda g: seen.append(len(g)) or real(g))
    texts = [f"t{i} a{i}@b.co" for i in range(7)]
    outs = [r.text for r in anon.anonymize_batch(texts, batch_size=3)]
    assert outs == [f"t{i} <EMAIL>" for i in range(7)] and seen == [3, 3, 1]
    # a group also closes before it would pass BATCH_CHARS; a longer text is alone
    monkeypatch.setattr(mod, "BATCH_CHARS", 25)
    seen.clear()
    texts = ["x" * 10, "y" * 10, "z" * 10, "w" * 40, "v"]
    assert [len(s) for s in anon.analyze_batch(texts)] == [0] * 5
    assert seen == [2, 1, 1, 1]


def test_repr_shows_no_key():
    anon = Anonymizer(recognizers=[EMAIL], key="super-secret-key-material")
    assert "super-secret" not in repr(anon) and anon.key_fingerprint in repr(anon)


@pytest.mark.parametrize("bad", [None, ["a chat content list"], b"bytes", 3])
def test_non_str_text_is_a_clear_type_error(bad):
    # (a chat message's content list passed as is: the error names the type only)
    anon = Anonymizer(rules_only=True)
    for call in (anon.analyze, anon.anonymize, lambda t: list(anon.anonymize_batch([t]))):
        with pytest.raises(TypeError, match="expected a str to analyze, got "):
            call(bad)
