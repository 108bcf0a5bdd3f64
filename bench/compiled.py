"""What compiling the detectors buys: mypyc-compiled ``veil.detect`` against plain CPython.

    python bench/compiled.py [--pairs 3] [--no-check]

Copies ``src/`` to a temporary folder and compiles every module of ``veil.detect``
there with mypyc (all but ``base.py``, whose runtime-checkable Protocol mypyc cannot
compile, and the package ``__init__`` files), then:

* checks that the compiled detectors find exactly what the plain ones find (every
  recognizer's spans on the texts of ``bench/spans_diff.py``; skip with ``--no-check``);
* times the rules-only pipeline the way ``bench/ab.py`` does, alternating fresh
  processes (plain, compiled, plain, ...), and prints us/KB per pair and the
  compiled/plain ratios.

This is a measurement, not a build: Veil ships and tests the plain modules. It needs
mypy (the bench extra) and a C compiler.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import ab
from _veil import ROOT, ensure_corpus


def compile_detect(dest: Path) -> Path:
    """A copy of ``src/`` under ``dest`` with ``veil.detect`` compiled in place."""
    src = dest / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    detect = src / "veil" / "detect"
    modules = sorted(
        str(p.relative_to(src))
        for p in detect.rglob("*.py")
        if p.name != "__init__.py" and p != detect / "base.py"
    )
    cmd = [sys.executable, "-m", "mypyc", "--ignore-missing-imports", *modules]
    p = subprocess.run(cmd, cwd=src, capture_output=True, text=True, check=False)
    if p.returncode or not list(detect.glob("*.so")):
        raise SystemExit(f"mypyc failed:\n{(p.stdout + p.stderr)[-3000:]}")
    return src


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--no-check", action="store_true", help="skip the same-spans check")
    args = ap.parse_args(argv)
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        raise SystemExit("no C compiler (apt install build-essential)")
    try:
        import mypyc  # noqa: F401
    except ImportError:
        raise SystemExit("mypyc is not installed (pip install -e '.[bench]')") from None
    ensure_corpus(ab.CORPUS, 2000, prose=True)
    with tempfile.TemporaryDirectory() as tmp:
        print("compiling veil.detect with mypyc ...", flush=True)
        compiled = compile_detect(Path(tmp))
        if not args.no_check:
            spans = [sys.executable, str(ROOT / "bench" / "spans_diff.py")]
            base = str(Path(tmp) / "plain_spans")
            subprocess.run(
                [*spans, "record", "--src", str(ROOT / "src"), "--out", base],
                check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            check = subprocess.run([*spans, "check", "--src", str(compiled), "--out", base])
            if check.returncode:
                print("the compiled detectors find something else: see above")
                return 1
        ab.alternate(("plain", ROOT / "src"), ("compiled", compiled), args.pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
