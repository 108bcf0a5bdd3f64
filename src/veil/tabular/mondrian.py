"""Mondrian multidimensional local recoding (k-anonymity), over distinct tuples.

Partitions are split in two, recursively, on the attribute that costs most in the
partition, at a cut that leaves >= k records on each side:

* numbers: ranges; the cut minimizes the records-weighted width of the two ranges;
* categories (hierarchy-aware): leaves are ordered by their path in the hierarchy,
  so every subtree is a run; a partition shows the lowest common ancestor of its
  leaves, and the cut minimizes the records-weighted cost of the two ancestors.

Every partition holds >= k records, so nothing is suppressed (given >= k records).
NCP: a range costs ``(hi - lo) / (max - min)``; a category generalized to a value
covering ``c`` of the hierarchy's ``D`` leaves costs ``(c - 1) / (D - 1)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from veil.tabular.encode import Compiled, Encoded

__all__ = ["MondrianResult", "mondrian"]


@dataclass
class MondrianResult:
    part: np.ndarray  # (d,) partition id per distinct tuple
    ncp: np.ndarray  # (partitions, q) NCP per partition and attribute
    sizes: np.ndarray  # (partitions,) records per partition
    # per attribute: ("range", lo values, hi values) or ("category", labels per partition)
    label_parts: list[tuple] = field(default_factory=list, repr=False)
    _labels: list[list[str]] | None = field(default=None, repr=False)

    @property
    def labels(self) -> list[list[str]]:
        """labels[a][partition] -> generalized text (built on first use)."""
        if self._labels is None:
            out = []
            for part in self.label_parts:
                if part[0] == "range":
                    out.append(
                        [
                            _fmt(x) if x == y else f"[{_fmt(x)}-{_fmt(y)}]"
                            for x, y in zip(part[1], part[2], strict=True)
                        ]
                    )
                else:
                    out.append(part[1])
            self._labels = out
        return self._labels

    @property
    def gil(self) -> float:
        """Records-weighted mean NCP over partitions and attributes."""
        if not len(self.sizes):
            return 0.0
        return float((self.ncp.mean(axis=1) * self.sizes).sum() / self.sizes.sum())


def _numeric(leaves: list[str]) -> np.ndarray | None:
    try:
        return np.array([float(v) for v in leaves])
    except ValueError:
        return None


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


class _Category:
    """Leaves in hierarchy path order; LCA of a run = LCA of its first and last leaf."""

    def __init__(self, h: Compiled) -> None:
        self.h = h
        order = sorted(
            range(len(h.leaves)),
            key=lambda i: tuple(h.labels[lv][h.maps[lv][i]] for lv in range(h.height - 1, -1, -1)),
        )
        self.leaf_at = np.array(order, np.int64)  # position -> local leaf
        pos = np.empty(len(order), np.int64)
        pos[self.leaf_at] = np.arange(len(order))
        self.pos = pos  # local leaf -> position
        self.den = max(h.domain - 1, 1)

    def lca(self, first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(level, code) of the lowest common ancestor of positions ``first``..``last``."""
        a, b = self.leaf_at[first], self.leaf_at[last]
        level = np.full(len(a), self.h.height - 1)
        code = np.zeros(len(a), np.int64)
        for lv in range(self.h.height - 1, -1, -1):
            ca, cb = self.h.maps[lv][a], self.h.maps[lv][b]
            same = ca == cb
            level = np.where(same, lv, level)
            code = np.where(same, ca, code)
        return level, code

    def cost(self, first: np.ndarray, last: np.ndarray) -> np.ndarray:
        level, code = self.lca(first, last)
        covered = np.array([self.h.leaf_counts[lv][c] for lv, c in zip(level, code, strict=True)])
        return np.where(level == 0, 0.0, (covered - 1) / self.den)


