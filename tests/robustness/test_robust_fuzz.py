"""Fuzzing: every recognizer and operator on hostile text, and JSON/CSV through the IO.

Properties (docs/reliability.md lists them with the example counts):

* no recognizer, operator or reader raises on any input (arbitrary Unicode,
  combining marks, RTL overrides, emoji, NUL, lone surrogates, 1 MB lines);
* every span lies inside the text and ``span.text`` is that slice;
* after resolution, spans are sorted and never overlap;
* every replacement is where the log says it is, and the rest of the text is kept;
* with ``tag`` and ``redact``, anonymizing the output again changes nothing more;
* JSON in gives valid JSON out (and CSV in, CSV out), every record accounted for.

``VEIL_FUZZ_EXAMPLES=2000 pytest tests/robustness/test_robust_fuzz.py`` runs long.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from robust_support import (
    HOSTILE_TEXT,
    MIXED_TEXT,
    NOISE,
    PII,
    PROSE_NO_KEYS_TEXT,
    PROSE_TEXT,
    fuzz_settings,
)

import veil
from veil.detect import registry
from veil.detect.base import Context
from veil.engine.local import AnonymizerSpec, LocalRunner
from veil.engine.pipeline import process_file
from veil.keys import Key
from veil.transform.registry import OPERATORS

KEY = Key(b"robustness-fuzz-key-0123456789abcdef", "test")


def _recognizers():
    out = []
    for name in registry.names():
        out.extend((name, r) for r in registry.build([name]))
    return out


RECOGNIZERS = _recognizers()
REC_IDS = [f"{n}:{r.name}" for n, r in RECOGNIZERS]

_ANON: dict[str, veil.Anonymizer] = {}


def anonymizer(operator: str = "tag") -> veil.Anonymizer:
    """One Anonymizer per operator (every label gets that operator), built once."""
    if operator not in _ANON:
        _ANON[operator] = veil.Anonymizer({"default": operator}, key=KEY)
    return _ANON[operator]


def check_spans(text: str, spans) -> None:
    for s in spans:
        assert 0 <= s.start < s.end <= len(text), s
        assert s.text == text[s.start : s.end], s


def check_resolved(text: str, spans) -> None:
    check_spans(text, spans)
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start, (a, b)


# -- recognizers ---------------------------------------------------------------------
@pytest.mark.parametrize(("name", "rec"), RECOGNIZERS, ids=REC_IDS)
@fuzz_settings(25)
@given(text=HOSTILE_TEXT)
def test_every_recognizer_on_hostile_text(name, rec, text):
    check_spans(text, list(rec.analyze(text, Context(text))))


@fuzz_settings(60)
@given(text=HOSTILE_TEXT)
def test_analyzer_spans_resolved_and_inside(text):
    spans = anonymizer().analyze(text)
    check_resolved(text, spans)


# -- operators -----------------------------------------------------------------------
@pytest.mark.parametrize("operator", sorted(OPERATORS))
@fuzz_settings(30)
@given(text=HOSTILE_TEXT)
def test_every_operator_splices_correctly(operator, text):
    result = anonymizer(operator).anonymize(text)
    assert isinstance(result.text, str)
    check_resolved(text, list(result.spans))
    out, pos, opos = result.text, 0, 0
    for rep in result.replacements:
        keep = text[pos : rep.start]
        assert out[opos : opos + len(keep)] == keep
        assert rep.out_start == opos + len(keep)
        assert out[rep.out_start : rep.out_end] == rep.new
        pos, opos = rep.end, rep.out_end
    assert out[opos:] == text[pos:]


@fuzz_settings(80)
@given(text=PROSE_TEXT)
def test_tag_twice_changes_nothing_more(text):
    anon = anonymizer("tag")
    once = anon.anonymize(text).text
    twice = anon.anonymize(once)
    assert twice.text == once, [(s.label, s.recognizer) for s in twice.spans]


@fuzz_settings(80)
@given(text=PROSE_NO_KEYS_TEXT)
def test_redact_twice_changes_nothing_more(text):
    anon = anonymizer("redact")
    once = anon.anonymize(text).text
    twice = anon.anonymize(once)
    assert twice.text == once, [(s.label, s.recognizer) for s in twice.spans]


@pytest.mark.parametrize(
    ("operator", "texts"),
    [("tag", HOSTILE_TEXT), ("indexed_tag", HOSTILE_TEXT), ("mask", PROSE_TEXT)],
    ids=["tag", "indexed_tag", "mask"],
)
@fuzz_settings(60)
@given(data=st.data())
def test_operator_output_is_never_detected_again(operator, texts, data):
    """What an operator wrote is never part of a span on the next pass (a tag like
    ``<EMAIL>`` is not an identifier, and a mask creates none)."""
    text = data.draw(texts)
    anon = anonymizer(operator)
    first = anon.anonymize(text)
    again = anon.analyze(first.text)
    for rep in first.replacements:
        for s in again:
            assert not (s.start < rep.out_end and rep.out_start < s.end), (rep.label, s)


# Second passes, found by the properties above: known limits (xfail, see
# docs/reliability.md) and fixed cases kept as regression tests.
_KNOWN_NOT_IDEMPOTENT = [
    pytest.param(
        "redact",
        "http://example.com/path?q=1&user=bob See you",
        id="redact-key-value",
        marks=pytest.mark.xfail(
            strict=True,
            reason="empty redaction of a key=value's value leaves 'user= See', and the "
            "next word reads as the value (inherent to deleting; use tag or a replacement)",
        ),
    ),
    pytest.param(
        "tag",
        "Jane Doe AB123456C",
        id="tag-person-before-id",  # fixed by the embedded NER; kept as a regression case
    ),
    pytest.param(
        "tag",
        "call +44 20 7946 0958 1HGBH41JXMN109186 now",
        id="tag-phone-before-digit-token",  # fixed: the run is cut before the glued token
    ),
    pytest.param(
        "hash",
        "password=Tr0ub4dor&3 ok",
        id="hash-in-value-slot",  # fixed: the analyzer skips spans that are hash tokens
    ),
    pytest.param(
        "encrypt",
        "ping @janedoe today",
        id="encrypt-token-redetected",  # fixed: the analyzer skips [[ENC:...]] tokens
    ),
]


@pytest.mark.parametrize(("operator", "text"), _KNOWN_NOT_IDEMPOTENT)
def test_known_second_pass_changes(operator, text):
    anon = anonymizer(operator)
    once = anon.anonymize(text).text
    assert anon.anonymize(once).text == once


@pytest.mark.parametrize("operator", sorted(OPERATORS))
def test_operator_output_is_stable_on_known_identifiers(operator):
    """Deterministic: the same text twice gives the same output (keyed ones too)."""
    text = " and ".join(PII)
    a = anonymizer(operator).anonymize(text).text
    b = anonymizer(operator).anonymize(text).text
    assert a == b


# -- JSON and CSV through the readers and writers -----------------------------------
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | HOSTILE_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(HOSTILE_TEXT, inner, max_size=3),
    max_leaves=6,
)
RECORDS = st.one_of(
    st.fixed_dictionaries({"text": HOSTILE_TEXT}, optional={"meta": JSON_VALUES}),
    st.fixed_dictionaries(
        {
            "messages": st.lists(
                st.fixed_dictionaries(
                    {"role": st.sampled_from(["user", "assistant"]), "content": HOSTILE_TEXT}
                ),
                max_size=3,
            )
        }
    ),
)

_RUNNER: dict[str, LocalRunner] = {}


def runner(operator: str = "tag") -> LocalRunner:
    if operator not in _RUNNER:
        _RUNNER[operator] = LocalRunner(AnonymizerSpec(), anonymizer=anonymizer(operator))
    return _RUNNER[operator]


def run_file(name: str, data: bytes, operator: str = "tag", **kw):
    with tempfile.TemporaryDirectory() as d:
        src, dst = Path(d, name), Path(d, "out", name)
        src.write_bytes(data)
        st_ = process_file(runner(operator), src, dst, **kw)
        q = Path(str(dst) + ".quarantine.jsonl")
        return st_, dst.read_bytes(), (q.read_bytes() if q.exists() else b"")


@pytest.mark.parametrize("ensure_ascii", [True, False], ids=["escaped", "raw"])
@fuzz_settings(40)
@given(records=st.lists(RECORDS, min_size=1, max_size=5))
def test_json_in_gives_valid_json_out(ensure_ascii, records):
    # ensure_ascii=True writes lone surrogates as "\ud800" escapes (valid JSON);
    # raw UTF-8 cannot hold them, so those records take the escaped form.
    lines = []
    for r in records:
        try:
            lines.append(json.dumps(r, ensure_ascii=ensure_ascii).encode("utf-8"))
        except UnicodeEncodeError:
            lines.append(json.dumps(r).encode("ascii"))
    stats, out, quarantine = run_file("in.jsonl", b"\n".join(lines) + b"\n")
    assert stats.records_in == len(records)
    assert stats.records_quarantined == 0, quarantine
    got = out.decode("utf-8").split("\n")[:-1]  # not splitlines(): U+0085, U+2028 are data
    assert len(got) == len(records)
    for line, rec in zip(got, records, strict=True):
        parsed = json.loads(line)
        assert parsed.keys() == rec.keys()
        if "meta" in rec:  # fields that are not anonymized pass through unchanged
            assert parsed["meta"] == rec["meta"]


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)  # "\r\n" rows: quotes cells holding "\r" or "\n"
    return buf.getvalue().encode("utf-8")


CSV_CELL = MIXED_TEXT.map(lambda s: "".join(c for c in s if not 0xD800 <= ord(c) <= 0xDFFF))


@fuzz_settings(30)
@given(rows=st.lists(st.lists(CSV_CELL, min_size=3, max_size=3), min_size=1, max_size=5))
def test_csv_in_gives_csv_out(rows):
    data = _csv_bytes([["a", "b", "c"], *rows])
    stats, out, _ = run_file("in.csv", data)
    written = list(csv.reader(io.StringIO(out.decode("utf-8"))))
    assert written[0] == ["a", "b", "c"]
    assert stats.records_in == len(rows)
    assert stats.records_quarantined == 0
    assert len(written) - 1 == len(rows)
    assert all(len(r) == 3 for r in written)


# -- 1 MB lines ---------------------------------------------------------------------
def _megabyte_line(seed: int) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    words = [*NOISE, "lorem", "ipsum", "dolor", "sit", "amet", "the", "report", " "]
    while size < 1_000_000:
        piece = rng.choice(PII) if rng.random() < 0.02 else rng.choice(words)
        parts.append(piece)
        size += len(piece)
    return "".join(parts)


@pytest.mark.slow
def test_one_megabyte_line_through_analyzer_and_jsonl():
    text = _megabyte_line(7)
    spans = anonymizer().analyze(text)
    check_resolved(text, spans)
    assert spans  # the line holds identifiers
    record = {"text": text}
    stats, out, _ = run_file("big.jsonl", json.dumps(record).encode() + b"\n")
    assert stats.records_out == 1
    assert set(json.loads(out)) == {"text"}


@pytest.mark.slow
@pytest.mark.parametrize(("name", "rec"), RECOGNIZERS, ids=REC_IDS)
def test_every_recognizer_on_a_megabyte_of_one_character(name, rec):
    """A 1 MB run of each character class the patterns repeat (see also ReDoS)."""
    for ch in "0a.@-":
        text = ch * 1_000_000
        check_spans(text, list(rec.analyze(text, Context(text))))
