"""Resuming interrupted runs: no duplicated and no missing record, same bytes."""

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from veil import Pattern, PatternRecognizer
from veil.engine import sharded
from veil.engine.local import AnonymizerSpec
from veil.engine.sharded import RunDir, ShardedRun
from veil.errors import ConfigError
from veil.policy import Policy
from veil.transform.tag import IndexedTag, Tag

EMAIL = PatternRecognizer(
    "TestEmail", "EMAIL", [Pattern("email", r"[\w.+-]+@[\w-]+\.[\w.]+", 0.9)], trigger="@"
)
SPEC = AnonymizerSpec(policy=Policy(default=IndexedTag()), recognizers=(EMAIL,))


def make_input(path, n=2000):
    lines = []
    for i in range(n):
        if i % 101 == 3:
            lines.append(b'{"text": oops')
        else:
            lines.append(json.dumps({"i": i, "text": f"a{i}@b.io and a{i + 1}@b.io"}).encode())
    path.write_bytes(b"\n".join(lines) + b"\n")


def go(src, out, resume=False, spec=SPEC, jobs=1):
    run = ShardedRun([(src, out)], RunDir.for_output(out, False), shard_bytes=4096)
    return run, run.run(spec.build(), spec, jobs=jobs, resume=resume)


@pytest.fixture
def reference(tmp_path):
    src = tmp_path / "in.jsonl"
    make_input(src)
    ref = tmp_path / "ref" / "out.jsonl"
    run, stats = go(src, ref)
    assert len(run.shards) > 15
    return src, ref, stats


def outputs(out):
    q = out.parent / (out.name + ".quarantine.jsonl")
    return out.read_bytes(), q.read_bytes()


def test_interrupted_run_resumes_to_identical_output(reference, tmp_path, monkeypatch):
    src, ref, ref_stats = reference
    out = tmp_path / "t" / "out.jsonl"
    calls = []
    real = sharded.run_shard

    def flaky(anon, job, shard, progress=None):
        calls.append(shard.index)
        if len(calls) == 6:
            raise KeyboardInterrupt
        return real(anon, job, shard, progress)

    monkeypatch.setattr(sharded, "run_shard", flaky)
    with pytest.raises(KeyboardInterrupt):
        go(src, out)
    assert not out.exists()
    rd = RunDir.for_output(out, False)
    assert len(list(rd.done_dir.iterdir())) == 5
    calls.clear()
    monkeypatch.setattr(sharded, "run_shard", real)
    _run, stats = go(src, out, resume=True)
    assert outputs(out) == outputs(ref)
    assert not rd.path.exists()
    assert (stats.records_in, stats.records_out, stats.quarantine, stats.labels) == (
        ref_stats.records_in,
        ref_stats.records_out,
        ref_stats.quarantine,
        ref_stats.labels,
    )


def test_part_without_manifest_entry_is_redone(reference, tmp_path, monkeypatch):
    src, ref, _ = reference
    out = tmp_path / "t" / "out.jsonl"
    real = sharded._write_json
    n = []

    def crash_before_entry(path, obj):  # the part is in place, its entry never written
        if "done" in str(path):
            n.append(1)
            if len(n) == 4:
                raise KeyboardInterrupt
        return real(path, obj)

    monkeypatch.setattr(sharded, "_write_json", crash_before_entry)
    with pytest.raises(KeyboardInterrupt):
        go(src, out)
    monkeypatch.setattr(sharded, "_write_json", real)
    go(src, out, resume=True)
    assert outputs(out) == outputs(ref)


def test_kill_after_final_marker_keeps_outputs(reference, tmp_path, monkeypatch):
    src, ref, ref_stats = reference
    out = tmp_path / "t" / "out.jsonl"

    def no_cleanup(path, ignore_errors=False):
        raise KeyboardInterrupt

    real = sharded.shutil.rmtree
    monkeypatch.setattr(sharded.shutil, "rmtree", no_cleanup)
    with pytest.raises(KeyboardInterrupt):
        go(src, out)
    monkeypatch.setattr(sharded.shutil, "rmtree", real)
    assert (RunDir.for_output(out, False).path / "final.json").exists()
    _, stats = go(src, out, resume=True)
    assert outputs(out) == outputs(ref) and stats.records_in == ref_stats.records_in
    assert not RunDir.for_output(out, False).path.exists()


def test_resume_refuses_a_different_run(reference, tmp_path, monkeypatch):
    src, ref, _ = reference
    out = tmp_path / "t" / "out.jsonl"
    real = sharded.run_shard
    calls = []

    def flaky(anon, job, shard, progress=None):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(anon, job, shard, progress)

    monkeypatch.setattr(sharded, "run_shard", flaky)
    with pytest.raises(KeyboardInterrupt):
        go(src, out)
    monkeypatch.setattr(sharded, "run_shard", real)
    other = AnonymizerSpec(policy=Policy(default=Tag()), recognizers=(EMAIL,))
    with pytest.raises(ConfigError, match="other inputs, options"):
        go(src, out, resume=True, spec=other)
    go(src, out)  # without --resume: start over
    assert outputs(out) == outputs(ref)


VEIL = [sys.executable, "-m", "veil"]


def cli(src, out, *extra):
    cmd = [*VEIL, "anonymize", str(src), "-o", str(out), "--rules-only", "--no-progress"]
    return [*cmd, "-j", "2", "--shard-size", "16K", *extra]


def test_kill_9_at_random_points_then_resume(tmp_path):
    src = tmp_path / "in.jsonl"
    make_input(src, 4000)
    ref = tmp_path / "ref" / "out.jsonl"
    t0 = time.perf_counter()
    subprocess.run(cli(src, ref), check=True, capture_output=True)
    took = time.perf_counter() - t0
    out = tmp_path / "t" / "out.jsonl"
    rng = random.Random(7)
    killed = 0
    for k in range(2):
        cmd = cli(src, out, *(["--resume"] if k else []))
        p = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        time.sleep(rng.uniform(0.3, 0.8) * took)
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            killed += 1
        p.wait()
    r = subprocess.run(cli(src, out, "--resume"), check=True, capture_output=True)
    assert killed >= 1
    summary = json.loads(r.stdout)
    assert summary["records"]["in"] == 4000 and summary["records"]["quarantined"] == 40
    assert outputs(out) == outputs(ref)
    leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == [] and not RunDir.for_output(out, False).path.exists()
