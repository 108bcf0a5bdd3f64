"""The ``veil`` command: arguments -> policy -> Anonymizer -> runner -> summary.

Exit codes: 0 success (even when some records were quarantined: the summary
says how many and why), 1 data errors (unreadable or truncated input, an
output that cannot be written), 2 usage and configuration errors (bad option,
invalid policy, missing key). Errors print ``veil: error: <message>`` without a
traceback (``-v`` adds one). Nothing printed or logged contains raw values from
the data: labels, counts, files, lines and fields only.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import ConfigError, InputError, OutputError, VeilError

__all__ = ["build_parser", "main"]

log = logging.getLogger("veil")

_EPILOGS = {
    "scan": """examples:
  veil scan examples/notes.txt                     counts per label
  veil scan examples/chats.jsonl --show            masked context of each hit
  veil scan data.csv --fields bio,notes --json     machine-readable counts
""",
    "anonymize": """examples:
  veil anonymize examples/chats.jsonl -o out/chats.jsonl
  veil anonymize examples/chats.jsonl -o out/chats.jsonl.zst --policy examples/policy.yaml --demo-key
  veil anonymize data.jsonl.gz -o out.jsonl.gz --fields text,meta.bio -j 4 --summary run.json
  veil anonymize tickets.csv -o tickets.anon.csv --fields subject,body
  veil anonymize data/ -o out/ -j 2                every known file under data/, mirrored

JSONL fields: a record with a "messages" list (chat format) has each message's
content anonymized; otherwise the "text" field, unless --fields names dotted paths
(meta.bio, messages.*.content). Records lacking a chosen field are quarantined
(reason missing_field; --on-missing pass keeps them). CSV and Parquet: --fields
names columns (default: every string column). Other fields pass through unchanged
and record order is kept. Quarantined records are listed (location and reason, never
content) in OUT.quarantine.jsonl.
""",
    "deanonymize": """examples:
  VEIL_KEY=... veil deanonymize out/chats.jsonl -o restored.jsonl
  veil deanonymize out.jsonl -o restored.jsonl --policy examples/policy.yaml --demo-key
""",
    "eval": """examples:
  veil eval ../shared/data/presidio-synth/synth_dataset_v2.json -o eval.json
  veil eval gold.jsonl -o eval.json --format jsonl --rules-only
""",
    "keygen": """examples:
  veil keygen > veil.key && chmod 600 veil.key     then key: {file: veil.key} in the policy
  export VEIL_KEY=$(veil keygen)
""",
    "labels": """examples:
  veil labels
  veil labels --json
