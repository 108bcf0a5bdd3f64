"""factorize: codes map back to the canonical text of each cell, for every input kind."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from veil.tabular.encode import combine, factorize, group_keys
from veil.tabular.hierarchies import MISSING

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

VALUES = [
    ["z", "a", "z", "", None, "b"],
    [3, 1, 3, 2],
    [1.0, 2.5, None, 1.0],
    [True, False, True],
]


def expected(v):
    if v is None or v == "" or (isinstance(v, float) and math.isnan(v)):
        return MISSING
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


@pytest.mark.parametrize("values", VALUES)
@pytest.mark.parametrize("kind", ["list", "pandas", "polars", "polars-cat"])
def test_codes_round_trip(values, kind):
    if kind == "pandas":
        col = pd.Series(values, dtype=object)
    elif kind == "polars":
        col = pl.Series(values)
    elif kind == "polars-cat":
        if not all(isinstance(v, str) or v is None for v in values):
            pytest.skip("categorical of strings only")
        col = pl.Series(values, dtype=pl.Categorical)
    else:
        col = values
    codes, texts = factorize(col)
    assert [texts[c] for c in codes] == [expected(v) for v in values]
    assert len(set(texts)) == len(texts)


def test_group_keys_agree():
    key = np.array([5, 3, 5, 9, 3, 3])
    first, inv, counts = group_keys(key)
    assert (key[first][inv] == key).all()
    assert sorted(counts.tolist()) == [1, 2, 3]


def test_combine_overflow_densifies():
    cols = [np.array([0, 1, 1]), np.array([2, 0, 2])] * 4
    key, _ = combine(cols, [2**20, 2**20] * 4)
    assert key[0] != key[1] and key[1] != key[2]


def test_reprs_hold_no_values():
    from veil.tabular import Generalizer
    from veil.tabular.encode import encode
    from veil.tabular.hierarchies import load_hierarchy

    data = {"name": ["Zebediah", "Zebediah", "Quintessa", "Quintessa"]}
    h = {"name": load_hierarchy([("Zebediah", "*"), ("Quintessa", "*")])}
    enc = encode(data, ["name"], h)
    g = Generalizer(["name"], h, k=2).fit(data)
    for obj in (enc, enc.hier[0], h["name"], g):
        assert "Zebediah" not in repr(obj) and "Quintessa" not in repr(obj)


def test_long_lists_factorize_by_canonical_text():
    # long lists take pandas' hash path (pandas is loaded: see pd above)
    from veil.tabular.hierarchies import to_text

    rng = random.Random(5)
    pool = [34, "34", 34.0, None, "", float("nan"), "x", "y", 7, "07", True]
    col = [rng.choice(pool) for _ in range(20_000)]
    codes, texts = factorize(col)
    assert len(set(texts)) == len(texts)
    assert [texts[c] for c in codes] == [to_text(v) for v in col]
