"""Detection quality of Veil's rules-only pipeline.

    python bench/eval_quality.py [--docs 1000] [--examples 5] [--no-tab]

Runs ``run_eval`` with ``Anonymizer(rules_only=True)`` on:

* presidio-synth (../shared/data; skipped when missing): targets for EMAIL, PHONE,
  CREDIT_CARD, IBAN, US_SSN, IP_ADDRESS are typed recall >= 0.98 and precision
  >= 0.95;
* the generated corpus (bench/data/corpus.jsonl, every label, exhaustive gold);
* the look-alike negatives (bench/data/negatives.jsonl): target at most 1% of
  the documents flagged;
* TAB (../shared/data/tab-dev), scored TAB's way, unless ``--no-tab``.

Prints per-label tables and, for labels that miss their target, the shapes of
missed and falsely flagged values (digits -> 9, letters -> a/A: no raw values).
``--examples N`` also prints N raw examples per failing label to the terminal
(never to a file); all datasets here are synthetic or public.
Writes bench/out/quality.json (counts, ratios and shapes only).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from _veil import ROOT, ensure_corpus, shape, veil_anonymizer

from veil.evaluate import read_gold, run_eval, shared_data_dir
from veil.evaluate.run import write_json

TARGET_LABELS = ("EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS")
RECALL_TARGET = 0.98
PRECISION_TARGET = 0.95
NEGATIVES_TARGET = 0.01


class Diagnostics:
    """Collects missed / mistyped / false-positive values per label, as shapes."""

    def __init__(self, examples: int) -> None:
        self.misses: dict[str, Counter[str]] = defaultdict(Counter)
        self.mistyped: dict[str, Counter[str]] = defaultdict(Counter)
        self.fps: dict[str, Counter[str]] = defaultdict(Counter)
        self.fp_gold: dict[str, Counter[str]] = defaultdict(Counter)
        self.examples = examples
        self.raw: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.fp_docs: Counter[str] = Counter()  # documents with a false positive, per label

    def _keep(self, kind: str, label: str, text: str, start: int, end: int) -> None:
        bucket = self.raw[(kind, label)]
        if len(bucket) < 40:
            left = text[max(0, start - 30) : start].replace("\n", " ")
            right = text[end : end + 20].replace("\n", " ")
            bucket.append(f"{left}[[{text[start:end]}]]{right}")

    def __call__(self, doc: Any, preds: Any, outcome: Any) -> None:
        t = doc.text
        for g in outcome.missed:
            self.misses[g.label][shape(t[g.start : g.end])] += 1
            self._keep("missed", g.label, t, g.start, g.end)
        for g, labs in outcome.mistyped:
            self.mistyped[g.label]["+".join(labs)] += 1
            self._keep("mistyped", g.label, t, g.start, g.end)
        gold_by_overlap = doc.spans
        self.fp_docs.update({p.label for p in outcome.false_positives})
        for p in outcome.false_positives:
            self.fps[p.label][shape(t[p.start : p.end])] += 1
            over = [g for g in gold_by_overlap if g.start < p.end and p.start < g.end]
            self.fp_gold[p.label][over[0].source if over else "(no gold)"] += 1
            self._keep("false positive", p.label, t, p.start, p.end)

    def summary(self, label: str, top: int = 8) -> dict[str, Any]:
        return {
            "missed_shapes": dict(self.misses[label].most_common(top)),
            "mistyped_as": dict(self.mistyped[label].most_common(top)),
            "false_positive_shapes": dict(self.fps[label].most_common(top)),
            "false_positive_overlaps_gold": dict(self.fp_gold[label].most_common(top)),
        }

    def show(self, label: str) -> None:
        s = self.summary(label)
        for key, title in (
            ("missed_shapes", "missed"),
            ("mistyped_as", "found with another label"),
            ("false_positive_shapes", "false positives"),
            ("false_positive_overlaps_gold", "false positives overlap gold of"),
        ):
            if s[key]:
                items = ", ".join(f"{k!r}x{v}" for k, v in s[key].items())
                print(f"      {title}: {items}")
        if self.examples:
            for kind in ("missed", "mistyped", "false positive"):
                for ex in self.raw.get((kind, label), [])[: self.examples]:
                    print(f"      e.g. {kind}: {ex}")


class _Pred:
    __slots__ = ("end", "label", "start")

    def __init__(self, start: int, end: int, label: str) -> None:
        self.start, self.end, self.label = start, end, label


# Presidio entity names beyond the shared gold mapping (others keep their own name,
# so they count as labels the gold does not annotate, or as false positives on an
# exhaustive set: US_BANK_NUMBER, MEDICAL_LICENSE...)
_PRESIDIO_EXTRA = {
    "UK_NHS": "NATIONAL_ID",
    "UK_NINO": "NATIONAL_ID",
    "ES_NIF": "NATIONAL_ID",
    "ES_NIE": "NATIONAL_ID",
    "IT_FISCAL_CODE": "NATIONAL_ID",
    "IN_AADHAAR": "NATIONAL_ID",
    "IN_PAN": "NATIONAL_ID",
    "US_ITIN": "NATIONAL_ID",
    "IN_PASSPORT": "PASSPORT",
}


def presidio_predictor() -> Any:
    """Presidio's pattern recognizers (no NLP model), labels mapped to Veil's."""
    from throughput import _offline_tldextract

    _offline_tldextract()
    import logging

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NoOpNlpEngine

    from veil.evaluate.labels import PRESIDIO_LABELS

    nlp = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])

    def predict(text: str) -> list[_Pred]:
        out = []
        for r in engine.analyze(text, language="en"):
            lab = _PRESIDIO_EXTRA.get(r.entity_type) or PRESIDIO_LABELS.get(r.entity_type)
            out.append(_Pred(r.start, r.end, lab or r.entity_type))
        return out

    return predict


def _fmt(x: float | None) -> str:
    return "   -  " if x is None else f"{x:6.3f}"


def table(res: dict[str, Any], only: tuple[str, ...] | None = None) -> None:
    print(
        f"    {'label':22s} {'gold':>5s} {'recall':>6s} {'typed':>6s} {'exact':>6s} "
        f"{'leak':>6s} {'pred':>5s} {'prec':>6s} {'fp':>4s}"
    )
    for lab, r in res["labels"].items():
        if only and lab not in only:
            continue
        print(
            f"    {lab:22s} {r['gold']:5d} {_fmt(r['recall'])} {_fmt(r['typed_recall'])} "
            f"{_fmt(r['exact_recall'])} {_fmt(r['leak_rate'])} {r['pred']:5d} "
            f"{_fmt(r['precision'])} {r['fp']:4d}"
        )
    o = res["overall"]
    print(
        f"    {'OVERALL':22s} {o['gold']:5d} {_fmt(o['recall'])} {_fmt(o['typed_recall'])} "
        f"{_fmt(o['exact_recall'])} {_fmt(o['leak_rate'])} {o['pred']:5d} "
        f"{_fmt(o['precision'])} {o['fp']:4d}"
    )
    if res.get("unmapped"):
        um = ", ".join(
            f"{k} {v['gold']} (covered {v['recall']})" for k, v in res["unmapped"].items()
        )
        print(f"    unmapped gold labels (not scored): {um}")
    if res.get("unscored_pred"):
        print(f"    predictions of labels this set does not annotate: {res['unscored_pred']}")
    sp = res["speed"]
    print(f"    speed: {sp['docs_per_s']} docs/s, {sp['mb_per_s']} MB/s (wall, includes tagging)")


def evaluate(
    name: str, path: Path, anon: Any, examples: int, **kw: Any
) -> tuple[dict[str, Any], Diagnostics]:
    diag = Diagnostics(examples)
    res = run_eval(str(path), None, anon, on_doc=diag, **kw)
    print(f"\n== {name} ({res['documents']} docs, format {res['format']})")
    return res, diag


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Veil detection quality")
    ap.add_argument("--docs", type=int, default=1000, help="generated corpus size")
    ap.add_argument("--examples", type=int, default=0, help="raw examples per failing label")
    ap.add_argument("--no-tab", action="store_true")
    ap.add_argument(
        "--peers", action="store_true", help="also score Presidio (pattern recognizers only)"
    )
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "quality.json"))
    args = ap.parse_args(argv)

    data = ROOT / "bench" / "data"
    corpus, negatives = data / "corpus.jsonl", data / "negatives.jsonl"
    ensure_corpus(corpus, args.docs, prose=False, negatives=negatives)
    synth = shared_data_dir() / "presidio-synth" / "synth_dataset_v2.json"
    probe = [d.text for p in (corpus, negatives) for d in read_gold(p).docs]
    if synth.is_file():
        probe += [d.text for d in read_gold(synth).docs]
    anon, missing = veil_anonymizer(probe)
    if missing:
        print(f"note: Veil recognizers left out (not built or crashing): {', '.join(missing)}")
    report: dict[str, Any] = {"missing_recognizers": missing, "datasets": {}, "targets": {}}
    failing: dict[str, list[str]] = {}

    if synth.is_file():
        res, diag = evaluate("presidio-synth", synth, anon, args.examples)
        table(res)
        checks = {}
        bad = []
        for lab in TARGET_LABELS:
            r = res["labels"].get(lab, {})
            rec, prec = r.get("typed_recall"), r.get("precision")
            ok = (rec or 0) >= RECALL_TARGET and (
                prec if prec is not None else 0
            ) >= PRECISION_TARGET
            checks[lab] = {"typed_recall": rec, "precision": prec, "ok": ok}
            if not ok:
                bad.append(lab)
        print("  targets (typed recall >= 0.98, precision >= 0.95):")
        for lab, c in checks.items():
            print(
                f"    {lab:12s} recall {_fmt(c['typed_recall'])} precision "
                f"{_fmt(c['precision'])}  {'OK' if c['ok'] else 'FAIL'}"
            )
        report["targets"]["presidio-synth"] = checks
        weak = [
            lab
            for lab, r in res["labels"].items()
            if lab not in bad and ((r["typed_recall"] or 1) < 0.9 or (r["precision"] or 1) < 0.9)
        ]
        failing["presidio-synth"] = bad + weak
        print("  diagnostics (targets failed first, then other labels under 0.9):")
        for lab in bad + weak:
            print(f"    {lab}:")
            diag.show(lab)
        res["diagnostics"] = {lab: diag.summary(lab) for lab in bad + weak}
        report["datasets"]["presidio-synth"] = res
    else:
        print(f"presidio-synth not found under {shared_data_dir()}: skipped")

    res, diag = evaluate("generated corpus", corpus, anon, args.examples)
    table(res)
    weak = [
        lab
        for lab, r in res["labels"].items()
        if (r["typed_recall"] or 1) < 0.95 or (r["precision"] or 1) < 0.95
    ]
    failing["corpus"] = weak
    if weak:
        print("  diagnostics (labels under 0.95 typed recall or precision):")
        for lab in weak:
            print(f"    {lab}:")
            diag.show(lab)
    res["diagnostics"] = {lab: diag.summary(lab) for lab in weak}
    report["datasets"]["corpus"] = res

    res, diag = evaluate("look-alike negatives", negatives, anon, args.examples)
    o = res["overall"]
    flagged = o["docs_with_pred"] / max(1, o["documents"])
    per_label = {lab: r["pred"] for lab, r in res["labels"].items() if r["pred"]}
    print(
        f"    documents flagged: {o['docs_with_pred']}/{o['documents']} = {flagged:.3%} "
        f"(target <= {NEGATIVES_TARGET:.0%}: {'OK' if flagged <= NEGATIVES_TARGET else 'FAIL'})"
    )
    print(f"    spans flagged: {o['pred']} ({per_label})")
    docs_by_label = {lab: n / max(1, o["documents"]) for lab, n in diag.fp_docs.most_common()}
    if docs_by_label:
        shares = ", ".join(f"{lab} {r:.2%}" for lab, r in docs_by_label.items())
        print(f"    documents flagged, per label: {shares}")
    for lab in per_label:
        print(f"    {lab}:")
        diag.show(lab)
    res["diagnostics"] = {lab: diag.summary(lab) for lab in per_label}
    report["datasets"]["negatives"] = res
    report["targets"]["negatives"] = {
        "docs_flagged_rate": flagged,
        "docs_flagged_rate_by_label": docs_by_label,
        "ok": flagged <= NEGATIVES_TARGET,
    }

    tab = shared_data_dir() / "tab-dev" / "tab_trainval_113.jsonl"
    if not args.no_tab and tab.is_file():
        res, diag = evaluate("TAB (ECHR, 113 docs)", tab, anon, 0)
        table(res)
        t = res["tab"]
        for kind in ("direct", "quasi"):
            k = t[kind]
            by = ", ".join(f"{s} {v['recall']}" for s, v in k["by_type"].items())
            print(
                f"    {kind.upper():6s} mention recall {_fmt(k['mention_recall'])} "
                f"({_fmt(k['mention_recall_untitled'])} forgiving titles), entity recall "
                f"{_fmt(k['entity_recall'])}, leak {_fmt(k['leak_rate'])}  [{by}]"
            )
        print(f"    token precision {_fmt(t['token_precision'])}")
        res["diagnostics"] = {lab: diag.summary(lab) for lab in res["labels"]}
        report["datasets"]["tab"] = res

    if args.peers:
        predict = presidio_predictor()
        peers: dict[str, Any] = {}
        print("\n== Presidio (AnalyzerEngine, no_op NLP engine: pattern recognizers only)")
        if synth.is_file():
            res = run_eval(str(synth), None, predict)
            print("  presidio-synth:")
            table(res, TARGET_LABELS)
            peers["presidio-synth"] = res
        res = run_eval(str(negatives), None, predict)
        o = res["overall"]
        print(
            f"  negatives: documents flagged {o['docs_with_pred']}/{o['documents']} = "
            f"{o['docs_flagged_rate']:.3%}; spans flagged {o['pred']}"
        )
        peers["negatives"] = res
        res = run_eval(str(corpus), None, predict)
        print("  generated corpus:")
        table(res)
        peers["corpus"] = res
        report["peers"] = {"presidio": peers}

    write_json(args.out, report)
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
