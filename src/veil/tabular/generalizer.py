"""The scikit-learn style API: ``Generalizer(...).fit(df).transform(df)``.

The constructor only stores its arguments; ``fit`` learns the generalization (levels
for the optimal global recoding, partitions for Mondrian) and returns ``self``;
learned state ends in ``_``. Works with pandas and polars DataFrames (and a dict of
column sequences) and returns the same kind; non-QI columns pass through unchanged.

Suppressed records come out with every quasi-identifier set to ``*``.

Bad input, documented handling:

* missing values (None, NaN, empty) are a category of their own, ``NULL``; where the
  hierarchy lacks it, ``NULL`` is added as a leaf that generalizes to itself and to
  the top value ``*`` (``missing="error"`` raises instead);
* values are matched to hierarchies by canonical text (``34``, ``34.0`` and ``"34"``
  are the same value), so a column mixing ints and strings works with a hierarchy
  file; with an automatic numeric hierarchy, a non-number raises
  :class:`~veil.tabular.errors.TabularInputError` naming the column and row;
* a value absent from its hierarchy raises ``TabularInputError`` naming the column,
  the first row and the hierarchy file (never the value);
* hierarchies of inconsistent depth or with duplicate leaves raise
  :class:`~veil.tabular.errors.HierarchyError` naming the file and line.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from veil.tabular.encode import Encoded, column_values, combine, encode
from veil.tabular.errors import TabularConfigError, TabularInputError
from veil.tabular.hierarchies import TOP, Hierarchy, auto_hierarchy, load_hierarchy
from veil.tabular.models import (
    AverageRisk,
    DistinctLDiversity,
    EntropyLDiversity,
    KAnonymity,
    Model,
    RecursiveCLDiversity,
    TCloseness,
)

__all__ = ["Generalizer"]

#: The constructor's parameters (what get_params/set_params and policy files accept).
GENERALIZER_PARAMS = (
    "quasi_identifiers",
    "hierarchies",
    "k",
    "l",
    "t",
    "suppression",
    "sensitive",
    "l_diversity",
    "c",
    "t_distance",
    "t_hierarchy",
    "max_risk",
    "average_risk",
    "algorithm",
    "aggregate",
    "missing",
)


class Generalizer:
    """Anonymize quasi-identifiers by generalization (and suppression).

    Parameters: ``quasi_identifiers`` (columns); ``hierarchies`` ({column: ARX CSV
    path, DataFrame, rows, Hierarchy, or a builder spec: "intervals", "date",
    "mask", "flat", "auto", {"intervals": [5, 10, 20]}, {"ordered": [...]}};
    columns without one get an automatic hierarchy); ``k``; ``l`` and ``l_diversity`` ("distinct", "entropy",
    "recursive" with ``c``) and ``t`` with ``t_distance`` ("equal", "ordered",
    "hierarchical" with ``t_hierarchy``) on the ``sensitive`` column(s);
    ``max_risk`` / ``average_risk`` re-identification risk thresholds;
    ``suppression`` (share of records that may be suppressed); ``algorithm``
    ("optimal" full-domain global recoding or "mondrian" local recoding);
    ``aggregate`` of the loss over attributes ("geometric" as ARX, "arithmetic");
    ``missing`` ("category" or "error").
    """

    def __init__(
        self,
        quasi_identifiers: list[str] | None = None,
        hierarchies: dict[str, Any] | None = None,
        k: int = 5,
        l: float | None = None,  # noqa: E741
        t: float | None = None,
        suppression: float = 0.02,
        sensitive: str | list[str] | None = None,
        l_diversity: str = "distinct",
        c: float = 2.0,
        t_distance: str = "equal",
        t_hierarchy: Any = None,
        max_risk: float | None = None,
        average_risk: float | None = None,
        algorithm: str = "optimal",
        aggregate: str = "geometric",
        missing: str = "category",
    ) -> None:
        self.quasi_identifiers = quasi_identifiers
        self.hierarchies = hierarchies
        self.k = k
        self.l = l
        self.t = t
        self.suppression = suppression
        self.sensitive = sensitive
        self.l_diversity = l_diversity
        self.c = c
        self.t_distance = t_distance
        self.t_hierarchy = t_hierarchy
        self.max_risk = max_risk
        self.average_risk = average_risk
        self.algorithm = algorithm
        self.aggregate = aggregate
        self.missing = missing

    # ------------------------------------------------------------- sklearn protocol
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {p: getattr(self, p) for p in GENERALIZER_PARAMS}

    def set_params(self, **params: Any) -> Generalizer:
        for key, value in params.items():
            if key not in GENERALIZER_PARAMS:
                raise TabularConfigError(f"Generalizer has no parameter {key!r}")
            setattr(self, key, value)
        return self

    def __repr__(self) -> str:
        qis = self.quasi_identifiers or []
        return f"Generalizer(quasi_identifiers={len(qis)} columns, k={self.k}, algorithm={self.algorithm!r})"

    # ------------------------------------------------------------- configuration
    def _sensitive(self) -> list[str]:
        s = self.sensitive
        return [] if s is None else [s] if isinstance(s, str) else list(s)

    def _check_config(self) -> list[str]:
        qis = list(self.quasi_identifiers or [])
        if not qis:
            raise TabularConfigError("quasi_identifiers must name at least one column")
        if len(set(qis)) != len(qis):
            raise TabularConfigError("quasi_identifiers has a duplicate column")
        if not (0.0 <= float(self.suppression) < 1.0):
            raise TabularConfigError("suppression must be in [0, 1)")
        if self.algorithm not in ("optimal", "mondrian"):
            raise TabularConfigError(f"algorithm {self.algorithm!r} is unknown (optimal, mondrian)")
        if self.aggregate not in ("geometric", "arithmetic"):
            raise TabularConfigError("aggregate must be 'geometric' or 'arithmetic'")
        if self.missing not in ("category", "error"):
            raise TabularConfigError("missing must be 'category' or 'error'")
        if (self.l is not None or self.t is not None) and not self._sensitive():
            raise TabularConfigError("l-diversity and t-closeness need a sensitive column")
        if set(self._sensitive()) & set(qis):
            raise TabularConfigError("a sensitive column cannot also be a quasi-identifier")
        if self.algorithm == "mondrian" and (
            self.l is not None or self.t is not None or self.average_risk is not None
        ):
            raise TabularConfigError("mondrian supports k-anonymity (and max_risk) only")
        for name in self.hierarchies or {}:
            if name not in qis:
                raise TabularConfigError(f"hierarchy given for {name!r}, not a quasi-identifier")
        return qis

    def _models(self) -> list[Model]:
        k = 1 if self.k is None else int(self.k)
        if self.max_risk is not None:
            if not (0 < self.max_risk <= 1):
                raise TabularConfigError("max_risk must be in (0, 1]")
            k = max(k, math.ceil(1 / self.max_risk - 1e-9))
        models: list[Model] = [KAnonymity(k)]
        for attr in self._sensitive():
            if self.l is not None:
                if self.l_diversity == "distinct":
                    models.append(DistinctLDiversity(attr, int(self.l)))
                elif self.l_diversity == "entropy":
                    models.append(EntropyLDiversity(attr, float(self.l)))
                elif self.l_diversity == "recursive":
                    models.append(RecursiveCLDiversity(attr, float(self.c), int(self.l)))
                else:
                    raise TabularConfigError(f"l_diversity {self.l_diversity!r} is unknown")
            if self.t is not None:
                models.append(TCloseness(attr, float(self.t), self.t_distance, self.t_hierarchy))
        if self.average_risk is not None:
            models.append(AverageRisk(float(self.average_risk)))
        return models

    def _encode(self, X: Any) -> Encoded:
        return encode(X, self.qis_, self.hierarchies_, self._sensitive(), self.missing)

    # ------------------------------------------------------------- fit / transform
    def fit(self, X: Any, y: Any = None) -> Generalizer:
        from veil.tabular.lattice import LatticeSearch
        from veil.tabular.mondrian import mondrian

        qis = self._check_config()
        self._models()  # validates the model parameters before any data is read
        given = self.hierarchies or {}
        hier: dict[str, Hierarchy] = {}
        for name in qis:
            if name in given:
                hier[name] = _hierarchy(given[name], name, X)
            else:
                hier[name] = auto_hierarchy(_as_list(column_values(X, name)), name)
        self.qis_ = qis
        self.hierarchies_ = hier
        models = self._models()
        enc = self._encode(X)
        self.n_records_ = enc.n
        if self.algorithm == "mondrian":
            res = mondrian(enc, models[0].k)  # type: ignore[attr-defined]
            self.levels_ = None
            self.partition_ = res
            self._rows_part = res.part[enc.inverse]
            self.n_classes_ = len(res.sizes)
            self.suppressed_ = 0
            self.loss_ = res.gil
            self.per_attribute_loss_ = dict(
                zip(qis, res.ncp.T @ res.sizes / max(enc.n, 1), strict=True)
            )
            return self
        search = LatticeSearch(enc, models, float(self.suppression), self.aggregate)
        res = search.search()
        if res.levels is None:
            raise TabularInputError(
                "no generalization satisfies the privacy models within the suppression limit"
            )
        self.levels_ = dict(zip(qis, res.levels, strict=True))
        self.loss_ = res.loss
        self.per_attribute_loss_ = dict(zip(qis, res.per_attribute, strict=True))
        self.suppressed_ = res.suppressed
        self.n_classes_ = res.classes
        self.checks_ = res.checks
        self.lattice_size_ = res.nodes
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "qis_"):
            raise TabularConfigError("this Generalizer is not fitted: call fit first")

    def transform(self, X: Any) -> Any:
        """Generalize ``X`` (same kind of table back); suppressed rows get ``*`` QIs."""
        from veil.tabular.lattice import LatticeSearch

        self._check_fitted()
        enc = self._encode(X)
        if self.algorithm == "mondrian":
            if enc.n != self.n_records_:
                raise TabularInputError(
                    "Mondrian is local recoding: transform the table it was fitted on"
                )
            res = self.partition_
            out = {
                name: np.asarray(res.labels[a], dtype=object)[self._rows_part]
                for a, name in enumerate(self.qis_)
            }
            return _assemble(X, out)
        models = self._models()
        search = LatticeSearch(enc, models, float(self.suppression), self.aggregate)
        node = tuple(self.levels_[q] for q in self.qis_)
        ev = search.evaluate(node, base=True)
        supp_rows = ev.suppressed_mask[enc.inverse] if ev.suppressed_mask is not None else None
        out = {}
        for a, name in enumerate(self.qis_):
            h = enc.hier[a]
            lv = node[a]
            labels = np.asarray(h.labels[lv], dtype=object)
            vals = labels[h.maps[lv][enc.tuples[enc.inverse, a]]]
            if supp_rows is not None and supp_rows.any():
                vals[supp_rows] = TOP
            out[name] = vals
        return _assemble(X, out)

    def fit_transform(self, X: Any, y: Any = None) -> Any:
        return self.fit(X, y).transform(X)

    def classes(self, X: Any) -> np.ndarray:
        """Equivalence class id per row of ``X`` under the fitted generalization
        (suppressed rows share one id, -1)."""
        out = self.transform(X)
        cols = [np.asarray(_as_list(column_values(out, q)), dtype=object) for q in self.qis_]
        codes, cards = [], []
        for c in cols:
            u, inv = np.unique(c.astype(str), return_inverse=True)
            codes.append(inv.ravel())
            cards.append(len(u))
        key, _ = combine(codes, cards)
        _, ids = np.unique(key, return_inverse=True)
        ids = ids.ravel()
        supp = np.all(np.stack([c == TOP for c in cols]), axis=0)
        ids[supp] = -1
        return ids


_BUILDERS = ("auto", "intervals", "date", "mask", "flat", "ordered")


def _hierarchy(spec: Any, name: str, X: Any) -> Hierarchy:
    """A hierarchy from a path/DataFrame/rows, or built from the column by a spec:
    ``"auto"``, ``"intervals"``, ``"date"``, ``"mask"``, ``"flat"``,
    ``{"intervals": [5, 10, 20]}`` or ``{"ordered": [categories...], "fanout": 2}``."""
    from veil.tabular import hierarchies as H

    if isinstance(spec, str) and spec in _BUILDERS:
        spec = {spec: None}
    if isinstance(spec, dict) and len(set(spec) & set(_BUILDERS)) == 1:
        kind = next(k for k in spec if k in _BUILDERS)
        arg = spec[kind]
        values = _as_list(column_values(X, name))
        if kind == "auto":
            return H.auto_hierarchy(values, name)
        if kind == "intervals":
            return H.interval_hierarchy(values, arg, column=name)
        if kind == "date":
            return H.date_hierarchy(values, column=name)
        if kind == "mask":
            return H.mask_hierarchy(values, column=name)
        if kind == "flat":
            return H.flat_hierarchy(values, column=name)
        if not arg:
            raise TabularConfigError(f"ordered hierarchy for {name!r} needs its categories")
        return H.ordered_hierarchy(arg, int(spec.get("fanout", 2)), column=name)
    return load_hierarchy(spec, name)


def _as_list(col: Any) -> list:
    if hasattr(col, "to_list"):
        return col.to_list()
    if hasattr(col, "tolist"):
        return col.tolist()
    return list(col)


def _assemble(X: Any, out: dict[str, np.ndarray]) -> Any:
    """A copy of ``X`` with the generalized columns ``out`` (string values)."""
    mod = type(X).__module__.split(".")[0]
    if mod == "pandas":
        res = X.copy()
        for name, vals in out.items():
            res[name] = vals
        return res
    if mod == "polars":
        import polars as pl

        return X.with_columns(
            [pl.Series(name, vals.tolist(), dtype=pl.Utf8) for name, vals in out.items()]
        )
    res = dict(X)
    for name, vals in out.items():
        res[name] = vals.tolist()
    return res
