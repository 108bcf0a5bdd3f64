"""Scores predicted spans against gold spans: recall, precision, leak rate, TAB.

Definitions (gold labels are mapped to Veil labels first, see ``labels.py``):

* **recall** (span recall): a gold span is *found* if any prediction, of any
  label, overlaps it.
* **typed_recall**: found by an overlapping prediction of an accepted label
  (the mapped label; DATE/DATE_OF_BIRTH are interchangeable; TAB's CODE
  accepts any identifier-number label).
* **exact_recall**: a prediction with the same offsets and an accepted label.
* **precision** (typed): a prediction is correct if it overlaps a gold span whose
  label accepts it. Predictions of labels the gold set does not annotate at all
  (e.g. SECRET on presidio-synth) are counted under ``unscored_pred`` and left
  out; so are predictions that overlap only unmapped gold spans (``ignored``).
  An exhaustive gold set (plain JSONL) annotates every label.
* **leak_rate**: the share of gold non-whitespace characters that no
  prediction covers.
* **TAB** (when gold spans carry ``identifier_type``): a DIRECT or QUASI mention
  is *protected* only if all its non-whitespace characters are covered;
  recall over mentions and over entities (an entity is protected when all its
  mentions are), per identifier type; ``mention_recall_untitled`` also forgives
  a leading courtesy title left unmasked ("Mr" in "Mr Karl Strobel"); token
  precision: the share of tokens a prediction touches that lie in a DIRECT or
  QUASI mention (unweighted).

A ratio whose denominator is zero is ``None``. Nothing here keeps raw text in
the result: only labels, counts and ratios.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .gold import GoldDoc, GoldSpan
from .labels import accepted

__all__ = ["DocOutcome", "PredLike", "Scorer", "ratio"]

MISSED = "(missed)"
NO_GOLD = "(none)"
_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+|[^\w\s]")
# a leading courtesy title, which TAB's annotators often include in a PERSON mention
_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Mme|Mlle|Herr|Frau)\.?\s+")


class PredLike(Protocol):
    start: int
    end: int
    label: str


def ratio(num: int, den: int) -> float | None:
    return round(num / den, 6) if den else None


class _Index:
    """Overlap queries over spans (any objects with start/end), in any order."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = sorted(items, key=lambda s: (s.start, s.end))
        self.starts = [s.start for s in self.items]
        self.maxlen = max((s.end - s.start for s in self.items), default=0)

    def overlapping(self, start: int, end: int) -> list[Any]:
        lo = bisect_left(self.starts, start - self.maxlen + 1)
        hi = bisect_left(self.starts, end)
        return [s for s in self.items[lo:hi] if s.end > start]


@dataclass(slots=True)
class DocOutcome:
    """What went wrong in one document (for diagnostics; holds offsets, not text).

    ``false_positives`` may include predictions of labels that the final result
    leaves unscored (the annotated label set is known only at the end)."""

    missed: list[GoldSpan] = field(default_factory=list)
    mistyped: list[tuple[GoldSpan, tuple[str, ...]]] = field(default_factory=list)
    false_positives: list[Any] = field(default_factory=list)


@dataclass(slots=True)
class _GoldCounts:
    gold: int = 0
    found: int = 0
    typed: int = 0
    exact: int = 0
    chars: int = 0
    leaked: int = 0


@dataclass(slots=True)
class _PredCounts:
    pred: int = 0
    tp: int = 0
    fp: int = 0
    ignored: int = 0


