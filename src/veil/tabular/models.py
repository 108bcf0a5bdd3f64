"""Privacy models, checked for all equivalence classes at once.

A class-level model answers ``violating(sizes, hist) -> bool[C]``: ``sizes[c]`` is the
number of records of class ``c`` and ``hist[c, v]`` the records of class ``c`` with
sensitive value ``v`` (for its attribute). Records in violating classes are suppressed
when the suppression limit allows. :class:`AverageRisk` is a data-set level model.

``monotonic`` says whether the model stays satisfied under further generalization
without suppression; ``monotonic_with_suppression`` whether that also holds with
suppression (only k-anonymity and distinct l-diversity): the lattice search uses
predictive tagging only when every model allows it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from veil.tabular.errors import TabularConfigError

__all__ = [
    "AverageRisk",
    "DistinctLDiversity",
    "EntropyLDiversity",
    "KAnonymity",
    "Model",
    "RecursiveCLDiversity",
    "TCloseness",
    "emd_equal",
    "emd_hierarchical",
    "emd_ordered",
]


class Model:
    monotonic = True
    monotonic_with_suppression = False
    dataset_level = False

    def prepare(self, global_hist: np.ndarray | None, labels: list[str] | None) -> None:
        """Called once with the data set's histogram of the sensitive attribute."""

    def violating(self, sizes: np.ndarray, hist: np.ndarray | None) -> np.ndarray:
        raise NotImplementedError


@dataclass
class KAnonymity(Model):
    k: int
    monotonic_with_suppression = True

    def __post_init__(self) -> None:
        if int(self.k) < 1:
            raise TabularConfigError("k must be >= 1")

    def violating(self, sizes: np.ndarray, hist: np.ndarray | None) -> np.ndarray:
        return sizes < self.k


@dataclass
class DistinctLDiversity(Model):
    attribute: str
    l: int  # noqa: E741
    monotonic_with_suppression = True

    def violating(self, sizes: np.ndarray, hist: np.ndarray | None) -> np.ndarray:
        return (hist > 0).sum(axis=1) < self.l


