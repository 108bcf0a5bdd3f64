"""File-level entry point for the CLI: ``run_tabular(input_path, output_path, config)``.

Reads CSV (separator from ``config["separator"]`` or sniffed: ``;``, ``,``, tab) or
Parquet, anonymizes with :class:`~veil.tabular.generalizer.Generalizer` and writes
the same format (by the output's extension). CSV cells are read as text, so codes
such as ``01234`` keep their zeros. pandas is not needed.

``config`` keys: the Generalizer parameters (``quasi_identifiers``, ``hierarchies``
as {column: ARX CSV path, relative to ``config["base_dir"]`` when given}, ``k``,
``l``, ``t``, ``suppression``, ``sensitive``, ...) plus ``separator``.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

from veil.tabular.errors import TabularConfigError, TabularInputError

__all__ = ["read_table", "run_tabular", "write_table"]

_PARAMS = {
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
}


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


def run_tabular(input_path: str | Path, output_path: str | Path, config: dict) -> dict:
    """Anonymize a CSV/Parquet file; returns a summary (no values)."""
    from veil.tabular.generalizer import _BUILDERS, Generalizer

    t0 = time.perf_counter()
    unknown = set(config) - _PARAMS - {"separator", "base_dir"}
    if unknown:
        raise TabularConfigError(f"unknown tabular option(s): {', '.join(sorted(unknown))}")
    params: dict[str, Any] = {k: v for k, v in config.items() if k in _PARAMS}
    base = Path(config.get("base_dir", "."))
    hier = {}
    for col, src in (params.get("hierarchies") or {}).items():
        is_path = isinstance(src, str) and src not in _BUILDERS and not Path(src).is_absolute()
        hier[col] = base / src if is_path else src
    params["hierarchies"] = hier
    sep = config.get("separator")
    table = read_table(input_path, sep)
    gen = Generalizer(**params).fit(table)
    out = gen.transform(table)
    out_sep = sep or (
        _sniff(Path(input_path).open(encoding="utf-8-sig").readline())
        if Path(input_path).suffix.lower() not in (".parquet", ".pq")
        else ","
    )
    write_table(out, output_path, out_sep)
    return {
        "rows": gen.n_records_,
        "columns": len(table),
        "quasi_identifiers": list(gen.qis_),
        "algorithm": gen.algorithm,
        "levels": gen.levels_,
        "suppressed": gen.suppressed_,
        "classes": gen.n_classes_,
        "loss": gen.loss_,
        "seconds": round(time.perf_counter() - t0, 4),
    }


_EPILOG = """examples:
  veil tabular adult.csv -o adult.anon.csv --policy tabular.yaml
  veil tabular users.parquet -o users.anon.parquet --policy tabular.toml --summary run.json

The policy file holds a `tabular:` section (or the options at its top level):
  tabular:
    quasi_identifiers: [age, sex, zip]
    hierarchies: {zip: zip_hierarchy.csv}   # ARX CSV, relative to the policy file
    k: 5
    suppression: 0.02
"""


def load_tabular_policy(path: str | Path) -> dict:
    """The tabular options of a YAML/TOML policy file, hierarchy paths relative to it."""
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
    config = data.get("tabular", data)
    if not isinstance(config, dict):
        raise TabularConfigError(f"{path}: field 'tabular' must be a mapping")
    config = dict(config)
    config.setdefault("base_dir", str(path.parent))
    return config


def register(add: Any, parents: dict) -> dict:
    """Adds ``veil tabular`` to the CLI (see :mod:`veil.cli`)."""
    p = add("tabular", "k-anonymize a table (CSV or Parquet)", [], _EPILOG)
    p.add_argument("input", metavar="IN", help="input table (.csv or .parquet)")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output table")
    p.add_argument("--policy", required=True, metavar="FILE", help="tabular policy (YAML/TOML)")
    p.add_argument("--summary", metavar="FILE.json", help="also write the JSON summary here")
    return {"tabular": _cmd_tabular}


def _cmd_tabular(args: Any) -> int:
    import json

    config = load_tabular_policy(args.policy)
    summary = run_tabular(args.input, args.output, config)
    text = json.dumps(summary, indent=2, default=str)
    print(text)
    if args.summary:
        Path(args.summary).write_text(text + "\n", encoding="utf-8")
    return 0