class Scorer:
    """Accumulates scores document by document; :meth:`result` gives the tables.

    ``labels`` restricts scoring to these Veil labels (gold spans of other labels
    and predictions of other labels are left out). ``exhaustive``: the gold set
    annotates every label, so every prediction is scored.
    """

    def __init__(self, labels: Iterable[str] | None = None, exhaustive: bool = False) -> None:
        self.labels = frozenset(labels) if labels is not None else None
        self.exhaustive = exhaustive
        self.documents = 0
        self.docs_with_pred = 0
        self.docs_with_fp = 0
        self._gold: dict[str, _GoldCounts] = defaultdict(_GoldCounts)
        self._unmapped: dict[str, _GoldCounts] = defaultdict(_GoldCounts)
        self._pred: dict[str, _PredCounts] = defaultdict(_PredCounts)
        self._annotated: set[str] = set()
        self._confusion: dict[str, Counter[str]] = defaultdict(Counter)
        self._fp_docs: list[set[str]] = []  # per doc with predictions: labels of its FPs
        self._tab: _TabCounts | None = None

    # -- per document -----------------------------------------------------------
    def _in_scope(self, g: GoldSpan) -> bool:
        if g.label is None:
            return False
        return self.labels is None or bool(accepted(g.label) & self.labels)

    def add(self, doc: GoldDoc, preds: Sequence[PredLike]) -> DocOutcome:
        """Score one document's predictions."""
        text = doc.text
        n = len(text)
        if self.labels is not None:
            preds = [p for p in preds if p.label in self.labels]
        self.documents += 1
        out = DocOutcome()

        # 0 = uncovered, 1 = covered by a prediction, 2 = whitespace (not counted)
        cov = bytearray(n)
        for p in preds:
            a, b = max(0, p.start), min(n, p.end)
            if b > a:
                cov[a:b] = b"\x01" * (b - a)
        for m in _WS.finditer(text):
            cov[m.start() : m.end()] = b"\x02" * (m.end() - m.start())

        pidx = _Index(preds)
        scoped = []
        for g in doc.spans:
            seg = cov[g.start : g.end]
            leaked, covered = seg.count(0), seg.count(1)
            overl = pidx.overlapping(g.start, g.end)
            if g.label is None:
                u = self._unmapped[g.source]
                u.gold += 1
                u.found += bool(overl)
                u.chars += leaked + covered
                u.leaked += leaked
                continue
            self._annotated |= accepted(g.label)
            if not self._in_scope(g):
                continue
            scoped.append(g)
            ok = accepted(g.label)
            c = self._gold[g.label]
            c.gold += 1
            c.chars += leaked + covered
            c.leaked += leaked
            conf = self._confusion[g.label]
            if not overl:
                conf[MISSED] += 1
                out.missed.append(g)
                continue
            c.found += 1
            for lab in {p.label for p in overl}:
                conf[lab] += 1
            if any(p.label in ok for p in overl):
                c.typed += 1
                if any(p.label in ok and p.start == g.start and p.end == g.end for p in overl):
                    c.exact += 1
            else:
                out.mistyped.append((g, tuple(sorted({p.label for p in overl}))))

        gidx = _Index(doc.spans)
        sidx = _Index(scoped)
        fp_labels: set[str] = set()
        for p in preds:
            pc = self._pred[p.label]
            pc.pred += 1
            if any(p.label in accepted(g.label) for g in sidx.overlapping(p.start, p.end)):
                pc.tp += 1
                continue
            touching = gidx.overlapping(p.start, p.end)
            if touching and all(g.label is None for g in touching):
                pc.ignored += 1
                continue
            pc.fp += 1
            out.false_positives.append(p)
            fp_labels.add(p.label)
            if not touching:
                self._confusion[NO_GOLD][p.label] += 1
        if preds:
            self.docs_with_pred += 1
            self._fp_docs.append(fp_labels)

        if any(g.identifier_type is not None for g in doc.spans):
            if self._tab is None:
                self._tab = _TabCounts()
            self._tab.add(doc, cov, preds)
        return out

    # -- results ----------------------------------------------------------------
    def annotated(self) -> frozenset[str] | None:
        """Labels whose predictions are scored (None: all, the set is exhaustive)."""
        return None if self.exhaustive else frozenset(self._annotated)

    def result(self) -> dict[str, Any]:
        annotated = self.annotated()

        def scored(label: str) -> bool:
            return annotated is None or label in annotated

        labels: dict[str, dict[str, Any]] = {}
        tot_g = _GoldCounts()
        for lab, c in sorted(self._gold.items()):
            labels[lab] = _gold_row(c)
            for f in ("gold", "found", "typed", "exact", "chars", "leaked"):
                setattr(tot_g, f, getattr(tot_g, f) + getattr(c, f))
        tot_p = _PredCounts()
        unscored: dict[str, int] = {}
        for lab, pc in sorted(self._pred.items()):
            if not scored(lab):
                unscored[lab] = pc.pred
                continue
            row = labels.setdefault(lab, _gold_row(_GoldCounts()))
            row.update(_pred_row(pc))
            for f in ("pred", "tp", "fp", "ignored"):
                setattr(tot_p, f, getattr(tot_p, f) + getattr(pc, f))
        for row in labels.values():
            if "pred" not in row:
                row.update(_pred_row(_PredCounts()))
        docs_with_fp = sum(1 for s in self._fp_docs if any(scored(lab) for lab in s))
        overall = {
            **_gold_row(tot_g),
            **_pred_row(tot_p),
            "documents": self.documents,
            "docs_with_pred": self.docs_with_pred,
            "docs_with_fp": docs_with_fp,
            "docs_flagged_rate": ratio(self.docs_with_pred, self.documents),
        }
        p, r = overall["precision"], overall["typed_recall"]
        overall["typed_f1"] = round(2 * p * r / (p + r), 6) if p and r else None
        unmapped = {
            src: {
                "gold": c.gold,
                "found": c.found,
                "recall": ratio(c.found, c.gold),
                "leak_rate": ratio(c.leaked, c.chars),
            }
            for src, c in sorted(self._unmapped.items())
        }
        confusion = {g: dict(sorted(cnt.items())) for g, cnt in sorted(self._confusion.items())}
        res: dict[str, Any] = {
            "documents": self.documents,
            "labels": labels,
            "overall": overall,
            "unmapped": unmapped,
            "unscored_pred": unscored,
            "annotated_labels": sorted(annotated) if annotated is not None else "all",
            "confusion": confusion,
        }
        if self._tab is not None:
            res["tab"] = self._tab.result()
        return res


