"""Readers and writers per format, driven through the pipeline with a tiny
email recognizer (independent of the real recognizers)."""

import csv
import gzip
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veil import Pattern, PatternRecognizer
from veil.engine.local import AnonymizerSpec, LocalRunner
from veil.engine.pipeline import process_file
from veil.errors import InputError
from veil.io.text import TextReader
from veil.policy import Policy
from veil.transform.tag import Tag

EMAIL = PatternRecognizer(
    "TestEmail", "EMAIL", [Pattern("email", r"[\w.+-]+@[\w-]+\.[\w.]+", 0.9)], trigger="@"
)
PLANTED = "zelda.quark@mailhost.io"


@pytest.fixture(scope="module")
def runner():
    spec = AnonymizerSpec(policy=Policy(default=Tag()), recognizers=(EMAIL,))
    with LocalRunner(spec) as r:
        yield r


def qrows(out):
    q = out.parent / (out.name + ".quarantine.jsonl")
    return [json.loads(x) for x in q.read_text().splitlines()] if q.exists() else []


# -- JSONL -------------------------------------------------------------------------
def test_jsonl_round_trip_keeps_order_and_other_fields(tmp_path, runner):
    src = tmp_path / "in.jsonl"
    recs = [
        {"id": 1, "text": f"mail {PLANTED}", "meta": {"n": 1.5, "tags": ["a"]}},
        {"id": 2, "text": "nothing here", "score": None},
        {"id": 3, "text": "héllo 😀 " + PLANTED},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in recs))
    out = tmp_path / "out.jsonl"
    st_ = process_file(runner, src, out)
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in got] == [1, 2, 3]
    assert got[0] == {"id": 1, "text": "mail <EMAIL>", "meta": {"n": 1.5, "tags": ["a"]}}
    assert got[2]["text"] == "héllo 😀 <EMAIL>"
    assert PLANTED not in out.read_text()
    # an unchanged record is written back byte for byte (ASCII escapes and all)
    assert out.read_bytes().splitlines()[1] == src.read_bytes().splitlines()[1]
    assert (st_.records_in, st_.records_out, st_.records_quarantined) == (3, 3, 0)
    assert st_.labels["EMAIL"] == 2 and st_.fields["text"] == 2


def test_jsonl_bad_lines_are_quarantined_with_line_numbers(tmp_path, runner):
    src = tmp_path / "bad.jsonl"
    lines = [
        b'{"text": "ok ' + PLANTED.encode() + b'"}',
        b'{"text": "bad \xff\xfe utf8 ' + PLANTED.encode() + b'"}',
        b'{"text": "truncated json ' + PLANTED.encode(),
        b"",  # blank: not a record
        b'{"body": "no text field"}',
        b'{"text": {"nested": "' + PLANTED.encode() + b'"}}',
        b'{"text": 42}',
        b'{"text": null}',
        b"[1, 2]",
    ]
    src.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "out.jsonl"
    s = process_file(runner, src, out)
    rows = qrows(out)
    assert [(r["line"], r["reason"]) for r in rows] == [
        (2, "invalid_utf8"),
        (3, "malformed_json"),
        (5, "missing_field"),
        (6, "non_string_field"),
        (9, "not_an_object"),
    ]
    assert all(r["source"] == str(src) for r in rows)
    assert s.records_in == 8 and s.records_out == 3 and s.records_quarantined == 5
    assert s.records_in == s.records_out + s.records_quarantined
    assert s.skipped == {"non_string_field": 1, "null_field": 1}
    for p in (out, out.parent / (out.name + ".quarantine.jsonl")):
        assert PLANTED not in p.read_text(errors="replace")  # the quarantine holds no content
    assert [json.loads(x)["text"] for x in out.read_text().splitlines()] == ["ok <EMAIL>", 42, None]


