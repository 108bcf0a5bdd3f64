"""``veil audit`` and the report options of ``veil anonymize`` (a CLI plugin, see
:mod:`veil.cli`)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = ["add_report_options", "add_table_report_options", "register", "tabular_report"]

_EPILOG = """examples:
  veil audit out/chats.anon.jsonl                 residual identifiers, per label
  veil audit out/ --report audit/ -j 2            a directory; report in audit/
  veil audit out.csv --fields body --fail-on-leak exit 3 when anything is left

Re-scans anonymized output with every recognizer (NER too when installed) at a
lower threshold (--threshold, default 0.3). Tags (<EMAIL>, <PERSON_1>), [[ENC:...]]
tokens, keyed hashes and masks are not leaks. Pseudonyms look real on purpose: on
pseudonymized output the counts are an upper bound. Writes OUT.audit.json and
OUT.audit.html (OUT/audit.json, OUT/audit.html for a directory) unless --report DIR
or --no-report; values are shown masked, never raw.
"""

LEAK_EXIT = 3


def add_report_options(p: argparse.ArgumentParser) -> None:
    """``--report DIR``, ``--no-report`` and ``--canaries N`` (veil anonymize)."""
    p.add_argument(
        "--report",
        metavar="DIR",
        help="write report.json and report.html here (default: OUT.report.json and "
        "OUT.report.html, or OUT/report.* for a directory)",
    )
    p.add_argument("--no-report", action="store_true", help="write no run report")
    p.add_argument(
        "--canaries",
        type=int,
        default=0,
        metavar="N",
        help="plant N synthetic identifiers of every label in copies of random input "
        "records and report how many survive (the copies never reach the output)",
    )


def add_table_report_options(p: argparse.ArgumentParser) -> None:
    """``--report DIR`` and ``--no-report`` (veil tabular)."""
    p.add_argument(
        "--report",
        metavar="DIR",
        help="write report.json and report.html here (default: OUT.report.json, OUT.report.html)",
    )
    p.add_argument("--no-report", action="store_true", help="write no report")


def tabular_report(
    args: argparse.Namespace, config: dict[str, Any], summary: dict[str, Any]
) -> None:
    """Write the table report of a ``veil tabular`` run (unless --no-report); its
    paths go into ``summary["report"]``."""
    if getattr(args, "no_report", False) or not getattr(args, "output", None):
        return
    from .tables import write_tabular_report

    summary["report"] = write_tabular_report(
        args.input,
        args.output,
        config,
        summary,
        policy=getattr(args, "policy", None),
        report_dir=getattr(args, "report", None),
    )


def register(add: Any, parents: dict[str, argparse.ArgumentParser]) -> dict[str, Any]:
    p = add(
        "audit",
        "re-scan anonymized output for identifiers left (a leak scan)",
        [parents["detect"], parents["data"]],
        _EPILOG,
    )
    p.add_argument(
        "--threshold",
        type=float,
        default=None,
        metavar="S",
        help="minimum score for every label (default 0.3, or the policy's if lower)",
    )
    p.add_argument("--report", metavar="DIR", help="write audit.json and audit.html here")
    p.add_argument("--no-report", action="store_true", help="write no report files")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument(
        "--fail-on-leak",
        action="store_true",
        help=f"exit {LEAK_EXIT} when any residual identifier is found",
    )
    return {"audit": _cmd_audit}


def _audit_paths(target: Path, report_dir: str | None) -> tuple[Path, Path]:
    if report_dir is not None:
        return Path(report_dir) / "audit.json", Path(report_dir) / "audit.html"
    if target.is_dir():
        return target / "audit.json", target / "audit.html"
    return (
        target.with_name(target.name + ".audit.json"),
        target.with_name(target.name + ".audit.html"),
    )


def audit_data(target: str, anon: Any, stats: Any) -> dict[str, Any]:
    from .audit import ANY
    from .run import policy_summary, versions

    n = stats.records_in
    residual = {
        label: {
            "hits": count,
            "records": stats.records_with[label],
            "share_of_records": round(stats.records_with[label] / n, 6) if n else 0.0,
        }
        for label, count in sorted(stats.labels.items(), key=lambda kv: (-kv[1], kv[0]))
    }
    any_residual = stats.records_with[ANY]
    return {
        "kind": "audit",
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "versions": versions(),
        "run": {
            "input": target,
            "policy": policy_summary(anon.policy),
            "recognizers": [
                getattr(r, "name", type(r).__name__) for r in anon.analyzer.recognizers
            ],
        },
        "summary": {
            "records": {
                "scanned": n,
                "unreadable": stats.records_quarantined,
                "with_residual": any_residual,
                "share_with_residual": round(any_residual / n, 6) if n else 0.0,
            },
            "values_scanned": stats.values_seen,
            "values_with_residual": stats.values_changed,
            "bytes": stats.bytes_in,
            "files": stats.files,
            "residual_hits": sum(stats.labels.values()),
            "elapsed_s": round(stats.elapsed_s, 3),
        },
        "residual": residual,
        "fields": dict(stats.fields.most_common()),
        "score_histogram": stats.score_histogram(),
        "hits": list(stats.samples),
    }


def _cmd_audit(args: argparse.Namespace) -> int:
    from ..cli import _check_jobs, _console, _fields, _spec
    from .audit import AUDIT_THRESHOLD, audit_policy, run_audit
    from .render import render_audit_html
    from .run import write_report

    _check_jobs(args)
    base = _spec(args, demo_key=True)
    policy = audit_policy(
        base.policy, AUDIT_THRESHOLD if args.threshold is None else args.threshold
    )
    from dataclasses import replace

    spec = replace(base, policy=policy)
    anon = spec.build()
    stats = run_audit(
        args.input, anon, spec=spec, fmt=args.format, fields=_fields(args), jobs=args.jobs
    )
    data = audit_data(str(args.input), anon, stats)
    if not args.no_report:
        jp, hp = _audit_paths(Path(args.input), args.report)
        write_report(data, render_audit_html(data), jp, hp)
        data["report"] = {"json": str(jp), "html": str(hp)}
    if args.json:
        out = {k: v for k, v in data.items() if k not in ("hits", "run")}
        print(json.dumps(out, indent=2))
    else:
        from rich.table import Table

        s = data["summary"]
        table = Table(
            title=f"{args.input}: {s['records']['scanned']} records scanned, "
            f"{s['residual_hits']} residual hits"
        )
        for c in ("label", "hits", "records", "share"):
            table.add_column(c, justify="left" if c == "label" else "right")
        for label, r in data["residual"].items():
            table.add_row(label, str(r["hits"]), str(r["records"]), f"{r['share_of_records']:.2%}")
        if not data["residual"]:
            table.add_row("(nothing found)", "0", "0", "0.00%")
        _console().print(table)
        if "report" in data:
            print(f"report: {data['report']['html']}", file=sys.stderr)
    if args.fail_on_leak and data["summary"]["residual_hits"]:
        return LEAK_EXIT
    return 0
