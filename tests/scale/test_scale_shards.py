"""Sharded runs: byte ranges, row groups, output independent of shards and workers."""

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veil import Pattern, PatternRecognizer
from veil.engine.local import AnonymizerSpec
from veil.engine.sharded import RunDir, ShardedRun, stats_from_json, stats_to_json
from veil.engine.shards import default_shard_bytes, plan_shards
from veil.errors import InputError
from veil.io.jsonl import JsonlReader
from veil.io.text import TextReader
from veil.policy import Policy
from veil.report.stats import Stats
from veil.transform.tag import IndexedTag

EMAIL = PatternRecognizer(
    "TestEmail", "EMAIL", [Pattern("email", r"[\w.+-]+@[\w-]+\.[\w.]+", 0.9)], trigger="@"
)
SPEC = AnonymizerSpec(policy=Policy(default=IndexedTag()), recognizers=(EMAIL,))


def make_jsonl(path, n=600):
    lines = []
    for i in range(n):
        if i % 97 == 13:
            lines.append(b'{"text": broken')
        elif i % 89 == 5:
            lines.append(b'{"text": "bad \xff"}')
        elif i % 50 == 7:
            lines.append(b"   ")  # blank: not a record, but a line
        else:
            pad = "x" * (i * 37 % 300)
            rec = {"id": i, "text": f"mail u{i}@x.io {pad} or u{i + 1}@x.io"}
            lines.append(json.dumps(rec).encode())
    path.write_bytes(b"\n".join(lines) + b"\n")


def run_once(src, out, jobs=1, shard_bytes=None, **kw):
    anon = SPEC.build()
    run = ShardedRun([(src, out)], RunDir.for_output(out, False), shard_bytes=shard_bytes, **kw)
    stats = run.run(anon, SPEC, jobs=jobs)
    return run, stats


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(
        st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")), min_size=0, max_size=40
    ),
    blank=st.lists(st.booleans(), max_size=40),
    step=st.integers(min_value=1, max_value=120),
    newline_at_end=st.booleans(),
)
def test_byte_ranges_partition_the_records(tmp_path_factory, lines, blank, step, newline_at_end):
    d = tmp_path_factory.mktemp("r")
    lines = [b"" if (i < len(blank) and blank[i]) else ln for i, ln in enumerate(lines)]
    data = b"\n".join(lines) + (b"\n" if newline_at_end and lines else b"")
    data = b"#" + data  # never a gzip/zstd magic number: those files are read whole
    p = d / "f.jsonl"
    p.write_bytes(data)
    size = len(data)
    for fmt, cls in (("jsonl", JsonlReader), ("txt", TextReader)):
        whole = [doc.record for doc in cls(p)]
        whole_lines = cls(p)
        list(whole_lines)
        got, total_lines = [], 0
        for a in range(0, max(size, 1), step):
            r = cls(p, byte_range=(a, min(a + step, size)))
            got.extend(doc.record for doc in r)
            total_lines += r.lines
        assert got == whole, fmt
        assert total_lines == whole_lines.lines


def test_default_shard_size_depends_on_the_file_only():
    assert default_shard_bytes(0) == 1 << 20
    assert default_shard_bytes(5 * 10**9) == 64 << 20
    assert default_shard_bytes(640 << 20) == 10 << 20
    assert default_shard_bytes(100 << 20) == 1600 << 10


def test_jsonl_sharded_equals_unsharded_for_any_jobs(tmp_path):
    src = tmp_path / "in.jsonl"
    make_jsonl(src)
    results = {}
    for name, jobs, shard in (("whole", 1, None), ("s1", 1, 4096), ("s2", 2, 4096)):
        out = tmp_path / name / "out.jsonl"
        run, stats = run_once(src, out, jobs=jobs, shard_bytes=shard)
        qpath = tmp_path / name / "out.jsonl.quarantine.jsonl"
        results[name] = (out.read_bytes(), qpath.read_bytes(), stats, len(run.shards))
        assert not (tmp_path / name / "out.jsonl.veil-run").exists()
    assert results["s1"][3] > 10 and results["whole"][3] == 1
    assert results["whole"][0] == results["s1"][0] == results["s2"][0]
    assert results["whole"][1] == results["s1"][1] == results["s2"][1]  # absolute lines
    q = [json.loads(x) for x in results["s2"][1].splitlines()]
    raw = src.read_bytes().split(b"\n")
    for row in q:  # each quarantine row points at a bad line of the input
        assert raw[row["line"] - 1] in (b'{"text": broken', b'{"text": "bad \xff"}')
    a, b = results["whole"][2], results["s2"][2]
    records = sum(1 for ln in src.read_bytes().split(b"\n") if ln.strip())
    assert a.records_in == b.records_in == records
    assert a.balanced and b.balanced and a.records_quarantined == b.records_quarantined > 0
    assert a.labels == b.labels and b.files == 1


