"""Machine-independent cost: CPU instructions per KB, counted by valgrind.

    python bench/instr.py [--rec NAME[,NAME]] [--docs 300]

Wall and CPU times on a shared machine move by 2x; instruction counts do not, so
small speed changes are judged here (then confirmed with bench/throughput.py). For
each recognizer named (default: the whole ``Anonymizer(rules_only=True).anonymize``
pipeline, ``--rec all`` for every recognizer alone), runs the work under
``valgrind --tool=cachegrind`` twice, with and without the counted part, and
reports the difference per KB of the realistic prose corpus (contexts and the shared
skeleton facts built outside the counted part and counted once, under ``context``).
Needs valgrind (apt install valgrind).
"""

from __future__ import annotations

import argparse
import json
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


def count(rec: str, docs: int, counted: bool) -> int:
    with tempfile.NamedTemporaryFile(suffix=".out") as out:
        cmd = [
            "valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={out.name}",
            sys.executable, __file__, "--inner", rec, "--docs", str(docs),
            *(["--counted"] if counted else []),
        ]  # fmt: skip
        p = subprocess.run(cmd, capture_output=True, text=True, check=False)
        m = re.search(r"I\s+refs:\s+([\d,]+)", p.stderr)
        if p.returncode or m is None:
            raise SystemExit(f"valgrind failed for {rec}:\n{p.stderr[-2000:]}")
        return int(m.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rec", default="pipeline")
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--inner", help=argparse.SUPPRESS)
    ap.add_argument("--counted", action="store_true", help=argparse.SUPPRESS)
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
        with ThreadPoolExecutor(2) as pool:  # the two runs side by side
            base_f = pool.submit(count, name, args.docs, False)
            full_f = pool.submit(count, name, args.docs, True)
            base, full = base_f.result(), full_f.result()
        print(f"{name:28s} {(full - base) / kb / 1000:9.1f} k instructions/KB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
