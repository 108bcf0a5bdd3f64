"""Optimal full-domain global recoding: a lattice search with Flash-style pruning.

Nodes of the lattice are generalization levels, one per quasi-identifier. The search
minimizes ARX's *Loss* metric (``MetricMDNMLoss`` with its defaults: generalization and
suppression weighted equally, geometric mean over attributes):

* per attribute, a record generalized to a value covering ``c`` of the hierarchy's
  ``D`` leaves costs ``c / D``; a suppressed record costs 1;
* per attribute, the sum over records is normalized as ``(x - n/D) / (n - n/D)``;
* attributes aggregate by the geometric mean of ``1 + loss`` minus 1 (or the
  arithmetic mean, ``aggregate="arithmetic"``).

Pruning: the loss without suppression is a lower bound of the loss, monotone under
generalization and computable for all nodes at once without looking at the data. Nodes
are visited by increasing bound; the search stops when the bound reaches the best loss.
Anonymity under models that are monotone (k-anonymity and distinct l-diversity with
suppression, every model without) is decided by binary search along a path upward
from the visited node, tagging the specializations of each non-anonymous node and the
generalizations of each anonymous node (predictive tagging, as in Flash).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from veil.tabular.encode import Encoded, combine
from veil.tabular.errors import TabularConfigError
from veil.tabular.models import Model

__all__ = ["Evaluation", "LatticeResult", "LatticeSearch"]

#: Largest lattice searched (nodes); beyond it use Mondrian or fewer levels.
MAX_NODES = 5_000_000


@dataclass
class Evaluation:
    """The outcome of checking one node."""

    node: tuple[int, ...]
    ok: bool
    monotone_ok: bool
    suppressed: int
    classes: int
    loss: float
    per_attribute: list[float]
    suppressed_mask: np.ndarray | None = field(default=None, repr=False)  # per tuple
    full: bool = True  # False: only the monotone models were checked


@dataclass
class LatticeResult:
    levels: tuple[int, ...] | None
    loss: float
    suppressed: int
    classes: int
    checks: int
    nodes: int
    per_attribute: list[float]


class LatticeSearch:
    """Search the generalization lattice of ``enc`` for the node of minimal loss."""

    def __init__(
        self,
        enc: Encoded,
        models: list[Model],
        suppression: float = 0.0,
        aggregate: str = "geometric",
    ) -> None:
        self.enc = enc
        self.models = models
        self.n = enc.n
        self.limit = math.floor(suppression * self.n + 1e-9)
        self.aggregate = aggregate
        self.heights = [h.height for h in enc.hier]
        q = len(self.heights)
        self.radix = np.cumprod([1, *self.heights[::-1]])[:-1][::-1].astype(np.int64)
        # per attribute and level: generalized codes per tuple, shares per tuple, sums
        self.gen: list[list[np.ndarray]] = []
        self.share: list[list[np.ndarray]] = []
        self.gsum = []
        for a, h in enumerate(enc.hier):
            col = enc.tuples[:, a]
            g = [h.maps[lv][col] for lv in range(h.height)]
            s = [h.shares[lv][g[lv]] for lv in range(h.height)]
            self.gen.append(g)
            self.share.append(s)
            self.gsum.append(np.array([float((x * enc.counts).sum()) for x in s]))
        self.cards = [h.cards() for h in enc.hier]
        # attributes grouped in blocks of up to 3 whose codes per level combination
        # are cached: a node's key then costs a few array operations, not 2 per attribute
        self.blocks: list[list[int]] = []
        for a in range(q):
            last = self.blocks[-1] if self.blocks else None
            if (
                last
                and len(last) < 3
                and np.prod([self.cards[x][0] for x in last]) * self.cards[a][0] < 2**20
            ):
                last.append(a)
            else:
                self.blocks.append([a])
        self._block_cache: dict[tuple[int, tuple[int, ...]], tuple[np.ndarray, int]] = {}
        self.mono_models = [m for m in models if m.monotonic_with_suppression or self.limit == 0]
        self.all_monotone = len(self.mono_models) == len(models)
        self.sens_index = {name: i for i, name in enumerate(enc.sensitive)}
        for m in models:
            if getattr(m, "attribute", None) is not None:
                col = self._sens_col(m)
                hist = np.bincount(col, weights=enc.counts, minlength=len(self._labels(m)))
                m.prepare(hist, self._labels(m))
        self.checks = 0
        # combined code of the sensitive attributes per tuple (part of every frame key)
        if enc.sens is not None and enc.sens.shape[1]:
            cards = [len(lab) for lab in enc.sens_labels]
            self.sens_key, self.sens_card = combine(list(enc.sens.T), cards)
        else:
            self.sens_key, self.sens_card = None, 1
        # frames: rolled-up tables (representative tuple, records) of checked nodes
        d = len(enc.counts)
        self.frames: list[tuple[np.ndarray | None, np.ndarray]] = [(None, enc.counts)]
        self.frame_nodes = np.zeros((1, q), np.int16)
        self.frame_sizes = np.array([d])

    def _build_lattice(self) -> None:
        """All nodes, their loss bounds and the greedy upward path (built by search)."""
        q = len(self.heights)
        size = int(np.prod(self.heights, dtype=np.float64))
        if size > MAX_NODES:
            raise TabularConfigError(
                f"the generalization lattice has {size} nodes (more than {MAX_NODES}): "
                "use fewer quasi-identifiers, shallower hierarchies or algorithm='mondrian'"
            )
        self.nodes = np.indices(self.heights).reshape(q, -1).T.astype(np.int16)
        gl = np.zeros((len(self.nodes), q))
        for a in range(q):
            gl[:, a] = self._normalize(self.gsum[a][self.nodes[:, a]], a)
        self.bound = self._aggregate(gl)
        # greedy path upward: the neighbour (one attribute one level up) of least bound
        idx = np.arange(len(self.nodes))
        nxt = np.full(len(self.nodes), -1, np.int64)
        nb = np.full(len(self.nodes), np.inf)
        for a, h in enumerate(self.heights):
            can = self.nodes[:, a] < h - 1
            cand = idx + self.radix[a]
            better = can & (self.bound[np.where(can, cand, 0)] < nb)
            nxt[better] = cand[better]
            nb[better] = self.bound[cand[better]]
        self.next_up = nxt

    # ------------------------------------------------------------------ metric pieces
    def _normalize(self, x: np.ndarray | float, a: int) -> np.ndarray:
        dom = self.enc.hier[a].domain
        lo = self.n / dom
        den = self.n - lo
        if den <= 0:
            return np.zeros_like(np.asarray(x, float))
        return np.maximum((np.asarray(x, float) - lo) / den, 0.0)

    def _aggregate(self, vals: np.ndarray) -> np.ndarray:
        if self.aggregate == "arithmetic":
            return vals.mean(axis=-1)
        q = vals.shape[-1]
        return np.exp(np.log1p(vals).sum(axis=-1) / q) - 1.0

    def _sens_col(self, m: Model) -> np.ndarray:
        return self.enc.sens[:, self.sens_index[m.attribute]]

    def _labels(self, m: Model) -> list[str]:
        return self.enc.sens_labels[self.sens_index[m.attribute]]

    # ------------------------------------------------------------------ node check
    def _frame(self, node: tuple[int, ...]) -> int:
        """The smallest cached frame of a specialization of ``node``."""
        ok = (self.frame_nodes <= np.asarray(node)).all(axis=1)
        return int(np.argmin(np.where(ok, self.frame_sizes, np.iinfo(np.int64).max)))

    def class_ids(
        self, node: tuple[int, ...], frame: int = 0
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Class id per frame row and class sizes (records) for ``node``; frame weights.

        Ids may be sparse (classes of size 0 hold no row): callers count records,
        and classes only where ``sizes > 0``.
        """
        reps, counts = self.frames[frame]
        cols, cards = [], []
        for b, attrs in enumerate(self.blocks):
            code, card = self._block_code(b, tuple(node[a] for a in attrs))
            cols.append(code if reps is None else code[reps])
            cards.append(card)
        key, size = combine(cols, cards)
        if size <= max(8 * len(key), 1 << 16):
            return key, np.bincount(key, weights=counts, minlength=size), counts
        uniq, inv = np.unique(key, return_inverse=True)
        inv = inv.ravel()
        return inv, np.bincount(inv, weights=counts, minlength=len(uniq)), counts

    def _block_code(self, b: int, levels: tuple[int, ...]) -> tuple[np.ndarray, int]:
        """Mixed-radix code per tuple of block ``b`` at ``levels`` (cached)."""
        hit = self._block_cache.get((b, levels))
        if hit is None:
            attrs = self.blocks[b]
            cols = [self.gen[a][lv] for a, lv in zip(attrs, levels, strict=True)]
            cards = [self.cards[a][lv] for a, lv in zip(attrs, levels, strict=True)]
            hit = combine(cols, cards)
            if len(self._block_cache) > 512:
                self._block_cache.clear()
            self._block_cache[(b, levels)] = hit
        return hit

    def _add_frame(self, node: tuple[int, ...], frame: int, cls: np.ndarray, size: int) -> None:
        reps, counts = self.frames[frame]
        if reps is None:
            reps = np.arange(len(counts))
        key = cls.astype(np.int64)
        if self.sens_key is not None:
            key = key * self.sens_card + self.sens_key[reps]
            size *= self.sens_card
        if size <= max(8 * len(key), 1 << 16):
            w = np.bincount(key, weights=counts, minlength=size)
            present = np.nonzero(w)[0]
            rep = np.empty(size, np.int64)
            rep[key] = reps
            new_reps, new_counts = rep[present], w[present].astype(np.int64)
        else:
            _, first, inv = np.unique(key, return_index=True, return_inverse=True)
            new_reps = reps[first]
            new_counts = np.bincount(inv.ravel(), weights=counts).astype(np.int64)
        self.frames.append((new_reps, new_counts))
        self.frame_nodes = np.vstack([self.frame_nodes, np.asarray(node, np.int16)])
        self.frame_sizes = np.append(self.frame_sizes, len(new_reps))

    def _violating(
        self,
        models: list[Model],
        cls: np.ndarray,
        sizes: np.ndarray,
        reps: np.ndarray | None,
        counts: np.ndarray,
    ) -> np.ndarray:
        viol = np.zeros(len(sizes), bool)
        for m in models:
            if m.dataset_level:
                continue
            hist = None
            if getattr(m, "attribute", None) is not None:
                col = self._sens_col(m)
                if reps is not None:
                    col = col[reps]
                s = len(self._labels(m))
                hist = np.bincount(cls * s + col, weights=counts, minlength=len(sizes) * s).reshape(
                    len(sizes), s
                )
            viol |= m.violating(sizes, hist)
        return viol

    def evaluate(self, node: tuple[int, ...], full: bool = True, base: bool = False) -> Evaluation:
        """Check ``node``: anonymity under the models, suppression and loss.

        ``base``: work on the distinct tuples (gives the per-tuple suppression mask).
        """
        self.checks += 1
        frame = 0 if base else self._frame(node)
        reps = self.frames[frame][0]
        cls, sizes, counts = self.class_ids(node, frame)
        mono_viol = self._violating(self.mono_models, cls, sizes, reps, counts)
        mono_supp = int(sizes[mono_viol].sum())
        mono_ok = mono_supp <= self.limit
        if not full or (not mono_ok) or self.all_monotone:
            viol = mono_viol
        else:
            others = [m for m in self.models if m not in self.mono_models]
            viol = mono_viol | self._violating(others, cls, sizes, reps, counts)
        supp = int(sizes[viol].sum())
        ok = mono_ok and supp <= self.limit
        if ok and full:
            for m in self.models:
                if m.dataset_level and not m.ok(sizes[sizes > 0], viol[sizes > 0]):  # type: ignore[attr-defined]
                    ok = False
        present = sizes > 0
        n_classes = int(present.sum())
        if not base and n_classes * 4 <= len(counts) and len(self.frames) < 512:
            self._add_frame(node, frame, cls, len(sizes))
        per_attr = []
        tmask = viol[cls]
        if ok:
            c = counts[tmask]
            rows = np.nonzero(tmask)[0] if reps is None else reps[tmask]
            for a, lv in enumerate(node):
                extra = float((c * (1.0 - self.share[a][lv][rows])).sum()) if supp else 0.0
                per_attr.append(float(self._normalize(self.gsum[a][lv] + extra, a)))
            loss = float(self._aggregate(np.array(per_attr)))
        else:
            loss = math.inf
        return Evaluation(
            tuple(int(x) for x in node),
            ok,
            mono_ok,
            supp,
            int((present & ~viol).sum()),
            loss,
            per_attr,
            tmask if reps is None else None,
            full or self.all_monotone,
        )

    # ------------------------------------------------------------------ search
    def _index(self, node: np.ndarray) -> int:
        return int((np.asarray(node, np.int64) * self.radix).sum())

    def _path_up(self, start: int) -> list[int]:
        """Node indices from ``start`` to the top, raising the attribute whose bound grows least."""
        path = [start]
        nxt = self.next_up
        j = int(nxt[start])
        while j >= 0:
            path.append(j)
            j = int(nxt[j])
        return path

    def _tag(self, status: np.ndarray, node: np.ndarray, ok: bool) -> None:
        if ok:
            status[(self.nodes >= node).all(axis=1)] = 1
        else:
            status[(self.nodes <= node).all(axis=1)] = -1

    def _probe(self, status: np.ndarray, start: int, cache: dict) -> None:
        """Binary search on a path upward from ``start`` for the monotone predicate."""
        idx = self._path_up(start)
        path = self.nodes[idx]
        lo, hi = -1, len(path)  # lo: highest known bad, hi: lowest known good
        for i, j in enumerate(idx):
            if status[j] == -1:
                lo = i
            elif status[j] == 1 and hi == len(path):
                hi = i
        while hi - lo > 1:
            mid = (lo + hi) // 2
            ev = self.evaluate(tuple(path[mid]), full=self.all_monotone)
            cache[idx[mid]] = ev
            if ev.monotone_ok:
                hi = mid
            else:
                lo = mid
        if lo >= 0:
            self._tag(status, path[lo], False)
        if hi < len(path):
            self._tag(status, path[hi], True)

    def search(self) -> LatticeResult:
        self._build_lattice()
        status = np.zeros(len(self.nodes), np.int8)  # -1 bad, 0 unknown, 1 good (monotone part)
        cache: dict[int, Evaluation] = {}
        best: Evaluation | None = None
        exact_bound = self.limit == 0 and self.all_monotone
        for j in np.argsort(self.bound, kind="stable"):
            if best is not None and self.bound[j] >= best.loss:
                break
            if status[j] == 0:
                self._probe(status, int(j), cache)
            if status[j] == -1:
                continue
            if status[j] == 0:  # top node bad: nothing is anonymous
                break
            node = tuple(int(x) for x in self.nodes[j])
            if exact_bound and j not in cache:
                ev = Evaluation(node, True, True, 0, -1, float(self.bound[j]), [])
            else:
                ev = cache.get(j)
                if ev is None or not ev.full:
                    ev = self.evaluate(node)
            if ev.ok and (best is None or ev.loss < best.loss):
                best = ev
        if best is None:
            return LatticeResult(None, math.inf, 0, 0, self.checks, len(self.nodes), [])
        best = self.evaluate(best.node, base=True)
        return LatticeResult(
            best.node,
            best.loss,
            best.suppressed,
            best.classes,
            self.checks,
            len(self.nodes),
            best.per_attribute,
        )
