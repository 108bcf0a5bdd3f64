"""Run reports: ``report.json`` and a self-contained ``report.html`` per run.

Where they go: ``--report DIR`` puts ``DIR/report.json`` and ``DIR/report.html``;
otherwise they sit next to the output, as ``OUT.report.json`` / ``OUT.report.html``
for a file (like ``OUT.quarantine.jsonl``) and ``OUT/report.json`` /
``OUT/report.html`` for a directory. ``--no-report`` writes neither.

A report holds counts, labels, field paths, operator names, the key's
fingerprint (never the key) and snippets that were masked in the workers; the
canary section shows planted values masked too.
"""

from __future__ import annotations

import dataclasses
import json
import platform
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import html as H

__all__ = [
    "policy_summary",
    "render_run_html",
    "report_paths",
    "versions",
    "write_report",
    "write_run_report",
]


def versions() -> dict[str, str]:
    from .. import __version__

    out = {"veil": __version__, "python": platform.python_version(), "platform": sys.platform}
    for mod in ("spacy", "gliner", "transformers", "sklearn"):
        m = sys.modules.get(mod)  # only what this run loaded: importing here would be slow
        if m is not None and hasattr(m, "__version__"):
            out[mod] = str(m.__version__)
    return out


def _params(op: Any) -> dict[str, Any]:
    if not dataclasses.is_dataclass(op):
        return {}
    out = {}
    for f in dataclasses.fields(op):
        v = getattr(op, f.name)
        if isinstance(v, str | int | float | bool) or v is None:
            out[f.name] = v
    return out


def policy_summary(policy: Any) -> dict[str, Any]:
    """The policy, without values: operators and their parameters, thresholds,
    labels, how many allow/deny entries (never the entries)."""
    deny = getattr(policy, "deny", {}) or {}
    allow = getattr(policy, "allow", None)
    return {
        "source": policy.source,
        "default": policy.default.name,
        "operators": {
            k: {"operator": v.name, **_params(v)} for k, v in sorted(policy.operators.items())
        },
        "threshold": policy.threshold,
        "thresholds": dict(sorted(policy.thresholds.items())),
        "labels": sorted(policy.labels) if policy.labels is not None else "all",
        "rules_only": policy.rules_only,
        "region": policy.region,
        "disabled_recognizers": sorted(policy.disabled_recognizers),
        "deny_terms": sum(len(v) for v in deny.values()),
        "allow_values": len(getattr(allow, "values", ()) or ()),
        "key_source": {"env": policy.key.env, "file": bool(policy.key.file)},
    }


def report_paths(output: str | Path, report_dir: str | Path | None) -> tuple[Path, Path]:
    """(report.json, report.html) for a run writing ``output``."""
    if report_dir is not None:
        d = Path(report_dir)
        return d / "report.json", d / "report.html"
    out = Path(output)
    if out.is_dir():
        return out / "report.json", out / "report.html"
    return out.with_name(out.name + ".report.json"), out.with_name(out.name + ".report.html")


