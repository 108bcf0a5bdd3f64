"""The step: modes, quarantine reasons, shared per-record context."""

import json

import pytest

from veil import Anonymizer, Key, Pattern, PatternRecognizer
from veil.engine.show import mask_value, snippets
from veil.engine.step import Step
from veil.io.fields import FieldSpec
from veil.io.jsonl import JsonlCodec
from veil.io.quarantine import Bad, Rejected
from veil.policy import Policy
from veil.report.stats import Stats
from veil.transform.tag import IndexedTag, Tag
from veil.types import Document

EMAIL = PatternRecognizer(
    "TestEmail", "EMAIL", [Pattern("email", r"[\w.+-]+@[\w-]+\.[\w.]+", 0.9)], trigger="@"
)
A, B = "ann.one@corp.io", "bob.two@corp.io"


def doc(obj, line=1):
    raw = obj if isinstance(obj, bytes | Bad) else json.dumps(obj).encode() + b"\n"
    return Document(f"f:{line}", raw, "f", line)


def run(step, anon, d):
    s = Stats()
    return step.run(anon, d, s), s


@pytest.fixture(scope="module")
def tag_anon():
    return Anonymizer(Policy(default=Tag()), recognizers=[EMAIL])


def test_indexed_tags_agree_across_the_messages_of_a_record():
    anon = Anonymizer(Policy(default=IndexedTag()), recognizers=[EMAIL])
    rec = {
        "messages": [{"role": "user", "content": f"{A} {B}"}, {"role": "assistant", "content": B}]
    }
    out, s = run(Step(JsonlCodec(), FieldSpec()), anon, doc(rec))
    msgs = json.loads(out)["messages"]
    assert msgs[0]["content"] == "<EMAIL_1> <EMAIL_2>" and msgs[1]["content"] == "<EMAIL_2>"
    # the next record starts afresh
    out2, _ = run(Step(JsonlCodec(), FieldSpec()), anon, doc({"text": B}))
    assert json.loads(out2)["text"] == "<EMAIL_1>"
    assert s.records_with == {"EMAIL": 1} and s.labels == {"EMAIL": 3}
    assert s.operators == {"indexed_tag": 3} and s.values_changed == 2


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b'{"text": "\xc3\x28"}\n', "invalid_utf8"),
        (b'{"text": \n', "malformed_json"),
        (b"[" * 100000 + b"\n", "malformed_json"),
        (b'{"other": 1}\n', "missing_field"),
        (b'{"text": ["a"]}\n', "non_string_field"),
        (b'"just a string"\n', "not_an_object"),
    ],
)
def test_quarantine_reasons(tag_anon, raw, reason):
    out, s = run(Step(JsonlCodec(), FieldSpec()), tag_anon, doc(raw, 7))
    assert isinstance(out, Rejected) and out.reason == reason and out.line == 7
    assert s.quarantine == {reason: 1} and s.records_in == 1 and s.records_out == 0


def test_reader_marked_bad_records_and_crashing_recognizers(tag_anon):
    from veil.io.csv import RowCodec

    out, _ = run(
        Step(RowCodec(["a"]), FieldSpec(["a"], dotted=False)), tag_anon, doc(Bad("csv_field_count"))
    )
    assert out.reason == "csv_field_count"

    class Boom:
        name, labels = "boom", ("EMAIL",)

        def analyze(self, text, ctx):
            raise ValueError(text)  # a buggy recognizer: the value must not leak

    anon = Anonymizer(Policy(default=Tag()), recognizers=[Boom()])
    out, _ = run(Step(JsonlCodec(), FieldSpec()), anon, doc({"text": A}))
    assert out.reason == "error:ValueError" and A not in out.to_json()


def test_scan_mode_counts_and_masks(tag_anon):
    step = Step(JsonlCodec(), FieldSpec(), mode="scan", show=True)
    out, s = run(step, tag_anon, doc({"text": f"write {A} or {B} today"}, 3))
    assert s.labels == {"EMAIL": 2} and s.records_with == {"EMAIL": 1} and s.records_out == 1
    assert [h[:3] for h in out] == [(3, "text", "EMAIL")] * 2
    blob = " ".join(h[3] for h in out)
    assert A not in blob and B not in blob
    assert "[EMAIL: a************io] or <EMAIL>" in out[0][3]


