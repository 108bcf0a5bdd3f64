"""A whole table in one call: profile, identifiers, free text, generalization, reports.

:func:`anonymize_table` is what ``veil tabular`` runs; it takes and returns pandas
and polars DataFrames or a dict of columns (what the CLI reads):

1. :func:`veil.tabular.profile.profile` assigns each column a role; the policy's
   ``columns``, ``quasi_identifiers`` and ``sensitive`` win over it;
2. direct identifiers are dropped, or replaced value by value with a text
   operator (``pseudonymize``, ``hash``, ``mask``, ``tag``, ``encrypt``...) under
   the column's label and the text policy's key: the same value gets the same
   surrogate as in a chat log anonymized with that policy and key;
3. free-text cells go through the :class:`veil.Anonymizer` (the text policy);
4. quasi-identifiers are generalized by :class:`~veil.tabular.generalizer.Generalizer`;
5. the summary holds the decisions and the reports: information loss, class sizes,
   risk before and after, ML utility for ``target``. It holds counts, shares and row
   positions, never values.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from typing import Any

import numpy as np

from veil.tabular.encode import column_values
from veil.tabular.errors import TabularConfigError
from veil.tabular.generalizer import GENERALIZER_PARAMS
from veil.tabular.hierarchies import MISSING, to_text
from veil.tabular.profile import Profile, profile

__all__ = [
    "GENERALIZER_OPTIONS",
    "TABLE_OPTIONS",
    "anonymize_table",
    "identifier_operator",
    "replace_identifiers",
    "role_overrides",
]

GENERALIZER_OPTIONS = frozenset(GENERALIZER_PARAMS)
TABLE_OPTIONS = frozenset(
    {"columns", "direct_action", "target", "profile", "metrics", "risk_threshold"}
)


def identifier_operator(action: Any, label: str, anonymizer: Any, where: str) -> Any:
    """The operator for a direct-identifier column (None: drop the column).

    ``action``: ``"drop"``; ``"policy"`` (the text policy's operator for ``label``);
    an operator name (``"pseudonymize"``, ``"hash"``...; the text policy's instance
    when it uses that operator for ``label``, so its parameters agree); or an
    operator spec such as ``{"type": "mask", "keep_last": 4}``.
    """
    from veil.errors import PolicyError
    from veil.transform.registry import OPERATORS, build_operator

    if action == "drop":
        return None
    policy_op = anonymizer.policy.operator_for(label)
    if action == "policy":
        return policy_op
    if isinstance(action, str):
        if action not in OPERATORS:
            raise TabularConfigError(
                f"{where}: unknown action {action!r} "
                f"(drop, policy, {', '.join(OPERATORS)} or an operator spec)"
            )
        if policy_op.name == action:
            return policy_op
        action = {"type": action}
    if isinstance(action, Mapping):
        try:
            return build_operator(dict(action), where)
        except PolicyError as e:
            raise TabularConfigError(str(e)) from None
    raise TabularConfigError(f"{where}: must be an action name or an operator spec")


def _whole_span(text: str, label: str, anonymizer: Any) -> Any:
    """The span covering the whole cell, with the attributes a recognizer gives it
    in running text (a name's culture and gender, a phone's region)."""
    from veil.types import Span

    attrs: Mapping[str, str] = {}
    for sp in anonymizer.analyze(text):
        if sp.label == label and sp.start == 0 and sp.end == len(text):
            attrs = sp.attrs
            break
    return Span(0, len(text), label, 1.0, "tabular", text=text, attrs=attrs)


def replace_identifiers(
    values: Any, label: str, operator: Any, anonymizer: Any, stats: dict | None = None
) -> list:
    """Each value replaced by ``operator`` under ``label`` (missing values kept).

    Every distinct value is replaced once: the replacement is a pure function of
    (key, label, value), as in the text engine. ``stats`` (optional) receives the
    number of distinct values and of distinct replacements (fewer: two values got
    the same surrogate).
    """
    ctx = anonymizer.new_context()
    cache: dict[str, str] = {}
    out = []
    for v in _as_list(values):
        t = to_text(v)
        if t == MISSING:
            out.append(v)
            continue
        r = cache.get(t)
        if r is None:
            s = t.strip()
            r = operator.apply(_whole_span(s, label, anonymizer), ctx) if s else t
            cache[t] = r
        out.append(r)
    if stats is not None:
        stats["distinct"] = len(cache)
        stats["distinct_replacements"] = len(set(cache.values()))
    return out


def _anonymize_text(values: Any, anonymizer: Any) -> tuple[list, dict[str, Any]]:
    cache: dict[str, str] = {}
    labels: dict[str, int] = {}
    out, changed = [], 0
    for v in _as_list(values):
        t = to_text(v)
        if t == MISSING:
            out.append(v)
            continue
        r = cache.get(t)
        if r is None:
            res = anonymizer.anonymize(t)
            for sp in res.spans:
                labels[sp.label] = labels.get(sp.label, 0) + 1
            r = cache[t] = res.text
        changed += r != t
        out.append(r)
    return out, {"cells": len(out), "changed": changed, "spans_by_label": labels}


def _lazy(anonymizer: Any) -> Any:
    """A function returning the Anonymizer, made on first use (it takes a while)."""
    made: list[Any] = []

    def get() -> Any:
        if not made:
            if anonymizer is None:
                from veil.anonymizer import Anonymizer

                made.append(Anonymizer(rules_only=True))
            elif callable(anonymizer) and not hasattr(anonymizer, "analyze"):
                made.append(anonymizer())
            else:
                made.append(anonymizer)
        return made[0]

    return get


def _as_list(col: Any) -> list:
    if hasattr(col, "to_list"):
        return col.to_list()
    if hasattr(col, "tolist"):
        return col.tolist()
    return list(col)


def _replace_columns(X: Any, new: dict[str, list], drop: list[str]) -> Any:
    mod = type(X).__module__.split(".")[0]
    if mod == "pandas":
        res = X.drop(columns=drop) if drop else X.copy()
        for name, vals in new.items():
            res[name] = vals
        return res
    if mod == "polars":
        import polars as pl

        res = X.drop(drop) if drop else X
        if new:
            res = res.with_columns(
                [pl.Series(name, vals, dtype=pl.Utf8, strict=False) for name, vals in new.items()]
            )
        return res
    res = {k: v for k, v in dict(X).items() if k not in drop}
    for name, vals in new.items():
        res[name] = vals
    return res


def _column_names(X: Any) -> list[str]:
    return [str(c) for c in (X.columns if hasattr(X, "columns") else list(X))]


def _class_sizes(table: Any, qis: list[str]) -> dict[str, Any]:
    from veil.tabular.metrics import equivalence_classes

    ids, sizes, supp = equivalence_classes(table, qis)
    kept = np.bincount(ids[~supp], minlength=len(sizes))
    kept = kept[kept > 0]
    if not len(kept):
        return {"classes": 0, "suppressed": int(supp.sum())}
    vals, counts = np.unique(kept, return_counts=True)
    return {
        "classes": len(kept),
        "suppressed": int(supp.sum()),
        "min": int(kept.min()),
        "max": int(kept.max()),
        "mean": float(kept.mean()),
        "median": float(np.median(kept)),
        "histogram": {int(v): int(c) for v, c in zip(vals, counts, strict=True)},
    }


def role_overrides(config: Mapping[str, Any]) -> dict[str, Any]:
    """The policy's ``columns`` roles, plus ``quasi`` for every column that has a
    hierarchy (and is not listed elsewhere)."""
    columns = dict(config.get("columns") or {})
    listed = set(config.get("quasi_identifiers") or [])
    for name in config.get("hierarchies") or {}:
        if name not in columns and name not in listed:
            columns[name] = "quasi"
    return columns


def _json_float(x: float) -> float | None:
    return None if isinstance(x, float) and not math.isfinite(x) else x


def anonymize_table(
    data: Any,
    config: Mapping[str, Any] | None = None,
    *,
    anonymizer: Any = None,
    column_profile: Profile | None = None,
) -> tuple[Any, dict[str, Any]]:
    """Anonymize a table; returns (the same kind of table, the summary).

    ``config`` holds the :class:`Generalizer` options plus ``columns`` (role
    overrides: {column: role or {role, label, action}}), ``direct_action``
    (default for direct identifiers: ``"policy"``, ``"drop"``, an operator name or
    spec), ``target`` (column for the ML-utility report), ``profile`` (False: no
    automatic decisions, unlisted columns are kept), ``metrics`` (False: no
    reports) and ``risk_threshold`` (records above it count as at risk, 0.2).
    ``anonymizer`` is the :class:`veil.Anonymizer` of the text side, or a function
    that makes it (called only when a column needs it; default: the default text
    policy, rules only, no key).
    """
    t0 = time.perf_counter()
    config = dict(config or {})
    unknown = set(config) - GENERALIZER_OPTIONS - TABLE_OPTIONS
    if unknown:
        raise TabularConfigError(f"unknown tabular option(s): {', '.join(sorted(unknown))}")
    anonymizer = _lazy(anonymizer)
    gen_params = {k: v for k, v in config.items() if k in GENERALIZER_OPTIONS}
    listed_qis = list(gen_params.get("quasi_identifiers") or [])
    sens = gen_params.get("sensitive")
    columns = role_overrides(config)
    if column_profile is None:
        if config.get("profile", True):
            column_profile = profile(
                data, columns, quasi_identifiers=listed_qis, sensitive=sens, anonymizer=anonymizer
            )
        else:
            named = (
                set(columns)
                | set(listed_qis)
                | ({sens} if isinstance(sens, str) else set(sens or []))
            )
            overrides = {n: "other" for n in _column_names(data) if n not in named}
            overrides.update(columns)
            column_profile = profile(
                data, overrides, quasi_identifiers=listed_qis, sensitive=sens, anonymizer=anonymizer
            )
    prof = column_profile
    qis = [c for c in _column_names(data) if prof[c].role == "quasi"]
    if listed_qis:  # keep the policy's order (it is the lattice's order)
        qis = listed_qis + [q for q in qis if q not in listed_qis]
    target = config.get("target")
    if target is not None and target not in prof.columns:
        raise TabularConfigError(f"target column {target!r} is not in the table")

    # 1. the operators of the direct identifiers, validated before any work
    default_action = config.get("direct_action", "policy")
    ops: dict[str, Any] = {}
    for name in prof.direct:
        spec = columns.get(name)
        action = spec.get("action", default_action) if isinstance(spec, Mapping) else default_action
        label = prof[name].label or "ID"
        where = f"columns.{name}.action"
        ops[name] = (
            None if action == "drop" else identifier_operator(action, label, anonymizer(), where)
        )
    for name, spec in columns.items():
        if isinstance(spec, Mapping) and "action" in spec and prof[name].role != "direct":
            raise TabularConfigError(f"columns.{name}.action: only direct identifiers have one")
    if any(op is not None and op.needs_key for op in ops.values()) and anonymizer().key is None:
        from veil.errors import KeyConfigError

        raise KeyConfigError(
            "keyed actions (hash, pseudonymize, encrypt) on direct identifiers need a key: "
            "set VEIL_KEY, point the policy's key.file at one, or pass --demo-key"
        )

    # 2. quasi-identifiers
    summary: dict[str, Any] = {
        "rows": None,
        "columns": len(prof.columns),
        "profile": prof.to_dict(),
        "quasi_identifiers": qis,
        "sensitive": prof.sensitive,
        "direct_identifiers": {
            n: {"label": prof[n].label, "action": "drop" if op is None else op.name}
            for n, op in ops.items()
        },
        "text_columns": {},
    }
    out = data
    gen = None
    if qis:
        from veil.tabular.generalizer import Generalizer

        gen_params["quasi_identifiers"] = qis
        if gen_params.get("l") is None and gen_params.get("t") is None:
            gen_params.pop("sensitive", None)
        elif not gen_params.get("sensitive"):
            if not prof.sensitive:
                raise TabularConfigError("l-diversity and t-closeness need a sensitive column")
            gen_params["sensitive"] = prof.sensitive
        gen = Generalizer(**gen_params).fit(data)
        out = gen.transform(data)
        summary.update(
            rows=gen.n_records_,
            algorithm=gen.algorithm,
            k=gen.k,
            levels=gen.levels_,
            suppressed=gen.suppressed_,
            classes=gen.n_classes_,
            loss=gen.loss_,
            per_attribute_loss=gen.per_attribute_loss_,
        )
    else:
        first = _column_names(data)[:1]
        summary["rows"] = len(_as_list(column_values(data, first[0]))) if first else 0
        summary["warning"] = "no quasi-identifiers: nothing generalized (list them in the policy)"

    # 3. direct identifiers and free text
    new: dict[str, list] = {}
    for name, op in ops.items():
        if op is not None:
            new[name] = replace_identifiers(
                column_values(data, name),
                prof[name].label or "ID",
                op,
                anonymizer(),
                summary["direct_identifiers"][name],
            )
    for name in prof.text:
        new[name], summary["text_columns"][name] = _anonymize_text(
            column_values(data, name), anonymizer()
        )
    drop = [n for n, op in ops.items() if op is None]
    out = _replace_columns(out, new, drop)

    # 4. reports
    if config.get("metrics", True) and qis:
        summary.update(_reports(data, out, gen, qis, prof, target, config))
    summary["seconds"] = round(time.perf_counter() - t0, 4)
    return out, summary


def _reports(
    data: Any, out: Any, gen: Any, qis: list[str], prof: Profile, target: Any, config: dict
) -> dict[str, Any]:
    from veil.tabular.metrics import information_loss, risk_report

    il = information_loss(data, out, qis, gen.hierarchies_, k=int(gen.k or 1))
    rep: dict[str, Any] = {
        "class_sizes": _class_sizes(out, qis),
        "information_loss": {
            "loss": gen.loss_,
            "gil": il["gil"],
            "ncp": il["ncp"],
            "discernibility": il["discernibility"],
            "average_class_size": _json_float(il["average_class_size"]),
            "non_uniform_entropy": il["non_uniform_entropy"],
        },
        "risk": risk_report(data, out, qis, threshold=float(config.get("risk_threshold", 0.2))),
    }
    if target is not None:
        rep["utility"] = _utility(data, out, target, qis, prof)
    return rep


def _utility(data: Any, out: Any, target: str, qis: list[str], prof: Profile) -> dict[str, Any]:
    from veil.tabular.metrics import ml_utility

    features = [
        c
        for c in prof.columns
        if c != target and (c in qis or prof[c].role in ("sensitive", "other"))
    ]
    if not features:
        return {"skipped": "no feature columns besides the target"}
    try:
        res: dict[str, Any] = ml_utility(data, out, target, features=features)
    except ImportError:
        return {"skipped": "scikit-learn is not installed (pip install 'veil[tabular]')"}
    except ValueError as e:  # e.g. a class with a single record cannot be stratified
        return {"skipped": f"the target column cannot be learned ({type(e).__name__})"}
    res["target"] = target
    res["features"] = features
    res["model"] = "HistGradientBoostingClassifier"
    return res
