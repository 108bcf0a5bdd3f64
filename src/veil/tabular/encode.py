"""Dictionary encoding of quasi-identifiers and collapse to distinct tuples with counts.

Each quasi-identifier column is factorized, its values are looked up in the column's
hierarchy (by canonical text, see :func:`veil.tabular.hierarchies.to_text`) and the
hierarchy is compiled to integer maps ``maps[level][leaf] -> generalized code``
restricted to the leaves present in the data. Rows then collapse to distinct tuples
with counts: every algorithm works on those, never on rows.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from veil.tabular.errors import TabularInputError
from veil.tabular.hierarchies import MISSING, Hierarchy, to_text

__all__ = [
    "Compiled",
    "Encoded",
    "column_values",
    "combine",
    "compile_hierarchy",
    "encode",
    "factorize",
    "group_keys",
]


@dataclass
class Compiled:
    """A hierarchy compiled over the leaves present in the data (local codes 0..m-1)."""

    name: str
    leaves: list[str]  # local leaf code -> leaf text
    maps: list[np.ndarray]  # maps[level][leaf] -> dense code at level
    labels: list[list[str]]  # labels[level][code] -> text
    shares: list[np.ndarray]  # shares[level][code] -> leaves covered / hierarchy domain size
    leaf_counts: list[np.ndarray]  # leaf_counts[level][code] -> hierarchy leaves covered
    domain: int  # number of leaves in the full hierarchy

    @property
    def height(self) -> int:
        return len(self.maps)

    def __repr__(self) -> str:  # leaves and labels are data values: keep them out
        return f"Compiled(name={self.name!r}, leaves={len(self.leaves)}, height={self.height})"

    def cards(self) -> list[int]:
        return [len(lab) for lab in self.labels]


def compile_hierarchy(h: Hierarchy, present: list[str], name: str) -> Compiled:
    """Compile ``h`` for the leaves ``present`` (all must be leaves of ``h``)."""
    pos = {r[0]: i for i, r in enumerate(h.rows)}
    rows = [h.rows[pos[v]] for v in present]
    maps, labels, shares, covers = [], [], [], []
    for level in range(h.height):
        full: dict[str, int] = {}
        for r in h.rows:
            full[r[level]] = full.get(r[level], 0) + 1
        idx: dict[str, int] = {}
        m = np.fromiter((idx.setdefault(r[level], len(idx)) for r in rows), np.int32, len(rows))
        lab = list(idx)
        cnt = np.array([full[x] for x in lab], dtype=np.int64)
        maps.append(m)
        labels.append(lab)
        covers.append(cnt)
        shares.append(cnt / len(h.rows))
    return Compiled(name, list(present), maps, labels, shares, covers, len(h.rows))


def column_values(data: Any, column: str) -> Any:
    """The column ``column`` of a pandas/polars DataFrame or a dict of sequences."""
    try:
        return data[column]
    except Exception:
        raise TabularInputError(f"column {column!r} is not in the table") from None


def factorize(col: Any) -> tuple[np.ndarray, list[str]]:
    """Codes per row and the canonical texts of the distinct values (missing -> MISSING)."""
    mod = type(col).__module__.split(".")[0]
    if mod == "pandas":
        import pandas as pd

        codes, uniq = pd.factorize(col, use_na_sentinel=True)
        texts = [to_text(v) for v in uniq]
        if (codes < 0).any():
            codes = np.where(codes < 0, len(texts), codes)
            texts.append(MISSING)
        return _merge_equal_texts(np.asarray(codes, np.int64), texts)
    if mod == "polars":
        import polars as pl

        s = col
        if s.dtype.is_float():
            s = s.fill_nan(None)
        elif s.dtype == pl.Boolean:
            s = s.cast(pl.Int8)
        try:
            rank = s.rank("dense")
        except Exception:  # types without an order: compare by text
            s = s.cast(pl.Utf8)
            rank = s.rank("dense")
        uniq = s.drop_nulls().unique().sort().to_list()
        if col.dtype == pl.Boolean:
            uniq = [bool(v) for v in uniq]
        rank = rank.fill_null(len(uniq) + 1).to_numpy().astype(np.int64) - 1
        texts = [to_text(v) for v in uniq] + [MISSING]
        return _merge_equal_texts(rank, texts)
    if not isinstance(col, (list, tuple)):
        col = list(col)
    pd = sys.modules.get("pandas")
    if pd is not None and len(col) > 10_000:  # already imported: hash-based, in C
        try:
            return factorize(pd.Series(col, dtype=object))
        except TypeError:  # unhashable cells: compare by text below
            pass
    try:
        idx = {v: i for i, v in enumerate(dict.fromkeys(col))}
    except TypeError:  # unhashable cells: compare by text
        col = [to_text(v) for v in col]
        idx = {v: i for i, v in enumerate(dict.fromkeys(col))}
    codes = np.fromiter(map(idx.__getitem__, col), np.int64, len(col))
    return _merge_equal_texts(codes, [to_text(v) for v in idx])


def _merge_equal_texts(codes: np.ndarray, texts: list[str]) -> tuple[np.ndarray, list[str]]:
    """Values with the same canonical text (34 and "34") become one code."""
    if len(set(texts)) == len(texts):
        return codes, texts
    idx: dict[str, int] = {}
    remap = np.array([idx.setdefault(t, len(idx)) for t in texts], np.int64)
    return remap[codes], list(idx)


def combine(cols: list[np.ndarray], cards: list[int]) -> tuple[np.ndarray, int]:
    """Mixed-radix key of integer columns; re-densifies when the product would overflow."""
    key = np.zeros(len(cols[0]) if cols else 0, np.int64)
    size = 1
    for c, m in zip(cols, cards, strict=True):
        if size * m >= 2**62:
            uniq, key = np.unique(key, return_inverse=True)
            size = len(uniq)
        key = key * m + c
        size *= m
    return key, size


def group_keys(key: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(first row, inverse, counts) of the distinct values of an integer key.

    Hash-based through pandas when it is already imported and the key is long,
    else sort-based (numpy).
    """
    pd = sys.modules.get("pandas")
    if pd is not None and len(key) > 100_000:
        inv, uniq = pd.factorize(key)
        inv = np.asarray(inv, np.int64)
        first = np.empty(len(uniq), np.int64)
        first[inv[::-1]] = np.arange(len(key) - 1, -1, -1)
        return first, inv, np.bincount(inv, minlength=len(uniq))
    _, first, inv, counts = np.unique(
        key, return_index=True, return_inverse=True, return_counts=True
    )
    return first, inv.ravel(), counts


