"""Transparent compression, truncation detection, atomic outputs."""

import gzip

import pytest
import zstandard

from veil.errors import InputError
from veil.io.formats import detect_format
from veil.io.jsonl import JsonlReader
from veil.io.open import AtomicOutput, compression_of, open_input, strip_compression

DATA = b"".join(b'{"n":%d,"text":"line %d"}\n' % (i, i) for i in range(3000))


def _write(path, data, kind):
    if kind == "gzip":
        path.write_bytes(gzip.compress(data))
    elif kind == "zstd":
        path.write_bytes(zstandard.ZstdCompressor().compress(data))
    else:
        path.write_bytes(data)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.jsonl", None),
        ("a.jsonl.gz", "gzip"),
        ("a.jsonl.zst", "zstd"),
        ("misnamed.jsonl", "gzip"),  # magic bytes win over the extension
        ("misnamed2.jsonl", "zstd"),
    ],
)
def test_open_input_decompresses_by_magic(tmp_path, name, kind):
    p = tmp_path / name
    _write(p, DATA, kind)
    stream, counter = open_input(p)
    with stream:
        assert stream.read() == DATA
    assert counter.count == len(DATA)


def test_multi_frame_zstd(tmp_path):
    c = zstandard.ZstdCompressor()
    p = tmp_path / "multi.jsonl.zst"
    p.write_bytes(c.compress(DATA[:1000]) + c.compress(DATA[1000:]))
    stream, _ = open_input(p)
    assert stream.read() == DATA


@pytest.mark.parametrize(("name", "kind"), [("t.jsonl.gz", "gzip"), ("t.jsonl.zst", "zstd")])
def test_truncated_compressed_input_is_an_error_naming_file_and_line(tmp_path, name, kind):
    full = tmp_path / ("full_" + name)
    _write(full, DATA, kind)
    p = tmp_path / name
    p.write_bytes(full.read_bytes()[: len(full.read_bytes()) // 2])
    with pytest.raises(InputError, match=r"t\.jsonl\.(gz|zst): truncated .* after line \d+"):
        for _ in JsonlReader(p):
            pass


@pytest.mark.parametrize("suffix", ["", ".gz", ".zst"])
def test_atomic_output_round_trip(tmp_path, suffix):
    target = tmp_path / "sub" / f"out.jsonl{suffix}"
    with AtomicOutput(target) as out:
        out.stream.write(DATA)
        assert not target.exists()  # nothing visible until commit
    stream, _ = open_input(target)
    assert stream.read() == DATA
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_atomic_output_abort_leaves_nothing(tmp_path):
    target = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError), AtomicOutput(target) as out:
        out.stream.write(b"partial")
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "comp", "base", "fmt"),
    [
        ("a.jsonl", None, "a.jsonl", "jsonl"),
        ("a.JSONL.GZ", "gzip", "a.JSONL", "jsonl"),
        ("a.ndjson.zst", "zstd", "a.ndjson", "jsonl"),
        ("t.csv", None, "t.csv", "csv"),
        ("t.tsv.gz", "gzip", "t.tsv", "csv"),
        ("x.parquet", None, "x.parquet", "parquet"),
        ("notes.txt.zst", "zstd", "notes.txt", "txt"),
    ],
)
def test_names(name, comp, base, fmt):
    assert compression_of(name) == comp
    assert strip_compression(name) == base
    assert detect_format(name) == fmt


def test_unknown_extension_is_a_config_error():
    from veil.errors import ConfigError

    with pytest.raises(ConfigError, match="--format"):
        detect_format("data.bin")
    assert detect_format("data.bin", "jsonl") == "jsonl"
