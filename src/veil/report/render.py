"""HTML pages for the audit, the evaluation and the tabular reports (the run
report's page is in :mod:`veil.report.run`). Each takes the report's JSON data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import html as H

__all__ = ["render_audit_html", "render_eval_html", "render_tabular_html"]


def _glance_versions(data: Mapping[str, Any]) -> str:
    return ", ".join(f"{k} {v}" for k, v in data.get("versions", {}).items())


# -- audit -----------------------------------------------------------------------------
def render_audit_html(data: Mapping[str, Any]) -> str:
    s = data["summary"]
    rec = s["records"]
    res = data["residual"]
    clean = s["residual_hits"] == 0
    parts = [
        H.section(
            "At a glance",
            H.stat_cards(
                [
                    ("records scanned", rec["scanned"], ""),
                    ("residual hits", s["residual_hits"], "good" if clean else "bad"),
                    (
                        "records with a residual hit",
                        rec["with_residual"],
                        "good" if clean else "bad",
                    ),
                    (
                        "share of records",
                        f"{rec['share_with_residual']:.2%}",
                        "good" if clean else "bad",
                    ),
                    ("unreadable records", rec["unreadable"], ""),
                    ("MB scanned", round(s["bytes"] / 1e6, 3), ""),
                    ("seconds", s["elapsed_s"], ""),
                ]
            ),
            H.note(
                "Tags (<EMAIL>, <PERSON_1>), [[ENC:...]] tokens, keyed hashes and masks are "
                "not counted. Pseudonyms look real on purpose: on pseudonymized output the "
                "counts are an upper bound."
            ),
            id="glance",
        ),
        H.section(
            "The scan",
            H.kv_table(
                {
                    "scanned": data["run"]["input"],
                    "detectors": ", ".join(data["run"]["recognizers"]),
                    "threshold": data["run"]["policy"]["threshold"],
                    "policy": data["run"]["policy"]["source"],
                    "versions": _glance_versions(data),
                    "created": data.get("created"),
                }
            ),
            id="run",
        ),
    ]
    if res:
        parts.append(
            H.section(
                "Residual identifiers",
                H.charts(
                    H.bar_chart(
                        "residual hits per label",
                        [(k, v["hits"]) for k, v in res.items()],
                        color=H.PALETTE[4],
                    ),
                    H.bar_chart(
                        "residual hits per field",
                        list(data.get("fields", {}).items()),
                        color=H.PALETTE[1],
                    ),
                    H.histogram(
                        "residual hits per detection score",
                        _all_bins(data.get("score_histogram", {})),
                        color=H.PALETTE[4],
                        x_label="score",
                    ),
                ),
                H.table(
                    ["label", "hits", "records", "share of records"],
                    [
                        [k, v["hits"], v["records"], f"{v['share_of_records']:.2%}"]
                        for k, v in res.items()
                    ],
                ),
                id="residual",
            )
        )
        hits = data.get("hits", [])
        parts.append(
            H.section(
                "Where (masked context)",
                H.note("The first hits per label; the value masked, digits around it as #."),
                H.table(
                    ["label", "where", "field", "score", "recognizer", "context"],
                    [
                        [
                            h["label"],
                            h["where"],
                            h["field"],
                            h["score"],
                            h["recognizer"],
                            H.snippet(h["context"]),
                        ]
                        for h in sorted(hits, key=lambda h: h["label"])
                    ],
                ),
                id="hits",
            )
        )
    else:
        parts.append(H.section("Residual identifiers", H.note("Nothing found."), id="residual"))
    return H.page("Veil audit report", f"{data['run']['input']} · {data.get('created', '')}", parts)


def _all_bins(hist: Mapping[str, Any]) -> list[tuple[str, int]]:
    n = max((len(v) for v in hist.values()), default=0)
    return [(f"{i / n:.2f}", sum(v[i] for v in hist.values())) for i in range(n)]


# -- eval ------------------------------------------------------------------------------
_EVAL_COLS = ("gold", "pred", "precision", "recall", "typed_recall", "exact_recall", "leak_rate")


def _num(v: Any) -> Any:
    return "-" if v is None else v


def render_eval_html(data: Mapping[str, Any]) -> str:
    labels = data.get("labels", {})
    overall = data.get("overall", {})
    parts = [
        H.section(
            "At a glance",
            H.stat_cards(
                [
                    ("documents", data.get("documents", 0), ""),
                    ("precision", _num(overall.get("precision")), ""),
                    ("span recall", _num(overall.get("recall")), ""),
                    ("typed recall", _num(overall.get("typed_recall")), ""),
                    ("leak rate (chars)", _num(overall.get("leak_rate")), ""),
                    ("docs / s", _num(data.get("speed", {}).get("docs_per_s")), ""),
                    ("MB / s", _num(data.get("speed", {}).get("mb_per_s")), ""),
                ]
            ),
            H.kv_table(
                {
                    "dataset": data.get("dataset"),
                    "format": data.get("format"),
                    "annotated labels": data.get("annotated_labels")
                    if isinstance(data.get("annotated_labels"), str)
                    else ", ".join(data.get("annotated_labels", [])),
                    "policy": data.get("policy", {}).get("source", "-"),
                    "versions": _glance_versions(data),
                    "created": data.get("created"),
                }
            ),
            id="glance",
        )
    ]
    scored = [(k, v) for k, v in labels.items() if v.get("gold") or v.get("pred")]
    parts.append(
        H.section(
            "Per label",
            H.charts(
                H.grouped_bars(
                    "precision and typed recall per label",
                    [k for k, _ in scored],
                    {
                        "precision": [v.get("precision") or 0.0 for _, v in scored],
                        "typed recall": [v.get("typed_recall") or 0.0 for _, v in scored],
                    },
                    width=max(520, 46 * len(scored)),
                    height=260,
                    max_value=1.0,
                )
                if scored
                else "",
                H.bar_chart(
                    "character leak rate per label",
                    [(k, v.get("leak_rate") or 0.0) for k, v in scored if v.get("gold")],
                    color=H.PALETTE[4],
                    fmt="{:.3f}",
                    max_value=1.0,
                ),
            ),
            H.table(
                ["label", *_EVAL_COLS],
                [[k, *(_num(v.get(c)) for c in _EVAL_COLS)] for k, v in labels.items()]
                + [["OVERALL", *(_num(overall.get(c)) for c in _EVAL_COLS)]],
            ),
            id="labels",
        )
    )
    genres = data.get("genres") or {}
    if genres:
        names = list(genres)
        parts.append(
            H.section(
                "Per genre",
                H.charts(
                    H.grouped_bars(
                        "precision and typed recall per genre",
                        names,
                        {
                            "precision": [genres[g].get("precision") or 0.0 for g in names],
                            "typed recall": [genres[g].get("typed_recall") or 0.0 for g in names],
                        },
                        max_value=1.0,
                    )
                ),
                H.table(
                    ["genre", "documents", *_EVAL_COLS],
                    [
                        [
                            g,
                            genres[g].get("documents"),
                            *(_num(genres[g].get(c)) for c in _EVAL_COLS),
                        ]
                        for g in names
                    ],
                ),
                id="genres",
            )
        )
    conf = data.get("confusion") or {}
    if conf:
        rows = sorted(conf)
        cols = sorted({c for r in conf.values() for c in r})
        parts.append(
            H.section(
                "Confusion between labels",
                H.note(
                    "Gold spans (rows) by the label of the prediction that overlaps them "
                    "(columns); off-diagonal cells are found-but-mislabelled."
                ),
                H.heatmap("gold label → predicted label", rows, cols, conf),
                id="confusion",
            )
        )
    return H.page(
        "Veil evaluation report", f"{data.get('dataset')} · {data.get('created', '')}", parts
    )


# -- tabular ---------------------------------------------------------------------------
def render_tabular_html(data: Mapping[str, Any]) -> str:
    s = data["summary"]
    risk = data.get("risk") or {}
    before, after = risk.get("before", {}), risk.get("after", {})
    loss = data.get("information_loss") or {}
    util = data.get("ml_utility")
    parts = [
        H.section(
            "At a glance",
            H.stat_cards(
                [
                    ("rows", s.get("rows", 0), ""),
                    ("suppressed", s.get("suppressed", 0), ""),
                    ("equivalence classes", s.get("classes", 0), ""),
                    ("smallest class (k)", data.get("k_achieved", "-"), ""),
                    ("max prosecutor risk after", round(after.get("prosecutor_max", 0.0), 4), ""),
                    ("GIL (information loss)", round(loss.get("gil", 0.0), 4), ""),
                    ("seconds", s.get("seconds", 0.0), ""),
                ]
            ),
            H.kv_table(
                {
                    "input": data["run"]["input"],
                    "output": data["run"]["output"],
                    "policy": data["run"].get("policy"),
                    "quasi-identifiers": ", ".join(s.get("quasi_identifiers", [])),
                    "algorithm": s.get("algorithm"),
                    "generalization levels": ", ".join(
                        f"{k}: {v}" for k, v in (s.get("levels") or {}).items()
                    )
                    if isinstance(s.get("levels"), dict)
                    else str(s.get("levels")),
                    "parameters": ", ".join(
                        f"{k}={v}" for k, v in data["run"].get("parameters", {}).items()
                    ),
                    "versions": _glance_versions(data),
                    "created": data.get("created"),
                }
            ),
            id="glance",
        )
    ]
    sizes = data.get("class_sizes") or {}
    if sizes:
        parts.append(
            H.section(
                "Equivalence classes",
                H.charts(
                    H.histogram(
                        "classes per size (records sharing the same quasi-identifiers)",
                        list(sizes.get("after", {}).items()),
                        x_label="class size",
                    ),
                    H.histogram(
                        "before anonymization",
                        list(sizes.get("before", {}).items()),
                        color=H.PALETTE[1],
                        x_label="class size",
                    ),
                ),
                id="classes",
            )
        )
    keys = [
        "prosecutor_max",
        "prosecutor_avg",
        "journalist_max",
        "marketer",
        "sample_uniques",
        "records_at_risk",
    ]
    if before and after:
        parts.append(
            H.section(
                "Re-identification risk",
                H.charts(
                    H.grouped_bars(
                        "risk before and after",
                        keys,
                        {
                            "before": [before.get(k, 0.0) for k in keys],
                            "after": [after.get(k, 0.0) for k in keys],
                        },
                        width=640,
                        max_value=1.0,
                    )
                ),
                H.table(
                    ["measure", "before", "after"], [[k, before.get(k), after.get(k)] for k in keys]
                ),
                id="risk",
            )
        )
    if loss:
        ncp = loss.get("ncp", {})
        parts.append(
            H.section(
                "Information loss",
                H.charts(
                    H.bar_chart(
                        "NCP per quasi-identifier (0 = kept, 1 = fully generalized)",
                        list(ncp.items()),
                        fmt="{:.3f}",
                        max_value=1.0,
                    )
                ),
                H.kv_table(
                    {
                        k: loss.get(k)
                        for k in (
                            "gil",
                            "discernibility",
                            "average_class_size",
                            "non_uniform_entropy",
                        )
                        if k in loss
                    }
                ),
                id="loss",
            )
        )
    if util:
        if "error" in util:
            body = H.note(f"ML utility not measured: {util['error']}")
        else:
            body = H.charts(
                H.grouped_bars(
                    f"model trained on original vs anonymized rows (target: {util.get('target')})",
                    ["accuracy", "AUC"],
                    {
                        "original": [
                            util.get("accuracy_original", 0.0),
                            util.get("auc_original", 0.0),
                        ],
                        "anonymized": [
                            util.get("accuracy_anonymized", 0.0),
                            util.get("auc_anonymized", 0.0),
                        ],
                    },
                    max_value=1.0,
                )
            )
        parts.append(H.section("ML utility", body, id="utility"))
    return H.page(
        "Veil table report",
        f"{data['run']['input']} → {data['run']['output']} · {data.get('created', '')}",
        parts,
    )
