"""Speed of the default pipeline (rules + embedded NER) vs Presidio + spaCy small English.

    python bench/ner_speed.py [--docs 600] [--engines veil,veil-rules,presidio-sm]

Every engine anonymizes the SAME ~1 KB prose documents (bench/corpus.py --prose),
in its own child process (so its peak RSS is its own), single process, single
thread, after 30 warm-up documents; the fastest of ``--repeat`` passes counts.
MB/s per core = bytes / CPU seconds of the process (other load on the shared
machine does not count); wall-clock figures are printed too. Engines are those of
bench/_ner.py (``veil`` = ``Anonymizer()`` with rules + embedded NER, tag
operator; ``presidio-sm`` = AnalyzerEngine with spaCy en_core_web_sm +
AnonymizerEngine; ``veil-spacy-md`` / ``presidio-md`` when spaCy md is installed).

Also measures, in a fresh process, ``import veil`` + loading the embedded model
(cold start), and reports the model's size on disk. Writes bench/out/ner_speed.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _veil import ROOT, ensure_corpus

LOAD = (
    "import time; t = time.perf_counter(); import veil; "
    "from veil.ner.embedded import EmbeddedBackend; b = EmbeddedBackend.load(); "
    "b.predict(['Hello Anna Kowalska from Warsaw.']); print(time.perf_counter() - t)"
)


def measure(name: str, corpus: Path, docs: int, repeat: int) -> dict[str, Any]:
    from _ner import make

    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")][:docs]
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    t0 = time.perf_counter()
    run, notes = make(name)
    setup_s = time.perf_counter() - t0
    for t in texts[:30]:
        run(t)
    best: dict[str, Any] | None = None
    for _ in range(repeat):
        found = 0
        c0, w0 = time.process_time(), time.perf_counter()
        for t in texts:
            found += len(run(t)[1])
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        if best is None or cpu < best["cpu_s"]:
            best = {"cpu_s": cpu, "wall_s": wall, "detections": found}
    assert best is not None
    cpu = best["cpu_s"]
    return {
        "engine": name,
        "docs": len(texts),
        "bytes": nbytes,
        "setup_s": round(setup_s, 2),
        "cpu_s": round(cpu, 3),
        "docs_per_s": round(len(texts) / cpu, 1),
        "mb_per_s_per_core": round(nbytes / 1e6 / cpu, 4),
        "ms_per_doc": round(cpu / len(texts) * 1e3, 3),
        "wall_docs_per_s": round(len(texts) / best["wall_s"], 1),
        "detections": best["detections"],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        **notes,
    }


def cold_start() -> dict[str, Any]:
    times = []
    for _ in range(3):
        p = subprocess.run(
            [sys.executable, "-c", LOAD], capture_output=True, text=True, cwd=ROOT / "bench"
        )
        if p.returncode != 0:
            return {"error": (p.stderr.strip().splitlines() or ["?"])[-1]}
        times.append(float(p.stdout.strip().splitlines()[-1]))
    model = ROOT / "src" / "veil" / "data" / "ner"
    size = sum(f.stat().st_size for f in model.iterdir() if f.is_file())
    return {"import_and_load_s": round(min(times), 3), "model_dir_mb": round(size / 1e6, 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="NER pipeline speed vs Presidio + spaCy sm")
    ap.add_argument("--docs", type=int, default=600)
    ap.add_argument("--engines", default="veil,veil-rules,presidio-sm")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--corpus", default=None, help="JSONL with 'text' (default: generated prose)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "ner_speed.json"))
    ap.add_argument("--engine", help=argparse.SUPPRESS)  # child mode
    a = ap.parse_args(argv)
    corpus = Path(a.corpus) if a.corpus else ROOT / "bench" / "data" / "prose_2000.jsonl"
    if a.engine:
        print(json.dumps(measure(a.engine, corpus, a.docs, a.repeat)))
        return 0
    if not a.corpus:
        ensure_corpus(corpus, 2000, prose=True)
    results: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"), "engines": {}}
    for name in a.engines.split(","):
        cmd = [sys.executable, __file__, "--engine", name, "--corpus", str(corpus)]
        cmd += [
            "--docs",
            str(a.docs),
            "--repeat",
            str(1 if name.startswith("presidio") else a.repeat),
        ]
        p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT / "bench")
        if p.returncode != 0:
            tail = (p.stderr.strip().splitlines() or ["?"])[-1]
            print(f"{name}: failed ({tail})")
            results["engines"][name] = {"error": tail}
            continue
        r = json.loads(p.stdout.strip().splitlines()[-1])
        results["engines"][name] = r
        print(
            f"{name:14s} {r['docs_per_s']:9.1f} docs/s  {r['mb_per_s_per_core']:.4f} MB/s/core  "
            f"{r['ms_per_doc']:8.3f} ms/doc  peak RSS {r['peak_rss_mb']} MB  setup {r['setup_s']} s"
        )
        sys.stdout.flush()
    eng = results["engines"]
    for base in ("presidio-sm", "presidio-md"):
        if "docs_per_s" in eng.get(base, {}):
            for name, r in eng.items():
                if "docs_per_s" in r and name != base:
                    ratio = round(r["docs_per_s"] / eng[base]["docs_per_s"], 1)
                    r[f"x_{base}"] = ratio
                    print(f"{name} / {base}: {ratio}x")
    results["cold_start"] = cold_start()
    print("cold start:", results["cold_start"])
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
