"""Name detection quality: Veil (rules + embedded NER) vs Presidio + spaCy small English.

    python bench/ner_quality.py [--engines veil,veil-rules,presidio-sm] [--sets tab,wnut,...]

All engines run in this process on the same gold sets (``veil.evaluate.run_eval``;
metric definitions in ``src/veil/evaluate/metrics.py``):

* ``tab``: TAB train+dev (113 ECHR judgments), every label, scored TAB's way:
  a DIRECT/QUASI mention is protected when all its characters are masked;
  token-level precision. ``tab-dev``: its 21 dev judgments only (the embedded
  model trained on the train judgments, so tab-dev is the held-out figure).
* ``wnut``: WNUT-17 dev (CoNLL; person, location, corporation+group as
  ORGANIZATION; product and creative-work left unscored), exhaustive.
* ``presidio``: presidio-synth, PERSON / LOCATION (GPE) / ORGANIZATION.
* ``corpus``: the generated multi-genre corpus (bench/corpus.py), PERSON,
  LOCATION, ORGANIZATION, DEMOGRAPHIC, exhaustive.
* ``gum``, ``btc``: GUM dev+test and Broad Twitter Corpus dev (held out),
  PERSON / LOCATION / ORGANIZATION, exhaustive.

Writes bench/out/ner_quality.json (counts and ratios only) and prints tables.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from _ner import make
from _veil import ROOT, ensure_corpus

from veil.evaluate import run_eval, shared_data_dir
from veil.evaluate.run import write_json

NAMES = ("PERSON", "LOCATION", "ORGANIZATION")
DATA = ROOT / "bench" / "data"


def _jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def wnut_gold(conll: Path) -> Path:
    """WNUT-17 CoNLL -> Veil JSONL gold (tokens joined by spaces)."""
    labels = {"person": "PERSON", "location": "LOCATION", "corporation": "ORGANIZATION",
              "group": "ORGANIZATION", "product": "PRODUCT", "creative-work": "CREATIVE_WORK"}  # fmt: skip
    docs: list[dict[str, Any]] = []
    toks: list[tuple[str, str]] = []

    def flush() -> None:
        if not toks:
            return
        text, spans, cur = "", [], None
        for w, tag in toks:
            if text:
                text += " "
            s = len(text)
            text += w
            if tag.startswith("B-") or (tag.startswith("I-") and cur is None):
                cur = {"start": s, "end": len(text), "label": labels[tag[2:]]}
                spans.append(cur)
            elif tag.startswith("I-") and cur is not None:
                cur["end"] = len(text)
            else:
                cur = None
        docs.append({"id": f"wnut17-dev-{len(docs)}", "text": text, "spans": spans})
        toks.clear()

    for line in conll.open(encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2 or not parts[0].strip():
            flush()
            continue
        toks.append((parts[0], parts[1]))
    flush()
    return _jsonl(DATA / "wnut17_dev.jsonl", docs)


def split_gold(src: Path, name: str, splits: set[str]) -> Path:
    recs = []
    for line in src.open(encoding="utf-8"):
        r = json.loads(line)
        if r.get("split") in splits:
            recs.append({"id": r["id"], "text": r["text"], "spans": r["spans"]})
    return _jsonl(DATA / f"{name}.jsonl", recs)


def tab_dev(src: Path) -> Path:
    recs = [
        json.loads(line)
        for line in src.open(encoding="utf-8")
        if json.loads(line)["metadata"]["provenance"].get("dataset_type") == "dev"
    ]
    return _jsonl(DATA / "tab_dev_only.jsonl", recs)


def gold_sets(
    wanted: list[str], docs: int
) -> dict[str, tuple[Path, tuple[str, ...] | None, bool | None]]:
    """name -> (gold file, labels to score (None: all), exhaustive override)."""
    d = shared_data_dir()
    out: dict[str, tuple[Path, tuple[str, ...] | None, bool | None]] = {}
    tab = d / "tab-dev" / "tab_trainval_113.jsonl"
    for name in wanted:
        if name == "tab" and tab.is_file():
            out[name] = (tab, None, None)
        elif name == "tab-dev" and tab.is_file():
            out[name] = (tab_dev(tab), None, None)
        elif name == "wnut" and (d / "wnut17" / "emerging.dev.conll").is_file():
            out[name] = (wnut_gold(d / "wnut17" / "emerging.dev.conll"), NAMES, True)
        elif name == "presidio" and (d / "presidio-synth" / "synth_dataset_v2.json").is_file():
            out[name] = (d / "presidio-synth" / "synth_dataset_v2.json", NAMES, None)
        elif name == "corpus":
            path = DATA / "corpus.jsonl"
            ensure_corpus(path, docs, prose=False, negatives=DATA / "negatives.jsonl")
            out[name] = (path, (*NAMES, "DEMOGRAPHIC"), True)
        elif name == "gum" and (d / "gum" / "gum.jsonl").is_file():
            out[name] = (
                split_gold(d / "gum" / "gum.jsonl", "gum_heldout", {"dev", "test"}),
                NAMES,
                True,
            )
        elif name == "btc" and (d / "btc" / "btc.jsonl").is_file():
            out[name] = (split_gold(d / "btc" / "btc.jsonl", "btc_dev", {"dev"}), NAMES, True)
        else:
            print(f"[ner_quality] {name}: data missing, skipped", file=sys.stderr)
    return out


def summary(name: str, r: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"docs_per_s": r["speed"]["docs_per_s"], "labels": {}}
    for lab, v in r["labels"].items():
        out["labels"][lab] = {
            k: v.get(k) for k in ("gold", "recall", "typed_recall", "pred", "precision")
        }
    if "tab" in r:
        t = r["tab"]
        out["tab"] = {
            "direct_recall": t["direct"]["mention_recall"],
            "direct_recall_untitled": t["direct"]["mention_recall_untitled"],
            "direct_by_type": {k: v["recall"] for k, v in t["direct"]["by_type"].items()},
            "quasi_recall": t["quasi"]["mention_recall"],
            "quasi_by_type": {k: v["recall"] for k, v in t["quasi"]["by_type"].items()},
            "token_precision": t["token_precision"],
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="NER quality: Veil vs Presidio + spaCy sm")
    ap.add_argument("--engines", default="veil,veil-rules,presidio-sm")
    ap.add_argument("--sets", default="tab,tab-dev,wnut,presidio,corpus,gum,btc")
    ap.add_argument("--docs", type=int, default=1000, help="generated corpus size")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "ner_quality.json"))
    a = ap.parse_args(argv)
    sets = gold_sets(a.sets.split(","), a.docs)
    results: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"), "sets": {}}
    for engine in a.engines.split(","):
        try:
            run, _notes = make(engine)
        except Exception as exc:  # an optional engine that is not installed
            print(f"[ner_quality] {engine}: unavailable ({type(exc).__name__})", file=sys.stderr)
            continue
        for name, (path, labels, exhaustive) in sets.items():
            r = run_eval(
                str(path), None, lambda t, run=run: run(t)[1], labels=labels, exhaustive=exhaustive
            )
            s = summary(name, r)
            results["sets"].setdefault(name, {})[engine] = s
            line = " ".join(
                f"{lab}: R={v['typed_recall']} P={v['precision']}"
                for lab, v in s["labels"].items()
                if lab in (*NAMES, "DEMOGRAPHIC")
            )
            print(f"{name:9s} {engine:13s} {line}")
            if "tab" in s:
                t = s["tab"]
                print(
                    f"{'':9s} {'':13s} DIRECT {t['direct_recall']} (untitled {t['direct_recall_untitled']}) "
                    f"{t['direct_by_type']} QUASI {t['quasi_recall']} token P {t['token_precision']}"
                )
            sys.stdout.flush()
    write_json(a.out, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