def test_jsonl_fields_and_on_missing_pass(tmp_path, runner):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"text": PLANTED, "meta": {"bio": PLANTED}})
        + "\n"
        + json.dumps({"text": PLANTED})
        + "\n"
    )
    out = tmp_path / "out.jsonl"
    s = process_file(runner, src, out, fields=["meta.bio"])
    assert s.quarantine == {"missing_field": 1}
    assert json.loads(out.read_text()) == {"text": PLANTED, "meta": {"bio": "<EMAIL>"}}
    s = process_file(runner, src, out, fields=["text", "meta.bio"], on_missing="pass")
    assert s.records_quarantined == 0 and s.skipped == {"missing_field:meta.bio": 1}
    assert PLANTED not in out.read_text()


def test_empty_input_is_valid(tmp_path, runner):
    src = tmp_path / "empty.jsonl"
    src.write_bytes(b"")
    out = tmp_path / "out.jsonl"
    s = process_file(runner, src, out)
    assert s.records_in == 0 and out.read_bytes() == b""


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_compressed_in_and_out(tmp_path, runner, suffix):
    from veil.io.open import open_input

    src = tmp_path / ("in.jsonl" + suffix)
    plain = "".join(json.dumps({"text": f"{i} {PLANTED}"}) + "\n" for i in range(500)).encode()
    if suffix == ".gz":
        src.write_bytes(gzip.compress(plain))
    else:
        import zstandard

        src.write_bytes(zstandard.ZstdCompressor().compress(plain))
    out = tmp_path / ("out.jsonl" + suffix)
    s = process_file(runner, src, out)
    data = open_input(out)[0].read().decode()
    assert data.count("<EMAIL>") == 500 and PLANTED not in data
    assert s.bytes_in == len(plain)
    assert out.read_bytes()[:2] in (b"\x1f\x8b", b"\x28\xb5")


def test_truncated_input_leaves_no_output(tmp_path, runner):
    src = tmp_path / "in.jsonl.gz"
    plain = "".join(json.dumps({"text": f"{i} x"}) + "\n" for i in range(5000)).encode()
    data = gzip.compress(plain)
    src.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out.jsonl"
    with pytest.raises(InputError, match="after line"):
        process_file(runner, src, out)
    assert list(tmp_path.iterdir()) == [src]  # no output, no temp file, no quarantine


# -- text --------------------------------------------------------------------------
def test_text_paragraphs(tmp_path, runner):
    src = tmp_path / "notes.txt"
    body = f"Title\nmail {PLANTED}\n\n\nsecond para\n  \nthird {PLANTED}"
    src.write_text(body)
    out = tmp_path / "out.txt"
    s = process_file(runner, src, out)
    assert out.read_text() == body.replace(PLANTED, "<EMAIL>")
    assert s.records_in == 3


def test_text_invalid_utf8_quarantines_the_paragraph(tmp_path, runner):
    src = tmp_path / "notes.txt"
    src.write_bytes(b"fine\n\nbad \xff here\nmore\n\nfine again\n")
    out = tmp_path / "out.txt"
    s = process_file(runner, src, out)
    assert out.read_bytes() == b"fine\n\nfine again\n"
    assert [(r["line"], r["reason"]) for r in qrows(out)] == [(3, "invalid_utf8")]
    assert s.balanced


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["a b", "", " ", "x@y", "long line " * 5, "\t"]), max_size=30))
def test_text_paragraphs_reassemble_exactly(tmp_path_factory, lines):
    p = tmp_path_factory.mktemp("t") / "x.txt"
    data = "\n".join(lines).encode()
    p.write_bytes(data)
    docs = list(TextReader(p, max_bytes=40))
    assert b"".join(d.record for d in docs) == data
    assert all(d.record for d in docs)


# -- CSV ---------------------------------------------------------------------------
def test_csv_quoting_round_trip(tmp_path, runner):
    src = tmp_path / "t.csv"
    rows = [
        ["id", "name", "body", "n"],
        ["1", "Ann", f'she said "write {PLANTED}", twice', "3"],
        ["2", "Bob", "multi\nline, with comma", "4"],
        ["3", "", "", ""],
    ]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    src.write_text(buf.getvalue())
    out = tmp_path / "o.csv"
    s = process_file(runner, src, out)
    got = list(csv.reader(io.StringIO(out.read_text())))
    assert got[0] == rows[0]
    assert got[1] == ["1", "Ann", 'she said "write <EMAIL>", twice', "3"]
    assert got[2:] == rows[2:]
    assert s.records_in == 3 and s.fields == {"body": 1}


