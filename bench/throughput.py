"""Throughput of Veil's rules-only pipeline against Presidio and scrubadub.

    python bench/throughput.py [--docs 2000] [--engines veil,presidio,scrubadub] [--runs 3]

All engines anonymize the SAME generated corpus of ~1 KB documents (realistic
prose, most documents carry 0 to 3 identifiers; see corpus.py --prose), one
engine per child process (so each peak RSS is its own), single process, single
thread, after a short warm-up:

* veil: ``Anonymizer(rules_only=True).anonymize(text)`` text by text (every rule
  recognizer, tag operator).
* veil-batch: the same through ``anonymize_batch(texts)`` (batches of 256: each
  recognizer runs over the whole batch before the next one), as ``veil anonymize``
  runs a file; same output, faster because each recognizer's code and tables stay
  in the CPU's caches.
* presidio: ``AnalyzerEngine`` with the ``no_op`` NLP engine (no spaCy model: only
  the pattern recognizers run) + ``AnonymizerEngine.anonymize`` (default replace
  operator, ``<ENTITY_TYPE>``). tldextract is kept offline (bundled suffix list).
* scrubadub: ``Scrubber().clean(text)`` with its default detectors (credential,
  credit_card, email, phone, twitter, url, social_security_number; none needs a
  download).

MB/s per core is bytes / CPU seconds of the process (so that other load on the
machine does not count); wall-clock figures are reported too. Writes
bench/out/throughput.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _veil import ROOT, ensure_corpus, veil_anonymizer

ENGINES = ("veil", "veil-batch", "presidio", "scrubadub")
VEILS = ("veil", "veil-batch")


def _offline_tldextract() -> None:
    import tldextract.tldextract as tx

    tx.TLD_EXTRACTOR = tx.TLDExtract(suffix_list_urls=(), cache_dir=None)


def make_engine(name: str, texts: list[str]) -> tuple[Any, dict[str, Any]]:
    """A text -> (anonymized text, number of detections) function, and notes."""
    if name in VEILS:
        from veil.detect._native import compiled

        anon, missing = veil_anonymizer(probe=texts)

        def run(text: str) -> tuple[str, int]:
            r = anon.anonymize(text)
            return r.text, len(r.spans)

        def run_all(texts: list[str]) -> int:
            return sum(len(r.spans) for r in anon.anonymize_batch(texts))

        if name == "veil-batch":
            run.batch = run_all  # type: ignore[attr-defined]
        notes = {"recognizers": len(anon.analyzer.recognizers), "missing": missing}
        return run, {**notes, "compiled_loops": compiled() is not None}
    if name == "presidio":
        _offline_tldextract()
        import logging

        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NoOpNlpEngine
        from presidio_anonymizer import AnonymizerEngine

        nlp = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
        registry = RecognizerRegistry()
        registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
        analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])
        anonymizer = AnonymizerEngine()

        def run_p(text: str) -> tuple[str, int]:
            res = analyzer.analyze(text, language="en")
            return anonymizer.anonymize(text, res).text, len(res)

        names = sorted(r.name for r in registry.recognizers)
        return run_p, {"recognizers": len(names), "recognizer_names": names, "nlp_engine": "no_op"}
    if name == "scrubadub":
        import scrubadub

        scrubber = scrubadub.Scrubber()

        def run_s(text: str) -> tuple[str, int]:
            out = scrubber.clean(text)
            return out, out.count("{{")

        return run_s, {"detectors": sorted(scrubber._detectors)}
    raise SystemExit(f"unknown engine {name!r}")


def measure(name: str, corpus: Path, repeat: int) -> dict[str, Any]:
    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    t0 = time.perf_counter()
    run, notes = make_engine(name, texts)
    setup_s = time.perf_counter() - t0
    for t in texts[:50]:  # warm-up
        run(t)
    best: dict[str, Any] | None = None
    for _ in range(repeat):
        found = 0
        batch = getattr(run, "batch", None)
        c0, w0 = time.process_time(), time.perf_counter()
        if batch is not None:
            found = batch(texts)
        else:
            for t in texts:
                found += run(t)[1]
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        if best is None or cpu < best["cpu_s"]:
            best = {"cpu_s": cpu, "wall_s": wall, "detections": found}
    assert best is not None
    cpu, wall = best["cpu_s"], best["wall_s"]
    return {
        "engine": name,
        "docs": len(texts),
        "bytes": nbytes,
        "setup_s": round(setup_s, 3),
        "cpu_s": round(cpu, 4),
        "wall_s": round(wall, 4),
        "docs_per_s": round(len(texts) / cpu, 1),
        "mb_per_s_per_core": round(nbytes / 1e6 / cpu, 3),
        "us_per_doc": round(cpu / len(texts) * 1e6, 1),
        "wall_mb_per_s": round(nbytes / 1e6 / wall, 3),
        "detections": best["detections"],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        **notes,
    }


def per_recognizer(corpus: Path) -> dict[str, Any]:
    """CPU microseconds per KB for each Veil recognizer alone (contexts pre-built, so
    ``ctx.lower`` / ``has_digits`` and the shared skeleton are counted once, under
    ``context``)."""
    from veil.detect._scan import facts
    from veil.detect.base import Context

    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    kb = sum(len(t.encode("utf-8")) for t in texts) / 1000
    anon, missing = veil_anonymizer(probe=texts)
    allow = anon.analyzer.allow
    region = anon.analyzer.region

    def contexts() -> list[Context]:
        return [Context(t, allow, region) for t in texts]

    out: dict[str, Any] = {}
    ctxs = contexts()
    c0 = time.process_time()
    for c in ctxs:
        _ = c.lower, c.has_digits, facts(c)
    out["context"] = round((time.process_time() - c0) / kb * 1e6, 2)
    for rec in anon.analyzer.recognizers:
        for t, c in zip(texts[:50], ctxs[:50], strict=True):  # warm-up
            list(rec.analyze(t, c))
        c0 = time.process_time()
        for t, c in zip(texts, ctxs, strict=True):
            list(rec.analyze(t, c))
        out[rec.name] = round((time.process_time() - c0) / kb * 1e6, 2)
    c0 = time.process_time()
    for t in texts:
        anon.anonymize(t)
    total = (time.process_time() - c0) / kb * 1e6
    out["TOTAL anonymize"] = round(total, 2)
    out["rest (resolve, filters, operators)"] = round(
        total - sum(v for k, v in out.items() if not k.startswith(("TOTAL", "rest"))), 2
    )
    return {"us_per_kb": out, "missing": missing}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Veil vs Presidio vs scrubadub throughput")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--repeat", type=int, default=3, help="timed passes; the fastest counts")
    ap.add_argument("--runs", type=int, default=1, help="rounds of all engines (ratios per round)")
    ap.add_argument("--corpus", default=None, help="JSONL with 'text' (default: generated)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "throughput.json"))
    ap.add_argument(
        "--per-recognizer", action="store_true", help="also time each Veil recognizer alone"
    )
    ap.add_argument("--engine", help=argparse.SUPPRESS)  # child mode
    args = ap.parse_args(argv)

    corpus = (
        Path(args.corpus) if args.corpus else ROOT / "bench" / "data" / f"prose_{args.docs}.jsonl"
    )
    if args.engine:
        print(json.dumps(measure(args.engine, corpus, args.repeat)))
        return 0
    if not args.corpus:
        ensure_corpus(corpus, args.docs, prose=True)

    engines = args.engines.split(",")
    runs: list[dict[str, Any]] = []
    for run in range(args.runs):
        results: dict[str, Any] = {}
        for name in engines:
            cmd = [sys.executable, __file__, "--engine", name, "--corpus", str(corpus)]
            cmd += ["--repeat", str(args.repeat)]
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
            if proc.returncode != 0:
                tail = proc.stderr.strip().splitlines()[-1:] or ["?"]
                print(f"{name}: failed ({tail[0]})")
                results[name] = {"engine": name, "error": tail[0]}
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            results[name] = r
            print(
                f"[run {run + 1}] {name:11s} {r['docs_per_s']:9.1f} docs/s  "
                f"{r['mb_per_s_per_core']:7.3f} MB/s/core ({r['us_per_doc']:.0f} us/doc, "
                f"wall {r['wall_mb_per_s']:.3f} MB/s)  peak RSS {r['peak_rss_mb']:.0f} MB  "
                f"detections {r['detections']}"
            )
        runs.append(results)
    # engines alternate within each run, so each run's ratios compare the same moment
    # of a shared machine; the summary gives the median and the minimum over runs
    per_run: dict[str, list[float]] = {}
    for results in runs:
        for v in VEILS:
            veil = results.get(v, {}).get("mb_per_s_per_core")
            for peer in ("presidio", "scrubadub"):
                other = results.get(peer, {}).get("mb_per_s_per_core")
                if veil and other:
                    per_run.setdefault(f"{v}/{peer}", []).append(round(veil / other, 2))
    ratios: dict[str, Any] = {}
    for k, vals in per_run.items():
        ratios[k] = {"runs": vals, "median": statistics.median(vals), "min": min(vals)}
        print(f"{k}: median {statistics.median(vals):.2f}x, min {min(vals):.2f}x (runs: {vals})")
    for v in VEILS:
        mb = [r[v]["mb_per_s_per_core"] for r in runs if "mb_per_s_per_core" in r.get(v, {})]
        if mb:
            print(f"{v} MB/s/core: median {statistics.median(mb):.3f}, max {max(mb):.3f}")
    if results.get("veil", {}).get("missing"):
        print(f"note: Veil recognizers not built yet: {', '.join(results['veil']['missing'])}")
    breakdown = None
    if args.per_recognizer:
        breakdown = per_recognizer(corpus)
        print("veil, CPU microseconds per KB (target for everything together: 100):")
        for k, v in sorted(breakdown["us_per_kb"].items(), key=lambda kv: -kv[1]):
            print(f"    {k:40s} {v:8.2f}")
    out = {
        "corpus": str(corpus.relative_to(ROOT) if corpus.is_relative_to(ROOT) else corpus),
        "docs": args.docs,
        "python": sys.version.split()[0],
        "results": runs[-1] if runs else {},
        "runs": runs,
        "ratios": ratios,
        "target_mb_per_s_per_core": 10.0,
        "veil_per_recognizer": breakdown,
    }
    p = Path(args.out)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