def test_text_sharded_equals_unsharded(tmp_path):
    src = tmp_path / "notes.txt"
    paras = [
        f"Para {i}: write to p{i}@mail.org\nsecond line {'y' * (i * 13 % 90)}\n" for i in range(300)
    ]
    src.write_text("\n".join(paras) + "\n\n\ntrailer p0@mail.org", "utf-8")
    outs = []
    for name, jobs, shard in (("whole", 1, None), ("s", 2, 2000)):
        out = tmp_path / name / "notes.txt"
        run, _ = run_once(src, out, jobs=jobs, shard_bytes=shard)
        outs.append(out.read_bytes())
    assert len(run.shards) > 5
    assert outs[0] == outs[1]
    assert b"@mail.org" not in outs[0] and outs[0].count(b"\n") == src.read_bytes().count(b"\n")


def test_gzip_files_are_one_shard_and_output_compressed(tmp_path):
    import gzip

    src = tmp_path / "in.jsonl.gz"
    src.write_bytes(gzip.compress(b"".join(b'{"text": "a%d@b.io"}\n' % i for i in range(3000))))
    out = tmp_path / "o" / "out.jsonl.gz"
    run, stats = run_once(src, out, shard_bytes=1024)
    assert len(run.shards) == 1 and stats.records_out == 3000
    assert gzip.decompress(out.read_bytes()).count(b"<EMAIL_") == 3000


def test_parquet_row_group_shards_keep_schema_and_other_columns(tmp_path):
    n = 5000
    table = pa.table(
        {
            "id": pa.array(range(n), pa.int64()),
            "bio": pa.array([f"reach me at user{i}@corp.com" for i in range(n)], pa.string()),
            "score": pa.array([i / 7 for i in range(n)], pa.float64()),
            "tag": pa.array(["a", "b"] * (n // 2)).dictionary_encode(),
        },
        metadata={"origin": "test"},
    )
    src = tmp_path / "in.parquet"
    pq.write_table(table, src, row_group_size=500)
    outs = []
    for name, jobs, shard in (("whole", 1, None), ("s1", 1, 1), ("s2", 2, 1)):
        out = tmp_path / name / "out.parquet"
        run, stats = run_once(src, out, jobs=jobs, shard_bytes=shard, fields=["bio"])
        assert stats.records_out == n
        outs.append(out)
        if shard:
            assert len(run.shards) == 10
    assert outs[1].read_bytes() == outs[2].read_bytes()
    for o in outs:
        got = pq.read_table(o)
        assert got.schema == table.schema and got.schema.metadata == table.schema.metadata
        assert got.column("id").equals(table.column("id"))
        assert got.column("score").equals(table.column("score"))
        assert got.column("tag").to_pylist() == table.column("tag").to_pylist()
        assert all("@corp.com" not in v for v in got.column("bio").to_pylist())
    a, b = (pq.read_table(o).column("bio").to_pylist() for o in outs[:2])
    assert a == b


def test_stats_round_trip_json():
    s = Stats(records_in=3, records_out=2, files=1)
    s.quarantined("x")
    s.labels["EMAIL"] += 4
    t = stats_from_json(json.loads(json.dumps(stats_to_json(s))))
    assert stats_to_json(t) == stats_to_json(s) and t.labels["EMAIL"] == 4


def test_missing_parquet_column_fails_before_any_work(tmp_path):
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"a": ["x"]}), src)
    out = tmp_path / "o" / "out.parquet"
    with pytest.raises(InputError, match="'nope'"):
        run_once(src, out, fields=["nope"])
    assert not out.exists() and not (tmp_path / "o" / "out.parquet.veil-run").exists()


def test_plan_orders_files_then_ranges(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_bytes(b'{"text": "x"}\n' * 1000)
    b.write_bytes(b'{"text": "y"}\n')
    shards = plan_shards([(a, tmp_path / "oa"), (b, tmp_path / "ob")], None, 1000)
    assert [s.index for s in shards] == list(range(len(shards)))
    assert [s.part for s in shards if s.src == str(a)] == list(range(14))
    assert shards[-1].src == str(b) and shards[-1].whole


def test_a_failing_shard_in_a_worker_stops_the_run(tmp_path):
    import gzip

    good = tmp_path / "a.jsonl"
    make_jsonl(good)
    bad = tmp_path / "b.jsonl.gz"
    data = gzip.compress(b'{"text": "x@y.io"}\n' * 5000)
    bad.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out"
    pairs = [(good, out / "a.jsonl"), (bad, out / "b.jsonl.gz")]
    run = ShardedRun(pairs, RunDir.for_output(out, True), shard_bytes=4096)
    with pytest.raises(InputError, match=r"b\.jsonl\.gz"):
        run.run(SPEC.build(), SPEC, jobs=2)
    assert not out.exists() or not any(out.iterdir())
