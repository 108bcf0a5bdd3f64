"""Machine-independent cost: CPU instructions per KB, counted by valgrind.

    python bench/instr.py [--rec NAME[,NAME]] [--docs 300]

Wall and CPU times on a shared machine move by 2x; instruction counts do not, so
small speed changes are judged here (then confirmed with bench/throughput.py). For
each recognizer named (default: the whole ``Anonymizer(rules_only=True).anonymize``
pipeline text by text, ``--rec batch`` for ``anonymize_batch`` over the same texts,
``--rec all`` for every recognizer alone), runs the work under
``valgrind --tool=cachegrind`` twice, with and without the counted part, and
reports the difference per KB of the realistic prose corpus (contexts and the shared
skeleton facts built outside the counted part and counted once, under ``context``).
``--functions N`` also prints the N C functions that the counted part spends the most
instructions in (cg_diff of the two runs): the regex engine (``sre_*``), the
interpreter loop, allocation. Needs valgrind (apt install valgrind).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from _veil import ROOT, ensure_corpus

CORPUS = ROOT / "bench" / "data" / "prose_2000.jsonl"


def inner(rec: str, docs: int, counted: bool) -> None:
    """The work run under valgrind: set-up, warm-up and the contexts of ``docs``
    documents, then (if ``counted``) the recognizer or pipeline over them."""
    from veil import Anonymizer
    from veil.detect._scan import facts
    from veil.detect.base import Context

    with CORPUS.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    anon = Anonymizer(rules_only=True)
    # warm-up on the counted documents themselves: lazy loads (phone metadata per
    # region, name lists) are then outside the count
    timed = texts[100 : 100 + docs]
    if rec == "pipeline":
        for t in timed:
            anon.anonymize(t)
        for t in timed if counted else ():
            anon.anonymize(t)
        return
    if rec == "batch":
        list(anon.anonymize_batch(timed))
        if counted:
            list(anon.anonymize_batch(timed))
        return
    allow, region = anon.analyzer.allow, anon.analyzer.region
    recs = [x for x in anon.analyzer.recognizers if x.name == rec]
    for r in recs:
        for t in timed:
            list(r.analyze(t, Context(t, allow, region)))
    ctxs = [Context(t, allow, region) for t in timed]  # fresh: no per-text caches
    for c in ctxs:  # shared facts, built outside the count (see "context")
        f = facts(c)
        _ = c.lower, c.has_digits, f.regions, f.alpha_digit, f.tokens
    if rec == "context":
        for t in timed if counted else ():
            c = Context(t, allow, region)
            f = facts(c)
            _ = c.lower, c.has_digits, f.regions, f.alpha_digit, f.tokens
        return
    for r in recs:
        for t, c in zip(timed, ctxs, strict=True) if counted else ():
            list(r.analyze(t, c))


def count(rec: str, docs: int, counted: bool, out: str) -> int:
    cmd = [
        "valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={out}",
        sys.executable, __file__, "--inner", rec, "--docs", str(docs),
        *(["--counted"] if counted else []),
    ]  # fmt: skip
    # one hash seed for both runs: dict and set layouts (and so their lookup costs)
    # then match, which steadies the difference by a few k per KB
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    p = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    m = re.search(r"I\s+refs:\s+([\d,]+)", p.stderr)
    if p.returncode or m is None:
        raise SystemExit(f"valgrind failed for {rec}:\n{p.stderr[-2000:]}")
    return int(m.group(1).replace(",", ""))


def top_functions(base: str, full: str, n: int, kb: float) -> None:
    """The ``n`` functions with the most instructions in ``full`` minus ``base``."""
    with tempfile.NamedTemporaryFile(suffix=".diff") as diff:
        with open(diff.name, "w") as f:
            subprocess.run(["cg_diff", base, full], stdout=f, check=True)
        ann = subprocess.run(
            ["cg_annotate", "--auto=no", diff.name], capture_output=True, text=True, check=True
        ).stdout
    rows = []
    for line in ann.splitlines():
        m = re.match(r"\s*(-?[\d,]+)\s+\(\s*(-?[\d.]+)%\)\s+(\S.*)", line)
        if m and "PROGRAM TOTALS" not in line:
            where = m.group(3).rsplit("/", 1)[-1]
            rows.append((int(m.group(1).replace(",", "")), m.group(2), where))
    for ir, pct, where in rows[:n]:
        print(f"    {ir / kb / 1000:8.1f} k/KB {pct:>6s}%  {where}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rec", default="pipeline")
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--inner", help=argparse.SUPPRESS)
    ap.add_argument("--counted", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--functions", type=int, default=0, metavar="N",
                    help="also print the N costliest C functions")  # fmt: skip
    args = ap.parse_args(argv)
    if args.inner:
        inner(args.inner, args.docs, args.counted)
        return 0
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt install valgrind)")
    ensure_corpus(CORPUS, 2000, prose=True)
    with CORPUS.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    kb = sum(len(t.encode()) for t in texts[100 : 100 + args.docs]) / 1000
    names = args.rec.split(",")
    if names == ["all"]:
        from veil import Anonymizer

        names = ["context", *(r.name for r in Anonymizer(rules_only=True).analyzer.recognizers)]
    for name in names:
        with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(2) as pool:
            outs = f"{tmp}/base.out", f"{tmp}/full.out"
            base_f = pool.submit(count, name, args.docs, False, outs[0])  # side by side
            full_f = pool.submit(count, name, args.docs, True, outs[1])
            base, full = base_f.result(), full_f.result()
            print(f"{name:28s} {(full - base) / kb / 1000:9.1f} k instructions/KB", flush=True)
            if args.functions:
                top_functions(*outs, args.functions, kb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