""",
}


# -- parser ------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    common = argparse.ArgumentParser(add_help=False)  # SUPPRESS: `veil -v scan` keeps -v
    common.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="debug logging"
    )

    detect = argparse.ArgumentParser(add_help=False)
    detect.add_argument("--policy", metavar="FILE", help="policy file (YAML or TOML)")
    detect.add_argument(
        "--rules-only", action="store_true", help="rule recognizers only (no NER model)"
    )
    detect.add_argument(
        "--demo-key",
        action="store_true",
        help="allow a public throwaway key when none is set (demos only: NOT protection)",
    )

    data = argparse.ArgumentParser(add_help=False)
    data.add_argument("input", metavar="IN", help="input file or directory")
    data.add_argument(
        "--fields", metavar="LIST", help="comma-separated dotted paths (JSONL) or columns"
    )
    data.add_argument(
        "--format",
        choices=["auto", "jsonl", "csv", "parquet", "txt"],
        default="auto",
        help="input (and output) format; default: from the extension",
    )
    data.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes")

    parser = argparse.ArgumentParser(
        prog="veil",
        description="Anonymize training data: find personal identifiers and replace them by policy.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    parser.add_argument("--version", action="version", version=f"veil {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    def add(
        name: str,
        help_: str,
        parents: list[argparse.ArgumentParser],
        epilog: str | None = None,
    ) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help_,
            description=help_,
            parents=[common, *parents],
            epilog=epilog if epilog is not None else _EPILOGS[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    p = add("scan", "detect identifiers and count them (changes nothing)", [detect, data])
    p.add_argument(
        "--show", action="store_true", help="print each hit, masked, with masked context"
    )
    p.add_argument("--json", action="store_true", help="print the counts as JSON")

    p = add("anonymize", "anonymize a file (or a directory of files)", [detect, data])
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output file or directory")
    p.add_argument("--summary", metavar="FILE.json", help="also write the JSON summary here")
    p.add_argument(
        "--quarantine", metavar="FILE.jsonl", help="quarantine list (default: OUT.quarantine.jsonl)"
    )
    p.add_argument(
        "--on-missing",
        choices=["quarantine", "pass"],
        default="quarantine",
        help="JSONL records lacking a --fields path: quarantine them (default) or pass them",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_run_options(p)
    from .report.cli import add_report_options  # veil.report (issue 6): proof options

    add_report_options(p)

    p = add("deanonymize", "decrypt the tokens written by the encrypt operator", [detect, data])
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output file or directory")
    p.add_argument("--summary", metavar="FILE.json", help="also write the JSON summary here")
    p.add_argument("--quarantine", metavar="FILE.jsonl", help="quarantine list")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_run_options(p)

    p = add("eval", "score detection against a gold file", [detect])
    p.add_argument("gold", metavar="GOLD", help="gold file (TAB, Presidio synthetic, or JSONL)")
    p.add_argument("-o", "--output", required=True, metavar="RESULT.json", help="result JSON")
    p.add_argument(
        "--format",
        choices=["auto", "tab", "presidio", "jsonl"],
        default="auto",
        help="gold format (default: detected)",
    )

    add("keygen", "print a new random key", [])
    p = add("labels", "list the labels Veil detects", [])
    p.add_argument("--json", action="store_true", help="as JSON")

    shared = {"detect": detect, "data": data}
    for module in _PLUGINS:
        _COMMANDS.update(importlib.import_module(module).register(add, shared))
    return parser


def _add_run_options(p: argparse.ArgumentParser) -> None:
    """Sharding, resuming and the runner (anonymize and deanonymize)."""
    p.add_argument(
        "--resume",
        action="store_true",
        help="finish an interrupted run (kept in OUT.veil-run/ or OUT/.veil-run/)",
    )
    p.add_argument(
        "--shard-size",
        metavar="SIZE",
        type=_size,
        help="split large files into shards of SIZE (e.g. 64M; default: 1/16 of the "
        "file, 1M to 64M); the output never depends on -j",
    )
    p.add_argument(
        "--engine",
        choices=["local", "ray"],
        default="local",
        help="local process pool (default) or Ray (pip install veil[ray])",
    )
    p.add_argument(
        "--ray-address", metavar="ADDR", help="Ray cluster to join (default: a local Ray)"
    )


def _size(text: str) -> int:
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    t = text.strip().upper().removesuffix("B").removesuffix("I")
    num, unit = (t[:-1], t[-1]) if t and t[-1] in units else (t, "")
    try:
        n = int(float(num) * units[unit])
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 64M)") from None
    if n < 1:
        raise argparse.ArgumentTypeError("the shard size must be positive")
    return n


# -- helpers -----------------------------------------------------------------------
def _setup_logging(verbose: bool) -> None:
    logger = logging.getLogger("veil")
    for h in list(logger.handlers):
        if getattr(h, "_veil_cli", False):
            logger.removeHandler(h)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("veil: %(levelname)s: %(message)s"))
    handler._veil_cli = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


def _console(file: Any = None) -> Any:
    from rich.console import Console

    f = file if file is not None else sys.stdout
    tty = hasattr(f, "isatty") and f.isatty()
    return Console(file=f, width=None if tty else 120, highlight=False, soft_wrap=False)


def _spec(
    args: argparse.Namespace, *, demo_key: bool | None = None, recognizers: Any = None
) -> Any:
    from .engine.local import AnonymizerSpec
    from .policy import Policy

    policy = Policy.load(args.policy) if getattr(args, "policy", None) else Policy.default_policy()
    return AnonymizerSpec(
        policy=policy,
        demo_key=args.demo_key if demo_key is None else demo_key,
        rules_only=True if getattr(args, "rules_only", False) else None,
        recognizers=recognizers,
    )


def _warn_demo(anon: Any) -> None:
    if anon.key is not None and anon.key.is_demo:
        log.warning(
            "using the public demo key: keyed output (hash, pseudonym, encrypt) is NOT protected"
        )


def _fields(args: argparse.Namespace) -> list[str] | None:
    from .io.fields import parse_fields

    return parse_fields(getattr(args, "fields", None))


def _check_jobs(args: argparse.Namespace) -> None:
    if getattr(args, "jobs", 1) < 1:
        raise ConfigError("-j/--jobs must be at least 1")


def _pairs(args: argparse.Namespace) -> list[tuple[Path, Path | None]]:
    from .engine.pipeline import expand_inputs

    src = Path(args.input)
    out = getattr(args, "output", None)
    if not src.exists() and _glob_magic(args.input):
        return _glob_pairs(args.input, out)
    if not src.exists():
        raise InputError(f"{src}: no such file or directory")
    if src.is_dir():
        if out is not None and Path(out).exists() and not Path(out).is_dir():
            raise ConfigError(f"{out}: the input is a directory, so the output must be one too")
        if getattr(args, "quarantine", None):
            raise ConfigError(
                "--quarantine takes a file: with a directory input each output gets its own"
            )
    pairs = list(expand_inputs(src, out))
    for i, o in pairs:
        if o is not None and o.resolve() == i.resolve():
            raise ConfigError(f"{o}: the output would overwrite the input")
    return pairs


def _glob_magic(pattern: str) -> bool:
    import glob

    return glob.has_magic(pattern)


def _glob_pairs(pattern: str, out: str | None) -> list[tuple[Path, Path | None]]:
    """A glob (``data/*.jsonl.gz``, ``data/**/*.parquet``): outputs mirror the
    matches under ``out`` (a directory), relative to the pattern's fixed prefix."""
    import glob
    import itertools

    from .engine.pipeline import expand_inputs

    parts = Path(pattern).parts
    fixed = list(itertools.takewhile(lambda x: not glob.has_magic(x), parts))
    base = Path(*fixed) if fixed else Path(".")
    files = sorted(Path(m) for m in glob.glob(pattern, recursive=True) if Path(m).is_file())
    if not files:
        raise InputError(f"{pattern}: no file matches")
    if out is not None and Path(out).exists() and not Path(out).is_dir():
        raise ConfigError(f"{out}: the input is a glob, so the output must be a directory")
    pairs: list[tuple[Path, Path | None]] = []
    for f in files:
        pairs.extend(
            (i, (Path(out) / f.relative_to(base)) if out is not None else None)
            for i, _ in expand_inputs(f, None)
        )
    for i, o in pairs:
        if o is not None and o.resolve() == i.resolve():
            raise ConfigError(f"{o}: the output would overwrite the input")
    return pairs


