"""Faults: kill -9, a full disk, a read-only output directory, a corrupt shard.

For each: a clear error (exit code and one ``veil: error:`` line, no traceback),
no partial output that looks complete (outputs appear only by an atomic rename),
and a working ``--resume`` that gives the very bytes of an uninterrupted run.
The CLI runs in a subprocess (``python -m veil``), as a user would run it.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # subprocesses: ~1 s of start-up each

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
ENV.pop("VEIL_KEY", None)

LINES = [
    "Contact Jane Doe at jane.doe@gmail.com or +44 20 7946 0958 about the invoice.",
    "The meeting moved to Tuesday; nothing personal here at all, just plain prose.",
    "Server 10.1.2.3 rejected the login for user jdoe42 at 12 March 2024.",
    "Card 5500 0000 0000 0004 was charged; IBAN GB82 WEST 1234 5698 7654 32 refunded.",
]


def make_input(path: Path, n: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    rows = (json.dumps({"id": i, "text": rng.choice(LINES) + f" #{i}"}) for i in range(n))
    data = ("\n".join(rows) + "\n").encode()
    if path.suffix == ".gz":
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)


def veil(*args: str, preexec=None, user: int | None = None, timeout: float = 120):
    return subprocess.run(
        [sys.executable, "-m", "veil", *args, "--no-progress"],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=timeout,
        preexec_fn=preexec,
        user=user,
    )


def clear_error(proc) -> None:
    assert proc.returncode in (1, 2), proc.stderr
    assert "veil: error:" in proc.stderr
    assert "Traceback" not in proc.stderr


def outputs(d: Path) -> list[str]:
    """Files that look like outputs (not hidden temp files, not the run directory)."""
    return sorted(
        str(p.relative_to(d))
        for p in d.rglob("*")
        if p.is_file() and ".veil-run" not in str(p) and not p.name.startswith(".")
    )


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """An uninterrupted run: the bytes every resumed run must reproduce."""
    d = tmp_path_factory.mktemp("ref")
    src = d / "in.jsonl"
    make_input(src, 3_000)
    proc = veil("anonymize", str(src), "-o", str(d / "out.jsonl"), "--shard-size", "32K")
    assert proc.returncode == 0, proc.stderr
    return src, (d / "out.jsonl").read_bytes()


def test_kill_9_then_resume(reference, tmp_path):
    src, expected = reference
    out = tmp_path / "out.jsonl"
    args = ["anonymize", str(src), "-o", str(out), "--shard-size", "32K"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "veil", *args, "--no-progress"],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    done = tmp_path / "out.jsonl.veil-run" / "done"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if done.is_dir() and any(done.iterdir()):
            break
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.skip("the run finished before it could be killed (machine too fast)")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not out.exists(), "a killed run left an output that looks complete"
    assert outputs(tmp_path) == []
    resumed = veil(*args, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == expected
    assert not (tmp_path / "out.jsonl.veil-run").exists()


def _limit_file_size(nbytes: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill

    return apply


def test_full_disk_then_resume(reference, tmp_path):
    src, expected = reference
    out = tmp_path / "out.jsonl"
    args = ["anonymize", str(src), "-o", str(out), "--shard-size", "32K"]
    full = veil(*args, preexec=_limit_file_size(len(expected) // 2))
    clear_error(full)
    assert "out.jsonl" in full.stderr  # names the output
    assert not out.exists()
    assert outputs(tmp_path) == []
    resumed = veil(*args, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == expected


def _mount(*args: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def _umount(d: Path) -> None:
    subprocess.run(["umount", str(d)], capture_output=True)


def test_full_tmpfs_then_resume(reference, tmp_path):
    """A real ENOSPC: the output directory is a tmpfs smaller than the output."""
    src, expected = reference
    small = tmp_path / "small"
    small.mkdir()
    if not _mount("-t", "tmpfs", "-o", f"size={len(expected) // 2}", "tmpfs", str(small)):
        pytest.skip("cannot mount a size-limited tmpfs here (needs root)")
    try:
        out = small / "out.jsonl"
        args = ["anonymize", str(src), "-o", str(out), "--shard-size", "32K"]
        full = veil(*args)
        clear_error(full)
        assert not out.exists()
        assert outputs(small) == []
        assert _mount("-o", f"remount,size={4 * len(expected)}", str(small))
        resumed = veil(*args, "--resume")
        assert resumed.returncode == 0, resumed.stderr
        assert out.read_bytes() == expected
    finally:
        _umount(small)


def test_read_only_output_directory(reference, tmp_path):
    src, expected = reference
    ro = tmp_path / "ro"
    ro.mkdir()
    if os.geteuid() == 0:  # root ignores permissions: a read-only mount instead
        if not _mount("-t", "tmpfs", "-o", "ro,size=16m", "tmpfs", str(ro)):
            pytest.skip("running as root and cannot mount a read-only tmpfs")
    else:
        os.chmod(ro, 0o555)
    try:
        args = ["anonymize", str(src), "-o", str(ro / "out.jsonl")]
        proc = veil(*args)
        clear_error(proc)
        assert str(ro) in proc.stderr
        assert list(ro.iterdir()) == []
        if os.geteuid() == 0:  # the fault goes away: the same command now works
            assert _mount("-o", "remount,rw", str(ro))
        else:
            os.chmod(ro, 0o755)
        again = veil(*args, "--resume")
        assert again.returncode == 0, again.stderr
        assert (ro / "out.jsonl").read_bytes() == expected
    finally:
        if os.geteuid() == 0:
            _umount(ro)
        else:
            os.chmod(ro, 0o755)


def test_corrupt_shard_in_the_middle_then_resume(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for i in range(3):
        make_input(data / f"part-{i}.jsonl.gz", 400, seed=i)
    good = (data / "part-1.jsonl.gz").read_bytes()
    (data / "part-1.jsonl.gz").write_bytes(good[: len(good) // 2])  # truncated gzip
    out = tmp_path / "out"
    proc = veil("anonymize", str(data), "-o", str(out))
    clear_error(proc)
    assert "part-1.jsonl.gz" in proc.stderr
    assert "part-1.jsonl.gz" not in " ".join(outputs(out) if out.exists() else [])
    (data / "part-1.jsonl.gz").write_bytes(good)  # the shard is fixed
    resumed = veil("anonymize", str(data), "-o", str(out), "--resume")
    assert resumed.returncode == 0, resumed.stderr
    fresh = tmp_path / "fresh"
    assert veil("anonymize", str(data), "-o", str(fresh)).returncode == 0
    for i in range(3):
        name = f"part-{i}.jsonl.gz"
        assert gzip.decompress((out / name).read_bytes()) == gzip.decompress(
            (fresh / name).read_bytes()
        )
