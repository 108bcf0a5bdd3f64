"""Sharded, resumable runs: the engine behind ``veil anonymize`` and ``deanonymize``.

Layout of a run (``OUT.veil-run/`` next to an output file, ``OUT/.veil-run/``
inside an output directory)::

    plan.json            the shard plan and a fingerprint of inputs, options, policy, key
    parts/000007[.gz]    shard 7's output, renamed into place when complete
    parts/000007.q.jsonl its quarantine rows (line numbers relative to the shard)
    done/000007.json     the manifest entry: written (atomically) after the part, with
                         the shard's stats and line count
    final.json           written once every output is in place: the merged stats

Workers write parts; the parent never handles records. When every shard of a
file is done, the parent concatenates its parts in order into the output (a
temp file renamed over it; Parquet parts are re-assembled row group by row group)
and merges the quarantine rows with absolute line numbers. Then ``final.json``
is written and the run directory removed.

A kill at any point leaves complete parts and manifest entries only (a part
without its entry is redone), so ``--resume`` runs the missing shards and
produces the very bytes of an uninterrupted run: the plan does not depend on
the number of workers, and each part depends only on its shard.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import multiprocessing as mp
import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..errors import ConfigError, InputError, OutputError
from ..io.formats import field_spec, open_reader, open_writer
from ..io.open import AtomicOutput, compression_of
from ..io.quarantine import QuarantineWriter, Rejected, default_quarantine_path
from ..report.stats import Stats
from .shards import Shard, plan_shards
from .step import Step, run_all

__all__ = ["Job", "RunDir", "ShardedRun", "run_shard", "stats_from_json", "stats_to_json"]

log = logging.getLogger("veil")

CHUNK = 256  # records between progress reports
PLAN_VERSION = 2  # 2: default shards of a sixty-fourth of a file
Progress = Callable[[int, int], None]  # (records, bytes) increments


# -- stats <-> JSON ----------------------------------------------------------------
def stats_to_json(st: Stats) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(Stats):
        v = getattr(st, f.name)
        out[f.name] = dict(v) if isinstance(v, Counter) else v
    return out


def stats_from_json(d: dict[str, Any]) -> Stats:
    st = Stats()
    for f in fields(Stats):
        if f.name in d:
            cur = getattr(st, f.name)
            setattr(st, f.name, Counter(d[f.name]) if isinstance(cur, Counter) else d[f.name])
    return st


def _write_json(path: Path, obj: Any) -> None:
    with AtomicOutput(path) as out:
        out.stream.write(json.dumps(obj, sort_keys=True).encode("utf-8"))


# -- the run directory -------------------------------------------------------------
@dataclass(frozen=True)
class Job:
    """What every shard of a run shares (picklable)."""

    run_dir: str
    fields: tuple[str, ...] | None = None
    mode: str = "anonymize"
    on_missing: str = "quarantine"


class RunDir:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.parts = self.path / "parts"
        self.done_dir = self.path / "done"

    def part(self, shard: Shard) -> Path:
        suffix = {"gzip": ".gz", "zstd": ".zst"}.get(compression_of(shard.dst) or "", "")
        if shard.fmt == "parquet":
            suffix = ".parquet"
        return self.parts / f"{shard.index:06d}{suffix}"

    def quarantine(self, shard: Shard) -> Path:
        return self.parts / f"{shard.index:06d}.q.jsonl"

    def done(self, shard: Shard) -> Path:
        return self.done_dir / f"{shard.index:06d}.json"

    def load_done(self, shard: Shard) -> dict[str, Any] | None:
        p = self.done(shard)
        if not p.exists() or not self.part(shard).exists():
            return None
        try:
            d = json.loads(p.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if d.get("quarantined") and not self.quarantine(shard).exists():
            return None
        return d

    @staticmethod
    def for_output(out: str | Path, out_is_dir: bool) -> RunDir:
        o = Path(out)
        return RunDir(o / ".veil-run" if out_is_dir else Path(str(o) + ".veil-run"))


# -- one shard (runs in a worker) --------------------------------------------------
def open_shard_reader(shard: Shard, flds: Sequence[str] | None) -> Any:
    if shard.whole:
        return open_reader(shard.fmt, shard.src, flds)
    if shard.fmt == "jsonl":
        from ..io.jsonl import JsonlReader

        return JsonlReader(shard.src, byte_range=(shard.start, shard.end))
    if shard.fmt == "txt":
        from ..io.text import TextReader

        return TextReader(shard.src, byte_range=(shard.start, shard.end))
    if shard.fmt == "parquet":
        from ..io.parquet import ParquetReader

        return ParquetReader(shard.src, flds, row_groups=(shard.start, shard.end))
    raise ConfigError(f"{shard.src}: {shard.fmt} files are not split")  # never planned


def run_shard(anon: Any, job: Job, shard: Shard, progress: Progress | None = None) -> dict:
    """Process one shard into its part file; write and return its manifest entry."""
    rd = RunDir(job.run_dir)
    t0 = time.perf_counter()
    flds = list(job.fields) if job.fields else None
    reader = open_shard_reader(shard, flds)
    writer = None
    qw = QuarantineWriter(rd.quarantine(shard))
    stats = Stats(files=1 if shard.part == 0 else 0)
    try:
        step = Step(reader.codec(), field_spec(reader, flds, job.on_missing), job.mode)
        writer = open_writer(shard.fmt, rd.part(shard), reader)
        last = 0
        docs: list[Any] = []
        for doc in reader:
            docs.append(doc)
            if len(docs) >= CHUNK:
                last = _flush(run_all(step, anon, docs, stats), writer, qw, reader, progress, last)
                docs = []
        _flush(run_all(step, anon, docs, stats), writer, qw, reader, progress, last)
        stats.bytes_in = reader.bytes_read
        writer.commit()
        stats.bytes_out = writer.bytes_written
        qw.close(ok=True)
    except BaseException:
        if writer is not None:
            writer.abort()
        qw.close(ok=False)
        raise
    finally:
        close = getattr(reader, "close", None)
        if close is not None:
            close()
    stats.elapsed_s = time.perf_counter() - t0
    entry = {
        "shard": shard.index,
        "lines": int(getattr(reader, "lines", 0)),
        "quarantined": qw.count,
        "stats": stats_to_json(stats),
    }
    _write_json(rd.done(shard), entry)
    return entry


def _flush(
    outs: list[Any], writer: Any, qw: QuarantineWriter, reader: Any, progress: Any, last: int
) -> int:
    if outs:
        writer.write_many(outs)
        for o in outs:
            if isinstance(o, Rejected):
                qw.write(o)
    now = reader.bytes_read
    if progress is not None:
        progress(len(outs), now - last)
    return now


# -- the local process pool --------------------------------------------------------
_STATE: dict[str, Any] = {}


def _init_worker(spec: Any, counters: Any) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if "anon" not in _STATE or _STATE.get("spec") is not spec:  # spawn: build once
        _STATE["anon"] = spec.build()
        _STATE["spec"] = spec
    _STATE["counters"] = counters


def _report(records: int, nbytes: int) -> None:
    recs, byts = _STATE["counters"]
    with recs.get_lock():
        recs.value += records
    with byts.get_lock():
        byts.value += nbytes


def _pool_task(job: Job, shard: Shard) -> dict:
    return run_shard(_STATE["anon"], job, shard, _report)


def run_local(
    anon: Any,
    spec: Any,
    job: Job,
    shards: Sequence[Shard],
    jobs: int,
    progress: Progress | None = None,
) -> list[dict]:
    """Run ``shards`` in this process (``jobs == 1``) or a pool of ``jobs`` processes."""
    if jobs <= 1 or len(shards) <= 1:
        return [run_shard(anon, job, s, progress) for s in shards]
    method = "fork" if sys.platform == "linux" else "spawn"
    ctx = mp.get_context(method)
    counters = (ctx.Value("q", 0), ctx.Value("q", 0))
    if method == "fork":  # children inherit the built Anonymizer: one load in all
        _STATE["anon"], _STATE["spec"] = anon, spec
        gc.freeze()  # the children's collector leaves inherited objects (and their pages) alone
    try:
        pool = ctx.Pool(min(jobs, len(shards)), initializer=_init_worker, initargs=(spec, counters))
    finally:
        if method == "fork":
            gc.unfreeze()
    seen = [0, 0]

    def poll() -> None:
        r, b = counters[0].value, counters[1].value
        if progress is not None and (r != seen[0] or b != seen[1]):
            progress(r - seen[0], b - seen[1])
        seen[0], seen[1] = r, b

    try:
        pending = [pool.apply_async(_pool_task, (job, s)) for s in shards]
        results = []
        while pending:  # collect as shards finish; a failed shard stops the run at once
            pending[0].wait(0.05)
            poll()
            still = []
            for res in pending:
                if res.ready():
                    results.append(res.get())  # re-raises the worker's error
                else:
                    still.append(res)
            pending = still
        poll()
        pool.close()
        pool.join()
        return results
    finally:
        pool.terminate()
        _STATE.pop("anon", None)
        _STATE.pop("spec", None)


# -- the whole run -----------------------------------------------------------------
def _policy_digest(anon: Any) -> str:
    h = hashlib.sha256(repr(anon.policy).encode("utf-8"))
    src = Path(str(anon.policy.source))
    if src.is_file():
        h.update(src.read_bytes())
    h.update(str(anon.key_fingerprint).encode())
    h.update(str(getattr(anon.policy, "rules_only", "")).encode())
    return h.hexdigest()


class ShardedRun:
    """Plan, run (or resume) and assemble one ``anonymize``/``deanonymize`` run.

    ``pairs``: ``(input, output)`` files; ``quarantine``: the quarantine path for
    a single-file run (default: ``OUT.quarantine.jsonl`` per output).
    """

    def __init__(
        self,
        pairs: Sequence[tuple[Path, Path]],
        run_dir: RunDir,
        *,
        fmt: str | None = None,
        fields: Sequence[str] | None = None,
        mode: str = "anonymize",
        on_missing: str = "quarantine",
        quarantine: str | Path | None = None,
        shard_bytes: int | None = None,
    ) -> None:
        self.pairs = [(Path(a), Path(b)) for a, b in pairs]
        self.run_dir = run_dir
        self.fmt = None if fmt in (None, "auto") else fmt
        self.job = Job(str(run_dir.path), tuple(fields) if fields else None, mode, on_missing)
        self.quarantine = Path(quarantine) if quarantine else None
        self.shard_bytes = shard_bytes
        self.shards = plan_shards(self.pairs, self.fmt, shard_bytes)
        self.quarantine_files: list[str] = []

    # -- planning ----------------------------------------------------------------
    def check_inputs(self) -> None:
        """Fail fast on CSV/Parquet columns missing from --fields (and unreadable files)."""
        flds = list(self.job.fields) if self.job.fields else None
        for s in self.shards:
            if s.part == 0 and s.fmt in ("csv", "parquet"):
                r = open_reader(s.fmt, s.src, flds)
                close = getattr(r, "close", None)
                if close is not None:
                    close()

    def fingerprint(self, anon: Any) -> str:
        inputs = []
        for src, _ in self.pairs:
            st = src.stat()
            inputs.append([str(src), st.st_size, st.st_mtime_ns])
        doc = {
            "version": PLAN_VERSION,
            "job": [self.job.fields, self.job.mode, self.job.on_missing],
            "quarantine": str(self.quarantine) if self.quarantine else None,
            "inputs": inputs,
            "shards": [s.to_dict() for s in self.shards],
            "policy": _policy_digest(anon),
        }
        return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()

    def _prepare(self, anon: Any, resume: bool) -> dict[str, Any] | None:
        """Create or reopen the run directory; the final stats if it had finished."""
        rd = self.run_dir
        fp = self.fingerprint(anon)
        plan_file = rd.path / "plan.json"
        if rd.path.exists():
            old = None
            try:
                old = json.loads(plan_file.read_text("utf-8")).get("fingerprint")
            except (OSError, ValueError):
                pass
            if resume and old is not None and old != fp:
                raise ConfigError(
                    f"{rd.path}: this unfinished run was started with other inputs, options, "
                    "policy or key; remove it, or run without --resume to start over"
                )
            if not resume or old is None:
                if old is not None:
                    log.warning("%s: discarding an unfinished run (use --resume)", rd.path)
                shutil.rmtree(rd.path)
            else:
                final = rd.path / "final.json"
                if final.exists():
                    try:
                        return json.loads(final.read_text("utf-8"))
                    except ValueError:
                        pass
        for d in (rd.path, rd.parts, rd.done_dir):
            try:
                d.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # read-only or full output directory
                raise OutputError(
                    f"{d}: cannot create the run directory ({exc.strerror})"
                ) from None
        for tmp in rd.path.rglob(".*.tmp"):
            tmp.unlink(missing_ok=True)
        for _, dst in self.pairs:  # temp files of an interrupted assembly
            for q in (dst, self._quarantine_path(dst)):
                for tmp in q.parent.glob(f".{q.name}.*.tmp"):
                    tmp.unlink(missing_ok=True)
        if not plan_file.exists():
            _write_json(plan_file, {"fingerprint": fp, "shards": len(self.shards)})
        return None

    def _quarantine_path(self, dst: Path) -> Path:
        if self.quarantine is not None and len(self.pairs) == 1:
            return self.quarantine
        return default_quarantine_path(dst)

    # -- running -----------------------------------------------------------------
    def run(
        self,
        anon: Any,
        spec: Any,
        *,
        jobs: int = 1,
        resume: bool = False,
        engine: str = "local",
        progress: Progress | None = None,
        ray_address: str | None = None,
    ) -> Stats:
        """Run (or finish) the run; the merged stats of every shard."""
        self.check_inputs()
        finished = self._prepare(anon, resume)
        if finished is not None:
            self.quarantine_files = finished["quarantine_files"]
            shutil.rmtree(self.run_dir.path, ignore_errors=True)
            return stats_from_json(finished["stats"])
        rd = self.run_dir
        entries: dict[int, dict] = {}
        todo: list[Shard] = []
        for s in self.shards:
            d = rd.load_done(s) if resume else None
            if d is None:
                todo.append(s)
            else:
                entries[s.index] = d
                if progress is not None:
                    st = d["stats"]
                    progress(st["records_in"], st["bytes_in"])
        if entries:
            log.info("resuming: %d of %d shards already done", len(entries), len(self.shards))
        try:
            if engine == "ray":
                from ..ray import run_shards

                results = run_shards(spec, self.job, todo, jobs, address=ray_address)
                if progress is not None:
                    for d in results:
                        progress(d["stats"]["records_in"], d["stats"]["bytes_in"])
            else:
                results = run_local(anon, spec, self.job, todo, jobs, progress)
        except (InputError, ConfigError):
            # bad data or options: resuming cannot help (a fixed input is a new plan)
            shutil.rmtree(rd.path, ignore_errors=True)
            raise
        for d in results:
            entries[d["shard"]] = d
        total = Stats()
        for s in self.shards:
            total.merge(stats_from_json(entries[s.index]["stats"]))
        self._assemble(entries)
        _write_json(
            rd.path / "final.json",
            {"stats": stats_to_json(total), "quarantine_files": self.quarantine_files},
        )
        shutil.rmtree(rd.path, ignore_errors=True)
        return total

    # -- assembling --------------------------------------------------------------
    def _assemble(self, entries: dict[int, dict]) -> None:
        by_file: dict[str, list[Shard]] = {}
        for s in self.shards:
            by_file.setdefault(s.dst, []).append(s)
        self.quarantine_files = []
        for dst, shards in by_file.items():
            self._assemble_output(Path(dst), shards)
            q = self._assemble_quarantine(Path(dst), shards, entries)
            if q is not None:
                self.quarantine_files.append(str(q))

    def _assemble_output(self, dst: Path, shards: list[Shard]) -> None:
        rd = self.run_dir
        if shards[0].fmt == "parquet":
            _assemble_parquet(dst, [rd.part(s) for s in shards], shards[0].src)
            return
        if len(shards) == 1 and _link_over(rd.part(shards[0]), dst):
            return
        out = AtomicOutput(dst, compress=False)
        try:
            for s in shards:
                with open(rd.part(s), "rb") as f:
                    shutil.copyfileobj(f, out.stream, 1 << 20)
        except OSError as exc:
            out.abort()
            raise OutputError(f"{dst}: cannot assemble the output ({exc.strerror})") from None
        except BaseException:
            out.abort()
            raise
        out.commit()

    def _assemble_quarantine(
        self, dst: Path, shards: list[Shard], entries: dict[int, dict]
    ) -> Path | None:
        if not any(entries[s.index]["quarantined"] for s in shards):
            return None
        path = self._quarantine_path(dst)
        offset = 0
        with AtomicOutput(path) as out:
            for s in shards:
                e = entries[s.index]
                if e["quarantined"]:
                    with open(self.run_dir.quarantine(s), "rb") as f:
                        for line in f:
                            row = json.loads(line)
                            row["line"] += offset
                            out.stream.write(
                                json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode()
                                + b"\n"
                            )
                offset += e["lines"]
        return path


def _assemble_parquet(dst: Path, parts: list[Path], src: str) -> None:
    import pyarrow.parquet as pq

    try:
        schema = pq.ParquetFile(src).schema_arrow
    except Exception as exc:
        raise InputError(f"{src}: not a readable Parquet file ({type(exc).__name__})") from None
    out = AtomicOutput(dst, compress=False)
    writer = pq.ParquetWriter(out.stream, schema)
    try:
        for p in parts:
            pf = pq.ParquetFile(p)
            for i in range(pf.num_row_groups):
                writer.write_table(pf.read_row_group(i))
            pf.close()
        writer.close()
    except BaseException:
        try:
            writer.close()
        finally:
            out.abort()
        raise
    out.commit()


def _link_over(part: Path, dst: Path) -> bool:
    """Put a one-part file in place without copying it: a hard link under a temp
    name, renamed over ``dst`` (False where links are not possible: copy then)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.parent / f".{dst.name}.link.tmp"
    try:
        tmp.unlink(missing_ok=True)
        os.link(part, tmp)
        os.replace(tmp, dst)
    except OSError:
        tmp.unlink(missing_ok=True)
        return False
    return True