class _Progress:
    """A live rich bar on stderr over bytes (with ETA when the total is known),
    plus records, records/s and MB/s; a no-op when off."""

    def __init__(self, enabled: bool, total_bytes: int | None) -> None:
        self._p: Any = None
        if not enabled:
            return
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._p = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TextColumn("{task.fields[records]:>11,} records"),
            TextColumn("{task.fields[rps]:>8,.0f} rec/s"),
            TextColumn("{task.fields[mbps]:>6.2f} MB/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=_console(sys.stderr),
            transient=False,
        )
        self._task = self._p.add_task("veil", total=total_bytes, records=0, rps=0.0, mbps=0.0)
        self._records = 0
        self._bytes = 0
        self._t0 = time.perf_counter()
        self._p.start()

    def update(self, records: int, nbytes: int) -> None:
        if self._p is None:
            return
        self._records += records
        self._bytes += nbytes
        dt = max(time.perf_counter() - self._t0, 1e-9)
        self._p.update(
            self._task,
            advance=nbytes,
            records=self._records,
            rps=self._records / dt,
            mbps=self._bytes / 1e6 / dt,
        )

    def close(self) -> None:
        if self._p is not None:
            self._p.stop()


def _write_summary(path: str, summary: dict[str, Any]) -> None:
    from .io.open import AtomicOutput

    with AtomicOutput(path) as out:
        out.stream.write((json.dumps(summary, indent=2) + "\n").encode("utf-8"))


