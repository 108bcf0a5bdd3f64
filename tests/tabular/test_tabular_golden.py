"""Golden tests: the optima ARX finds on Adult (all 9 columns as QIs, k=5, Loss metric)."""

from __future__ import annotations

import pytest

from veil.tabular import Generalizer

ADULT_COLUMNS = [
    "sex",
    "age",
    "race",
    "marital-status",
    "education",
    "native-country",
    "workclass",
    "occupation",
    "salary-class",
]

GOLDEN = [
    # suppression, levels in ADULT_COLUMNS order, suppressed records, classes
    (0.0, (0, 4, 1, 1, 3, 2, 2, 1, 0), 0, 24),
    (0.02, (0, 3, 0, 2, 2, 1, 1, 2, 0), 506, 222),
]


@pytest.mark.parametrize(("suppression", "levels", "suppressed", "classes"), GOLDEN)
def test_arx_optimum(adult, adult_hierarchies, suppression, levels, suppressed, classes):
    g = Generalizer(ADULT_COLUMNS, adult_hierarchies, k=5, suppression=suppression).fit(adult)
    assert tuple(g.levels_[c] for c in ADULT_COLUMNS) == levels
    assert g.suppressed_ == suppressed
    assert g.n_classes_ == classes


@pytest.mark.parametrize(("suppression", "levels", "suppressed", "classes"), GOLDEN)
def test_arx_optimum_arithmetic_mean(
    adult, adult_hierarchies, suppression, levels, suppressed, classes
):
    g = Generalizer(
        ADULT_COLUMNS, adult_hierarchies, k=5, suppression=suppression, aggregate="arithmetic"
    ).fit(adult)
    assert tuple(g.levels_[c] for c in ADULT_COLUMNS) == levels


def test_optimum_output_is_k_anonymous(adult, adult_hierarchies):
    from veil.tabular.metrics import equivalence_classes

    g = Generalizer(ADULT_COLUMNS, adult_hierarchies, k=5, suppression=0.02)
    out = g.fit_transform(adult)
    ids, sizes, supp = equivalence_classes(out, ADULT_COLUMNS)
    assert int(supp.sum()) == 506
    assert sizes[ids[~supp]].min() >= 5


MODEL_SETS = [
    "k",
    "k+distinct-l",
    "k+entropy-l",
    "k+recursive-l",
    "k+t-equal",
    "k+t-ordered",
    "k+avg-risk",
]


def _models(name):
    from veil.tabular.models import (
        AverageRisk,
        DistinctLDiversity,
        EntropyLDiversity,
        KAnonymity,
        RecursiveCLDiversity,
        TCloseness,
    )

    extra = {
        "k": [],
        "k+distinct-l": [DistinctLDiversity("workclass", 3)],
        "k+entropy-l": [EntropyLDiversity("workclass", 2.0)],
        "k+recursive-l": [RecursiveCLDiversity("workclass", 4.0, 2)],
        "k+t-equal": [TCloseness("workclass", 0.25)],
        "k+t-ordered": [TCloseness("workclass", 0.2, "ordered")],
        "k+avg-risk": [AverageRisk(0.02)],
    }[name]
    return [KAnonymity(10), *extra]


@pytest.mark.parametrize("suppression", [0.0, 0.02])
@pytest.mark.parametrize("models", MODEL_SETS)
def test_search_is_exhaustive_on_a_projection(adult, adult_hierarchies, models, suppression):
    """The pruned search returns the brute-force optimum (4 QIs, sensitive workclass)."""
    import itertools

    from veil.tabular.encode import encode
    from veil.tabular.hierarchies import load_hierarchy
    from veil.tabular.lattice import LatticeSearch

    cols = ["age", "education", "native-country", "occupation"]
    hier = {c: load_hierarchy(adult_hierarchies[c]) for c in cols}
    enc = encode(adult, cols, hier, sensitive=["workclass"])
    got = LatticeSearch(enc, _models(models), suppression).search()
    brute = LatticeSearch(enc, _models(models), suppression)
    evals = [
        brute.evaluate(n, base=True)
        for n in itertools.product(*[range(h.height) for h in enc.hier])
    ]
    ok = [(e.loss, e.node) for e in evals if e.ok]
    if not ok:
        assert got.levels is None
        return
    best = min(ok)
    assert got.loss == pytest.approx(best[0])
    assert got.levels == best[1] or min(x for x in ok if x[1] == got.levels)[0] == pytest.approx(
        best[0]
    )
