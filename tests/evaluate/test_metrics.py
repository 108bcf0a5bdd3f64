"""Metrics on tiny hand-made gold sets: exact numbers."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veil.evaluate.gold import GoldDoc, GoldSpan
from veil.evaluate.metrics import Scorer


@dataclass(frozen=True)
class P:
    start: int
    end: int
    label: str


def g(text: str, value: str, label: str | None, source: str | None = None, **kw) -> GoldSpan:
    i = text.index(value)
    return GoldSpan(i, i + len(value), label, source or label or "X", **kw)


def p(text: str, value: str, label: str) -> P:
    i = text.index(value)
    return P(i, i + len(value), label)


TEXT = "Call Jane Doe at 555-123-4567 or mail jd@x.org today"
DOC = GoldDoc(
    "d1",
    TEXT,
    (g(TEXT, "Jane Doe", "PERSON"), g(TEXT, "555-123-4567", "PHONE"), g(TEXT, "jd@x.org", "EMAIL")),
)
PREDS = [
    p(TEXT, "Jane Doe", "PERSON"),  # exact
    p(TEXT, "123-4567", "PHONE"),  # typed, partial
    p(TEXT, "jd@x.org", "URL"),  # found, wrong type
    p(TEXT, "today", "DATE"),  # no gold
]


def test_recall_kinds_and_leak() -> None:
    s = Scorer()
    out = s.add(DOC, PREDS)
    r = s.result()
    o = r["overall"]
    assert (o["gold"], o["found"]) == (3, 3)
    assert o["recall"] == 1.0
    assert o["typed_recall"] == round(2 / 3, 6)
    assert o["exact_recall"] == round(1 / 3, 6)
    # non-whitespace gold chars: 7 + 12 + 8; "555-" leaks
    assert (o["gold_chars"], o["leaked_chars"]) == (27, 4)
    assert o["leak_rate"] == round(4 / 27, 6)
    assert r["labels"]["PHONE"]["leak_rate"] == round(4 / 12, 6)
    assert r["labels"]["PERSON"]["exact_recall"] == 1.0
    assert r["labels"]["PHONE"]["exact_recall"] == 0.0
    assert r["labels"]["EMAIL"]["typed_recall"] == 0.0
    assert out.missed == []
    assert [(m.label, labs) for m, labs in out.mistyped] == [("EMAIL", ("URL",))]


def test_precision_skips_labels_the_gold_does_not_annotate() -> None:
    s = Scorer()
    s.add(DOC, PREDS)
    r = s.result()
    assert r["unscored_pred"] == {"DATE": 1, "URL": 1}
    assert (r["overall"]["pred"], r["overall"]["tp"], r["overall"]["fp"]) == (2, 2, 0)
    assert r["overall"]["precision"] == 1.0
    assert r["annotated_labels"] == ["EMAIL", "PERSON", "PHONE"]


def test_exhaustive_gold_scores_every_prediction() -> None:
    s = Scorer(exhaustive=True)
    out = s.add(DOC, PREDS)
    r = s.result()
    assert r["unscored_pred"] == {}
    assert (r["overall"]["pred"], r["overall"]["tp"], r["overall"]["fp"]) == (4, 2, 2)
    assert r["overall"]["precision"] == 0.5
    assert r["labels"]["URL"]["precision"] == 0.0
    assert r["labels"]["DATE"]["gold"] == 0
    assert sorted(x.label for x in out.false_positives) == ["DATE", "URL"]
    assert r["overall"]["docs_with_fp"] == 1


def test_confusion() -> None:
    s = Scorer(exhaustive=True)
    s.add(DOC, PREDS)
    s.add(GoldDoc("d2", "x y", (GoldSpan(0, 1, "PERSON", "PERSON"),)), [])
    c = s.result()["confusion"]
    assert c["PERSON"] == {"(missed)": 1, "PERSON": 1}
    assert c["EMAIL"] == {"URL": 1}
    assert c["(none)"] == {"DATE": 1}


def test_missed_span_and_empty_prediction() -> None:
    s = Scorer()
    out = s.add(DOC, [])
    r = s.result()
    assert r["overall"]["recall"] == 0.0
    assert r["overall"]["leak_rate"] == 1.0
    assert r["overall"]["precision"] is None
    assert r["overall"]["docs_with_pred"] == 0
    assert len(out.missed) == 3


def test_date_equivalence_and_code() -> None:
    t = "born 1 May 1980, case 12345/01"
    doc = GoldDoc("d", t, (g(t, "1 May 1980", "DATE"), g(t, "12345/01", "CODE")))
    s = Scorer()
    s.add(doc, [p(t, "1 May 1980", "DATE_OF_BIRTH"), p(t, "12345/01", "NATIONAL_ID")])
    r = s.result()
    assert r["overall"]["exact_recall"] == 1.0
    assert r["overall"]["precision"] == 1.0
    assert r["labels"]["CODE"]["typed_recall"] == 1.0
    assert r["labels"]["NATIONAL_ID"]["tp"] == 1


def test_unmapped_gold_is_reported_not_scored() -> None:
    t = "Dr. Ann Lee, zip 12345"
    doc = GoldDoc(
        "d",
        t,
        (g(t, "Dr.", None, "TITLE"), g(t, "Ann Lee", "PERSON"), g(t, "12345", None, "ZIP_CODE")),
    )
    s = Scorer()
    s.add(doc, [p(t, "Dr. Ann Lee", "PERSON"), p(t, "12345", "PERSON")])
    r = s.result()
    assert r["overall"]["gold"] == 1
    assert r["unmapped"]["TITLE"] == {"gold": 1, "found": 1, "recall": 1.0, "leak_rate": 0.0}
    assert r["unmapped"]["ZIP_CODE"]["found"] == 1
    # the prediction over the ZIP code touches only unmapped gold: ignored
    assert r["labels"]["PERSON"]["tp"] == 1
    assert r["labels"]["PERSON"]["ignored"] == 1
    assert r["labels"]["PERSON"]["precision"] == 1.0


def test_label_filter() -> None:
    s = Scorer(labels=["PHONE"], exhaustive=True)
    s.add(DOC, PREDS)
    r = s.result()
    assert set(r["labels"]) == {"PHONE"}
    assert r["overall"]["gold"] == 1
    assert r["overall"]["pred"] == 1


def test_negatives_docs_flagged() -> None:
    s = Scorer(exhaustive=True)
    for i in range(4):
        s.add(
            GoldDoc(str(i), "v1.2.3 on 10.0.0.1", ()), [P(10, 18, "IP_ADDRESS")] if i == 0 else []
        )
    o = s.result()["overall"]
    assert (o["documents"], o["docs_with_pred"], o["docs_with_fp"]) == (4, 1, 1)
    assert o["docs_flagged_rate"] == 0.25
    assert o["precision"] == 0.0


TAB_TEXT = "Mr Ivan Petrov (no. 12345/01) was born on 3 May 1970 in Sofia; the Court decided."
TAB_DOC = GoldDoc(
    "t",
    TAB_TEXT,
    (
        g(TAB_TEXT, "Ivan Petrov", "PERSON", identifier_type="DIRECT", entity_id="e1"),
        g(TAB_TEXT, "12345/01", "CODE", identifier_type="DIRECT", entity_id="e2"),
        g(TAB_TEXT, "3 May 1970", "DATE", "DATETIME", identifier_type="QUASI", entity_id="e3"),
        g(TAB_TEXT, "Sofia", "LOCATION", "LOC", identifier_type="QUASI", entity_id="e4"),
        g(TAB_TEXT, "Court", "ORGANIZATION", "ORG", identifier_type="NO_MASK", entity_id="e5"),
    ),
)


def test_tab_scoring() -> None:
    s = Scorer()
    s.add(
        TAB_DOC,
        [
            p(TAB_TEXT, "Ivan Petrov", "PERSON"),  # protected
            p(TAB_TEXT, "12345", "PHONE"),  # partial: not protected
            p(TAB_TEXT, "May 1970", "DATE"),  # partial: not protected
            p(TAB_TEXT, "Court", "ORGANIZATION"),  # NO_MASK: a wasted token
        ],
    )
    tab = s.result()["tab"]
    assert tab["direct"]["mentions"] == 2
    assert tab["direct"]["mention_recall"] == 0.5
    assert tab["direct"]["by_type"]["PERSON"] == {"mentions": 1, "protected": 1, "recall": 1.0}
    assert tab["direct"]["by_type"]["CODE"]["recall"] == 0.0
    assert tab["quasi"]["mention_recall"] == 0.0
    assert tab["quasi"]["entities"] == 2
    # tokens touched: Ivan, Petrov, 12345, May, 1970, Court -> 5 of 6 in DIRECT/QUASI
    assert (tab["pred_tokens"], tab["correct_tokens"]) == (6, 5)
    assert tab["token_precision"] == round(5 / 6, 6)


def test_tab_untitled_recall_forgives_a_leading_title() -> None:
    t = "Mr Karl Strobel and Ms Ann Lee met Dr. Bo Li."
    spans = tuple(
        g(t, v, "PERSON", identifier_type="DIRECT", entity_id=v)
        for v in ("Mr Karl Strobel", "Ms Ann Lee", "Dr. Bo Li")
    )
    s = Scorer()
    s.add(
        GoldDoc("t", t, spans),
        [p(t, "Karl Strobel", "PERSON"), p(t, "Ann", "PERSON"), p(t, "Dr. Bo Li", "PERSON")],
    )
    d = s.result()["tab"]["direct"]
    assert d["mention_recall"] == round(1 / 3, 6)
    assert d["mention_recall_untitled"] == round(2 / 3, 6)


def test_tab_entity_needs_every_mention() -> None:
    t = "Anna met Anna."
    doc = GoldDoc(
        "t",
        t,
        (
            GoldSpan(0, 4, "PERSON", "PERSON", "DIRECT", "e1"),
            GoldSpan(9, 13, "PERSON", "PERSON", "DIRECT", "e1"),
        ),
    )
    s = Scorer()
    s.add(doc, [P(0, 4, "PERSON")])
    d = s.result()["tab"]["direct"]
    assert (d["mention_recall"], d["entities"], d["entity_recall"]) == (0.5, 1, 0.0)


def test_no_tab_section_without_identifier_types() -> None:
    s = Scorer()
    s.add(DOC, PREDS)
    assert "tab" not in s.result()


@pytest.mark.parametrize("n", [0, 1, 7])
def test_overlapping_and_unsorted_predictions(n: int) -> None:
    t = "a" * 50
    doc = GoldDoc("d", t, (GoldSpan(10, 20, "PERSON", "PERSON"),))
    preds = [P(30, 40, "PERSON")] * n + [P(0, 45, "EMAIL"), P(12, 15, "PERSON")]
    s = Scorer(exhaustive=True)
    s.add(doc, preds)
    r = s.result()["labels"]["PERSON"]
    assert r["typed_recall"] == 1.0
    assert (r["pred"], r["tp"], r["fp"]) == (n + 1, 1, n)


def test_large_adversarial_document_completes() -> None:
    text = ("a " * 25_000) + ("\t" * 25_000) + ("x" * 25_000) + ("-!" * 12_500)
    doc = GoldDoc("big", text, (GoldSpan(10, 90_000, "PERSON", "PERSON", "DIRECT", "e"),))
    s = Scorer()
    s.add(doc, [P(0, 5, "PERSON"), P(95_000, 99_000, "PERSON")])
    r = s.result()
    assert r["overall"]["found"] == 0
    assert r["tab"]["direct"]["mention_recall"] == 0.0


@st.composite
def _doc_and_preds(draw):
    n = draw(st.integers(20, 200))
    text = draw(st.text(alphabet="ab \n1", min_size=n, max_size=n))
    labels = ["PERSON", "EMAIL", "DATE"]

    def spans(cls):
        out = []
        for _ in range(draw(st.integers(0, 6))):
            a = draw(st.integers(0, n - 1))
            b = draw(st.integers(a + 1, min(n, a + 30)))
            out.append(cls(a, b, draw(st.sampled_from(labels))))
        return out

    gold = spans(lambda a, b, lab: GoldSpan(a, b, lab, lab))
    preds = spans(P)
    return GoldDoc("h", text, tuple(gold)), preds


@given(_doc_and_preds())
@settings(max_examples=60, deadline=None)
def test_ratios_are_bounded(case) -> None:
    doc, preds = case
    s = Scorer(exhaustive=True)
    s.add(doc, preds)
    o = s.result()["overall"]
    for k in ("recall", "typed_recall", "exact_recall", "leak_rate", "precision"):
        assert o[k] is None or 0.0 <= o[k] <= 1.0
    assert o["exact_recall"] is None or o["exact_recall"] <= o["typed_recall"] <= o["recall"]
    assert o["tp"] + o["fp"] + o["ignored"] == o["pred"] == len(preds)


@given(_doc_and_preds())
@settings(max_examples=60, deadline=None)
def test_predicting_the_gold_is_perfect(case) -> None:
    doc, _ = case
    preds = [P(g.start, g.end, g.label) for g in doc.spans]
    s = Scorer(exhaustive=True)
    s.add(doc, preds)
    o = s.result()["overall"]
    if doc.spans:
        assert o["exact_recall"] == 1.0
        assert o["precision"] == 1.0
        assert o["leak_rate"] in (0.0, None)