def _run_files(args: argparse.Namespace, mode: str, anon: Any, spec: Any) -> int:
    from .engine.sharded import RunDir, ShardedRun
    from .io.open import compression_of

    pairs = _pairs(args)
    sizes = [p.stat().st_size for p, _ in pairs]
    compressed = any(compression_of(p) for p, _ in pairs)
    enabled = not args.no_progress and sys.stderr.isatty()
    out_is_dir = Path(args.input).is_dir() or not Path(args.input).exists()  # dir or glob
    run = ShardedRun(
        [(a, b) for a, b in pairs if b is not None],
        RunDir.for_output(args.output, out_is_dir),
        fmt=args.format,
        fields=_fields(args),
        mode=mode,
        on_missing=getattr(args, "on_missing", "quarantine"),
        quarantine=args.quarantine,
        shard_bytes=args.shard_size,
    )
    t0 = time.perf_counter()
    bar = _Progress(enabled and args.engine == "local", None if compressed else sum(sizes))
    try:
        total = run.run(
            anon,
            spec,
            jobs=args.jobs,
            resume=args.resume,
            engine=args.engine,
            progress=bar.update,
            ray_address=args.ray_address,
        )
    finally:
        bar.close()
    quarantine_files = run.quarantine_files
    total.elapsed_s = time.perf_counter() - t0
    if not total.balanced:  # never expected: the invariant every runner keeps
        log.error(
            "record counts do not add up (in %d, out %d, quarantined %d)",
            total.records_in,
            total.records_out,
            total.records_quarantined,
        )
        return 1
    summary: dict[str, Any] = {
        "command": mode,
        "input": str(args.input),
        "output": str(args.output),
        "policy": anon.policy.source,
        "key_fingerprint": anon.key_fingerprint,
        "demo_key": bool(anon.key is not None and anon.key.is_demo),
        "rules_only": anon.policy.rules_only,
        "jobs": args.jobs,
        "engine": args.engine,
        "shards": len(run.shards),
        "quarantine_files": quarantine_files,
        **total.to_dict(),
    }
    if mode == "deanonymize":
        for k in ("labels", "records_with_label", "operators", "spans"):
            summary.pop(k, None)
    if total.records_in == 0:
        summary["note"] = "the input holds no records"
    from .report.run import write_run_report  # veil.report (issue 6): report + canaries

    summary.update(write_run_report(args, anon, total, summary, pairs))
    text = json.dumps(summary, indent=2)
    print(text)
    if args.summary:
        _write_summary(args.summary, summary)
    if total.records_quarantined:
        reasons = ", ".join(f"{k}: {v}" for k, v in total.quarantine.most_common())
        log.warning(
            "%d of %d records quarantined (%s); locations in %s",
            total.records_quarantined,
            total.records_in,
            reasons,
            ", ".join(quarantine_files),
        )
    return 0


# -- commands ----------------------------------------------------------------------
def _cmd_anonymize(args: argparse.Namespace) -> int:
    _check_jobs(args)
    spec = _spec(args)
    anon = spec.build()  # configuration errors surface here, before any data is read
    _warn_demo(anon)
    return _run_files(args, "anonymize", anon, spec)


def _cmd_deanonymize(args: argparse.Namespace) -> int:
    from .errors import KeyConfigError

    _check_jobs(args)
    spec = _spec(args, recognizers=())
    anon = spec.build()
    if anon.key is None:
        raise KeyConfigError(
            f"deanonymize needs the key that encrypted the data: set {anon.policy.key.env} "
            "or point the policy's key.file at it"
        )
    _warn_demo(anon)
    return _run_files(args, "deanonymize", anon, spec)