def test_deanonymize_mode_round_trip():
    key = Key.from_text("k" * 32)
    anon = Anonymizer(Policy.from_dict({"default": "encrypt"}), recognizers=[EMAIL], key=key)
    enc, _ = run(Step(JsonlCodec(), FieldSpec()), anon, doc({"text": f"hi {A}", "n": 1}))
    assert A not in enc.decode()
    dec, s = run(Step(JsonlCodec(), FieldSpec(), mode="deanonymize"), anon, doc(enc))
    assert json.loads(dec) == {"text": f"hi {A}", "n": 1} and s.values_changed == 1
    other = Anonymizer(
        Policy.from_dict({"default": "encrypt"}), recognizers=[EMAIL], key=Key.from_text("z" * 32)
    )
    bad, s = run(Step(JsonlCodec(), FieldSpec(), mode="deanonymize"), other, doc(enc))
    assert isinstance(bad, Rejected) and bad.reason == "deanonymize_error"


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("", ""),
        ("abcd", "****"),
        ("abcde", "a****"),
        ("abcdefgh", "a*******"),
        ("jane.doe@mail.com", "j**************om"),
    ],
)
def test_mask_value(value, masked):
    assert mask_value(value) == masked
    assert len(mask_value(value)) == len(value)


def test_snippets_mask_every_span_in_the_window():
    from veil.types import Span

    text = "x" * 50 + " call 555-0100 or mail a@b.co\nbye"
    s1 = Span(56, 64, "PHONE", 1.0, "t", text[56:64])
    s2 = Span(73, 79, "EMAIL", 1.0, "t", text[73:79])
    got = list(snippets(text, [s1, s2]))
    assert got[0][0] == "PHONE" and "555-0100" not in got[0][1] and "a@b.co" not in got[0][1]
    assert got[0][1].startswith("…") and "<EMAIL>" in got[0][1] and "\n" not in got[0][1]
    assert "[EMAIL: a***o]".replace("a***o", mask_value("a@b.co")) in got[1][1]


_MIXED = [
    {"text": f"mail {A} now"},
    b'{"text": \n',
    {"other": 1},
    {"messages": [{"role": "user", "content": f"{A} and {B}"}, {"role": "bot", "content": B}]},
    {"text": None},
    {"text": ["a"]},
    {"text": "nothing here"},
    {"text": B, "n": 3},
]


@pytest.mark.parametrize("mode", ["anonymize", "scan"])
def test_run_many_is_run_one_by_one(mode):
    """The batch path gives the same outputs and the same counts as run() per record."""
    anon = Anonymizer(Policy(default=IndexedTag()), recognizers=[EMAIL])
    docs = [doc(r, i) for i, r in enumerate(_MIXED, 1)]
    step = Step(JsonlCodec(), FieldSpec(), mode=mode, show=True)
    one, s1 = [], Stats()
    for d in docs:
        one.append(step.run(anon, d, s1))
    s2 = Stats()
    many = step.run_many(anon, docs, s2)
    key = lambda o: (o.reason, o.line) if isinstance(o, Rejected) else o  # noqa: E731
    assert [key(o) for o in many] == [key(o) for o in one]
    d1, d2 = s1.to_dict(), s2.to_dict()
    assert d1 == d2 and d1["records"]["in"] == len(docs) and d1["records"]["quarantined"] == 3
    assert s1.samples == s2.samples


def test_run_many_isolates_a_failing_text():
    """When the batch analysis fails, each record is analyzed alone: only the one that
    fails is quarantined."""

    class BoomOnB:
        name, labels = "boom", ("EMAIL",)

        def analyze(self, text, ctx):
            if B in text:
                raise ValueError("bad")
            return EMAIL.analyze(text, ctx)

    anon = Anonymizer(Policy(default=Tag()), recognizers=[BoomOnB()])
    docs = [doc({"text": f"x {A}"}, 1), doc({"text": f"y {B}"}, 2), doc({"text": A}, 3)]
    s = Stats()
    out = Step(JsonlCodec(), FieldSpec()).run_many(anon, docs, s)
    assert json.loads(out[0])["text"] == "x <EMAIL>" and json.loads(out[2])["text"] == "<EMAIL>"
    assert isinstance(out[1], Rejected) and out[1].reason == "error:ValueError"
    assert s.records_in == 3 and s.records_out == 2 and s.quarantine == {"error:ValueError": 1}
