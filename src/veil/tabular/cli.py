"""``veil tabular``: read a CSV/Parquet table, anonymize it, write the same format.

Reads CSV (separator from ``config["separator"]`` or sniffed: ``;``, ``,``, tab) or
Parquet, runs :func:`veil.tabular.pipeline.anonymize_table` (profile, direct
identifiers, free text, generalization, reports) and writes the output's format (by
its extension). CSV cells are read as text, so codes such as ``01234`` keep their
zeros. pandas is not needed. ``run_tabular(in, out, config)`` is the function
behind the command; ``load_tabular_policy(path)`` reads the policy file.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

from veil.tabular.errors import TabularConfigError, TabularInputError

__all__ = ["read_table", "run_tabular", "write_table"]


def _sniff(first_line: str) -> str:
    return max((";", ",", "\t"), key=first_line.count)


def read_table(path: str | Path, separator: str | None = None) -> dict[str, list]:
    """A table as {column: values}: CSV cells as text, Parquet through pyarrow."""
    path = Path(path)
    if path.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        try:
            return pq.read_table(path).to_pydict()
        except Exception as e:
            raise TabularInputError(f"{path}: unreadable Parquet file") from e
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            text = f.read()
    except OSError as e:
        raise TabularInputError(f"{path}: cannot be read") from e
    if '"' not in text:  # no quoting: split directly (much faster than csv)
        body = text.replace("\r\n", "\n").rstrip("\n")
        head, _, rest = body.partition("\n")
        sep = separator or _sniff(head)
        header = head.split(sep)
        if rest and "\n\n" not in rest:
            cells = rest.replace("\n", sep).split(sep)
            n_rows = rest.count("\n") + 1
            if len(cells) == n_rows * len(header):
                return {h: cells[i :: len(header)] for i, h in enumerate(header)}
        lines = text.splitlines()
        sep = separator or _sniff(lines[0] if lines else "")
        header = lines[0].split(sep) if lines else []
        rows = []
        for line_no, line in enumerate(lines[1:], 2):
            if not line:
                continue
            row = line.split(sep)
            if len(row) != len(header):
                raise TabularInputError(
                    f"{path} line {line_no}: {len(row)} fields, expected {len(header)}"
                )
            rows.append(row)
        cols = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in header]
        return dict(zip(header, cols, strict=True))
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            first = f.readline()
            sep = separator or _sniff(first)
            header = next(csv.reader([first], delimiter=sep))
            cols: list[list[str]] = [[] for _ in header]
            for line_no, row in enumerate(csv.reader(f, delimiter=sep), 2):
                if not row:
                    continue
                if len(row) != len(header):
                    raise TabularInputError(
                        f"{path} line {line_no}: {len(row)} fields, expected {len(header)}"
                    )
                for c, v in zip(cols, row, strict=True):
                    c.append(v)
    except OSError as e:
        raise TabularInputError(f"{path}: cannot be read") from e
    return dict(zip(header, cols, strict=True))


def write_table(table: dict[str, list], path: str | Path, separator: str = ",") -> None:
    """Write {column: values} as CSV or Parquet (by extension)."""
    from veil.errors import OutputError

    path = Path(path)
    try:
        if path.suffix.lower() in (".parquet", ".pq"):
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.table(table), path)
            return
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, delimiter=separator)
            w.writerow(list(table))
            w.writerows(zip(*table.values(), strict=True))
    except OSError as e:
        raise OutputError(f"{path}: cannot be written") from e


def run_tabular(
    input_path: str | Path,
    output_path: str | Path | None,
    config: dict,
    *,
    anonymizer: Any = None,
    demo_key: bool = False,
    rules_only: bool | None = None,
) -> dict:
    """Anonymize a CSV/Parquet file; returns the summary (no values).

    ``config``: the tabular options (see :func:`veil.tabular.pipeline.anonymize_table`)
    plus ``separator``, ``base_dir`` (hierarchy and text-policy paths are relative to
    it) and ``text_policy`` (a text policy: path or mapping; default: the default
    policy). ``output_path`` None: profile and report only, write nothing.
    """
    from veil.tabular.generalizer import _BUILDERS
    from veil.tabular.pipeline import GENERALIZER_OPTIONS, TABLE_OPTIONS, anonymize_table

    t0 = time.perf_counter()
    unknown = set(config) - GENERALIZER_OPTIONS - TABLE_OPTIONS - _FILE_OPTIONS
    if unknown:
        raise TabularConfigError(f"unknown tabular option(s): {', '.join(sorted(unknown))}")
    params: dict[str, Any] = {k: v for k, v in config.items() if k not in _FILE_OPTIONS}
    base = Path(config.get("base_dir", "."))
    hier = {}
    for col, src in (params.get("hierarchies") or {}).items():
        is_path = isinstance(src, str) and src not in _BUILDERS and not Path(src).is_absolute()
        hier[col] = base / src if is_path else src
    if hier:
        params["hierarchies"] = hier
    if anonymizer is None:

        def anonymizer() -> Any:  # made only when a column needs the text side
            return text_anonymizer(config.get("text_policy"), base, demo_key, rules_only)

    sep = config.get("separator")
    table = read_table(input_path, sep)
    out, summary = anonymize_table(table, params, anonymizer=anonymizer)
    if output_path is not None:
        out_sep = sep or (
            _sniff(Path(input_path).open(encoding="utf-8-sig").readline())
            if Path(input_path).suffix.lower() not in (".parquet", ".pq")
            else ","
        )
        write_table(out, output_path, out_sep)
    summary["seconds"] = round(time.perf_counter() - t0, 4)
    return summary


_FILE_OPTIONS = frozenset({"separator", "base_dir", "text_policy"})


def text_anonymizer(
    spec: Any, base: Path = Path("."), demo_key: bool = False, rules_only: bool | None = None
) -> Any:
    """The :class:`veil.Anonymizer` of the text side: ``spec`` is a policy path
    (relative to ``base``), a mapping, or None (the default policy)."""
    from veil.anonymizer import Anonymizer
    from veil.policy import Policy

    if isinstance(spec, str):
        p = Path(spec)
        spec = Policy.load(p if p.is_absolute() else base / p)
    elif isinstance(spec, dict):
        source = str(spec.get("__source__", "<tabular policy>"))
        spec = Policy.from_dict({k: v for k, v in spec.items() if k != "__source__"}, source)
    return Anonymizer(spec, demo_key=demo_key, rules_only=rules_only)


_EPILOG = """examples:
  veil tabular adult.csv --profile                          what each column is (no output)
  veil tabular adult.csv -o adult.anon.csv --policy tabular.yaml
  veil tabular users.parquet -o users.anon.parquet --policy p.yaml --summary run.json