@dataclass
class Encoded:
    """Quasi-identifiers collapsed to distinct tuples (plus sensitive columns)."""

    qis: list[str]
    hier: list[Compiled]
    tuples: np.ndarray  # (d, q) local leaf codes
    counts: np.ndarray  # (d,) rows per tuple
    inverse: np.ndarray  # (n,) row -> tuple
    sensitive: list[str] = field(default_factory=list)
    sens: np.ndarray | None = None  # (d, s) codes of sensitive values
    sens_labels: list[list[str]] = field(default_factory=list)

    @property
    def n(self) -> int:
        return int(self.counts.sum())

    def __repr__(self) -> str:  # no values
        return f"Encoded(qis={self.qis!r}, tuples={len(self.counts)}, records={self.n})"


def _leaf_codes(
    col: Any, name: str, h: Hierarchy, missing: str
) -> tuple[np.ndarray, list[str], Hierarchy]:
    codes, texts = factorize(col)
    leaves = {r[0] for r in h.rows}
    absent = [i for i, t in enumerate(texts) if t not in leaves]
    for i in absent:
        if texts[i] == MISSING and missing == "category":
            h = h.with_leaf(MISSING)
            continue
        row = int(np.argmax(codes == i))
        what = "missing value" if texts[i] == MISSING else "value absent from its hierarchy"
        n_bad = sum(int((codes == j).sum()) for j in absent)
        raise TabularInputError(
            f"column {name!r} row {row}: {what} ({n_bad} row(s) affected, hierarchy {h.source})"
        )
    return codes, texts, h


def encode(
    data: Any,
    qis: list[str],
    hierarchies: dict[str, Hierarchy],
    sensitive: list[str] | None = None,
    missing: str = "category",
) -> Encoded:
    """Encode ``data`` (pandas, polars or dict of columns) over ``qis`` into distinct tuples."""
    sensitive = list(sensitive or [])
    local_cols, compiled, cards = [], [], []
    for name in qis:
        codes, texts, h = _leaf_codes(column_values(data, name), name, hierarchies[name], missing)
        used = np.nonzero(np.bincount(codes, minlength=len(texts)))[0]
        present = [texts[i] for i in used]
        remap = np.full(len(texts), -1, np.int64)
        remap[used] = np.arange(len(used))
        local_cols.append(remap[codes])
        compiled.append(compile_hierarchy(h, present, name))
        cards.append(len(present))
    sens_cols, sens_labels = [], []
    for name in sensitive:
        codes, texts = factorize(column_values(data, name))
        sens_cols.append(codes)
        sens_labels.append(texts)
        cards.append(len(texts))
    cols = local_cols + sens_cols
    key, _ = combine(cols, cards)
    first, inverse, counts = group_keys(key)
    tuples = np.stack([c[first] for c in local_cols], axis=1).astype(np.int32)
    sens = np.stack([c[first] for c in sens_cols], axis=1) if sens_cols else None
    return Encoded(
        qis,
        compiled,
        tuples,
        counts.astype(np.int64),
        inverse.ravel(),
        sensitive,
        sens,
        sens_labels,
    )