def test_csv_bad_rows_and_fields(tmp_path, runner):
    src = tmp_path / "t.tsv"
    src.write_bytes(
        b"a\tb\n"
        + f"x\t{PLANTED}\n".encode()
        + b"only-one\n"
        + b"\xff\tz\n"
        + f"{PLANTED}\tq\n".encode()
    )
    out = tmp_path / "o.tsv"
    s = process_file(runner, src, out, fields=["b"])
    assert out.read_text() == f"a\tb\nx\t<EMAIL>\n{PLANTED}\tq\n"
    assert [(r["line"], r["reason"]) for r in qrows(out)] == [
        (3, "csv_field_count"),
        (4, "invalid_utf8"),
    ]
    assert s.balanced and s.records_in == 4
    with pytest.raises(InputError, match="column 'nope'"):
        process_file(runner, src, out, fields=["nope"])


def test_csv_empty_file(tmp_path, runner):
    src = tmp_path / "e.csv"
    src.write_text("")
    out = tmp_path / "o.csv"
    assert process_file(runner, src, out).records_in == 0
    assert out.read_text() == ""


# -- Parquet -----------------------------------------------------------------------
def test_parquet_schema_preserved_and_other_columns_untouched(tmp_path, runner):
    n = 5000  # more than one batch
    table = pa.table(
        {
            "id": pa.array(range(n), type=pa.int64()),
            "text": pa.array([f"row {i} {PLANTED}" if i % 2 else None for i in range(n)]),
            "cat": pa.array(["a", "b"] * (n // 2)).dictionary_encode(),
            "score": pa.array([i / 3 for i in range(n)], type=pa.float32()),
            "when": pa.array([1_700_000_000_000 + i for i in range(n)], type=pa.timestamp("ms")),
            "big": pa.array(["x@y.zz"] * n, type=pa.large_string()),
        }
    ).replace_schema_metadata({"origin": "test"})
    src = tmp_path / "in.parquet"
    pq.write_table(table, src, row_group_size=1500)
    out = tmp_path / "out.parquet"
    s = process_file(runner, src, out, fields=["text"])
    got = pq.read_table(out)
    assert got.schema == table.schema and got.schema.metadata == table.schema.metadata
    for col in ("id", "cat", "score", "when", "big"):
        assert got.column(col).equals(table.column(col)), col
    texts = got.column("text").to_pylist()
    assert texts[0] is None and texts[1] == "row 1 <EMAIL>"
    assert s.records_in == n and s.labels["EMAIL"] == n // 2 and s.skipped["null_field"] == n // 2
    # default: every string column (plain, large, dictionary)
    s = process_file(runner, src, out)
    got = pq.read_table(out)
    assert got.schema == table.schema
    assert set(got.column("big").to_pylist()) == {"<EMAIL>"}
    assert got.column("id").equals(table.column("id"))


def test_parquet_unknown_column(tmp_path, runner):
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"a": ["x"]}), src)
    with pytest.raises(InputError, match="column 'b'"):
        process_file(runner, src, tmp_path / "o.parquet", fields=["b"])


def test_parquet_rows_quarantined_are_dropped(tmp_path, runner):
    table = pa.table({"id": [1, 2, 3], "tags": [["a"], [PLANTED], ["c"]]})
    src = tmp_path / "in.parquet"
    pq.write_table(table, src)
    out = tmp_path / "out.parquet"
    s = process_file(runner, src, out, fields=["tags"])
    assert pq.read_table(out).num_rows == 0 and s.quarantine == {"non_string_field": 3}
    table = pa.table({"id": [1, 2], "text": [PLANTED, "x"]})
    pq.write_table(table, src)
    assert process_file(runner, src, out).balanced
    assert pq.read_table(out).column("text").to_pylist() == ["<EMAIL>", "x"]
