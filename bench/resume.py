"""The resume test: kill -9 `veil anonymize` at random points, resume, compare checksums.

    python bench/resume.py                       # 5 kills, -j 2, 20 MB corpus
    python bench/resume.py --kills 5 --mb 50 --seed 3

1. An uninterrupted reference run of the corpus (bench/data/prose.jsonl repeated
   up to --mb MB, with a few malformed lines so the quarantine is exercised).
2. The same command is started, killed with SIGKILL (its whole process group:
   the CLI and its workers) after a random delay, then restarted with
   --resume, --kills times. The delays are drawn uniformly over the reference
   run's wall time, so kills land in every phase (startup, shards, assembly).
   A start that finishes before its kill is not counted (the next start is then
   a new run, killed in turn), until --kills starts were really killed.
3. A last --resume runs to completion. The output and the quarantine file must
   have the SHA-256 of the reference, and the summary the same record counts.

Every run uses one frozen copy of src/veil, taken at the start. Results:
bench/out/resume.json; exit status 1 if anything differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
OUT = ROOT / "out" / "resume"
sys.path.insert(0, str(ROOT))
from _proc import snapshot_env  # noqa: E402

from scale import base_corpus  # noqa: E402


def corpus(mb: int, docs: int) -> Path:
    target = ROOT / "data" / f"resume-{mb}mb.jsonl"
    want = mb * 1_000_000
    if target.exists() and target.stat().st_size >= want:
        return target
    base = base_corpus(docs).read_bytes().splitlines(keepends=True)
    with open(target, "wb") as f:
        n, i = 0, 0
        while n < want:
            line = base[i % len(base)]
            if i % 997 == 11:
                line = b'{"text": "truncated\n'  # malformed: quarantined
            f.write(line)
            n += len(line)
            i += 1
    return target


def digest(path: Path) -> str | None:
    if not path.exists():
        return None
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--mb", type=int, default=20)
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--shard-size", default="1M")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    src = corpus(args.mb, args.docs)
    OUT.mkdir(parents=True, exist_ok=True)

    def cmd(out: Path, resume: bool) -> list[str]:
        c = [sys.executable, "-m", "veil", "anonymize", str(src), "-o", str(out)]
        c += ["--rules-only", "--no-progress", "--no-report", "-j", str(args.jobs)]
        c += ["--shard-size", args.shard_size] + (["--resume"] if resume else [])
        return c

    env = snapshot_env()  # every run uses the same frozen copy of src/veil
    ref = OUT / "reference.jsonl"
    t0 = time.perf_counter()
    r = subprocess.run(cmd(ref, False), capture_output=True, check=True, env=env)
    took = time.perf_counter() - t0
    ref_summary = json.loads(r.stdout)
    print(
        f"reference: {took:.1f}s, {ref_summary['shards']} shards, {ref_summary['records']}",
        flush=True,
    )

    out = OUT / "killed.jsonl"
    for p in (out, Path(str(out) + ".quarantine.jsonl")):
        p.unlink(missing_ok=True)
    run_dir = Path(str(out) + ".veil-run")
    rng = random.Random(args.seed)
    kills = []
    k = 0
    while sum(x["killed"] for x in kills) < args.kills and k < 3 * args.kills:
        delay = rng.uniform(0.02, 1.0) * took
        p = subprocess.Popen(
            cmd(out, k > 0),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=env,
        )
        time.sleep(delay)
        finished = p.poll() is not None
        if not finished:
            os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        done = len(list((run_dir / "done").glob("*.json"))) if run_dir.exists() else None
        kills.append({"delay_s": round(delay, 2), "killed": not finished, "shards_done": done})
        k += 1
        state = "killed" if not finished else "had finished (the next start is a new run)"
        print(f"start {k}: after {delay:.2f}s {state}; shards done: {done}", flush=True)
    r = subprocess.run(cmd(out, True), capture_output=True, check=True, env=env)
    summary = json.loads(r.stdout)
    q_ref, q_out = (Path(str(p) + ".quarantine.jsonl") for p in (ref, out))
    result = {
        "corpus": str(src),
        "bytes": src.stat().st_size,
        "reference_s": round(took, 2),
        "kills": kills,
        "sha256_reference": digest(ref),
        "sha256_resumed": digest(out),
        "quarantine_identical": digest(q_ref) == digest(q_out),
        "records_reference": ref_summary["records"],
        "records_resumed": summary["records"],
    }
    result["identical"] = (
        result["sha256_reference"] == result["sha256_resumed"]
        and result["quarantine_identical"]
        and ref_summary["records"] == summary["records"]
    )
    print(json.dumps(result, indent=2))
    (ROOT / "out" / "resume.json").write_text(json.dumps(result, indent=2))
    for p in (ref, out, q_ref, q_out):
        p.unlink(missing_ok=True)
    return 0 if result["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