def _gold_row(c: _GoldCounts) -> dict[str, Any]:
    return {
        "gold": c.gold,
        "found": c.found,
        "recall": ratio(c.found, c.gold),
        "typed_recall": ratio(c.typed, c.gold),
        "exact_recall": ratio(c.exact, c.gold),
        "gold_chars": c.chars,
        "leaked_chars": c.leaked,
        "leak_rate": ratio(c.leaked, c.chars),
    }


def _pred_row(c: _PredCounts) -> dict[str, Any]:
    return {
        "pred": c.pred,
        "tp": c.tp,
        "fp": c.fp,
        "ignored": c.ignored,
        "precision": ratio(c.tp, c.tp + c.fp),
    }


class _TabCounts:
    """TAB-style masking scores over DIRECT and QUASI mentions."""

    def __init__(self) -> None:
        self.mentions: Counter[str] = Counter()  # identifier type -> mentions
        self.protected: Counter[str] = Counter()
        self.protected_untitled: Counter[str] = Counter()
        self.by_type: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        self.entities: dict[tuple[str, str, str], bool] = {}
        self.chars: Counter[str] = Counter()
        self.leaked: Counter[str] = Counter()
        self.pred_tokens = 0
        self.correct_tokens = 0

    def add(self, doc: GoldDoc, cov: bytearray, preds: Sequence[PredLike]) -> None:
        n = len(doc.text)
        need = bytearray(n)  # 1 where a DIRECT/QUASI mention says "mask"
        for i, g in enumerate(doc.spans):
            kind = g.identifier_type
            if kind not in ("DIRECT", "QUASI"):
                continue
            need[g.start : g.end] = b"\x01" * (g.end - g.start)
            seg = cov[g.start : g.end]
            leaked = seg.count(0)
            ok = leaked == 0
            self.mentions[kind] += 1
            self.protected[kind] += ok
            title = _TITLE.match(doc.text, g.start, g.end) if g.source == "PERSON" else None
            if title is not None and not ok:
                self.protected_untitled[kind] += cov[title.end() : g.end].count(0) == 0
            else:
                self.protected_untitled[kind] += ok
            self.chars[kind] += leaked + seg.count(1)
            self.leaked[kind] += leaked
            row = self.by_type[(kind, g.source)]
            row[0] += 1
            row[1] += ok
            key = (doc.id, g.entity_id or f"#{i}", kind)
            self.entities[key] = self.entities.get(key, True) and ok
        if not preds:
            return
        for m in _TOKEN.finditer(doc.text):
            a, b = m.span()
            if 1 in cov[a:b]:
                self.pred_tokens += 1
                self.correct_tokens += 1 in need[a:b]

    def result(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for kind in ("DIRECT", "QUASI"):
            ents = [v for (_, _, k), v in self.entities.items() if k == kind]
            out[kind.lower()] = {
                "mentions": self.mentions[kind],
                "protected": self.protected[kind],
                "mention_recall": ratio(self.protected[kind], self.mentions[kind]),
                "mention_recall_untitled": ratio(
                    self.protected_untitled[kind], self.mentions[kind]
                ),
                "entities": len(ents),
                "entity_recall": ratio(sum(ents), len(ents)),
                "leak_rate": ratio(self.leaked[kind], self.chars[kind]),
                "by_type": {
                    src: {"mentions": v[0], "protected": v[1], "recall": ratio(v[1], v[0])}
                    for (k, src), v in sorted(self.by_type.items())
                    if k == kind
                },
            }
        out["token_precision"] = ratio(self.correct_tokens, self.pred_tokens)
        out["pred_tokens"] = self.pred_tokens
        out["correct_tokens"] = self.correct_tokens
        return out
