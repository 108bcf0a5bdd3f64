"""A/B timing of the rules-only pipeline: an older commit against the working tree.

    python bench/ab.py --against REV [--pairs 5]

On a shared machine absolute times move by 2x within minutes, so a before/after
comparison is only fair when both sides run close together: this checks REV out
into a temporary git worktree and alternates fresh processes (old, new, old,
new, ...), each timing ``Anonymizer(rules_only=True).anonymize`` over
bench/data/prose_2000.jsonl (best of two passes, CPU time after a warm-up), and
prints us/KB per pair and the new/old ratios.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

from _veil import ROOT, ensure_corpus, worktree

CORPUS = ROOT / "bench" / "data" / "prose_2000.jsonl"

CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from veil import Anonymizer
with open(sys.argv[2], encoding="utf-8") as f:
    texts = [json.loads(line)["text"] for line in f]
anon = Anonymizer(rules_only=True)
for t in texts[:100]:
    anon.anonymize(t)
kb = sum(len(t.encode()) for t in texts) / 1000
best = float("inf")
for _ in range(2):
    c0 = time.process_time()
    for t in texts:
        anon.anonymize(t)
    best = min(best, time.process_time() - c0)
print(best / kb * 1e6)
"""


def timed(src: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(src), str(CORPUS)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(out.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--against", required=True, help="the older commit (any git revision)")
    ap.add_argument("--pairs", type=int, default=5)
    args = ap.parse_args(argv)
    ensure_corpus(CORPUS, 2000, prose=True)
    with worktree(args.against) as old:
        alternate(("old", old / "src"), ("new", ROOT / "src"), args.pairs)
    return 0


def alternate(a: tuple[str, Path], b: tuple[str, Path], pairs: int) -> None:
    """Time ``a`` and ``b`` (name, the ``src`` folder to import veil from) in
    alternating fresh processes and print each pair and the b/a ratios."""
    ratios = []
    for i in range(pairs):
        ta, tb = timed(a[1]), timed(b[1])
        ratios.append(tb / ta)
        print(f"pair {i + 1}: {a[0]} {ta:.1f} us/KB, {b[0]} {tb:.1f} us/KB, "
              f"{b[0]}/{a[0]} {tb / ta:.2f}")  # fmt: skip
    print(f"{b[0]}/{a[0]}: median {statistics.median(ratios):.2f}, range "
          f"{min(ratios):.2f}-{max(ratios):.2f}")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
