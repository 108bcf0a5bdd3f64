"""Information loss, re-identification risk and ML utility of an anonymized table.

Tables are pandas or polars DataFrames or dicts of column sequences; values are
compared by canonical text. A row whose quasi-identifiers are all ``*`` is
suppressed. Reports hold numbers and row positions only, never values.

* :func:`information_loss`: NCP per attribute and GIL (their mean), discernibility,
  average class size (``C_avg``), non-uniform entropy.
* :func:`risk`: prosecutor, journalist and marketer risk, sample uniques, and the
  positions of the records at highest risk; :func:`risk_report` before and after.
* :func:`ml_utility`: a gradient boosting model trained on the original and on the
  anonymized training rows, scored on the same held-out rows.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

from veil.tabular.encode import column_values, combine, factorize
from veil.tabular.hierarchies import MISSING, TOP, Hierarchy, to_text

__all__ = [
    "check_anonymity",
    "discernibility",
    "equivalence_classes",
    "information_loss",
    "ml_utility",
    "risk",
    "risk_report",
]

_NUM = r"-?\d[\d.]*(?:[eE][+-]?\d+)?"
_RANGE = re.compile(rf"\[({_NUM})-({_NUM})\]\Z")


def _codes(table: Any, name: str) -> tuple[np.ndarray, list[str]]:
    return factorize(column_values(table, name))


def equivalence_classes(table: Any, qis: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(class id per row, records per class, suppressed-row mask)."""
    codes, cards, tops = [], [], []
    for q in qis:
        c, texts = _codes(table, q)
        codes.append(c)
        cards.append(len(texts))
        tops.append(texts.index(TOP) if TOP in texts else -1)
    key, _ = combine(codes, cards)
    _, ids, sizes = np.unique(key, return_inverse=True, return_counts=True)
    supp = np.all(np.stack([c == t for c, t in zip(codes, tops, strict=True)]), axis=0)
    return ids.ravel(), sizes, supp


def discernibility(sizes: np.ndarray, suppressed: int, n: int) -> float:
    """Sum of squared class sizes; each suppressed record costs ``n``."""
    return float((sizes.astype(float) ** 2).sum() + suppressed * n)


def _label_costs(texts: list[str], orig_texts: list[str], h: Hierarchy | None) -> np.ndarray:
    """NCP of each generalized value: ``(covered - 1) / (D - 1)``, ranges by width."""
    nums = []
    for t in orig_texts:
        try:
            nums.append(float(t))
        except ValueError:
            pass
    span = (max(nums) - min(nums)) if len(nums) >= 2 else 0.0
    covered: dict[str, int] = {}
    domain = max(len(set(orig_texts)), 1)
    leaves: set[str] = set(orig_texts)
    if h is not None:
        domain = len(h.rows)
        leaves = {r[0] for r in h.rows}
        for lv in range(1, h.height):
            per: dict[str, int] = {}
            for r in h.rows:
                per[r[lv]] = per.get(r[lv], 0) + 1
            for lab, c in per.items():
                covered.setdefault(lab, c)
    out = np.zeros(len(texts))
    for i, t in enumerate(texts):
        if t == TOP:
            out[i] = 1.0
        elif t in leaves or t == MISSING:
            out[i] = 0.0
        elif t in covered:
            out[i] = (covered[t] - 1) / max(domain - 1, 1)
        elif (m := _RANGE.match(t)) and span > 0:
            out[i] = min((float(m.group(2)) - float(m.group(1))) / span, 1.0)
        else:
            out[i] = 0.0
    return out


def information_loss(
    original: Any,
    anonymized: Any,
    qis: list[str],
    hierarchies: dict[str, Hierarchy] | None = None,
    k: int | None = None,
) -> dict[str, Any]:
    """NCP/GIL, discernibility, average class size and non-uniform entropy."""
    hierarchies = hierarchies or {}
    ids, sizes, supp = equivalence_classes(anonymized, qis)
    n = len(ids)
    n_supp = int(supp.sum())
    retained_sizes = np.bincount(ids[~supp], minlength=len(sizes))
    retained_sizes = retained_sizes[retained_sizes > 0]
    ncp = {}
    entropy = {}
    for q in qis:
        oc, otexts = _codes(original, q)
        ac, atexts = _codes(anonymized, q)
        cost = _label_costs(atexts, otexts, hierarchies.get(q))
        ncp[q] = float(cost[ac].mean()) if n else 0.0
        # non-uniform entropy: -log2 P(original value | generalized value)
        pair, _ = combine([ac, oc], [len(atexts), len(otexts)])
        _, pinv, pcnt = np.unique(pair, return_inverse=True, return_counts=True)
        gcnt = np.bincount(ac, minlength=len(atexts))
        entropy[q] = float(-np.log2(pcnt[pinv.ravel()] / gcnt[ac]).sum())
    gil = float(np.mean(list(ncp.values()))) if ncp else 0.0
    n_classes = len(retained_sizes)
    return {
        "records": n,
        "suppressed": n_supp,
        "classes": n_classes,
        "gil": gil,
        "ncp": ncp,
        "discernibility": discernibility(retained_sizes, n_supp, n),
        "average_class_size": (((n - n_supp) / n_classes / (k or 1)) if n_classes else math.inf),
        "non_uniform_entropy": float(sum(entropy.values())),
        "non_uniform_entropy_per_attribute": entropy,
    }


