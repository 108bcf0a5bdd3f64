"""Run a command and measure it: wall time, CPU time of the whole process tree,
peak RSS of every process in it (sampled from /proc), load average."""

from __future__ import annotations

import os
import resource
import subprocess
import time
from pathlib import Path


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text()
            out.extend(int(x) for x in text.split())
    except OSError:
        pass
    return out


def _hwm(pid: int) -> int:
    """Peak resident set size of ``pid`` in bytes (VmHWM), 0 if gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` itself, 0 if gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def measure(cmd: list[str], env: dict | None = None, interval: float = 0.1) -> dict:
    """Run ``cmd``; wall seconds, CPU seconds (tree), peak RSS per process, load."""
    load0 = os.getloadavg()[0]
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
    )
    peaks: dict[int, int] = {}
    cpus: dict[int, float] = {}
    while p.poll() is None:
        stack = [p.pid]
        while stack:
            pid = stack.pop()
            peaks[pid] = max(peaks.get(pid, 0), _hwm(pid))
            cpus[pid] = max(cpus.get(pid, 0.0), _cpu(pid))
            stack.extend(_children(pid))
        time.sleep(interval)
    wall = time.perf_counter() - t0
    out, err = p.communicate()
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)  # includes the reaped workers
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    return {
        "cpu_s": cpu,
        "rc": p.returncode,
        "wall_s": wall,
        "stdout": out.decode("utf-8", "replace"),
        "stderr": err.decode("utf-8", "replace"),
        "peak_rss": {pid: v for pid, v in peaks.items() if v},
        "cpu_by_pid": cpus,  # last sample per process (within one interval of its end)
        "root_pid": p.pid,
        "load_before": load0,
        "load_after": os.getloadavg()[0],
    }


def snapshot_env() -> dict:
    """An environment whose ``veil`` is a frozen copy of ``src/veil`` (removed at
    exit), so that edits made to the tree while a bench runs cannot change it
    between configurations."""
    import atexit
    import shutil
    import tempfile

    src = Path(__file__).resolve().parent.parent / "src" / "veil"
    tmp = Path(tempfile.mkdtemp(prefix="veil-bench-"))
    shutil.copytree(src, tmp / "veil", ignore=shutil.ignore_patterns("__pycache__"))
    atexit.register(shutil.rmtree, tmp, True)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tmp) + os.pathsep + env.get("PYTHONPATH", "")
    return env
