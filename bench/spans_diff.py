"""Guard for speed work: every recognizer's raw output must not change.

    python bench/spans_diff.py record            # before the change (writes bench/out/spans/)
    python bench/spans_diff.py check [--rec NAME[,NAME]]   # after: exit 1 on any difference
    python bench/spans_diff.py check --against REV --fuzz 30000   # baseline from REV

Runs each rule recognizer alone (``analyze`` with a fresh context per text) over a
fixed set of texts: the generated benchmark corpora (prose, identifier-dense corpus,
look-alike negatives), Presidio's synthetic set and the TAB judgments when
../shared/data is present, and a set of hand-made edge texts. Records, per
recognizer, every span as (text index, start, end, label, score, attributes), and
compares. Differences print as positions, labels and value *shapes* only, never raw
values.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from _veil import ROOT, ensure_corpus, shape, worktree

OUT = ROOT / "bench" / "out" / "spans"
SHARED = ROOT.parent / "shared" / "data"

EDGE = [
    "",
    " ",
    "A",
    "0",
    "Dr. Smith",
    "Mr. J. R. R. Tolkien met Mme. Curie.",
    "born on 1980-05-01, DOB: 01/05/1980, aged 34, a 34-year-old",
    "call me on +44 20 7946 0958 ext. 12 or (555) 123-4567",
    "IBAN DE89 3704 0044 0532 0130 00, card 4111 1111 1111 1111",
    "password=hunter2 AKIAIOSFODNN7EXAMPLE postgres://u:p@db.internal:5432/x",
    "Regards,\nJohn Smith\n221B Baker Street\nLondon NW1 6XE",
    "jane dot doe at example dot org, jane[at]mail.com",
    "\u00e9\u00e8 \u00c9mile Zola \u4e2d\u6587 \U0001f600 12\u00a0345",
    "0" * 300 + " " + "A" * 300 + " " + "a1" * 200,
]


_NOISE = ["é", "’", "İ", "\u00a0", "\t", "\n", "—", "\U0001f642", "ß", "Ł", "  ", ".", ",",
          ":", "-", "(", ")", "/", "T", "x", "0", "12", "A"]  # fmt: skip


def fuzz(base: list[str], n: int, seed: int = 11) -> list[str]:
    """``n`` texts recombined from ``base``: runs of lines, word salads, and lines with
    noise characters inserted; a fifth upper- or lower-cased."""
    rnd = random.Random(seed)
    lines = [line for t in base for line in t.split("\n") if line.strip()]
    words = [w for line in lines[:20000] for w in line.split(" ")]
    out = []
    for _ in range(n):
        k = rnd.random()
        if k < 0.4:
            t = "\n".join(rnd.choice(lines) for _ in range(rnd.randint(1, 8)))
        elif k < 0.7:
            t = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 80)))
        else:
            chars = list(rnd.choice(lines))
            for _ in range(rnd.randint(1, 10)):
                chars.insert(rnd.randint(0, len(chars)), rnd.choice(_NOISE))
            t = "".join(chars)
        if rnd.random() < 0.2:
            t = t.upper() if rnd.random() < 0.5 else t.lower()
        out.append(t)
    return out


def texts(n_fuzz: int = 0) -> list[tuple[str, str]]:
    """(source name, text) pairs, in a fixed order."""
    data = ROOT / "bench" / "data"
    ensure_corpus(data / "prose_2000.jsonl", 2000, prose=True)
    ensure_corpus(data / "corpus.jsonl", 1000, prose=False, negatives=data / "negatives.jsonl")
    out: list[tuple[str, str]] = [("edge", t) for t in EDGE]
    for name in ("prose_2000.jsonl", "corpus.jsonl", "negatives.jsonl"):
        with (data / name).open(encoding="utf-8") as f:
            out += [(name, json.loads(line)["text"]) for line in f]
    synth = SHARED / "presidio-synth" / "synth_dataset_v2.json"
    if synth.is_file():
        out += [("presidio-synth", r["full_text"]) for r in json.loads(synth.read_text())]
    tab = SHARED / "tab-dev" / "tab_trainval_113.jsonl"
    if tab.is_file():
        with tab.open(encoding="utf-8") as f:
            out += [("tab", json.loads(line)["text"]) for line in f]
    if n_fuzz:
        generated = [
            t for src, t in out if src in ("prose_2000.jsonl", "corpus.jsonl", "negatives.jsonl")
        ]
        out += [("fuzz", t) for t in fuzz(generated, n_fuzz)]
    return out


def run(names: set[str] | None, corpus: list[tuple[str, str]]) -> dict[str, list[list[Any]]]:
    from veil import Anonymizer
    from veil.detect.base import Context

    anon = Anonymizer(rules_only=True)
    allow, region = anon.analyzer.allow, anon.analyzer.region
    result: dict[str, list[list[Any]]] = {}
    for rec in anon.analyzer.recognizers:
        if names and rec.name not in names:
            continue
        rows: list[list[Any]] = []
        for i, (_src, t) in enumerate(corpus):
            for s in rec.analyze(t, Context(t, allow, region)):
                attrs = json.dumps(s.attrs or {}, sort_keys=True, default=str)
                rows.append([i, s.start, s.end, s.label, round(s.score, 6), s.recognizer, attrs])
        result[rec.name] = rows
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=("record", "check"))
    ap.add_argument("--rec", help="comma-separated recognizer names (default: all)")
    ap.add_argument("--fuzz", type=int, default=0, help="add N recombined texts")
    ap.add_argument("--against", help="check: record the baseline from this git revision")
    ap.add_argument("--src", help=argparse.SUPPRESS)  # record: import veil from here
    ap.add_argument("--out", default=str(OUT), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.src:
        sys.path.insert(0, args.src)
    names = set(args.rec.split(",")) if args.rec else None
    corpus = texts(args.fuzz)
    out = Path(args.out)
    if args.mode == "check" and args.against:
        tmp = tempfile.TemporaryDirectory()
        out = Path(tmp.name) / "spans"
        with worktree(args.against) as wt:
            cmd = [sys.executable, __file__, "record", "--src", str(wt / "src"), "--out", str(out)]
            cmd += ["--fuzz", str(args.fuzz), *(["--rec", args.rec] if args.rec else [])]
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    result = run(names, corpus)
    out.mkdir(parents=True, exist_ok=True)
    if args.mode == "record":
        for name, rows in result.items():
            (out / f"{name}.json").write_text(json.dumps(rows))
            print(f"{name:28s} {len(rows):6d} spans recorded")
        return 0
    bad = 0
    for name, rows in result.items():
        path = out / f"{name}.json"
        if not path.is_file():
            print(f"{name}: no baseline (run 'record' first)")
            bad += 1
            continue
        base = {tuple(r) for r in json.loads(path.read_text())}
        now = {tuple(r) for r in rows}
        if base == now:
            digest = hashlib.sha256(json.dumps(sorted(now)).encode()).hexdigest()[:12]
            print(f"{name:28s} same ({len(now)} spans, {digest})")
            continue
        bad += 1
        print(f"{name:28s} DIFFERS: {len(base - now)} lost, {len(now - base)} new")
        for tag, diff in (("lost", base - now), ("new", now - base)):
            for r in sorted(diff)[:15]:
                src, t = corpus[r[0]]
                print(
                    f"   {tag}: {src}#{r[0]} [{r[1]}:{r[2]}] {r[3]} {r[4]} {shape(t[r[1] : r[2]])!r}"
                )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