def mondrian(enc: Encoded, k: int, numeric: dict[str, bool] | None = None) -> MondrianResult:
    """Partition ``enc`` so that every partition holds at least ``k`` records."""
    q = len(enc.qis)
    tuples, counts = enc.tuples, enc.counts
    cats: list[_Category | None] = []
    cols = []
    values: list[np.ndarray | None] = []  # numeric: rank -> value
    spans = np.ones(q)
    for a, h in enumerate(enc.hier):
        v = _numeric(h.leaves) if (numeric or {}).get(enc.qis[a], True) else None
        if v is None:
            cat = _Category(h)
            cats.append(cat)
            cols.append(cat.pos[tuples[:, a]])
            values.append(None)
        else:
            cats.append(None)
            uniq, rank = np.unique(v, return_inverse=True)
            cols.append(rank.ravel()[tuples[:, a]])
            values.append(uniq)
            spans[a] = float(uniq[-1] - uniq[0]) or 1.0
    V = np.stack(cols, axis=1).astype(np.int64)
    # cost tables for categories: cost[first_pos, last_pos]
    tables = []
    for cat in cats:
        if cat is None:
            tables.append(None)
            continue
        m = len(cat.leaf_at)
        f, lst = np.meshgrid(np.arange(m), np.arange(m), indexing="ij")
        tables.append(cat.cost(f.ravel(), lst.ravel()).reshape(m, m))

    # one flat table of widths for all attributes: flat[off[a] + lo * m[a] + hi]
    flat_parts, offs, dims, off = [], [], [], 0
    for a, t in enumerate(tables):
        if t is None:
            u = values[a]
            t = (u[None, :] - u[:, None]) / spans[a]
        flat_parts.append(t.ravel())
        offs.append(off)
        dims.append(t.shape[0])
        off += t.size
    flat = np.concatenate(flat_parts)
    off_arr, dim_arr = np.array(offs), np.array(dims)

    stack = [(np.arange(len(counts)), int(counts.sum()))]
    finals: list[np.ndarray] = []
    small = _SmallSubtrees(V, counts, flat, offs, dims, values, tables, k)
    while stack:
        idx, total = stack.pop()
        if total < 2 * k:
            finals.append(idx)
            continue
        if len(idx) <= SMALL:  # the subtree below, in plain Python, in the same order
            finals.extend(np.array(f, np.int64) for f in small.run(idx.tolist(), total))
            continue
        sub = V[idx]
        lo, hi = sub.min(axis=0), sub.max(axis=0)
        w = counts[idx]
        wd = flat[off_arr + lo * dim_arr + hi]
        parts = None
        for a in np.argsort(-wd, kind="stable").tolist():
            if wd[a] <= 0:
                break
            parts = _split(
                idx, sub[:, a], w, total, k, int(lo[a]), int(hi[a]), values[a], tables[a]
            )
            if parts:
                break
        if not parts:
            finals.append(idx)
            continue
        stack.extend(parts)
    n_parts = len(finals)
    part = np.empty(len(counts), np.int64)
    for pid, idx in enumerate(finals):
        part[idx] = pid
    order = np.argsort(part, kind="stable")
    starts = np.searchsorted(part[order], np.arange(n_parts))
    los = np.minimum.reduceat(V[order], starts, axis=0).astype(float)
    his = np.maximum.reduceat(V[order], starts, axis=0).astype(float)
    sizes = np.add.reduceat(counts[order], starts)
    label_parts: list[tuple] = []
    ncp = np.zeros((n_parts, q))
    for a, cat in enumerate(cats):
        if cat is None:
            lo_v = values[a][los[:, a].astype(np.int64)]
            hi_v = values[a][his[:, a].astype(np.int64)]
            ncp[:, a] = (hi_v - lo_v) / spans[a]
            label_parts.append(("range", lo_v, hi_v))
        else:
            f, lst = los[:, a].astype(np.int64), his[:, a].astype(np.int64)
            ncp[:, a] = tables[a][f, lst]
            level, code = cat.lca(f, lst)
            labs = cat.h.labels
            label_parts.append(
                ("category", [labs[lv][c] for lv, c in zip(level, code, strict=True)])
            )
    return MondrianResult(part, ncp, sizes, label_parts)