def risk(
    table: Any,
    qis: list[str],
    population: Any = None,
    threshold: float = 0.2,
    top: int = 10,
) -> dict[str, Any]:
    """Re-identification risk of ``table`` (the sample; ``population`` optional).

    Prosecutor: 1 / class size in the sample. Journalist: 1 / size of the matching
    class in the population (the sample itself when no population is given).
    Marketer: expected share of records re-identified, ``sum_j f_j / F_j / n``.
    """
    ids, sizes, _ = equivalence_classes(table, qis)
    n = len(ids)
    if n == 0:
        return {"records": 0}
    pr = 1.0 / sizes[ids]
    if population is None:
        pop_sizes = sizes.astype(float)
    else:
        pop_sizes = _population_sizes(table, population, qis, sizes)
    jr = 1.0 / pop_sizes[ids]
    order = np.argsort(-pr, kind="stable")[:top]
    return {
        "records": n,
        "classes": len(sizes),
        "prosecutor_max": float(pr.max()),
        "prosecutor_avg": float(pr.mean()),
        "journalist_max": float(jr.max()),
        "journalist_avg": float(jr.mean()),
        "marketer": float((sizes / pop_sizes).sum() / n),
        "sample_uniques": float((sizes[ids] == 1).mean()),
        "records_at_risk": float((pr > threshold).mean()),
        "threshold": threshold,
        "highest_risk_rows": [int(i) for i in order],
    }


def _population_sizes(
    sample: Any, population: Any, qis: list[str], sizes: np.ndarray
) -> np.ndarray:
    s_cols = [[to_text(v) for v in _aslist(column_values(sample, q))] for q in qis]
    p_cols = [[to_text(v) for v in _aslist(column_values(population, q))] for q in qis]
    counts: dict[tuple[str, ...], int] = {}
    for key in zip(*p_cols, strict=True):
        counts[key] = counts.get(key, 0) + 1
    ids, _, _ = equivalence_classes(sample, qis)
    first = {}
    for row, cid in enumerate(ids):
        first.setdefault(int(cid), row)
    out = np.empty(len(sizes))
    for cid, row in first.items():
        key = tuple(c[row] for c in s_cols)
        out[cid] = max(counts.get(key, 0), sizes[cid])
    return out


def _aslist(col: Any) -> list:
    if hasattr(col, "to_list"):
        return col.to_list()
    if hasattr(col, "tolist"):
        return col.tolist()
    return list(col)


def risk_report(original: Any, anonymized: Any, qis: list[str], **kw: Any) -> dict[str, Any]:
    """:func:`risk` of the original and of the anonymized table."""
    return {"before": risk(original, qis, **kw), "after": risk(anonymized, qis, **kw)}


def _features(table: Any, cols: list[str]) -> np.ndarray:
    """Numbers stay numbers; other columns become ordinal codes of their sorted texts."""
    out = []
    for c in cols:
        vals = [to_text(v) for v in _aslist(column_values(table, c))]
        try:
            out.append(np.array([float(v) if v != MISSING else np.nan for v in vals]))
        except ValueError:
            uniq, inv = np.unique(np.array(vals, dtype=object).astype(str), return_inverse=True)
            del uniq
            out.append(inv.ravel().astype(float))
    return np.stack(out, axis=1)


def ml_utility(
    original: Any,
    anonymized: Any,
    target: str,
    features: list[str] | None = None,
    test_size: float = 0.3,
    random_state: int = 0,
    model: Any = None,
) -> dict[str, float]:
    """Accuracy and AUC of a model trained on original vs anonymized training rows.

    Both models are scored on the same held-out rows: the original model on their
    original values, the anonymized one on their anonymized values (what it gets in
    use). ``model`` defaults to a HistGradientBoostingClassifier.
    """
    from sklearn.base import clone
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import accuracy_score, roc_auc_score
    from sklearn.model_selection import train_test_split

    y = np.array([to_text(v) for v in _aslist(column_values(original, target))])
    if features is None:
        cols = _aslist(original.columns) if hasattr(original, "columns") else list(original)
        features = [c for c in cols if c != target]
    idx = np.arange(len(y))
    train, test = train_test_split(idx, test_size=test_size, random_state=random_state, stratify=y)
    base = model if model is not None else HistGradientBoostingClassifier(random_state=random_state)
    out: dict[str, float] = {}
    for name, table in (("original", original), ("anonymized", anonymized)):
        X = _features(table, features)
        est = clone(base).fit(X[train], y[train])
        pred = est.predict(X[test])
        out[f"accuracy_{name}"] = float(accuracy_score(y[test], pred))
        proba = est.predict_proba(X[test])
        if proba.shape[1] == 2:
            auc = roc_auc_score(y[test] == est.classes_[1], proba[:, 1])
        else:
            auc = roc_auc_score(y[test], proba, multi_class="ovr", labels=est.classes_)
        out[f"auc_{name}"] = float(auc)
    out["accuracy_diff"] = out["accuracy_original"] - out["accuracy_anonymized"]
    out["auc_diff"] = out["auc_original"] - out["auc_anonymized"]
    return out


def check_anonymity(
    table: Any, qis: list[str], sensitive: str, t_distance: str = "equal"
) -> dict[str, Any]:
    """The k, l (distinct and entropy) and t (EMD) a table achieves, all classes at once."""
    from veil.tabular.models import TCloseness, _entropy

    ids, sizes, _ = equivalence_classes(table, qis)
    codes, labels = _codes(table, sensitive)
    s = len(labels)
    hist = np.bincount(ids * s + codes, minlength=len(sizes) * s).reshape(len(sizes), s)
    tc = TCloseness(sensitive, 1.0, t_distance)
    tc.prepare(hist.sum(axis=0).astype(float), labels)
    return {
        "classes": len(sizes),
        "k": int(sizes.min()),
        "l": int((hist > 0).sum(axis=1).min()),
        "entropy_l": float(np.exp(_entropy(hist.astype(float)).min())),
        "t": float(tc.distances(hist.astype(float)).max()),
    }