def _entropy(hist: np.ndarray) -> np.ndarray:
    tot = hist.sum(axis=1, keepdims=True)
    p = hist / np.maximum(tot, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(p > 0, -p * np.log(p), 0.0)
    return t.sum(axis=1)


@dataclass
class EntropyLDiversity(Model):
    attribute: str
    l: float  # noqa: E741

    def violating(self, sizes: np.ndarray, hist: np.ndarray | None) -> np.ndarray:
        return _entropy(hist) < math.log(self.l) - 1e-12


@dataclass
class RecursiveCLDiversity(Model):
    """r1 < c * (r_l + r_{l+1} + ... + r_m), frequencies sorted in descending order."""

    attribute: str
    c: float
    l: int  # noqa: E741

    def violating(self, sizes: np.ndarray, hist: np.ndarray | None) -> np.ndarray:
        h = -np.sort(-hist, axis=1)
        if h.shape[1] < self.l:
            return np.ones(len(h), bool)
        tail = h[:, self.l - 1 :].sum(axis=1)
        return ~(h[:, 0] < self.c * tail)


def emd_equal(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Equal ground distance: half the L1 distance, per row of ``p``."""
    return 0.5 * np.abs(p - q).sum(axis=1)


def emd_ordered(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Ordered distance (|i-j|/(m-1)) for values in their order, per row of ``p``."""
    m = p.shape[1]
    if m < 2:
        return np.zeros(len(p))
    return np.abs(np.cumsum(p - q, axis=1)).sum(axis=1) / (m - 1)


def emd_hierarchical(p: np.ndarray, q: np.ndarray, groups: list[np.ndarray]) -> np.ndarray:
    """Hierarchical distance (Li et al.): ``groups[l][i]`` is the level-(l+1) node of
    level-l node ``i``; each level's mismatch that cannot cancel costs level/height."""
    extra = p - q
    height = len(groups)
    cost = np.zeros(len(p))
    for lvl, g in enumerate(groups, 1):
        n_up = int(g.max()) + 1 if len(g) else 0
        pos = np.zeros((len(p), n_up))
        neg = np.zeros((len(p), n_up))
        up = np.zeros((len(p), n_up))
        for src in range(len(g)):  # small: number of nodes at a level
            e = extra[:, src]
            pos[:, g[src]] += np.maximum(e, 0)
            neg[:, g[src]] += np.maximum(-e, 0)
            up[:, g[src]] += e
        cost += (lvl / height) * np.minimum(pos, neg).sum(axis=1)
        extra = up
    return cost


@dataclass
class TCloseness(Model):
    """EMD between each class's distribution and the data set's, at most ``t``.

    ``distance``: "equal", "ordered" (values sorted numerically when they all are
    numbers, else by text), or "hierarchical" (give ``hierarchy``, a
    :class:`veil.tabular.hierarchies.Hierarchy` over the sensitive values).
    """

    attribute: str
    t: float
    distance: str = "equal"
    hierarchy: object | None = None

    def __post_init__(self) -> None:
        if self.distance not in ("equal", "ordered", "hierarchical"):
            raise TabularConfigError(f"t-closeness distance {self.distance!r} is unknown")
        if self.distance == "hierarchical" and self.hierarchy is None:
            raise TabularConfigError(
                f"t-closeness on {self.attribute!r}: hierarchical distance needs a hierarchy"
            )
        self._q: np.ndarray | None = None
        self._order: np.ndarray | None = None
        self._groups: list[np.ndarray] = []

    def prepare(self, global_hist: np.ndarray | None, labels: list[str] | None) -> None:
        assert global_hist is not None and labels is not None
        self._q = global_hist / global_hist.sum()
        if self.distance == "ordered":
            try:
                keys = [float(v) for v in labels]
            except ValueError:
                keys = list(labels)  # type: ignore[arg-type]
            self._order = np.argsort(np.array(keys, dtype=object), kind="stable")
        elif self.distance == "hierarchical":
            from veil.tabular.hierarchies import load_hierarchy

            h = load_hierarchy(self.hierarchy, self.attribute)
            rows = {r[0]: r for r in h.rows}
            missing = [i for i, v in enumerate(labels) if v not in rows]
            if missing:
                from veil.tabular.errors import TabularInputError

                raise TabularInputError(
                    f"t-closeness on {self.attribute!r}: {len(missing)} value(s) absent from "
                    f"hierarchy {h.source}"
                )
            cur = list(labels)
            self._groups = []
            for lvl in range(1, h.height):
                nxt: dict[tuple[str, ...], int] = {}
                # a node is identified by its path up to the top (robust to repeated labels)
                paths = [tuple(rows[v][lvl:]) for v in labels]
                ids = [nxt.setdefault(pth, len(nxt)) for pth in paths]
                prev_ids = {c: i for i, c in enumerate(dict.fromkeys(cur))}
                g = np.zeros(len(prev_ids), np.int64)
                for c, i in zip(cur, ids, strict=True):
                    g[prev_ids[c]] = i
                self._groups.append(g)
                cur = paths  # type: ignore[assignment]

    def distances(self, hist: np.ndarray) -> np.ndarray:
        p = hist / np.maximum(hist.sum(axis=1, keepdims=True), 1)
        q = self._q
        if self.distance == "equal":
            return emd_equal(p, q)
        if self.distance == "ordered":
            return emd_ordered(p[:, self._order], q[self._order])
        return emd_hierarchical(p, q, self._groups)

    def violating(self, sizes: np.ndarray, hist: np.ndarray | None) -> np.ndarray:
        return self.distances(hist) > self.t + 1e-12


@dataclass
class AverageRisk(Model):
    """Average prosecutor re-identification risk (classes / records) at most ``threshold``.

    Suppressed records count as one class. A data-set level model.
    """

    threshold: float
    dataset_level = True

    def ok(self, sizes: np.ndarray, suppressed: np.ndarray) -> bool:
        n = sizes.sum()
        classes = int((~suppressed).sum()) + int(suppressed.any())
        return classes / max(n, 1) <= self.threshold + 1e-12

    def violating(self, sizes: np.ndarray, hist: np.ndarray | None) -> np.ndarray:
        return np.zeros(len(sizes), bool)
