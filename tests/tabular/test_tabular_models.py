"""Privacy models on hand-computed class histograms."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

from veil.tabular.models import (
    AverageRisk,
    DistinctLDiversity,
    EntropyLDiversity,
    KAnonymity,
    RecursiveCLDiversity,
    TCloseness,
)

# three classes over sensitive values v0, v1, v2
HIST = np.array([[2, 2, 0], [3, 0, 1], [1, 1, 1]], float)
SIZES = HIST.sum(axis=1)
LABELS = ["v0", "v1", "v2"]
GLOBAL = HIST.sum(axis=0)  # 6, 3, 2 of 11

CASES = [
    (KAnonymity(4), [False, False, True]),
    (KAnonymity(3), [False, False, False]),
    (KAnonymity(5), [True, True, True]),
    (DistinctLDiversity("s", 2), [False, False, False]),
    (DistinctLDiversity("s", 3), [True, True, False]),
    (EntropyLDiversity("s", 2), [False, True, False]),  # H(.75,.25)=0.562 < ln 2
    (EntropyLDiversity("s", 3), [True, True, False]),
    (RecursiveCLDiversity("s", 2, 2), [False, True, False]),  # 3 < 2*1 fails
    (RecursiveCLDiversity("s", 3, 2), [False, True, False]),  # 3 < 3*1 fails
    (RecursiveCLDiversity("s", 4, 2), [False, False, False]),
    (RecursiveCLDiversity("s", 2, 3), [True, True, False]),
]


@pytest.mark.parametrize(("model", "expected"), CASES, ids=lambda x: repr(x)[:40])
def test_class_models(model, expected):
    assert model.violating(SIZES, HIST).tolist() == expected


def _t(distance, **kw):
    m = TCloseness("s", 0.2, distance, **kw)
    m.prepare(GLOBAL, LABELS)
    return m


HIER = [("v0", "G1", "*"), ("v1", "G1", "*"), ("v2", "G2", "*")]


def _emd_class_a():
    # class A: p = (1/2, 1/2, 0), q = (6/11, 3/11, 2/11)
    return {
        "equal": F(5, 22),  # half of 1/22 + 5/22 + 4/22
        "ordered": F(5, 44),  # |-1/22| + |4/22| + |0|, over m-1 = 2
        "hierarchical": F(9, 44),  # level 1: 1/2 * min(5/22, 1/22); top: 1 * min(4/22, 4/22)
    }


@pytest.mark.parametrize("distance", ["equal", "ordered", "hierarchical"])
def test_emd_hand_computed(distance):
    kw = {"hierarchy": HIER} if distance == "hierarchical" else {}
    d = _t(distance, **kw).distances(HIST)
    assert d[0] == pytest.approx(float(_emd_class_a()[distance]))


def test_emd_zero_for_global_distribution():
    for distance in ("equal", "ordered", "hierarchical"):
        kw = {"hierarchy": HIER} if distance == "hierarchical" else {}
        d = _t(distance, **kw).distances(GLOBAL[None, :] * 2)
        assert d[0] == pytest.approx(0.0)


def test_t_closeness_threshold():
    m = _t("equal")
    m.t = float(F(5, 22)) - 1e-6
    assert m.violating(SIZES, HIST)[0]
    m.t = float(F(5, 22)) + 1e-6
    assert not m.violating(SIZES, HIST)[0]


def test_ordered_emd_sorts_numbers_numerically():
    m = TCloseness("s", 1.0, "ordered")
    m.prepare(np.array([1.0, 1.0, 1.0]), ["10", "2", "1"])
    # all mass on "1" (smallest) vs uniform: cumsum over order 1,2,10 = 2/3, 1/3, 0
    d = m.distances(np.array([[0.0, 0.0, 3.0]]))
    assert d[0] == pytest.approx((2 / 3 + 1 / 3) / 2)


def test_hierarchical_needs_hierarchy():
    from veil.tabular.errors import TabularConfigError

    with pytest.raises(TabularConfigError):
        TCloseness("s", 0.1, "hierarchical")


def test_average_risk():
    sizes = np.array([5, 5, 10])
    supp = np.array([False, False, False])
    assert AverageRisk(3 / 20).ok(sizes, supp)
    assert not AverageRisk(0.1).ok(sizes, supp)