def _cmd_scan(args: argparse.Namespace) -> int:
    from .engine.local import LocalRunner
    from .engine.pipeline import process_file
    from .report.stats import Stats

    _check_jobs(args)
    spec = _spec(args, demo_key=True)  # scanning applies no operator: any key will do
    anon = spec.build()
    pairs = _pairs(args)
    total = Stats()
    console = _console()

    def show(outcomes: list[Any]) -> None:
        for hits in outcomes:
            if isinstance(hits, list):
                for line, field, label, context in hits:
                    print(f"{src}:{line}  {field}  {label:<14} {context}")

    t0 = time.perf_counter()
    with LocalRunner(spec, jobs=args.jobs, anonymizer=anon) as runner:
        for src, _ in pairs:
            total.merge(
                process_file(
                    runner,
                    src,
                    None,
                    fmt=args.format,
                    fields=_fields(args),
                    mode="scan",
                    show=args.show,
                    on_missing="pass",
                    on_outcomes=show if args.show else None,
                )
            )
    total.elapsed_s = time.perf_counter() - t0
    n = total.records_in
    rows = [
        (label, count, total.records_with[label], total.records_with[label] / n if n else 0.0)
        for label, count in sorted(total.labels.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    if args.json:
        d = total.to_dict()
        d["input"] = str(args.input)
        d["policy"] = anon.policy.source
        d["share_of_records"] = {label: round(share, 4) for label, _c, _r, share in rows}
        print(json.dumps(d, indent=2))
        return 0
    from rich.table import Table

    table = Table(title=f"{args.input}: {n} records, {total.records_quarantined} unreadable")
    table.add_column("label")
    table.add_column("spans", justify="right")
    table.add_column("records", justify="right")
    table.add_column("share", justify="right")
    for label, count, recs, share in rows:
        table.add_row(label, str(count), str(recs), f"{share:.1%}")
    if not rows:
        table.add_row("(none found)", "0", "0", "0.0%")
    console.print(table)
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    try:
        from .evaluate import run_eval
    except ImportError as exc:  # pragma: no cover - the module ships with veil
        raise ConfigError(f"the evaluation module is not available ({exc.name})") from None
    spec = _spec(args, demo_key=True)  # eval scores detection: any key will do
    anon = spec.build()
    result = run_eval(args.gold, args.output, anon, fmt=args.format)
    from rich.table import Table

    table = Table(title=f"{args.gold} -> {args.output}")
    cols = ("precision", "recall", "typed_recall", "exact_recall", "leak_rate")
    table.add_column("label")
    for c in (*cols, "gold", "pred"):
        table.add_column(c, justify="right")

    def cell(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:.3f}"
        return "-" if v is None else str(v)

    for label, m in sorted(result.get("labels", {}).items()):
        table.add_row(label, *(cell(m.get(c)) for c in (*cols, "gold", "pred")))
    overall = result.get("overall", {})
    if overall:
        table.add_row("OVERALL", *(cell(overall.get(c)) for c in (*cols, "gold", "pred")))
    _console().print(table)
    return 0


def _cmd_keygen(args: argparse.Namespace) -> int:
    import secrets

    print("hex:" + secrets.token_hex(32))
    print(
        "veil: store this key in VEIL_KEY or in a file named by the policy's key.file "
        "(chmod 600); anyone holding it can reverse hashes, pseudonyms and encryption.",
        file=sys.stderr,
    )
    return 0


def _cmd_labels(args: argparse.Namespace) -> int:
    from .labels import LABELS

    if args.json:
        print(json.dumps(LABELS, indent=2))
        return 0
    width = max(map(len, LABELS))
    for name, desc in LABELS.items():
        print(f"{name:<{width}}  {desc}")
    return 0


# Subcommands that live in their own modules. Each module defines
# ``register(add, parents) -> {name: handler}``: ``add(name, help, parents, epilog)``
# makes a subparser, ``parents`` holds the shared option groups ("detect", "data"),
# and each handler takes the parsed arguments and returns an exit code.
_PLUGINS: tuple[str, ...] = ("veil.tabular.cli", "veil.report.cli")

_COMMANDS = {
    "scan": _cmd_scan,
    "anonymize": _cmd_anonymize,
    "deanonymize": _cmd_deanonymize,
    "eval": _cmd_eval,
    "keygen": _cmd_keygen,
    "labels": _cmd_labels,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return int(exc.code) if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    _setup_logging(args.verbose)
    try:
        return _COMMANDS[args.command](args)
    except ConfigError as exc:
        _error(exc, args.verbose)
        return 2
    except VeilError as exc:
        _error(exc, args.verbose)
        return 1
    except KeyboardInterrupt:
        print("veil: interrupted; no output was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # disk full, read-only or vanished file: no traceback
        _error(OutputError(f"{exc.filename or 'output'}: {exc.strerror or exc}"), args.verbose)
        return 1


def _error(exc: BaseException, verbose: bool) -> None:
    if verbose:
        log.debug("traceback", exc_info=exc)
    print(f"veil: error: {exc}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
