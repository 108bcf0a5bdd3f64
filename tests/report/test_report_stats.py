"""Stats for the run report: score histograms and masked samples, bounded and mergeable."""

from __future__ import annotations

import json

import veil
from veil.report.stats import MAX_SAMPLES, SAMPLES_PER_LABEL, SCORE_BINS, Stats


def _observed(texts: list[str]) -> Stats:
    anon = veil.Anonymizer()
    st = Stats()
    for t in texts:
        st.observe("text", t, anon.anonymize(t))
    return st


def test_observe_counts_scores_and_keeps_masked_samples() -> None:
    texts = [f"write to user{i}.name@gmail.com today" for i in range(10)]
    st = _observed(texts)
    hist = st.score_histogram()
    assert sum(hist["EMAIL"]) == 10 and len(hist["EMAIL"]) == SCORE_BINS
    assert [x["label"] for x in st.samples] == ["EMAIL"] * SAMPLES_PER_LABEL
    assert "@gmail.com" not in json.dumps(st.samples)


def test_merge_adds_scores_and_caps_samples() -> None:
    a = _observed([f"mail a{i}@gmail.com" for i in range(5)])
    b = _observed([f"call +44 20 7946 00{i:02d}, mail b{i}@gmail.com" for i in range(5)])
    total = Stats().merge(a).merge(b)
    assert sum(total.score_histogram()["EMAIL"]) == 10
    labels = [x["label"] for x in total.samples]
    assert labels.count("EMAIL") == SAMPLES_PER_LABEL
    assert labels.count("PHONE") == SAMPLES_PER_LABEL
    assert total.samples[0] == a.samples[0]  # first seen first: input order


def test_samples_never_exceed_the_global_cap() -> None:
    st = Stats(sample_cap=10_000)
    for _ in range(MAX_SAMPLES + 50):
        st.merge(_observed(["mail x@gmail.com"]))
    assert len(st.samples) == MAX_SAMPLES
