"""Train Veil's embedded NER model (a linear-chain CRF over hand-built features).

    python training/train.py                      # writes src/veil/data/ner/
    python training/train.py --quick              # small run, to check the recipe

Steps (deterministic for a seed):

1. generate synthetic multi-genre documents (``training/synth.py``);
2. read the training splits of the shared corpora in ``../shared/data`` (never copied
   into the repository): GUM ``split == train``, Broad Twitter Corpus ``split ==
   train``, WNUT-17 train, and TAB's ``train`` documents (its ``dev`` documents,
   GUM/BTC dev+test and WNUT-17 dev are kept for evaluation);
3. write the lexicon the features use (``veil/data/ner/lexicon.tsv.gz``): places
   (Faker's countries and states, a list of world cities), organization words and
   brands, and common lowercase English words counted in the training texts;
4. featurize with :mod:`veil.ner._features`, label tokens BIO (PER, LOC, ORG), cut
   documents into sentence-sized sequences and train CRFsuite (L-BFGS with L1+L2,
   so most features are pruned and the model stays small);
5. write ``veil/data/ner/model.crfsuite`` and ``model.json`` (feature version,
   labels, data counts, training time).

Runs in about 10-20 minutes on 2 cores. Needs ``python-crfsuite`` and ``faker``.
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training"))

import pycrfsuite  # noqa: E402
from faker import Faker  # noqa: E402
from synth import BRANDS, REAL_CITIES, generate  # noqa: E402

from veil.detect.gazetteer import TITLES  # noqa: E402
from veil.evaluate.gold import shared_data_dir  # noqa: E402
from veil.ner import _features  # noqa: E402

OUT = ROOT / "src" / "veil" / "data" / "ner"
LABELS = {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"}
TAB_LABELS = {"PERSON": "PER", "LOC": "LOC", "ORG": "ORG"}
_TITLE_WORDS = {t.lower() for t in TITLES} | {"mr.", "mrs.", "ms.", "dr."}

Doc = tuple[str, list[tuple[int, int, str]], str]  # text, spans (start, end, PER/LOC/ORG), source


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _strip_title(text: str, s: int, e: int) -> int:
    """Start of a PERSON mention without a leading courtesy title ("Mr X" -> "X")."""
    head = text[s:e].split(" ", 1)
    if len(head) == 2 and head[0].lower() in _TITLE_WORDS:
        return s + len(head[0]) + 1
    return s


def load_corpora(data: Path) -> tuple[list[Doc], Counter[str]]:
    docs: list[Doc] = []
    counts: Counter[str] = Counter()
    for name, path, split_ok in (
        ("gum", data / "gum" / "gum.jsonl", {"train"}),
        ("btc", data / "btc" / "btc.jsonl", {"train"}),
        ("wnut17-train", data / "wnut17-train" / "wnut17-train.jsonl", {None, "train"}),
    ):
        if not path.is_file():
            print(f"[train] missing {path}, skipped", file=sys.stderr)
            continue
        for r in _jsonl(path):
            if r.get("split") not in split_ok:
                continue
            spans = [
                (s["start"], s["end"], LABELS[s["label"]])
                for s in r["spans"]
                if s["label"] in LABELS
            ]
            docs.append((r["text"], spans, name))
            counts[name] += 1
    tab = data / "tab-dev" / "tab_trainval_113.jsonl"
    if tab.is_file():
        seen: set[str] = set()
        for r in _jsonl(tab):
            prov = r["metadata"]["provenance"]
            if prov.get("dataset_type") != "train" or prov["doc_id"] in seen:
                continue  # dev documents are for evaluation only; one annotator per judgment
            seen.add(prov["doc_id"])
            text = r["text"]
            spans = []
            for e in r["entities"]:
                lab = TAB_LABELS.get(e["entity_type"])
                if lab is None:
                    continue
                s, t = e["start_offset"], e["end_offset"]
                if lab == "PER":
                    s = _strip_title(text, s, t)
                spans.append((s, t, lab))
            docs.append((text, spans, "tab"))
            counts["tab"] += 1
    return docs, counts


def build_lexicon(docs: list[Doc], out: Path) -> _features.Lexicon:
    places: set[str] = set()
    for loc in ("en_US", "en_GB", "en_IN", "de_DE", "fr_FR", "es_ES", "pl_PL", "pt_BR", "it_IT"):
        f = Faker(loc)
        f.seed_instance(0)
        for _ in range(1500):
            places.update(f.country().lower().split())
        if hasattr(f, "state"):
            for _ in range(300):
                places.update(f.state().lower().split())
    for c in REAL_CITIES:
        places.update(c.lower().split())
    orgs = {b.lower() for b in BRANDS} | set(
        """ministry court tribunal police council university college school hospital clinic
        bank airlines agency commission committee parliament government department office
        prosecutor prosecutor's directorate authority service union federation party
        association institute foundation company corporation""".split()
    )
    # common lowercase words: frequent in lowercase in the training texts
    low: Counter[str] = Counter()
    cap: Counter[str] = Counter()
    for text, _, _ in docs:
        for w in _features.tokenize(text)[0]:
            if w.isalpha():
                (low if w.islower() else cap)[w.lower()] += 1
    vocab = {w for w, n in low.items() if n >= 2 and n >= cap[w]}
    stop = {
        "of",
        "the",
        "and",
        "de",
        "la",
        "le",
        "del",
        "da",
        "do",
        "di",
        "du",
        "van",
        "von",
        "al",
        "el",
    }
    places -= stop
    out.mkdir(parents=True, exist_ok=True)
    lines = [
        "P\t" + " ".join(sorted(places)),
        "O\t" + " ".join(sorted(orgs)),
        "V\t" + " ".join(sorted(vocab)),
    ]
    raw = gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0)
    (out / "lexicon.tsv.gz").write_bytes(raw)
    print(f"[train] lexicon: {len(places)} place, {len(orgs)} org, {len(vocab)} vocab words")
    return _features.read_lexicon(raw)


def bio(starts: list[int], ends: list[int], spans: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * len(starts)
    for s, e, lab in sorted(spans):
        i = bisect.bisect_right(ends, s)  # first token ending after s
        first = True
        while i < len(starts) and starts[i] < e:
            tags[i] = ("B-" if first else "I-") + lab
            first = False
            i += 1
    return tags


def sequences(
    docs: list[Doc], rng: random.Random, keep_empty: dict[str, float], lex: _features.Lexicon
) -> Iterator[tuple[list[list[str]], list[str]]]:
    feat = _features.Featurizer(lex)
    for text, spans, source in docs:
        words, starts, ends = _features.tokenize(text)
        if not words:
            continue
        xs = feat.features(text, words, starts, ends)
        ys = bio(starts, ends, spans)
        # cut at sentence starts into pieces of 40-120 tokens (never inside an entity)
        a = 0
        n = len(words)
        for k in range(1, n + 1):
            if k < n:
                if ys[k].startswith("I-") or k - a < 40:
                    continue
                if "SS" not in xs[k] and k - a < 120:
                    continue
            piece_y = ys[a:k]
            if any(y != "O" for y in piece_y) or rng.random() < keep_empty.get(source, 1.0):
                yield xs[a:k], piece_y
            a = k


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--synth-docs", type=int, default=12000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--quick", action="store_true", help="small data, few iterations")
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=OUT, help="model folder (default: the package's)")
    a = ap.parse_args()
    t0 = time.time()
    rng = random.Random(a.seed)
    data = a.data or shared_data_dir()
    corpora, counts = load_corpora(data)
    synth = [
        (r["text"], [(s["start"], s["end"], LABELS[s["label"]]) for s in r["spans"]], "synth")
        for r in generate(1000 if a.quick else a.synth_docs, a.seed)
    ]
    counts["synth"] = len(synth)
    docs = synth + corpora
    if a.quick:
        docs = synth + rng.sample(corpora, min(len(corpora), 400))
    lex = build_lexicon(corpora + synth, a.out)
    trainer = pycrfsuite.Trainer(verbose=False)
    n_seq = n_tok = 0
    for xs, ys in sequences(docs, rng, {"tab": 0.3, "gum": 0.6}, lex):
        trainer.append(xs, ys)
        n_seq += 1
        n_tok += len(ys)
    print(
        f"[train] {n_seq} sequences, {n_tok} tokens ({time.time() - t0:.0f}s); corpora {dict(counts)}"
    )
    trainer.set_params(
        {
            "c1": a.c1,
            "c2": a.c2,
            "max_iterations": 30 if a.quick else a.iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": 1,
        }
    )
    model = a.out / "model.crfsuite"
    t1 = time.time()
    trainer.train(str(model))
    info = trainer.logparser.last_iteration
    meta = {
        "feature_version": _features.FEATURE_VERSION,
        "labels": ["PERSON", "LOCATION", "ORGANIZATION"],
        "algorithm": "crfsuite lbfgs",
        "params": {"c1": a.c1, "c2": a.c2, "iterations": a.iterations, "seed": a.seed},
        "data": dict(counts),
        "sequences": n_seq,
        "tokens": n_tok,
        "active_features": info.get("active_features") if info else None,
        "train_seconds": round(time.time() - t1),
        "size_bytes": model.stat().st_size,
    }
    (a.out / "model.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"[train] wrote {model} ({meta['size_bytes'] / 1e6:.1f} MB) in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
