"""The benchmark corpus generator (bench/corpus.py): valid, deterministic gold."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from stdnum import iban, luhn

from veil.evaluate.gold import read_gold
from veil.labels import LABELS

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def corpus():
    path = BENCH / "corpus.py"
    if not path.is_file():
        pytest.skip("bench/corpus.py is not available")
    spec = importlib.util.spec_from_file_location("veil_bench_corpus", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_spans_are_valid_and_cover_every_label(corpus) -> None:
    rows = corpus.generate(140, seed=7)
    seen = set()
    for r in rows:
        assert 600 < len(r["text"]) < 2200
        last = -1
        for s in r["spans"]:
            assert s["label"] in LABELS
            assert 0 <= s["start"] < s["end"] <= len(r["text"])
            assert s["start"] >= last  # sorted, no overlap
            last = s["end"]
            value = r["text"][s["start"] : s["end"]]
            assert value == value.strip()
            seen.add(s["label"])
            if s["label"] == "CREDIT_CARD":
                assert luhn.is_valid("".join(c for c in value if c.isdigit()))
            if s["label"] == "IBAN":
                assert iban.is_valid(value)
    assert seen == set(LABELS)


def test_deterministic(corpus) -> None:
    assert corpus.generate(20, seed=3) == corpus.generate(20, seed=3)
    assert corpus.generate(20, seed=3) != corpus.generate(20, seed=4)


def test_prose_density(corpus) -> None:
    rows = corpus.generate(200, seed=5, prose=True)
    counts = [len(r["spans"]) for r in rows]
    assert max(counts) <= 3
    assert sum(c == 0 for c in counts) > 40


def test_negatives_have_no_spans(corpus) -> None:
    rows = corpus.generate_negatives(10, seed=1)
    assert all(r["spans"] == [] and len(r["text"]) > 500 for r in rows)


def test_cli_writes_gold_jsonl(corpus, tmp_path: Path) -> None:
    out, neg = tmp_path / "c.jsonl", tmp_path / "n.jsonl"
    assert corpus.main(["--docs", "14", "--out", str(out), "--negatives", str(neg)]) == 0
    gs = read_gold(out)
    assert gs.format == "jsonl" and len(gs.docs) == 14
    assert {d.meta["genre"] for d in gs.docs} == set(corpus.GENRE_LABELS)
    assert len(read_gold(neg).docs) == 7


def test_negatives_are_hard_and_laid_out_like_documents(corpus) -> None:
    rows = corpus.generate_negatives(80, seed=2)
    texts = [r["text"] for r in rows]
    assert all(r["spans"] == [] for r in rows)
    assert sum("\n" in t for t in texts) > 40  # lines, not one run-on paragraph
    assert any(t.startswith(tuple(corpus.NEG_GREETINGS)) for t in texts)
    joined = "\n".join(texts)
    # look-alikes of every rule family: names, dates, ages, addresses, ids
    for needle in ("years old", "Grace period", "Route 53", "Departure Gate", "Helm 3.",
                   "Dear ", "Ubuntu", "max_age", "example.com", "Order #"):  # fmt: skip
        assert needle in joined, needle
    # a heading or title (no final punctuation) always ends its line
    for title in corpus.NEG_TITLES:
        i = joined.find(title)
        while i >= 0:
            end = i + len(title)
            assert end == len(joined) or joined[end] == "\n", title
            i = joined.find(title, end)
