"""The shard plan: which piece of which input each task processes.

A shard is a whole file, a byte range of a large uncompressed JSONL or text file
(cut at record boundaries by :mod:`veil.io.ranges`), or a run of row groups of a
Parquet file. CSV files (quoted cells may span lines) and compressed files
(gzip and zstd streams cannot be entered in the middle) are one shard each.

The plan depends only on the inputs and the shard size, never on the number of
workers, so every worker count writes the same parts and the same output. The
default shard size grows with the file: a sixty-fourth of it, between 1 MiB and
64 MiB (a 5 GB file gives 80 shards; a 100 MB one, 64; a 10 MB one, 10). Many
small shards keep the workers busy to the end: the last shard to finish is short.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..io.formats import detect_format

__all__ = ["MAX_SHARD", "MIN_SHARD", "Shard", "default_shard_bytes", "plan_shards"]

MIN_SHARD = 1 << 20
MAX_SHARD = 64 << 20
_MAGICS = (b"\x1f\x8b", b"\x28\xb5\x2f\xfd")  # gzip, zstd


@dataclass(frozen=True, slots=True)
class Shard:
    """One task. ``start``/``end``: bytes (jsonl, txt) or row groups (parquet);
    ``end == -1``: to the end of the file. ``part`` of ``parts``: its place in the file."""

    index: int
    src: str
    dst: str
    fmt: str
    start: int = 0
    end: int = -1
    part: int = 0
    parts: int = 1

    @property
    def whole(self) -> bool:
        return self.start == 0 and self.end == -1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Shard:
        return cls(**d)


def default_shard_bytes(size: int) -> int:
    """A sixty-fourth of the file, between :data:`MIN_SHARD` and :data:`MAX_SHARD`."""
    return min(MAX_SHARD, max(MIN_SHARD, -(-size // 64)))


def _compressed(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(4).startswith(_MAGICS)


def _ranges(src: Path, fmt: str, shard_bytes: int | None) -> list[tuple[int, int]]:
    if fmt in ("jsonl", "txt"):
        size = src.stat().st_size
        step = shard_bytes or default_shard_bytes(size)
        if size <= step or _compressed(src):
            return [(0, -1)]
        return [(a, min(a + step, size)) for a in range(0, size, step)]
    if fmt == "parquet":
        import pyarrow.parquet as pq

        try:
            meta = pq.ParquetFile(src).metadata
        except Exception:  # the reader reports it, with the file name
            return [(0, -1)]
        sizes = [meta.row_group(i).total_byte_size for i in range(meta.num_row_groups)]
        step = shard_bytes or default_shard_bytes(sum(sizes))
        out: list[tuple[int, int]] = []
        first, acc = 0, 0
        for i, n in enumerate(sizes):
            acc += n
            if acc >= step:
                out.append((first, i + 1))
                first, acc = i + 1, 0
        if first < len(sizes):
            out.append((first, len(sizes)))
        return [(0, -1)] if len(out) <= 1 else out
    return [(0, -1)]


def plan_shards(
    pairs: Sequence[tuple[Path, Path]], fmt: str | None = None, shard_bytes: int | None = None
) -> list[Shard]:
    """Shards for every ``(input, output)`` pair, in input order."""
    shards: list[Shard] = []
    for src, dst in pairs:
        f = detect_format(src, fmt)
        ranges = _ranges(Path(src), f, shard_bytes)
        for k, (a, b) in enumerate(ranges):
            shards.append(Shard(len(shards), str(src), str(dst), f, a, b, k, len(ranges)))
    return shards