def write_report(data: Mapping[str, Any], html_text: str, json_path: Path, html_path: Path) -> None:
    """Both files, each atomically."""
    from ..io.open import AtomicOutput

    for path, payload in (
        (json_path, json.dumps(data, indent=2, default=str) + "\n"),
        (html_path, html_text),
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        with AtomicOutput(path) as out:
            out.stream.write(payload.encode("utf-8"))


# -- the anonymize run -----------------------------------------------------------------
def write_run_report(
    args: Any, anon: Any, stats: Any, summary: dict[str, Any], pairs: Sequence[tuple[Any, Any]]
) -> dict[str, Any]:
    """Run the canaries (``--canaries N``) and write the run report (unless
    ``--no-report``). Returns what to add to the printed summary."""
    if summary.get("command") != "anonymize":
        return {}
    added: dict[str, Any] = {}
    canaries = None
    n = int(getattr(args, "canaries", 0) or 0)
    if n > 0:
        from ..io.formats import detect_format
        from .canaries import run_canaries

        sources = [(Path(src), detect_format(src, args.format)) for src, _ in pairs]
        fields = None
        if getattr(args, "fields", None):
            from ..io.fields import parse_fields

            fields = parse_fields(args.fields)
        canaries = run_canaries(anon, sources, n, fields=fields)
        added["canaries"] = {
            "planted": canaries["planted"],
            "survived": canaries["survived"],
            "survival_rate": canaries["survival_rate"],
            "core_survived": canaries["core_survived"],
            "labels_with_survivors": {
                k: v["survived"] for k, v in canaries["per_label"].items() if v["survived"]
            },
        }
    if getattr(args, "no_report", False):
        return added
    json_path, html_path = report_paths(args.output, getattr(args, "report", None))
    data = {
        "kind": "anonymize",
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "versions": versions(),
        "run": {
            "input": summary.get("input"),
            "output": summary.get("output"),
            "jobs": summary.get("jobs"),
            "key_fingerprint": anon.key_fingerprint,
            "demo_key": summary.get("demo_key"),
            "recognizers": [
                getattr(r, "name", type(r).__name__) for r in anon.analyzer.recognizers
            ],
            "policy": policy_summary(anon.policy),
        },
        "summary": {k: v for k, v in summary.items() if k not in ("canaries", "report")},
        "score_histogram": stats.score_histogram(),
        "samples": list(stats.samples),
        "canaries": canaries,
    }
    write_report(data, render_run_html(data), json_path, html_path)
    added["report"] = {"json": str(json_path), "html": str(html_path)}
    return added


def _score_bins(hist: Mapping[str, Sequence[int]]) -> list[tuple[str, int]]:
    n = max((len(v) for v in hist.values()), default=0)
    total = [sum(v[i] for v in hist.values()) for i in range(n)]
    return [(f"{i / n:.2f}", c) for i, c in enumerate(total)]


def _score_rows(hist: Mapping[str, Sequence[int]]) -> list[list[Any]]:
    rows = []
    for label, bins in sorted(hist.items(), key=lambda kv: -sum(kv[1])):
        n = sum(bins)
        width = 1 / len(bins)
        mean = sum((i + 0.5) * width * c for i, c in enumerate(bins)) / n if n else 0.0
        low = next((i * width for i, c in enumerate(bins) if c), 0.0)
        rows.append([label, n, round(mean, 2), round(low, 2)])
    return rows


def run_sections(data: Mapping[str, Any]) -> list[str]:
    """The sections shared by the anonymize report (and reused by others)."""
    s = data["summary"]
    rec = s.get("records", {})
    thr = s.get("throughput", {})
    byt = s.get("bytes", {})
    out: list[str] = []
    cards = [
        ("records in", rec.get("in", 0), ""),
        ("records out", rec.get("out", 0), ""),
        ("quarantined", rec.get("quarantined", 0), "bad" if rec.get("quarantined") else "good"),
        ("identifiers replaced", s.get("spans", 0), ""),
        ("values changed", s.get("values", {}).get("changed", 0), ""),
        ("MB in", round(byt.get("in", 0) / 1e6, 3), ""),
        ("MB out", round(byt.get("out", 0) / 1e6, 3), ""),
        ("records / s", thr.get("records_per_s", 0.0), ""),
        ("MB / s", thr.get("mb_per_s", 0.0), ""),
        ("seconds", s.get("elapsed_s", 0.0), ""),
    ]
    can = data.get("canaries")
    if can:
        cards.append(
            (
                "canaries survived",
                f"{can['survived']} / {can['planted']}",
                "bad" if can["core_survived"] else "good",
            )
        )
    out.append(H.section("At a glance", H.stat_cards(cards), id="glance"))
    run = data["run"]
    pol = run["policy"]
    ops = ", ".join(f"{k}: {v['operator']}" for k, v in pol["operators"].items()) or "-"
    out.append(
        H.section(
            "The run",
            H.kv_table(
                {
                    "input": run.get("input"),
                    "output": run.get("output"),
                    "policy": pol["source"],
                    "default operator": pol["default"],
                    "operators": ops,
                    "threshold": pol["threshold"],
                    "per-label thresholds": ", ".join(
                        f"{k}: {v}" for k, v in pol["thresholds"].items()
                    )
                    or "-",
                    "labels": pol["labels"]
                    if isinstance(pol["labels"], str)
                    else ", ".join(pol["labels"]),
                    "rules only": pol["rules_only"],
                    "key fingerprint": run.get("key_fingerprint") or "no key",
                    "demo key": run.get("demo_key"),
                    "recognizers": len(run.get("recognizers", [])),
                    "worker processes": run.get("jobs"),
                    "versions": ", ".join(f"{k} {v}" for k, v in data["versions"].items()),
                    "created": data.get("created"),
                }
            ),
            H.note("The key itself is never written: only its fingerprint."),
            id="run",
        )
    )
    flow = [
        ("in", rec.get("in", 0)),
        ("out", rec.get("out", 0)),
        ("quarantined", rec.get("quarantined", 0)),
    ]
    reasons = s.get("quarantine_reasons", {})
    skipped = s.get("values", {}).get("skipped", {})
    out.append(
        H.section(
            "Records and bytes",
            H.charts(
                H.bar_chart("records", flow),
                H.bar_chart("quarantined, by reason", list(reasons.items()), color=H.PALETTE[4]),
                H.bar_chart(
                    "values passed through, by reason", list(skipped.items()), color="#7f8c8d"
                ),
            ),
            H.note(
                "Every record read is written or quarantined (records in = out + quarantined); "
                "the quarantine file lists locations and reasons, never content."
            ),
            id="records",
        )
    )
    labels = s.get("labels", {})
    if labels or s.get("fields"):
        out.append(
            H.section(
                "What was found",
                H.charts(
                    H.bar_chart("identifiers per label", list(labels.items())),
                    H.bar_chart(
                        "records holding the label",
                        list(s.get("records_with_label", {}).items()),
                        color=H.PALETTE[1],
                    ),
                    H.bar_chart(
                        "identifiers per field",
                        list(s.get("fields", {}).items()),
                        color=H.PALETTE[2],
                    ),
                    H.bar_chart(
                        "replacements per operator",
                        list(s.get("operators", {}).items()),
                        color=H.PALETTE[3],
                    ),
                ),
                id="labels",
            )
        )
    hist = data.get("score_histogram") or {}
    if hist:
        out.append(
            H.section(
                "Detection scores",
                H.charts(
                    H.histogram(
                        "spans per detection score (all labels)",
                        _score_bins(hist),
                        x_label="score",
                    ),
                    H.table(["label", "spans", "mean score", "lowest bin"], _score_rows(hist)),
                ),
                H.note(
                    "Scores combine pattern strength, checksums and context; spans below the "
                    "policy threshold were not replaced and are not counted here."
                ),
                id="scores",
            )
        )
    if can:
        out.append(canary_section(can))
    samples = data.get("samples") or []
    if samples:
        rows = [
            [
                x["label"],
                x.get("field", ""),
                x["operator"],
                H.snippet(x["before"]),
                H.snippet(x["after"], "after"),
            ]
            for x in sorted(samples, key=lambda x: x["label"])
        ]
        out.append(
            H.section(
                "Before and after (masked)",
                H.note(
                    "The first replacements seen per label. Original values appear masked "
                    "(j***@g***.com); digits in the surrounding text appear as #."
                ),
                H.table(["label", "field", "operator", "before", "after"], rows),
                id="samples",
            )
        )
    return out


def canary_section(can: Mapping[str, Any]) -> str:
    per = can["per_label"]
    bars = [(k, (v["survival_rate"] or 0.0) * 100) for k, v in per.items()]
    rows = []
    for k, v in per.items():
        ex = "; ".join(f"{e['value']} in “{e['template']}” ({e['reason']})" for e in v["examples"])
        rows.append(
            [
                k,
                "core" if v["core"] else "NER",
                v["planted"],
                v["survived"],
                H.status(v["survived"] == 0, f"{(v['survival_rate'] or 0):.1%}"),
                ", ".join(f"{a}: {b}" for a, b in v["detected_as"].items()) or "-",
                ", ".join(f"{a}: {b}" for a, b in v["reasons"].items()) or "-",
                ex or "-",
            ]
        )
    verdict = (
        f"{can['core_survived']} canaries of core labels survived"
        + (f" ({', '.join(can['core_labels_with_survivors'])})" if can["core_survived"] else "")
        + f"; {can['survived']} of {can['planted']} in all."
    )
    return H.section(
        "Canaries",
        H.stat_cards(
            [
                ("planted", can["planted"], ""),
                ("survived", can["survived"], "bad" if can["survived"] else "good"),
                (
                    "core labels: survived",
                    can["core_survived"],
                    "bad" if can["core_survived"] else "good",
                ),
                ("records drawn from", can["records_in_pool"], ""),
            ]
        ),
        H.note(
            f"{can['per_label_n']} synthetic identifiers per label were planted in copies of "
            "random input records, anonymized with the same policy, and dropped (they never "
            "reach the output). A canary survives when its value, or its digits, are still in "
            "the output. " + verdict
        ),
        H.charts(
            H.bar_chart(
                "survival rate per label (%)",
                bars,
                color=H.PALETTE[4],
                max_value=100,
                fmt="{:.0f}%",
            )
        ),
        H.table(
            [
                "label",
                "kind",
                "planted",
                "survived",
                "rate",
                "detected as",
                "why it survived",
                "examples (masked)",
            ],
            rows,
        ),
        id="canaries",
    )


def render_run_html(data: Mapping[str, Any]) -> str:
    run = data["run"]
    return H.page(
        "Veil run report",
        f"{run.get('input')} → {run.get('output')} · {data.get('created', '')}",
        run_sections(data),
    )
