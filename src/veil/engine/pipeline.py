"""One input file through a step to one output file: read -> run -> write.

The output and the quarantine file are written to temp files and renamed only
when the whole input was read; on any error both are discarded, so an output
never looks complete when it is not. The returned :class:`Stats` satisfy
``records_in == records_out + records_quarantined``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..io.formats import EXTENSIONS, detect_format, field_spec, open_reader, open_writer
from ..io.open import strip_compression
from ..io.quarantine import QuarantineWriter, Rejected, default_quarantine_path
from ..report.stats import Stats
from .local import LocalRunner
from .step import Step

__all__ = ["expand_inputs", "process_file"]

Progress = Callable[[int, int], None]  # (records done, bytes read) increments


def process_file(
    runner: LocalRunner,
    in_path: str | Path,
    out_path: str | Path | None,
    *,
    fmt: str | None = None,
    fields: Sequence[str] | None = None,
    mode: str = "anonymize",
    show: bool = False,
    on_missing: str = "quarantine",
    quarantine: str | Path | None = None,
    progress: Progress | None = None,
    on_outcomes: Callable[[list[Any]], None] | None = None,
) -> Stats:
    """Process one file. ``out_path`` None (scan) writes nothing;
    ``on_outcomes`` sees each chunk's outcomes (scan hits)."""
    fmt = detect_format(in_path, fmt)
    t0 = time.perf_counter()
    reader = open_reader(fmt, in_path, fields)
    writer = None
    qw = None
    stats = Stats(files=1)
    try:
        step = Step(reader.codec(), field_spec(reader, fields, on_missing), mode, show)
        if out_path is not None:
            writer = open_writer(fmt, out_path, reader)
            qw = QuarantineWriter(quarantine or default_quarantine_path(out_path))
        last_bytes = 0
        for outcomes, st in runner.map(step, reader):
            if writer is not None:
                writer.write_many(outcomes)
            if qw is not None and st.records_quarantined:
                for o in outcomes:
                    if isinstance(o, Rejected):
                        qw.write(o)
            if on_outcomes is not None:
                on_outcomes(outcomes)
            stats.merge(st)
            if progress is not None:
                now = reader.bytes_read
                progress(st.records_in, now - last_bytes)
                last_bytes = now
        stats.bytes_in = reader.bytes_read
        if writer is not None:
            writer.commit()
            stats.bytes_out = writer.bytes_written
        if qw is not None:
            qw.close(ok=True)
    except BaseException:
        if writer is not None:
            writer.abort()
        if qw is not None:
            qw.close(ok=False)
        raise
    finally:
        close = getattr(reader, "close", None)
        if close is not None:
            close()
    stats.elapsed_s = time.perf_counter() - t0
    return stats


def expand_inputs(path: str | Path, out: str | Path | None) -> Iterator[tuple[Path, Path | None]]:
    """``(input, output)`` pairs: the file itself, or every file of a known format
    under a directory (sorted), mirrored under ``out``."""
    p = Path(path)
    if not p.is_dir():
        yield p, Path(out) if out is not None else None
        return
    for f in sorted(q for q in p.rglob("*") if q.is_file()):
        if f.name.startswith(".") or f.name.endswith(".quarantine.jsonl"):
            continue
        if Path(strip_compression(f.name)).suffix.lower() not in EXTENSIONS:
            continue
        yield f, (Path(out) / f.relative_to(p)) if out is not None else None
