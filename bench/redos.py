"""ReDoS timing table: every recognizer regex on its worst adversarial input.

    python bench/redos.py                      # 100 KB -> 1 MB, all patterns
    python bench/redos.py --small 10000 --large 100000 --top 20

Patterns and inputs come from tests/robustness/redos_support.py (the same
collection the ReDoS test uses). For each pattern: the slowest of its
adversarial inputs (runs of the characters its repeats accept, alternations,
near-misses), timed best-of-N at both sizes; ``ratio`` is the growth for 10x the
input (linear: ~10, the test allows 15); times are CPU time. The reference row (``\\d`` over digits)
is a pattern known to be linear, measured in the same run: on a loaded machine
compare ratios against it. Writes bench/out/redos.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests" / "robustness")]

from redos_support import WINDOWED, Found, collect, measure  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=100_000)
    ap.add_argument("--large", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--top", type=int, default=0, help="print only the N largest ratios")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "redos.json"))
    args = ap.parse_args()
    t0 = time.perf_counter()
    found = [f for f in collect() if f.where not in WINDOWED]
    ref = Found(re.compile(r"\d"), "reference: \\d over digits")
    rows = [measure(f, args.small, args.large, args.repeats) for f in [ref, *found]]
    shown = sorted(rows[1:], key=lambda r: -r.ratio)
    if args.top:
        shown = shown[: args.top]
    print(
        f"{len(found)} patterns, {args.small:,} -> {args.large:,} characters, "
        f"best of {args.repeats}"
    )
    print(f"{'ratio':>7} {'small ms':>9} {'large ms':>10}  mode      pattern (worst input)")
    for r in [rows[0], *shown]:
        print(
            f"{r.ratio:7.1f} {r.small_s * 1e3:9.2f} {r.large_s * 1e3:10.1f}  {r.mode:<8}  "
            f"{r.where} ({r.worst_input})"
        )
    worst = max(rows[1:], key=lambda r: r.ratio)
    over = sum(r.ratio > 15 for r in rows[1:])
    print(
        f"max ratio {worst.ratio:.1f} ({worst.where}); reference {rows[0].ratio:.1f}; "
        f"{over} over 15x; {time.perf_counter() - t0:.0f} s"
    )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps([r.__dict__ | {"ratio": r.ratio} for r in rows], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
