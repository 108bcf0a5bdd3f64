"""`veil anonymize` over directories and globs, sharded, resumable, -j independent."""

import argparse
import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from veil.cli import _size, main

EMAILS = [f"person{i}@example-mail.org" for i in range(40)]


def make_tree(root):
    (root / "sub").mkdir(parents=True)
    rows = [
        json.dumps({"i": i, "text": f"write to {EMAILS[i % 40]} today"}).encode() + b"\n"
        for i in range(3000)
    ]
    (root / "a.jsonl").write_bytes(b"".join(rows))
    (root / "sub" / "b.jsonl.gz").write_bytes(gzip.compress(b"".join(rows[:400]), mtime=0))
    zst = zstandard.ZstdCompressor().compress(b"".join(rows[:200]))
    (root / "sub" / "c.jsonl.zst").write_bytes(zst)
    (root / "d.csv").write_text(
        "id,bio\n" + "".join(f"{i},mail {EMAILS[i % 40]}\n" for i in range(300)), "utf-8"
    )
    (root / "e.txt").write_text(
        "\n\n".join(f"Para {i}\nreach {EMAILS[i % 40]}" for i in range(400)) + "\n", "utf-8"
    )
    pq.write_table(
        pa.table({"n": list(range(2000)), "bio": [f"at {EMAILS[i % 40]}" for i in range(2000)]}),
        root / "f.parquet",
        row_group_size=200,
    )


def files(root):
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "report." not in p.name
    }


def anonymize(capsys, *args):
    rc = main(["anonymize", *args, "--rules-only", "--no-progress"])
    out = capsys.readouterr().out
    assert rc == 0, out
    return json.loads(out[out.index("{") :])


def test_directory_sharded_output_does_not_depend_on_jobs(tmp_path, capsys):
    src = tmp_path / "in"
    make_tree(src)
    got = {}
    for j in ("1", "2"):
        out = tmp_path / f"out{j}"
        summary = anonymize(capsys, str(src), "-o", str(out), "-j", j, "--shard-size", "16K")
        assert summary["files"] == 6 and summary["shards"] > 10
        assert summary["records"]["quarantined"] == 0
        got[j] = files(out)
    assert got["1"] == got["2"]
    assert set(got["1"]) == {
        "a.jsonl",
        "sub/b.jsonl.gz",
        "sub/c.jsonl.zst",
        "d.csv",
        "e.txt",
        "f.parquet",
    }
    body = got["1"]["a.jsonl"] + gzip.decompress(got["1"]["sub/b.jsonl.gz"])
    body += zstandard.ZstdDecompressor().decompressobj().decompress(got["1"]["sub/c.jsonl.zst"])
    body += got["1"]["d.csv"] + got["1"]["e.txt"]
    assert b"example-mail.org" not in body
    table = pq.read_table(tmp_path / "out1" / "f.parquet")
    assert table.column("n").to_pylist() == list(range(2000))
    assert not any("example-mail" in v for v in table.column("bio").to_pylist())


def test_glob_input_mirrors_matches(tmp_path, capsys, monkeypatch):
    src = tmp_path / "in"
    make_tree(src)
    monkeypatch.chdir(tmp_path)
    summary = anonymize(capsys, "in/**/*.jsonl*", "-o", "out")
    assert summary["files"] == 3
    assert sorted(files(tmp_path / "out")) == ["a.jsonl", "sub/b.jsonl.gz", "sub/c.jsonl.zst"]


def test_resume_flag_and_shard_size_errors(tmp_path, capsys):
    src = tmp_path / "in"
    make_tree(src)
    out = tmp_path / "o.jsonl"
    # --resume with nothing to resume: a full run
    s = anonymize(capsys, str(src / "a.jsonl"), "-o", str(out), "--resume")
    assert s["records"]["in"] == 3000 and not (tmp_path / "o.jsonl.veil-run").exists()
    assert main(["anonymize", str(src / "a.jsonl"), "-o", str(out), "--shard-size", "x"]) == 2
    assert _size("64M") == 64 << 20 and _size("1.5k") == 1536 and _size("100") == 100
    with pytest.raises(argparse.ArgumentTypeError):
        _size("0")