The policy file holds a `tabular:` section (or only tabular options at its top
level); its other fields are the text policy (operators, key...) used for direct
identifiers and free-text cells, so tables and chat logs get the same surrogates:
  operators: {EMAIL: pseudonymize, USERNAME: pseudonymize}
  key: {env: VEIL_KEY}
  tabular:
    quasi_identifiers: [age, sex, zip]      # default: what profiling finds
    hierarchies: {zip: zip_hierarchy.csv}   # ARX CSV, relative to the policy file
    k: 5
    suppression: 0.02
    columns: {user_id: {role: direct, action: pseudonymize}, notes: text}
    direct_action: policy                   # or drop, hash, pseudonymize, ...
    target: churned                         # ML-utility report
See docs/tabular.md.
"""


def load_tabular_policy(path: str | Path) -> dict:
    """The tabular options of a YAML/TOML policy file, paths relative to it.

    With a ``tabular:`` section, the file's other fields are the text policy
    (``config["text_policy"]``, a mapping) unless the section names one.
    """
    import tomllib

    import yaml

    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise TabularConfigError(f"{path}: cannot be read") from e
    try:
        if path.suffix.lower() == ".toml":
            data = tomllib.loads(raw.decode("utf-8"))
        else:
            data = yaml.safe_load(raw) or {}
    except (ValueError, yaml.YAMLError) as e:
        raise TabularConfigError(f"{path}: not valid YAML/TOML ({type(e).__name__})") from e
    if not isinstance(data, dict):
        raise TabularConfigError(f"{path}: expected a mapping at the top level")
    from veil.policy import TEXT_POLICY_KEYS  # lazily: the text side is not needed here

    text_keys = sorted(set(data) & TEXT_POLICY_KEYS)
    if "tabular" not in data and text_keys:
        # a text policy only (no tabular section): it serves identifiers and free
        # text; everything else about the table comes from profiling and defaults
        others = sorted(set(data) - TEXT_POLICY_KEYS)
        if others:
            raise TabularConfigError(
                f"{path}: field {others[0]!r} is not a text-policy field; put the table "
                "options under a 'tabular:' section"
            )
        data = {**data, "tabular": {}}
    config = data.get("tabular", data)
    if not isinstance(config, dict):
        raise TabularConfigError(f"{path}: field 'tabular' must be a mapping")
    config = dict(config)
    config.setdefault("base_dir", str(path.parent))
    if "tabular" in data and "text_policy" not in config:
        rest = {k: v for k, v in data.items() if k != "tabular"}
        if rest:
            config["text_policy"] = {**rest, "__source__": str(path)}
    return config


def register(add: Any, parents: dict) -> dict:
    """Adds ``veil tabular`` to the CLI (see :mod:`veil.cli`)."""
    p = add("tabular", "k-anonymize a table (CSV or Parquet)", [], _EPILOG)
    p.add_argument("input", metavar="IN", help="input table (.csv or .parquet)")
    p.add_argument("-o", "--output", metavar="OUT", help="output table (needed unless --profile)")
    p.add_argument("--policy", metavar="FILE", help="tabular policy (YAML/TOML)")
    p.add_argument("--summary", metavar="FILE.json", help="also write the JSON summary here")
    p.add_argument(
        "--profile",
        action="store_true",
        help="print each column's role (direct, quasi, sensitive, text, other) and exit",
    )
    p.add_argument(
        "--demo-key",
        action="store_true",
        help="allow a public throwaway key when none is set (demos only: NOT protection)",
    )
    from veil.report.cli import add_table_report_options  # veil.report (issue 6)

    add_table_report_options(p)
    return {"tabular": _cmd_tabular}


def _cmd_tabular(args: Any) -> int:
    import json

    config = load_tabular_policy(args.policy) if args.policy else {}
    if args.profile:
        from veil.tabular.pipeline import GENERALIZER_OPTIONS, TABLE_OPTIONS, role_overrides
        from veil.tabular.profile import profile

        unknown = set(config) - GENERALIZER_OPTIONS - TABLE_OPTIONS - _FILE_OPTIONS
        if unknown:
            raise TabularConfigError(f"unknown tabular option(s): {', '.join(sorted(unknown))}")
        anon = text_anonymizer(
            config.get("text_policy"), Path(config.get("base_dir", ".")), True, True
        )
        table = read_table(args.input, config.get("separator"))
        prof = profile(
            table,
            role_overrides(config),
            quasi_identifiers=config.get("quasi_identifiers"),
            sensitive=config.get("sensitive"),
            anonymizer=anon,
        )
        print(prof.table())
        if args.summary:
            text = json.dumps({"profile": prof.to_dict()}, indent=2)
            Path(args.summary).write_text(text + "\n", encoding="utf-8")
        return 0
    if not args.output:
        raise TabularConfigError("veil tabular: -o OUT is needed (or --profile)")
    summary = run_tabular(args.input, args.output, config, demo_key=args.demo_key)
    from veil.report.cli import tabular_report  # veil.report (issue 6): report.json/.html

    tabular_report(args, config, summary)
    text = json.dumps(summary, indent=2, default=str)
    print(text)
    if args.summary:
        Path(args.summary).write_text(text + "\n", encoding="utf-8")
    return 0
