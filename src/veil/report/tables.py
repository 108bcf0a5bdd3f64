"""The report of a ``veil tabular`` run: equivalence classes, risk before and
after, information loss and ML utility (:mod:`veil.tabular.metrics`).

Written as ``OUT.report.json`` / ``OUT.report.html`` (or into ``--report DIR``).
It reads the input and the written output again, so the tabular engine needs no
change; it holds numbers, column names and parameters, never cell values.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = ["class_size_histogram", "write_tabular_report"]

_BUCKETS = [
    (1, 1),
    (2, 2),
    (3, 3),
    (4, 4),
    (5, 9),
    (10, 19),
    (20, 49),
    (50, 99),
    (100, 999),
    (1000, None),
]


def class_size_histogram(sizes: Any) -> dict[str, int]:
    """Classes per size bucket (``1``, ``2``, ..., ``5-9``, ..., ``1000+``)."""
    out: dict[str, int] = {}
    for lo, hi in _BUCKETS:
        name = str(lo) if lo == hi else (f"{lo}+" if hi is None else f"{lo}-{hi}")
        out[name] = int(sum(1 for s in sizes if s >= lo and (hi is None or s <= hi)))
    return out


def _retained_sizes(table: Any, qis: list[str]) -> list[int]:
    import numpy as np

    from ..tabular.metrics import equivalence_classes

    ids, _sizes, supp = equivalence_classes(table, qis)
    kept = np.bincount(ids[~supp], minlength=int(ids.max()) + 1 if len(ids) else 0)
    return [int(x) for x in kept if x > 0]


def write_tabular_report(
    input_path: str | Path,
    output_path: str | Path,
    config: dict[str, Any],
    summary: dict[str, Any],
    *,
    policy: str | None = None,
    report_dir: str | Path | None = None,
) -> dict[str, str]:
    """Write the table report; returns its paths."""
    from ..tabular.cli import read_table
    from .render import render_tabular_html
    from .run import report_paths, versions, write_report

    qis = list(summary.get("quasi_identifiers") or config.get("quasi_identifiers") or [])
    sep = config.get("separator")
    data: dict[str, Any] = {
        "kind": "tabular",
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "versions": versions(),
        "run": {
            "input": str(input_path),
            "output": str(output_path),
            "policy": policy,
            "parameters": {
                k: v
                for k, v in config.items()
                if k in ("k", "l", "t", "suppression", "algorithm", "max_risk", "average_risk")
            },
        },
        "summary": {k: v for k, v in summary.items() if k not in ("profile", "risk", "utility")},
    }
    if qis:
        # the tabular pipeline computed the metrics (summary): reuse them, and
        # compute here only what is missing (class sizes before; an older engine)
        from ..tabular.metrics import information_loss, risk_report

        original = read_table(input_path, sep)
        before = _retained_sizes(original, qis)
        cs = summary.get("class_sizes") or {}
        if "histogram" in cs:
            after = [int(size) for size, c in cs["histogram"].items() for _ in range(int(c))]
        else:
            after = _retained_sizes(read_table(output_path, sep), qis)
        data["class_sizes"] = {
            "before": class_size_histogram(before),
            "after": class_size_histogram(after),
        }
        data["k_achieved"] = min(after) if after else None
        rr = summary.get("risk")
        loss = summary.get("information_loss")
        if rr is None or loss is None:
            anonymized = read_table(output_path, sep)
            rr = rr or risk_report(original, anonymized, qis)
            loss = loss or information_loss(original, anonymized, qis, None, config.get("k"))
        data["risk"] = {
            side: {k: v for k, v in d.items() if k != "highest_risk_rows"} for side, d in rr.items()
        }
        data["information_loss"] = loss
        util = summary.get("utility")
        if util is not None:
            data["ml_utility"] = {"error": util["skipped"]} if "skipped" in util else dict(util)
        else:
            data["ml_utility"] = {"error": "no target column (set tabular.target in the policy)"}
    json_path, html_path = report_paths(output_path, report_dir)
    write_report(data, render_tabular_html(data), json_path, html_path)
    return {"json": str(json_path), "html": str(html_path)}