#: Partitions of at most this many distinct tuples are split in plain Python: most
#: partitions are small, and there a dozen numpy calls cost more than the work.
SMALL = 48


class _SmallSubtrees:
    """The numpy loop's exact decisions (attribute order, cut, ties, float arithmetic)
    on Python lists, for a partition and everything below it."""

    def __init__(self, V, counts, flat, offs, dims, values, tables, k) -> None:
        self.rows = V.tolist()
        self.w = counts.tolist()
        self.flat = flat.tolist()
        self.offs, self.dims = list(offs), list(dims)
        self.values = [None if v is None else v.tolist() for v in values]
        self.tables = [None if t is None else t.tolist() for t in tables]
        self.k = k
        self.q = len(offs)

    def run(self, idx: list[int], total: int) -> list[list[int]]:
        k, rows, w, q = self.k, self.rows, self.w, self.q
        finals: list[list[int]] = []
        stack = [(idx, total)]
        while stack:
            idx, total = stack.pop()
            if total < 2 * k:
                finals.append(idx)
                continue
            sub = [rows[i] for i in idx]
            cols = list(zip(*sub, strict=True))
            lo = [min(c) for c in cols]
            hi = [max(c) for c in cols]
            wd = [self.flat[self.offs[a] + lo[a] * self.dims[a] + hi[a]] for a in range(q)]
            parts = None
            for a in sorted(range(q), key=lambda a: -wd[a]):
                if wd[a] <= 0:
                    break
                parts = self._split(idx, cols[a], [w[i] for i in idx], total, lo[a], hi[a], a)
                if parts:
                    break
            if not parts:
                finals.append(idx)
                continue
            stack.extend(parts)
        return finals

    def _split(self, idx, v, wl, total, lo, hi, a):
        if hi == lo:
            return None
        per: dict[int, float] = {}
        for x, wx in zip(v, wl, strict=True):
            per[x] = per.get(x, 0.0) + wx
        u = sorted(per)
        k = self.k
        cum, run = [], 0.0
        for x in u[:-1]:
            run += per[x]
            cum.append(run)
        cand = [j for j, c in enumerate(cum) if k <= c <= total - k]
        if not cand:
            return None
        values, table = self.values[a], self.tables[a]
        best, best_score = -1, None
        for j in cand:
            left_w, right_w = cum[j], total - cum[j]
            if table is None:
                score = left_w * (values[u[j]] - values[u[0]]) + right_w * (
                    values[u[-1]] - values[u[j + 1]]
                )
            else:
                score = left_w * table[u[0]][u[j]] + right_w * table[u[j + 1]][u[-1]]
            if best_score is None or score < best_score:
                best, best_score = j, score
        cut = u[best]
        left = [i for i, x in zip(idx, v, strict=True) if x <= cut]
        right = [i for i, x in zip(idx, v, strict=True) if x > cut]
        n_left = int(cum[best])
        return [(left, n_left), (right, total - n_left)]


def _split(idx, v, w, total, k, lo, hi, values, table):
    if hi == lo:
        return None
    per = np.bincount(v - lo, weights=w, minlength=hi - lo + 1)
    uniq = per.nonzero()[0]
    cum = per[uniq].cumsum()[:-1]
    cand = ((cum >= k) & (cum <= total - k)).nonzero()[0]
    if not len(cand):
        return None
    left_w, right_w = cum[cand], total - cum[cand]
    u = uniq + lo
    if table is None:
        x = values[u]
        score = left_w * (x[cand] - x[0]) + right_w * (x[-1] - x[cand + 1])
    else:
        score = left_w * table[u[0], u[cand]] + right_w * table[u[cand + 1], u[-1]]
    best = cand[score.argmin()]
    left = v <= u[best]
    n_left = int(cum[best])
    return [(idx[left], n_left), (idx[~left], total - n_left)]
